"""Objectives cheapest and max-tier on the tiny organisation, with answers known by hand."""

from __future__ import annotations

from planner.result.plan_result import SolveStatus
from tests.planner.conftest import make
from tests.planner.test_plan_known_optima import solved, wan

SLOW_CHEAP = {"effort": [{"unit": u, "kind": "deepening", "months": 20, "cost": 10} for u in "cd"]}


def test_cheapest_prefers_the_cheap_slow_route() -> None:
    result = solved(make(objective="cheapest", overrides=SLOW_CHEAP))
    assert result.roadmap is not None
    assert result.roadmap.row == "L1-T5"
    assert wan(result.objective.total_cost, 20)
    assert result.objective.target_period == 20


def test_fastest_on_the_same_problem_pays_more() -> None:
    result = solved(make(overrides=SLOW_CHEAP))
    assert result.objective.target_period == 19  # L2-T5@rnd: L2 requirement work, the model
    # 505 of requirement and unit work, and 15 of the main scenario's CL2 scope work
    assert wan(result.objective.total_cost, 520)


def test_max_tier_within_a_small_budget() -> None:
    # 70 万元 buys the whole-organisation IS integration (60 万元) and nothing above tier 5
    result = solved(make(objective="max-tier", target=None, budget={"total": 70}))
    assert result.objective.tier == 5
    assert result.objective.target_period == 3
    assert wan(result.objective.total_cost, 60)


def test_max_tier_without_budget_reaches_domain_level() -> None:
    # no partner units, so L4/L5 rows are out. The L2 strategy work comes first (competitive
    # advantage 2 months, then the business scenario and value model 2: advantage_first), then
    # each unit's CL2 plan (1), the scope work (2, scope_work_before_elements), its element work
    # (4) and evaluation (1): CL2 by month 12. Deepening to digital integration (4), dynamic
    # collaboration (5) and intelligent autonomy (6) by 27, then the whole organisation's
    # intelligent model (5 months): L3-T8 at month 32. Within 24 months the highest is L3-T6
    # (the units' CL3 evaluations end at 24); within 30 it is L3-T7 (the dynamic-collaboration
    # model over the organisation, months 21-25).
    for horizon, row, period in ((24, "L3-T6", 24), (30, "L3-T7", 25), (36, "L3-T8", 32)):
        time = {"start": "2027-01-01", "period": "month", "horizon": horizon}
        result = solved(make(objective="max-tier", target=None, time=time))
        assert result.objective.tier == int(row[-1]), horizon
        assert result.roadmap is not None and result.roadmap.row == row, horizon
        assert result.objective.target_period == period, horizon


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
