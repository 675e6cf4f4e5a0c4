"""The greedy baseline: its roadmaps validate, and CP-SAT is never worse than it."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings

from planner.compile.instance import Instance, Route, build_instance
from planner.model.problem import Problem
from planner.result.plan_result import SolveParams
from planner.result.validate import validate
from planner.solve.baseline import greedy_plan, greedy_roadmap
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


def _bundled(name: str, route_id: str) -> tuple[Instance, Route]:
    from planner.model.problem import load_problem

    instance = build_instance(load_problem(f"scenarios/{name}.yaml"))
    return instance, next(r for r in instance.routes if r.id == route_id)


def test_list_search_finds_the_process_manufacturers_roadmap() -> None:
    """The bundled process manufacturer (CP-SAT: 46 of 48 months): the forward pass spends
    2027's staff on a chain's steps that could wait and ends beyond the horizon, the backward
    pass finds no room for the earliest steps; the list search places every step in time."""
    from planner.solve.baseline import _backward, _forward, _Usage, route_graph

    instance, route = _bundled("process_manufacturer", "L2-T7@production")
    ordered = route_graph(instance, route)
    assert ordered is not None
    graph, tail = ordered
    assert _forward(instance, route, graph, tail, _Usage(instance), {}) is None
    assert _backward(instance, route, graph) is None
    roadmap = greedy_roadmap(instance, route)
    assert roadmap is not None and roadmap.target_period is not None
    assert validate(roadmap, instance) == []
    assert 46 <= roadmap.target_period <= instance.horizon
    best = greedy_plan(instance)
    assert best is not None and best.route == route.id


def test_list_search_finds_the_discrete_rnd_roadmap() -> None:
    """Discrete manufacturing over R&D (CP-SAT: 70 of 72 months) had no greedy roadmap."""
    instance, route = _bundled("discrete_manufacturer", "L2-T7@rnd")
    roadmap = greedy_roadmap(instance, route)
    assert roadmap is not None and roadmap.target_period is not None
    assert validate(roadmap, instance) == []
    assert 70 <= roadmap.target_period <= instance.horizon


def test_greedy_is_deterministic_and_computed_once_per_instance() -> None:
    first, route = _bundled("process_manufacturer", "L2-T7@production")
    again, _ = _bundled("process_manufacturer", "L2-T7@production")
    a, b = greedy_roadmap(first, route), greedy_roadmap(again, route)
    assert a is not None and a == b  # a fresh instance: the same roadmap
    assert greedy_roadmap(first, route) is a  # the same instance: not searched again


def test_an_expired_deadline_cuts_the_improving_search_and_nothing_is_kept() -> None:
    """Discrete manufacturing over production: the priority rule's roadmap fits (71 months)
    and the search improves it; out of time, the greedy returns the first and does not keep
    it, so a later call with time searches its full length."""
    from planner.solve.deadline import Deadline

    instance, route = _bundled("discrete_manufacturer", "L2-T7@production")
    cut = greedy_roadmap(instance, route, Deadline(0.0))
    assert cut is not None and cut.target_period == 71
    assert route.id not in vars(instance)["_greedy"]
    full = greedy_roadmap(instance, route)
    assert full is not None and full.target_period is not None and full.target_period < 71
    assert greedy_roadmap(instance, route, Deadline(0.0)) is full  # kept: no search again


def test_an_expired_deadline_never_cuts_the_search_for_a_first_roadmap() -> None:
    from planner.solve.deadline import Deadline

    instance, route = _bundled("process_manufacturer", "L2-T7@production")
    roadmap = greedy_roadmap(instance, route, Deadline(0.0))
    assert roadmap is not None and validate(roadmap, instance) == []


def test_decoding_with_a_kept_prefix_places_every_step_as_decoding_afresh() -> None:
    """The search keeps the starts of the steps before the moved one; decoding the whole
    list again gives the same starts (so the shortcut changes nothing but the time)."""
    import random

    from planner.solve.baseline import _order, route_graph
    from planner.solve.listsearch import ListSearch

    instance, route = _bundled("process_manufacturer", "L2-T7@production")
    ordered = route_graph(instance, route)
    assert ordered is not None
    graph, tail = ordered
    preds = {s: list(graph.predecessors(s)) for s in graph}
    succs = {s: list(graph.successors(s)) for s in graph}
    search = ListSearch(instance, preds, succs)
    order = _order(instance, graph, tail)
    starts = search.decode(order)
    rng = random.Random(3)
    moved = 0
    for _ in range(60):
        i = rng.randrange(len(order))
        where = {s: k for k, s in enumerate(order)}
        low = max((where[p] for p in preds[order[i]]), default=-1) + 1
        high = min((where[q] for q in succs[order[i]]), default=len(order)) - 1
        j = rng.randint(low, high)
        trial = [*order[:i], *order[i + 1 :]]
        trial.insert(j, order[i])
        kept = search.decode(trial, starts, min(i, j))
        assert kept == search.decode(trial)
        moved += kept != starts
        order, starts = trial, kept
    assert moved  # some moves changed the roadmap
