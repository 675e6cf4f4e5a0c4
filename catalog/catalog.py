"""The Catalog: every part of both standards plus capplan's labelled assumptions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from catalog.models.assumptions import (
    MaturityReading,
    TierMapping,
    UnitLibrary,
    UnitTemplate,
)
from catalog.models.base import Note, Text
from catalog.models.capability import (
    CapabilityLevels,
    CapabilitySystem,
    Dimensions,
    LevelPriorities,
)
from catalog.models.effort import EffortModel
from catalog.models.maturity import (
    Breadth,
    Depth,
    Domain,
    Industry,
    LevelRequirements,
    MaturityLevel,
    Subdomain,
    TierRow,
)

T = TypeVar("T")

STANDARD_10004 = Text(
    zh="T/AIITRE 10004—2023 数字化转型 成熟度模型",
    en="T/AIITRE 10004—2023 Digital transformation — Maturity model",
)
STANDARD_20001 = Text(
    zh="T/AIITRE 20001—2021 数字化转型 新型能力体系建设指南",
    en="T/AIITRE 20001—2021 Digital transformation — Guide to building the new-capability system",
)
# The two standards place the culture assumptions one level apart; each is quoted as written.
CULTURE_LEVELS_NOTE = Text(
    zh="注：两项标准对组织文化所基于的人性假设的等级安排相差一级——T/AIITRE 10004—2023"
    "（组织文化，5.x.5.6 b）：L1“经济人”、L2“社会人”、L3“知识人”、L4“合伙人”、L5“生态人”；"
    "T/AIITRE 20001—2021（附录A 组织文化，A.x.3.4）：CL2“经济人”、CL3“社会人”、CL4“知识人”、"
    "CL5“合伙人”。两者各按其标准原文列出，未作统一。",
    en="Note: the two standards place the assumptions about people behind the organisational "
    "culture one level apart. T/AIITRE 10004—2023 (culture, 5.x.5.6 b): L1 'economic man' "
    "(经济人), L2 'social man' (社会人), L3 'knowledge worker' (知识人), L4 'partner' (合伙人), "
    "L5 'ecological man' (生态人); T/AIITRE 20001—2021 (Appendix A culture, A.x.3.4): CL2 "
    "经济人, CL3 社会人, CL4 知识人, CL5 合伙人. Each is quoted from its own standard; neither "
    "is adjusted to the other.",
)


def shows_both_cultures(subdomain: str | None, priorities: tuple[str, ...]) -> bool:
    """Whether a step (or row) shows 10004's culture items and 20001's culture priorities."""
    return subdomain == "governance.culture" or any(
        p.startswith(f"A.{k}.3.4") for p in priorities for k in range(2, 6)
    )


@dataclass(frozen=True)
class Catalog:
    """Immutable, validated catalogue. Build it with ``catalog.loader.load_catalog``."""

    version: str
    levels: tuple[MaturityLevel, ...]
    breadths: tuple[Breadth, ...]
    breadth_notes: tuple[Note, ...]
    depths: tuple[Depth, ...]
    tier_rows: tuple[TierRow, ...]
    domains: tuple[Domain, ...]
    requirements: tuple[LevelRequirements, ...]
    main_scenario_definition: Text
    industries: tuple[Industry, ...]
    capability_system: CapabilitySystem
    dimensions: Dimensions
    capability_levels: CapabilityLevels
    priorities: tuple[LevelPriorities, ...]
    unit_library: UnitLibrary
    tier_mapping: TierMapping
    effort: EffortModel
    maturity_reading: MaturityReading

    # -- lookups -------------------------------------------------------------------------
    def level(self, level_id: str) -> MaturityLevel:
        return _find(self.levels, level_id, "maturity level")

    def breadth(self, breadth_id: str) -> Breadth:
        return _find(self.breadths, breadth_id, "breadth")

    def depth(self, depth_id: str) -> Depth:
        return _find(self.depths, depth_id, "depth")

    def tier_row(self, row_id: str) -> TierRow:
        return _find(self.tier_rows, row_id, "Table 1 row")

    def industry(self, industry_id: str) -> Industry:
        return _find(self.industries, industry_id, "industry")

    def subdomains(self) -> tuple[Subdomain, ...]:
        return tuple(sub for domain in self.domains for sub in domain.subdomains)

    def requirements_of(self, level_id: str) -> LevelRequirements:
        for block in self.requirements:
            if block.level == level_id:
                return block
        raise KeyError(f"unknown maturity level {level_id!r}")

    def priorities_of(self, capability_level: str) -> LevelPriorities:
        for block in self.priorities:
            if block.level == capability_level:
                return block
        raise KeyError(f"unknown capability level {capability_level!r}")

    def units_for(self, industry_id: str) -> tuple[UnitTemplate, ...]:
        self.industry(industry_id)
        return self.unit_library.units_for(industry_id)

    @property
    def max_tier(self) -> int:
        return max(row.tier for row in self.tier_rows)


def _find(items: tuple[T, ...], key: str, what: str) -> T:
    for item in items:
        if getattr(item, "id", None) == key:
            return item
    known = ", ".join(str(getattr(i, "id", "?")) for i in items)
    raise KeyError(f"unknown {what} {key!r} (known: {known})")
