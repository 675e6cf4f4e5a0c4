"""A stage that runs out of time still answers: the best roadmap, its bound and gap in words."""

from __future__ import annotations

from planner.baseline import greedy_plan
from planner.instance import build_instance
from planner.plan import plan
from planner.problem import load_problem
from planner.result import SolveParams, SolveStatus


def test_unproven_keeps_roadmap_bound_and_gap() -> None:
    # the construction group with its yearly caps × 0.7: the greedy roadmap reaches the target
    # in 18 quarters; the caps bound it below by 17, which no short search refutes
    base = load_problem("scenarios/construction_group.yaml")
    caps = {y: c * 0.7 for y, c in base.budget.yearly_caps.items()}
    problem = base.replace(budget={"total": base.budget.total, "yearly_caps": caps})
    result = plan(problem, SolveParams(time_limit=2, compare_routes=False))
    greedy = greedy_plan(build_instance(problem))
    assert greedy is not None and greedy.target_period == 18
    assert result.status == SolveStatus.FEASIBLE
    assert result.roadmap is not None and result.violations == ()
    period = result.objective.target_period
    assert period is not None and period <= greedy.target_period
    assert result.bound.target_period == 17
    assert result.gap is not None and result.gap == (period - 17) / period
    assert result.message is not None and not isinstance(result.message, str)
    assert "下界为17" in result.message.zh and "lower bound 17" in result.message.en
    assert f"{result.gap:.1%}" in result.message.en


def test_proven_optimum_has_no_such_message() -> None:
    result = plan(
        load_problem("scenarios/discrete_manufacturer.yaml"),
        SolveParams(time_limit=15, compare_routes=False),
    )
    assert result.status == SolveStatus.OPTIMAL
    assert result.message is None and result.gap == 0.0
