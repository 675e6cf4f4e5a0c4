"""User-defined steps, precedences and resources; a problem of user-defined steps only."""

from __future__ import annotations

from typing import Any

from planner.model.problem import Problem
from planner.result.plan_result import SolveParams, SolveStatus
from planner.solve.plan import plan
from tests.planner.conftest import make
from tests.planner.test_plan_known_optima import solved

ONLY_USER: dict[str, Any] = {
    "name": "user steps only",
    "time": {"start": "2027-01-01", "horizon": 20},
    "resources": [{"id": "crew", "capacity": 2}],
    "extra_steps": [
        {"id": "A", "duration": 2, "demands": {"crew": 2}, "cost": 4},
        {"id": "B", "duration": 3, "demands": {"crew": 1}},
        {"id": "C", "duration": 2, "demands": {"crew": 1}, "predecessors": ["A"]},
    ],
}


def test_user_defined_steps_only_finish_as_early_as_possible() -> None:
    # A needs the whole crew, so B cannot overlap it: A 0–2, then B 2–5 beside C 2–4
    result = solved(Problem.model_validate(ONLY_USER))
    assert result.objective.target_period == 5
    assert result.roadmap is not None and result.roadmap.route is None
    assert result.current_tier == 0


def test_varying_resource_capacity() -> None:
    data = dict(ONLY_USER)
    data["resources"] = [
        {"id": "crew", "capacity": 1, "changes": [{"from_period": 3, "capacity": 2}]}
    ]
    result = solved(Problem.model_validate(data))
    # A needs 2: not before period 3 → A 3–5, C 5–7; B runs 0–3 beside nothing
    assert result.objective.target_period == 7


def test_extra_step_after_a_generated_step_and_a_precedence() -> None:
    problem = make(
        extra_steps=[
            {
                "id": "training",
                "duration": 2,
                "staff": 1,
                "predecessors": ["deepen:c:is_integration"],
            }
        ],
        precedences=[{"before": "deepen:d:is_integration", "after": "deepen:c:is_integration"}],
    )
    result = solved(problem)
    assert result.roadmap is not None
    got = {s.id: (s.start, s.end) for s in result.roadmap.steps}
    assert got["deepen:d:is_integration"][1] <= got["deepen:c:is_integration"][0]
    assert got["deepen:c:is_integration"][1] <= got["training"][0]
    assert result.objective.target_period == 6  # d then c; training after the target


def test_bad_user_work_names_the_field() -> None:
    problem = make(
        extra_steps=[
            {"id": "x", "duration": 1, "demands": {"nolab": 1}, "predecessors": ["ghost"]},
        ]
    )
    result = plan(problem, SolveParams(time_limit=5, compare_routes=False))
    assert result.status == SolveStatus.INVALID_INPUT
    text = "\n".join(result.errors)
    assert "extra_steps[0].demands.nolab: unknown resource 'nolab'" in text
    assert "extra_steps[0].predecessors[0]: unknown step 'ghost'" in text


def test_cycle_among_user_steps_is_named() -> None:
    data = dict(ONLY_USER)
    data["extra_steps"] = [
        {"id": "P", "duration": 1, "predecessors": ["Q"]},
        {"id": "Q", "duration": 1, "predecessors": ["P"]},
    ]
    result = plan(Problem.model_validate(data), SolveParams(time_limit=5, compare_routes=False))
    assert result.status == SolveStatus.INVALID_INPUT
    assert any("predecessor cycle" in e and "P" in e and "Q" in e for e in result.errors)
