"""``--risk-target``: the candidate with the earliest date at the level, and the buffer."""

from __future__ import annotations

from planner.model.problem import load_problem
from planner.risk import RiskOptions
from planner.risk.choose import choose
from tests.risk.conftest import planned, serial_pair
from tests.scenarios.test_bundled import SCENARIOS


def test_commitment_and_buffer_of_the_only_candidate() -> None:
    instance, roadmap = planned(serial_pair())
    result = choose(instance, roadmap, RiskOptions(runs=200, level=0.8))
    assert [c.chosen for c in result.candidates] == [True]
    m = result.commitment
    assert m is not None and m.level == 0.8
    assert m.period == result.target.periods["p80"]
    assert m.buffer_periods == (m.period or 0) - (roadmap.target_period or 0) > 0


def test_the_earliest_date_at_the_level_wins() -> None:
    # the financial group: the greedy roadmap of its other route (with chains) fits the horizon
    instance, roadmap = planned(load_problem(SCENARIOS / "financial_services.yaml"))
    result = choose(instance, roadmap, RiskOptions(runs=60, level=0.8))
    assert len(result.candidates) >= 2  # the solver's roadmap and greedy ones of other routes
    dated = [c.at_level for c in result.candidates if c.at_level is not None]
    chosen = next(c for c in result.candidates if c.chosen)
    assert chosen.at_level == min(dated)
    assert result.route == chosen.route
    assert result.candidates[0].route == roadmap.route  # the solver's roadmap comes first
    target = max(result.tiers, key=lambda t: t.tier)
    assert target.planned == result.planned_date  # the roadmap's own date for its tier
