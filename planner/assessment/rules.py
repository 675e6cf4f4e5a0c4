"""capplan's scoring rules (catalog/data/assumptions/assessment_scoring.yaml), loaded and checked.

The file is our interpretation where T/AIITRE 10004 is silent; any copy of it can be passed
instead. Errors name the file, the key path and the line.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from catalog import Catalog, load_catalog
from catalog.errors import DataError, Issue, TextValueError, at
from catalog.loader import DATA_DIR
from catalog.models.base import Frozen, Text, TextOrStr
from catalog.yamlio import YamlDocument
from planner.assessment.items import requirement_items

RULES_FILE = DATA_DIR / "assumptions" / "assessment_scoring.yaml"
ASPECTS: tuple[str, ...] = ("data_collection", "model", "business_integration")
ANSWERS: tuple[str, ...] = ("met", "partly_met", "not_met")
NOT_APPLICABLE = "not_applicable"  # needs a reason; never met, never holds a level back
NOT_APPLICABLE_LABEL = Text(zh="不适用", en="not applicable")
NEEDS_REASON = (  # zh, en: an item answered not applicable needs its reason
    "答“不适用”须说明理由：请写明该要求项为何不适用（reason）",
    "answered not applicable without a reason: say why the item does not apply (reason)",
)


def needs_reason(where: str | tuple[str | int, ...]) -> Issue:
    """The error of an item answered not applicable without a reason."""
    return at(where, *NEEDS_REASON)


# the breadths a main scenario / the whole organisation can reach, in order (10004 6.1)
SCENARIO_BREADTHS: tuple[str, ...] = (
    "none",
    "single_point",
    "single_department",
    "cross_department",
    "main_scenario",
)
ORGANISATION_BREADTHS: tuple[str, ...] = (
    "none",
    "whole_organisation",
    "platform_user_group",
    "ecosystem",
)


class Unanswered(Frozen):
    counts_as: Literal["not_met"] = "not_met"
    rationale: Text


class PartlyMet(Frozen):
    min_met_share: float = Field(ge=0, le=1)
    rationale: Text


class Conditional(Frozen):
    policy: Literal["advisory", "required"]
    clauses: tuple[str, ...]
    rationale: Text


class LevelRules(Frozen):
    subdomain: Text
    domain: Text
    overall: Text


class DepthLabel(Text):
    rows: tuple[str, ...] = ()


class Aspect(Frozen):
    name: Text
    depths: dict[str, DepthLabel]


class Table1Rules(Frozen):
    scenario_breadths: tuple[str, ...]
    organisation_breadths: tuple[str, ...]
    none: Text
    aspects: dict[str, Aspect]
    depth_reached: Text
    units: Text
    tier: Text

    @model_validator(mode="after")
    def _aspects(self) -> Table1Rules:
        if tuple(self.aspects) != ASPECTS:
            raise TextValueError(
                f"aspects 须依次为 {', '.join(ASPECTS)}",
                f"aspects must be {', '.join(ASPECTS)} in this order",
            )
        if self.scenario_breadths != SCENARIO_BREADTHS:
            raise TextValueError(
                f"scenario_breadths 须为 {list(SCENARIO_BREADTHS)}",
                f"scenario_breadths must be {list(SCENARIO_BREADTHS)}",
            )
        if self.organisation_breadths != ORGANISATION_BREADTHS:
            raise TextValueError(
                f"organisation_breadths 须为 {list(ORGANISATION_BREADTHS)}",
                f"organisation_breadths must be {list(ORGANISATION_BREADTHS)}",
            )
        return self


class GapRules(Frozen):
    row_choice: Literal["lowest_level", "highest_level"]
    rationale: Text


class ScoringRules(Frozen):
    """How answers become levels, tiers and gaps."""

    assumption: TextOrStr
    answers: dict[Literal["met", "partly_met", "not_met", "not_applicable"], Text]
    unanswered: Unanswered
    partly_met_counts: PartlyMet | None
    conditional_items: Conditional
    levels: LevelRules
    table1: Table1Rules
    gap: GapRules

    @model_validator(mode="after")
    def _answers(self) -> ScoringRules:
        if set(self.answers) - {NOT_APPLICABLE} != set(ANSWERS):
            raise TextValueError(
                "answers 须为 met、partly_met 和 not_met 给出标签（可另为 not_applicable 给出）",
                "answers must label met, partly_met and not_met (and may label not_applicable)",
            )
        return self

    def answer_options(self) -> list[tuple[str, Text]]:
        """Every answer a questionnaire accepts, with its label (not applicable last)."""
        options = [(a, self.answers[a]) for a in ANSWERS]  # type: ignore[index]
        return [
            *options,
            (NOT_APPLICABLE, self.answers.get("not_applicable", NOT_APPLICABLE_LABEL)),
        ]


def load_rules(path: Path | None = None, catalog: Catalog | None = None) -> ScoringRules:
    """Read a scoring file (default: the bundled one) and check it against the catalogue."""
    if path is None and catalog is None:
        return _default_rules()
    return _load(path or RULES_FILE, catalog)


@lru_cache(maxsize=1)
def _default_rules() -> ScoringRules:
    return _load(RULES_FILE, None)


def _load(path: Path, catalog: Catalog | None) -> ScoringRules:
    doc = YamlDocument.from_path(Path(path))
    if not isinstance(doc.data, dict):
        raise DataError(
            [doc.issue((), "顶层应为映射（键: 值）", "expected a mapping at the top level")]
        )
    rules = doc.validate(ScoringRules)
    cat = catalog or load_catalog()
    problems: list[Issue] = []
    t1 = rules.table1
    asked = {(row.depth, k.aspect) for row in cat.tier_rows for k in row.key_requirements}
    rows = {r.id: r for r in cat.tier_rows}
    for aspect, block in t1.aspects.items():
        for depth, label in block.depths.items():
            where = ("table1", "aspects", aspect, "depths", depth)
            if (depth, aspect) not in asked:
                problems.append(
                    doc.issue(
                        where,
                        f"表1在深度 {depth!r} 没有 {aspect} 方面的要求",
                        f"Table 1 asks no {aspect} requirement at depth {depth!r}",
                    )
                )
            for r in label.rows:
                if r not in rows or rows[r].depth != depth:
                    problems.append(
                        doc.issue(
                            where,
                            f"{r!r} 不是深度 {depth!r} 的表1行",
                            f"{r!r} is not a Table 1 row of depth {depth!r}",
                        )
                    )
        for depth, a in sorted(asked):
            if a == aspect and depth not in block.depths:
                problems.append(
                    doc.issue(
                        ("table1", "aspects", aspect, "depths"),
                        f"表1要求的深度 {depth!r} 没有标签",
                        f"no label for depth {depth!r}, which Table 1 asks",
                    )
                )
    clauses = {item.id for item in requirement_items(cat)}
    for i, clause in enumerate(rules.conditional_items.clauses):
        if clause not in clauses:
            problems.append(
                doc.issue(
                    ("conditional_items", "clauses", i),
                    f"未知要求项 {clause!r}",
                    f"unknown requirement item {clause!r}",
                )
            )
    if problems:
        raise DataError(problems)
    return rules
