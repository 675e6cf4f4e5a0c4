"""A budget left undecided by the search is settled by monotonicity, never left open."""

from __future__ import annotations

from planner.result.plan_result import SolveStatus
from planner.whatif.budgets import settle
from planner.whatif.models import SweepPoint


def _point(budget: float, status: SolveStatus, period: int | None = None) -> SweepPoint:
    return SweepPoint(
        budget=budget, status=status, reached_period=period, total_cost=100, route="r"
    )


def test_a_roadmap_within_less_budget_fits_more() -> None:
    points = {
        800.0: _point(800, SolveStatus.INFEASIBLE),
        900.0: _point(900, SolveStatus.OPTIMAL, 30),
        1000.0: _point(1000, SolveStatus.NO_SOLUTION),
    }
    settled = settle(points)[1000.0]
    assert settled.status == SolveStatus.FEASIBLE and settled.reached_period == 30
    assert settled.route == "r" and settled.message is not None
    assert "900.00" in str(settled.message)


def test_no_roadmap_within_more_budget_means_none_within_less() -> None:
    points = {
        700.0: _point(700, SolveStatus.NO_SOLUTION),
        800.0: _point(800, SolveStatus.INFEASIBLE),
    }
    assert settle(points)[700.0].status == SolveStatus.INFEASIBLE


def test_what_monotonicity_cannot_decide_stays() -> None:
    points = {
        700.0: _point(700, SolveStatus.INFEASIBLE),
        800.0: _point(800, SolveStatus.NO_SOLUTION),
        900.0: _point(900, SolveStatus.OPTIMAL, 20),
    }
    settled = settle(points)
    assert settled[800.0].status == SolveStatus.NO_SOLUTION
    assert settled[900.0] == points[900.0] and settled[700.0] == points[700.0]
