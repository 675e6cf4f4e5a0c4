"""Objectives cheapest and max-tier on the tiny organisation, with answers known by hand."""

from __future__ import annotations

from planner.result.plan_result import SolveStatus
from tests.planner.conftest import make
from tests.planner.test_plan_known_optima import solved, wan

SLOW_CHEAP = {"effort": [{"unit": u, "kind": "deepening", "months": 16, "cost": 10} for u in "cd"]}


def test_cheapest_prefers_the_cheap_slow_route() -> None:
    result = solved(make(objective="cheapest", overrides=SLOW_CHEAP))
    assert result.roadmap is not None
    assert result.roadmap.row == "L1-T5"
    assert wan(result.objective.total_cost, 20)
    assert result.objective.target_period == 16


def test_fastest_on_the_same_problem_pays_more() -> None:
    result = solved(make(overrides=SLOW_CHEAP))
    assert result.objective.target_period == 15  # L2-T5@rnd: L2 requirement work, the model
    # 505 of requirement and unit work, and 15 of the main scenario's CL2 scope work
    assert wan(result.objective.total_cost, 520)


def test_max_tier_within_a_small_budget() -> None:
    # 70 万元 buys the whole-organisation IS integration (60 万元) and nothing above tier 5
    result = solved(make(objective="max-tier", target=None, budget={"total": 70}))
    assert result.objective.tier == 5
    assert result.objective.target_period == 3
    assert wan(result.objective.total_cost, 60)


def test_max_tier_without_budget_reaches_domain_level() -> None:
    # no partner units, so L4/L5 rows are out. The L2 strategy work (2 months) comes first, so
    # CL2 by month 8, CL3 by month 17, every unit's intelligent autonomy by 23, and then the
    # whole organisation's intelligent model (5 months): L3-T8 at month 28. Within 24 months the
    # highest is L3-T7 (knowledge model over the organisation) at month 21.
    result = solved(make(objective="max-tier", target=None))
    assert result.objective.tier == 7
    assert result.roadmap is not None and result.roadmap.row == "L3-T7"
    assert result.objective.target_period == 21
    longer = {"start": "2027-01-01", "period": "month", "horizon": 30}
    result = solved(make(objective="max-tier", target=None, time=longer))
    assert result.objective.tier == 8
    assert result.roadmap is not None and result.roadmap.row == "L3-T8"
    assert result.objective.target_period == 28


def test_max_tier_with_nothing_affordable_stays_put() -> None:
    result = solved_or_current(make(objective="max-tier", target=None, budget={"total": 1}))
    assert result == 4


def solved_or_current(problem: object) -> int:
    from planner.model.problem import Problem
    from planner.solve.plan import plan

    assert isinstance(problem, Problem)
    result = plan(problem)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective.tier is not None
    return result.objective.tier
