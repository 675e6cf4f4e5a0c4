"""Property-based tests on random small problems: every result validates and is deterministic."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.instance import build_instance
from planner.plan import plan
from planner.problem import Problem
from planner.result import SolveParams, SolveStatus
from planner.validate import validate

DEPTHS = ["it_application", "is_application", "is_integration", "digital_integration"]
PERSPECTIVES = ["carrier", "process", "object", "subject"]


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    units: list[dict[str, Any]] = []
    for i in range(draw(st.integers(2, 5))):
        level = draw(st.integers(0, 2))
        stage = draw(st.integers(0, 3 if level < 2 else 4)) if level else 0
        unit: dict[str, Any] = {
            "id": f"u{i}",
            "name": {"zh": f"单元{i}", "en": f"Unit {i}"},
            "perspective": PERSPECTIVES[draw(st.integers(0, 3))],
            "main_scenario": draw(st.sampled_from(["rnd", "production"])),
            "level": level,
        }
        if stage:
            unit["depth"] = DEPTHS[stage - 1]
        units.append(unit)
    data = {
        "organisation": {
            "industry": "discrete_manufacturing",
            "main_scenarios": ["rnd", "production"],
            "use_library": False,
            "units": units,
        },
        "target": {"tier": draw(st.integers(2, 5))},
        "time": {"start": "2027-01-01", "horizon": draw(st.integers(6, 30))},
        "budget": {
            "total": draw(st.one_of(st.none(), st.integers(50, 2000))),
            "yearly_caps": draw(st.sampled_from([{}, {2027: 300}, {2027: 100, 2028: 500}])),
        },
        "staff": draw(
            st.one_of(st.none(), st.builds(lambda c: {"capacity": c}, st.integers(2, 8)))
        ),
    }
    return Problem.model_validate(data)


PARAMS = SolveParams(time_limit=10, workers=2, seed=3, compare_routes=False)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_every_result_validates_and_is_deterministic(problem: Problem) -> None:
    first = plan(problem, PARAMS)
    assert first.status in {
        SolveStatus.OPTIMAL,
        SolveStatus.FEASIBLE,
        SolveStatus.INFEASIBLE,
        SolveStatus.INVALID_INPUT,  # e.g. target not above the random current tier
    }
    if first.status == SolveStatus.INVALID_INPUT:
        assert first.errors
        return
    if first.roadmap is None:
        assert first.status == SolveStatus.INFEASIBLE and first.message
        return
    assert validate(first.roadmap, build_instance(problem)) == []
    assert first.roadmap.total_cost == first.objective.total_cost
    second = plan(problem, PARAMS)
    assert second.roadmap is not None
    assert first.roadmap.model_dump_json() == second.roadmap.model_dump_json()
