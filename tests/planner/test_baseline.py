"""The greedy baseline: its roadmaps validate, and CP-SAT is never worse than it."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings

from planner.compile.instance import build_instance
from planner.model.problem import Problem
from planner.result.plan_result import SolveParams
from planner.result.validate import validate
from planner.solve.baseline import greedy_plan
from planner.solve.plan import plan_instance
from tests.planner.conftest import make
from tests.planner.test_properties import problems

PARAMS = SolveParams(time_limit=10, compare_routes=False, greedy_hint=False)


def test_greedy_on_the_tiny_problem() -> None:
    instance = build_instance(make(staff={"capacity": 2}))
    roadmap = greedy_plan(instance)
    assert roadmap is not None
    assert validate(roadmap, instance) == []
    assert roadmap.target_period == 6  # two deepenings one after the other


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(generous=True))
def test_cpsat_never_worse_than_greedy(problem: Problem) -> None:
    instance = build_instance(problem)  # problems() only draws valid problems
    greedy = greedy_plan(instance)
    assume(greedy is not None)  # generous limits: the greedy nearly always places every step
    assert greedy is not None
    assert validate(greedy, instance) == []
    result = plan_instance(instance, PARAMS)
    assert result.roadmap is not None, result.status
    assert result.objective.target_period is not None and greedy.target_period is not None
    assert result.objective.target_period <= greedy.target_period
