"""``PlanResult.runtime`` is the wall time the user waited, explanation and validation included."""

from __future__ import annotations

import time

from planner.result.plan_result import SolveParams, SolveStatus
from planner.solve.plan import plan
from tests.planner.conftest import make


def _timed(**changes: object) -> tuple[float, float, SolveStatus]:
    began = time.monotonic()
    result = plan(make(**changes), SolveParams(time_limit=5, compare_routes=False))
    wall = time.monotonic() - began
    return wall, result.runtime, result.status


def test_runtime_includes_the_explanation() -> None:
    wall, runtime, status = _timed(budget={"total": 50})
    assert status == SolveStatus.INFEASIBLE
    assert wall - 0.05 <= runtime <= wall


def test_runtime_of_a_roadmap_is_the_wall_time() -> None:
    wall, runtime, status = _timed()
    assert status == SolveStatus.OPTIMAL
    assert wall - 0.05 <= runtime <= wall


def test_runtime_of_invalid_input() -> None:
    wall, runtime, status = _timed(target={"tier": 1})
    assert status == SolveStatus.INVALID_INPUT
    assert 0 < runtime <= wall
