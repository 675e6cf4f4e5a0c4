"""Hand-made problems for the risk analysis (user-defined steps: no catalogue defaults)."""

from __future__ import annotations

from typing import Any

from planner.compile.instance import Instance, build_instance
from planner.model.problem import Problem
from planner.result.plan_result import SolveParams
from planner.result.roadmap import Roadmap
from planner.solve.plan import plan

PARAMS = SolveParams(time_limit=10, workers=1, seed=0, compare_routes=False)


def problem_of(data: dict[str, Any]) -> Problem:
    base: dict[str, Any] = {"name": "risk test", "time": {"start": "2027-01-01", "horizon": 48}}
    return Problem.model_validate({**base, **data})


def planned(problem: Problem) -> tuple[Instance, Roadmap]:
    result = plan(problem, PARAMS)
    assert result.roadmap is not None, (result.status, result.errors, result.message)
    return build_instance(problem), result.roadmap


# two serial steps with triangular months (low, most likely, high) and costs (万元)
A_MONTHS, B_MONTHS = (2.0, 5.0, 11.0), (2.0, 3.0, 7.0)
A_COST, B_COST = (60.0, 100.0, 200.0), (40.0, 50.0, 120.0)


def serial_pair() -> Problem:
    def step(sid: str, months: tuple[float, ...], cost: tuple[float, ...]) -> dict[str, Any]:
        return {
            "id": sid,
            "duration": int(months[1]),
            "cost": cost[1],
            "range": {
                "duration": {"low": months[0], "high": months[2]},
                "cost": {"low": cost[0], "high": cost[2]},
            },
        }

    b = step("b", B_MONTHS, B_COST) | {"predecessors": ["a"]}
    return problem_of({"extra_steps": [step("a", A_MONTHS, A_COST), b]})
