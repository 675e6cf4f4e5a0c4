"""The problem can require or leave out rows, readings, main scenarios and scopes (target)."""

from __future__ import annotations

from typing import Any

import pytest

from catalog.models.base import Lang
from planner.compile.instance import build_instance
from planner.model.problem import Problem
from planner.result.plan_result import SolveParams, SolveStatus
from planner.solve.plan import plan
from tests.planner.conftest import TINY

PARAMS = SolveParams(time_limit=20, workers=2, seed=0)


def tiny(**target: Any) -> Problem:
    return Problem.model_validate(TINY).replace(target={"tier": 5, **target})


def routes(problem: Problem) -> set[str]:
    return {r.id for r in build_instance(problem).routes}


def test_all_routes_by_default() -> None:
    assert {"L1-T5@all_scenarios", "L2-T5@rnd", "L2-T5@production"} <= routes(tiny())


def test_exclude_a_row_changes_the_answer() -> None:
    base = plan(tiny(), PARAMS)
    assert base.roadmap is not None and base.roadmap.row == "L1-T5"
    other = plan(tiny(exclude={"rows": ["L1-T5"]}), PARAMS)
    assert other.status == SolveStatus.OPTIMAL and other.roadmap is not None
    assert other.roadmap.row != "L1-T5" and other.violations == ()
    assert "L1-T5" in other.skipped_rows
    assert "target.exclude" in other.skipped_rows["L1-T5"].en


def test_include_a_main_scenario() -> None:
    instance = build_instance(tiny(include={"scenarios": ["production"]}))
    assert instance.routes and all("production" in r.scope.groups for r in instance.routes)
    kept = {r.id for r in instance.routes}
    assert "L2-T5@production" in kept and "L2-T5@rnd" not in kept


def test_exclude_a_scope() -> None:
    kept = routes(tiny(exclude={"scopes": ["rnd"]}))
    assert "L2-T5@rnd" not in kept and "L2-T5@production" in kept


def on_a_chain(**target: Any) -> Problem:
    """Two rnd units of two departments on one chain: tier 4's '或' reading has a scope."""
    data = Problem.model_validate(TINY).model_dump()
    units = data["organisation"]["units"]
    units[0].update(department="rnd", process_step="design", chains=["rnd_design"])
    units[1].update(department="technical", process_step="process_planning", chains=["rnd_design"])
    return Problem.model_validate(data).replace(target={"tier": 5, **target})


def test_leave_out_the_alternatives() -> None:
    assert any("/alt" in r for r in routes(on_a_chain()))  # there are alternatives to leave out
    kept = routes(on_a_chain(alternatives=False))
    assert kept and not any("/alt" in r for r in kept)
    why = build_instance(on_a_chain(alternatives=False)).skipped_rows
    assert any("alternatives" in t.en for t in why.values())


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ({"exclude": {"rows": ["L9-T9"]}}, "target.exclude.rows[0]: unknown Table 1 row"),
        ({"include": {"scenarios": ["moon"]}}, "target.include.scenarios[0]: unknown main"),
        ({"include": {"scopes": ["nowhere"]}}, "target.include.scopes[0]: no route over scope"),
        ({"include": {"rows": ["L5-T10"]}}, "target: no route can reach the target"),
    ],
)
def test_bad_filters_name_the_field(target: dict[str, Any], message: str) -> None:
    result = plan(tiny(**target), PARAMS)
    assert result.status == SolveStatus.INVALID_INPUT
    assert any(message in e for e in result.errors), result.errors


def test_the_chosen_row_is_compared_over_its_other_scopes() -> None:
    """L2-T5 over rnd and over production: both solved, the other one said in words."""
    from catalog import load_catalog
    from planner.report.lookup import Lookup
    from planner.report.summary import why_lines

    result = plan(tiny(row="L2-T5", tier=None), PARAMS)
    assert result.status == SolveStatus.OPTIMAL and result.roadmap is not None
    compared = {c.route: c for c in result.routes}
    assert {"L2-T5@rnd", "L2-T5@production"} <= set(compared)
    chosen = result.roadmap.route
    other = next(r for r in ("L2-T5@rnd", "L2-T5@production") if r != chosen)
    assert compared[chosen].chosen and not compared[other].chosen
    assert compared[other].target_period is not None
    cases: tuple[tuple[Lang, str], ...] = (("zh", "范围"), ("en", "scope"))
    for lang, word in cases:
        lk = Lookup.build(load_catalog(), lang, result.problem)
        lines = why_lines(result, lk)
        assert any(lk.route_name(other) in line for line in lines), lines
        assert any(word in line for line in lines)
