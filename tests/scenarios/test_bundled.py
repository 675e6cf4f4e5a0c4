"""Every bundled organisation loads, plans to proven optimality and validates."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.errors import DataError
from planner.compile.instance import build_instance
from planner.model.problem import Budget, load_problem
from planner.result.plan_result import SolveParams, SolveStatus
from planner.result.roadmap import trajectory
from planner.result.validate import validate
from planner.solve.plan import plan

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
FILES = sorted(SCENARIOS.glob("*.yaml"))
PARAMS = SolveParams(time_limit=30, workers=2, seed=0, compare_routes=False)


def test_there_is_a_bundled_demo() -> None:
    assert (SCENARIOS / "discrete_manufacturer.yaml").exists()


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_bundled_example_plans_optimally(path: Path) -> None:
    problem = load_problem(path)
    result = plan(problem, PARAMS)
    assert result.status == SolveStatus.OPTIMAL, (result.status, result.errors, result.message)
    assert result.roadmap is not None
    instance = build_instance(problem)
    assert validate(result.roadmap, instance) == []
    points = trajectory(result.roadmap, instance)
    assert result.roadmap.target_period is not None
    assert points[result.roadmap.target_period - 1].tier >= (result.target_tier or 0)
    assert result.roadmap.total_cost == result.objective.total_cost
    if problem.budget.total is not None:
        assert result.roadmap.total_cost <= problem.budget.total * 10_000


def test_variant_by_replace_leaves_the_base_untouched() -> None:
    base = load_problem(SCENARIOS / "discrete_manufacturer.yaml")
    variant = base.replace(budget={"total": 1})
    assert base.budget.total != 1
    assert variant.budget.total == 1
    assert plan(variant, PARAMS).status == SolveStatus.INFEASIBLE


def test_invalid_replace_names_the_field() -> None:
    base = load_problem(SCENARIOS / "discrete_manufacturer.yaml")
    with pytest.raises(DataError, match=r"time\.horizon"):
        base.replace(time={"start": "2027-01-01", "horizon": -3})
    with pytest.raises(DataError, match="unknown field 'budgett'"):
        base.replace(budgett=5)


def test_partial_nested_replace_keeps_the_other_fields() -> None:
    """The README's what-if: a new total keeps the yearly caps; a model replaces the whole."""
    base = load_problem(SCENARIOS / "discrete_manufacturer.yaml")
    assert base.budget.yearly_caps
    cheaper = base.replace(budget={"total": 900})
    assert cheaper.budget.total == 900
    assert cheaper.budget.yearly_caps == base.budget.yearly_caps
    uncapped = base.replace(budget=Budget(total=900))
    assert uncapped.budget.yearly_caps == {}
    shorter = base.replace(time={"horizon": 12})
    assert (shorter.time.start, shorter.time.horizon) == (base.time.start, 12)


def test_target_is_replaced_whole() -> None:
    """Tier and row are alternatives: a new tier drops the row, and the other way round."""
    base = load_problem(SCENARIOS / "discrete_manufacturer.yaml")
    by_row = base.replace(target={"row": "L3-T7"})
    assert by_row.target is not None and by_row.target.tier is None
    by_tier = by_row.replace(target={"tier": 6})
    assert by_tier.target is not None and by_tier.target.row is None
