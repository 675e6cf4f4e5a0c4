"""When a maturity level holds: the requirement items of 10004 5.2–5.6, read item by item.

Solver-free, half of the one tier definition (the other half, breadth × depth over a scope,
is ``planner.compile.state``). The reading is ``catalog/data/assumptions/maturity_reading.yaml``: a
level Lk holds when, for every requirement-work subdomain, every item of Lk and of each lower
level is met (5.2.1–5.6.1); advisory items and items declared not applicable never count; the
items of the capability-work subdomains (新型能力, 业务数字化) are met by the capability work
that the row's breadth × depth asks, so they are checked there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from catalog import Catalog
from catalog.models.base import Text
from catalog.models.maturity import LEVEL_IDS
from planner.model.requirements import RequirementItem, sections


@dataclass(frozen=True)
class SectionWork:
    """The counted items of one subdomain at one level (the unit of requirement work)."""

    subdomain: str
    level: int  # 1..5
    clause: str  # the subdomain's clause at that level, e.g. 5.3.2.1
    name: Text  # the subdomain's name
    items: tuple[str, ...]  # counted items (not advisory, not declared not applicable)


class Maturity:
    """The maturity half of the tier definition, for one catalogue and one problem.

    Built once per compiled instance (or assessment); read-only afterwards.
    """

    def __init__(self, catalog: Catalog, not_applicable: Mapping[str, Text] | None = None):
        self.catalog = catalog
        self.not_applicable: dict[str, Text] = dict(not_applicable or {})
        reading = catalog.maturity_reading
        self.advisory: frozenset[str] = frozenset(reading.advisory_items.clauses)
        self._work = frozenset(reading.requirement_work.subdomains)
        self._sections: dict[tuple[str, int], SectionWork] = {}
        self.items: dict[str, RequirementItem] = {}
        for section in sections(catalog):
            level = LEVEL_IDS.index(section.level) + 1
            for item in section.items:
                self.items[item.id] = item
            counted = tuple(
                i.id
                for i in section.items
                if i.id not in self.advisory and i.id not in self.not_applicable
            )
            self._sections[(section.subdomain, level)] = SectionWork(
                section.subdomain, level, section.clause, section.name, counted
            )

    def is_work(self, subdomain: str) -> bool:
        """Met by organisation-level requirement work (else by capability work)."""
        return subdomain in self._work

    def section(self, subdomain: str, level: int) -> SectionWork:
        return self._sections[(subdomain, level)]

    def work_sections(self, up_to: int) -> list[SectionWork]:
        """The requirement-work sections of levels 1..up_to, in the standard's order."""
        out = []
        for level in range(1, up_to + 1):
            for sub in self.catalog.subdomains():
                if self.is_work(sub.id):
                    out.append(self.section(sub.id, level))
        return out

    # -- evaluation -------------------------------------------------------------------
    def unmet(self, met: frozenset[str], up_to: int) -> list[tuple[SectionWork, tuple[str, ...]]]:
        """Requirement-work sections of levels ≤ up_to with counted items not met."""
        out = []
        for section in self.work_sections(up_to):
            missing = tuple(i for i in section.items if i not in met)
            if missing:
                out.append((section, missing))
        return out

    def holds(self, met: frozenset[str], level: int) -> bool:
        """Whether maturity level ``level`` (1..5) holds on the requirement-work items."""
        return not self.unmet(met, level)

    def level(self, met: frozenset[str]) -> int:
        """The highest level (0..5) that holds on the requirement-work items."""
        reached = 0
        for level in range(1, len(LEVEL_IDS) + 1):
            if not self.holds(met, level):
                break
            reached = level
        return reached

    def subdomain_level(self, met: frozenset[str], subdomain: str) -> int:
        reached = 0
        for level in range(1, len(LEVEL_IDS) + 1):
            if any(i not in met for i in self.section(subdomain, level).items):
                break
            reached = level
        return reached

    def counted_up_to(self, level: int) -> list[str]:
        """Every counted item of levels ≤ level (requirement and capability work alike)."""
        return [
            item
            for lv in range(1, level + 1)
            for sub in self.catalog.subdomains()
            for item in self.section(sub.id, lv).items
        ]

    def up_to(self, level: int) -> Iterable[RequirementItem]:
        """Every item of levels ≤ level, advisory and not-applicable ones included."""
        for item in self.items.values():
            if LEVEL_IDS.index(item.level) + 1 <= level:
                yield item
