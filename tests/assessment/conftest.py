"""Hand-made assessments: every requirement met up to a level, and Table 1 answers per group."""

from __future__ import annotations

import pytest

from catalog import load_catalog
from planner.assessment import Assessment, GroupAnswer, ItemAnswer, ScoringRules, load_rules
from planner.assessment.items import level_rank, requirement_items

INDUSTRY = "discrete_manufacturing"
SCENARIOS = ("rnd", "production", "user_service", "operations_management")
TIME = {"start": "2027-01-01", "period": "month", "horizon": 36}


def group(breadth: str, depth: str, model: str | None = None) -> GroupAnswer:
    """A group that reached a breadth and, in all three aspects, a depth."""
    if model is None:
        model = "none" if depth in ("it_application", "is_application") else depth
    return GroupAnswer(
        breadth=breadth, data_collection=depth, model=model, business_integration=depth
    )


def everywhere(depth: str, organisation: str) -> dict[str, GroupAnswer]:
    """Every main scenario fully covered at a depth; the organisation at a breadth."""
    out = {s: group("main_scenario", depth) for s in SCENARIOS}
    out["organisation"] = group(organisation, depth)
    return out


def answers_up_to(level: int, answer: str = "met") -> dict[str, ItemAnswer]:
    return {
        item.id: ItemAnswer(answer=answer)
        for item in requirement_items(load_catalog())
        if level_rank(item.level) <= level
    }


def make(
    level: int,
    table1: dict[str, GroupAnswer] | None = None,
    changes: dict[str, str | None] | None = None,
    industry: str = INDUSTRY,
) -> Assessment:
    """All items met up to ``level``, then ``changes`` (item id → answer, None = blank)."""
    answers = answers_up_to(level)
    for item_id, answer in (changes or {}).items():
        answers[item_id] = ItemAnswer(answer=answer)
    return Assessment(
        organisation={"name": "测试组织", "industry": industry},
        answers=answers,
        table1=table1 or {},
    )


# tier → (overall level, Table 1 answers) reaching exactly that tier
TIER_CASES: dict[int, tuple[int, dict[str, GroupAnswer]]] = {
    1: (1, {"operations_management": group("single_point", "it_application")}),
    2: (1, {"operations_management": group("single_department", "is_application")}),
    3: (1, {"operations_management": group("cross_department", "is_integration")}),
    4: (1, {"production": group("main_scenario", "is_integration")}),
    5: (1, everywhere("is_integration", "whole_organisation")),
    6: (2, {"production": group("main_scenario", "dynamic_collaboration")}),
    7: (2, {"production": group("main_scenario", "intelligent_autonomy")}),
    8: (3, everywhere("intelligent_autonomy", "whole_organisation")),
    9: (4, everywhere("intelligent_autonomy", "platform_user_group")),
    10: (5, everywhere("intelligent_autonomy", "ecosystem")),
}


def for_tier(tier: int) -> Assessment:
    level, table1 = TIER_CASES[tier]
    return make(level, table1)


@pytest.fixture(scope="session")
def rules() -> ScoringRules:
    return load_rules()
