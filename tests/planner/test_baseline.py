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


def test_backward_pass_when_caps_delay_a_chain() -> None:
    """The construction group with its yearly caps × 0.97: the forward pass spends the early
    caps on work that could wait, and a chain ends beyond the horizon; the backward pass
    (latest periods, then left-shifted) leaves them to it and places every step."""
    from planner.model.problem import load_problem
    from planner.solve.baseline import _forward, _Usage, route_graph

    base = load_problem("scenarios/construction_group.yaml")
    caps = {y: round(c * 0.97, 4) for y, c in base.budget.yearly_caps.items()}
    instance = build_instance(
        base.replace(budget={"total": base.budget.total, "yearly_caps": caps})
    )
    route = instance.routes[0]
    ordered = route_graph(instance, route)
    assert ordered is not None
    graph = ordered[0]
    tail = {sid: 0 for sid in graph}  # ties by id: the forward pass alone, as before
    assert _forward(instance, route, graph, tail, _Usage(instance), {}) is None
    roadmap = greedy_plan(instance)
    assert roadmap is not None and roadmap.target_period is not None
    assert validate(roadmap, instance) == []
    assert roadmap.target_period <= instance.horizon
