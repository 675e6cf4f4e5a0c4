"""A stage that runs out of time still answers: the best roadmap, its bound and gap in words."""

from __future__ import annotations

from planner.compile.instance import build_instance
from planner.model.problem import load_problem
from planner.result.plan_result import SolveParams, SolveStatus
from planner.solve.baseline import greedy_plan
from planner.solve.plan import plan


def test_unproven_keeps_roadmap_bound_and_gap() -> None:
    # the financial group with its yearly caps × 0.75: the greedy roadmap reaches the target in
    # 28 quarters; the caps bound it below by 26, which a short search does not reach (a 10 s
    # search proves 26)
    base = load_problem("scenarios/financial_services.yaml")
    caps = {y: c * 0.75 for y, c in base.budget.yearly_caps.items()}
    problem = base.replace(budget={"total": base.budget.total, "yearly_caps": caps})
    result = plan(problem, SolveParams(time_limit=2, compare_routes=False))
    greedy = greedy_plan(build_instance(problem))
    assert greedy is not None and greedy.target_period == 28
    assert result.status == SolveStatus.FEASIBLE
    assert result.roadmap is not None and result.violations == ()
    period = result.objective.target_period
    bound = result.bound.target_period
    assert period is not None and period <= greedy.target_period
    assert bound is not None and bound < period
    assert result.gap is not None and result.gap == (period - bound) / period
    assert result.message is not None and not isinstance(result.message, str)
    assert f"下界为{bound}" in result.message.zh and f"lower bound {bound}" in result.message.en
    assert f"{result.gap:.1%}" in result.message.en


def test_proven_optimum_has_no_such_message() -> None:
    result = plan(
        load_problem("scenarios/discrete_manufacturer.yaml"),
        SolveParams(time_limit=15, compare_routes=False),
    )
    assert result.status == SolveStatus.OPTIMAL
    assert result.message is None and result.gap == 0.0
