"""Budget sweeps: every point solved, dominated points marked, minimum budget, tier dates."""

from __future__ import annotations

import pytest

from catalog.errors import DataError
from planner.compile.instance import build_instance
from planner.model.money import MONEY_SCALE
from planner.model.problem import load_problem
from planner.result.plan_result import SolveStatus
from planner.whatif.budgets import dominance, parse_budgets, with_budget
from planner.whatif.models import SweepPoint
from planner.whatif.pool import SerialExecutor
from planner.whatif.scenario import Scenario
from planner.whatif.sweep import sweep
from tests.whatif.conftest import OPTIONS, SCENARIOS


def test_parse_budgets() -> None:
    assert parse_budgets("500:1000:250") == (500, 750, 1000)
    assert parse_budgets("500:900:250") == (500, 750)
    assert parse_budgets("900, 500,500") == (500, 900)
    for bad in ("5:1", "a:b:c", "5:1:1", "1:5:0", "-1", ""):
        with pytest.raises(DataError, match="--budgets"):
            parse_budgets(bad)


def test_caps_follow_the_budget_as_asked(small: Scenario) -> None:
    base = small.base
    assert with_budget(base, 550, "scale").budget.yearly_caps == {2027: 225}
    assert with_budget(base, 400, "keep").budget.yearly_caps == {2027: 450}
    assert with_budget(base, 400, "drop").budget.yearly_caps == {}
    assert with_budget(base, None, "scale").budget.total is None


def _point(budget: float, period: int | None) -> SweepPoint:
    status = SolveStatus.OPTIMAL if period is not None else SolveStatus.INFEASIBLE
    return SweepPoint(budget=budget, status=status, reached_period=period)


def test_dominance() -> None:
    points = dominance(
        [_point(300, 9), _point(100, None), _point(200, 9), _point(400, 7), _point(500, 8)]
    )
    assert [(p.budget, p.dominated) for p in points] == [
        (100, False), (200, False), (300, True), (400, False), (500, True),
    ]  # fmt: skip


def test_sweep_the_small_scenario(small: Scenario) -> None:
    result = sweep(small.base, (600, 800, 1100, 1400), OPTIONS, executor=SerialExecutor())
    assert not result.partial and result.target_tier == 6 and result.current_tier == 4
    grid = {p.budget: p for p in result.points if p.source == "grid"}
    assert sorted(grid) == [600, 800, 1100, 1400]
    assert not grid[600].reaches and grid[600].status == SolveStatus.INFEASIBLE
    assert (grid[800].reached_period, grid[1100].reached_period) == (27, 25)
    assert grid[1400].dominated and not grid[1100].dominated and not grid[800].dominated
    for p in result.points:
        assert p.status != SolveStatus.INVALID_INPUT
        if p.reaches:
            assert p.validated and p.violations == ()
            assert p.total_cost is not None and p.total_cost <= p.budget * MONEY_SCALE
    # the minimum is a solved point reaching the target, and a solve just below it does not
    m = result.minimum
    assert m is not None and m.budget is not None and 600 < m.budget <= 800
    at_min = next(p for p in result.points if p.budget == m.budget)
    assert at_min.reaches
    if not m.exact:
        assert m.below is not None and m.budget - m.below <= m.tolerance
        assert not next(p for p in result.points if p.budget == m.below).reaches
    # tier dates with the problem's own budget: later tiers no earlier
    assert [t.tier for t in result.tiers] == [5, 6]
    assert result.tier_budget == 1100
    periods = [t.reached_period or 0 for t in result.tiers]
    assert all(t.reaches for t in result.tiers) and periods == sorted(periods)
    assert result.tiers[-1].reached_period == grid[1100].reached_period
    assert result.frontier == tuple(p for p in result.points if p.reaches and not p.dominated)


def test_sweep_a_bundled_organisation() -> None:
    problem = load_problem(SCENARIOS / "process_manufacturer.yaml")
    result = sweep(
        problem, (2700, 3200), OPTIONS, minimum=False, tier_budget=None, executor=SerialExecutor()
    )
    assert [p.budget for p in result.points] == [2700, 3200]
    assert all(p.reaches and p.validated and not p.violations for p in result.points)
    assert (result.points[1].reached_period or 0) <= (result.points[0].reached_period or 0)
    assert result.minimum is None and result.tier_budget is None
    assert [t.tier for t in result.tiers] == [5, 6, 7]
    assert result.current_tier == build_instance(problem).current_tier == 4
    # per-tier answers also go through the validator
    assert all(t.validated and not t.violations for t in result.tiers)


def test_unreachable_target(small: Scenario) -> None:
    short = small.base.replace(time={"start": "2027-01-01", "horizon": 6})
    result = sweep(short, (800,), OPTIONS, tiers=False, executor=SerialExecutor())
    assert result.minimum is not None and result.minimum.budget is None
    assert result.minimum.note is not None
    assert not any(p.reaches for p in result.points)
