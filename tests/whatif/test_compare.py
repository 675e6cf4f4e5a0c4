"""Comparison of the base and its variants: solved, validated, diffed, JSON round trip."""

from __future__ import annotations

import datetime as dt
import json

from catalog.models.base import Text
from planner.compile.instance import build_instance
from planner.result.plan_result import SolveStatus
from planner.result.roadmap import Roadmap, ScheduledStep
from planner.result.validate import validate
from planner.whatif.compare import compare, roadmap_diff
from planner.whatif.models import Comparison
from planner.whatif.pool import SerialExecutor
from planner.whatif.scenario import Scenario
from planner.whatif.variants import load_scenario
from tests.whatif.conftest import OPTIONS, WHATIF


def _step(sid: str, start: int, end: int, rate: int = 100) -> ScheduledStep:
    return ScheduledStep(
        id=sid,
        kind="upgrade",
        title=Text(zh=sid, en=sid),
        group="rnd",
        start=start,
        end=end,
        start_date=dt.date(2027, 1 + start, 1),
        end_date=dt.date(2027, 1 + end, 1),
        rate=rate,
        staff=1,
    )


def test_roadmap_diff_names_added_removed_and_moved_steps() -> None:
    base = Roadmap(
        route="r1",
        row="L2-T6",
        target_period=5,
        steps=(_step("a", 0, 2), _step("b", 2, 5), _step("c", 1, 3)),
    )
    other = Roadmap(
        route="r2",
        row="L2-T6",
        target_period=7,
        steps=(_step("a", 0, 2), _step("b", 4, 7), _step("d", 0, 1)),
    )
    diff = roadmap_diff(base, other)
    assert [s.id for s in diff.added] == ["d"]
    assert [s.id for s in diff.removed] == ["c"]
    assert [(m.id, m.base_start, m.start, m.shift) for m in diff.moved] == [("b", 2, 4, 2)]
    assert diff.unchanged == 1
    assert diff.route_changed and diff.target_shift == 2
    assert diff.cost_change == other.total_cost - base.total_cost == 100 - 200


def _check_validated(scenario: Scenario, comparison: Comparison) -> None:
    problems = {v.name: v.problem for v in scenario.all()}
    for result in comparison.variants:
        if result.roadmap is None:
            continue
        assert result.validated and result.violations == ()
        assert validate(result.roadmap, build_instance(problems[result.name])) == []


def test_compare_the_small_scenario(small: Scenario) -> None:
    comparison = compare(small, OPTIONS, SerialExecutor())
    assert not comparison.partial and comparison.missing == ()
    assert [v.name for v in comparison.variants] == ["base", "lean", "tier-5", "no-caps", "slow"]
    base = comparison.variant("base")
    assert base.is_base and base.diff is None and base.status == SolveStatus.OPTIMAL
    assert (base.reached_period, base.reached_date) == (25, dt.date(2029, 2, 1))
    assert base.trajectory[-1].tier == 6 and base.trajectory[0].tier == 4
    assert sum(base.spend_per_year.values()) == base.total_cost
    lean = comparison.variant("lean")
    assert lean.reached_period == 27 and lean.diff is not None
    assert lean.diff.target_shift == 2 and lean.diff.moved and not lean.diff.added
    assert lean.budget_total == 825
    lower = comparison.variant("tier-5")
    assert lower.diff is not None and lower.diff.removed and lower.reached_period == 3
    # durations × 1.5 need more than the 36 months: an answer with its reason, no roadmap
    slow = comparison.variant("slow")
    assert slow.status == SolveStatus.INFEASIBLE and slow.message is not None
    assert slow.diff is None and slow.reached_period is None
    _check_validated(small, comparison)
    again = Comparison.model_validate(json.loads(json.dumps(comparison.model_dump(mode="json"))))
    assert again == comparison


def test_compare_a_bundled_organisation() -> None:
    scenario = load_scenario(WHATIF / "process_manufacturer.yaml")
    comparison = compare(
        scenario, OPTIONS, SerialExecutor(), only=["early-staffing", "target-tier-6"]
    )
    assert [v.name for v in comparison.variants] == ["base", "early-staffing", "target-tier-6"]
    base, early, lower = comparison.variants
    assert base.status == lower.status == SolveStatus.OPTIMAL
    # the L2 requirement work's chain (strategy → governance → evaluation) now sets the date,
    # so an earlier team cannot make it later; CP-SAT may not prove it in the short limit
    assert early.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    assert base.reached_period is not None and early.reached_period is not None
    assert early.reached_period <= base.reached_period
    assert lower.target_tier == 6 and lower.diff is not None and lower.diff.removed
    _check_validated(scenario, comparison)


def test_an_unreachable_variant_is_an_answer(small: Scenario) -> None:
    from planner.whatif.scenario import Scenario as S
    from planner.whatif.variants import derive

    broke = derive(small.base, {"name": "broke", "set": {"budget.total": 10}})
    comparison = compare(S(small.base, (broke,)), OPTIONS, SerialExecutor())
    result = comparison.variant("broke")
    assert result.status == SolveStatus.INFEASIBLE and result.message
    assert result.roadmap is None and result.diff is None and result.reached_date is None


def test_an_invalid_variant_keeps_its_errors_in_both_languages(small: Scenario) -> None:
    """A variant whose problem does not compile (derived unchecked) is an answer with its
    input errors, shown in the chosen language by the CLI and the comparison report."""
    from planner.report.comparison import render_comparison
    from planner.whatif.scenario import Scenario as S
    from planner.whatif.variants import derive

    ghost = derive(
        small.base,
        {"name": "ghost", "set": {"target.row": "L9-T9"}},
        check=False,
    )
    comparison = compare(S(small.base, (ghost,)), OPTIONS, SerialExecutor())
    result = comparison.variant("ghost")
    assert result.status == SolveStatus.INVALID_INPUT
    assert result.errors_in("zh") == ["target.row: 表1中没有 'L9-T9' 这一行"]
    assert (
        result.errors_in("en") == list(result.errors) == ["target.row: unknown Table 1 row 'L9-T9'"]
    )
    assert "表1中没有 &#39;L9-T9&#39; 这一行" in render_comparison(comparison, "zh")
    assert "unknown Table 1 row &#39;L9-T9&#39;" in render_comparison(comparison, "en")
