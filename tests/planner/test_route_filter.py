"""The problem can require or leave out rows, readings, main scenarios and scopes (target)."""

from __future__ import annotations

from typing import Any

import pytest

from planner.instance import build_instance
from planner.plan import plan
from planner.problem import Problem
from planner.result import SolveParams, SolveStatus
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


def test_exclude_a_scope_and_the_alternatives() -> None:
    kept = routes(tiny(exclude={"scopes": ["rnd"]}, alternatives=False))
    assert "L2-T5@rnd" not in kept
    assert not any("/alt" in r for r in kept)
    assert any("/alt" in r for r in routes(tiny()))  # there were alternatives to leave out


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
