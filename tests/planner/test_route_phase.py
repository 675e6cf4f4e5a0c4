"""Route by route: each route's sub-problem holds exactly that route's steps, and what the
phase proves (lower bounds, routes without a roadmap) agrees with the full model."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from planner.compile.instance import Instance, build_instance
from planner.result.plan_result import SolveParams
from planner.solve.bounds import route_steps
from planner.solve.cpsat.model import RoadmapModel
from planner.solve.cpsat.routes import applicable, route_phase, sub_instance
from planner.solve.deadline import Deadline
from tests.planner.conftest import make

PARAMS = SolveParams(time_limit=10, compare_routes=False)


def test_sub_instance_holds_the_route_steps_only() -> None:
    instance = build_instance(make())
    for route in instance.routes:
        sub = sub_instance(instance, route)
        assert sub is not None and sub.routes == (route,)
        assert set(sub.steps) == route_steps(instance, route)
        assert set(sub.graph.nodes) == set(sub.steps)


def test_applicable_only_with_a_choice_of_routes() -> None:
    assert applicable(build_instance(make()))
    assert not applicable(build_instance(make(objective="max-tier")))


def _full_optimum(instance: Instance) -> tuple[int, int] | None:
    """(time, cost) of the full model alone, lexicographic in the objective's order."""
    rm = RoadmapModel(instance)
    stages = ("time", "cost") if instance.objective == "fastest" else ("cost", "time")
    values = []
    for stage in stages:
        rm.minimise(stage)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = 10
        code = solver.solve(rm.model)
        if code == cp_model.INFEASIBLE:
            return None
        assert code == cp_model.OPTIMAL
        values.append(int(solver.objective_value))
        rm.fix(stage, values[-1])
    return (values[0], values[1]) if stages[0] == "time" else (values[1], values[0])


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"staff": {"capacity": 2}},
        {"budget": {"yearly_caps": {2027: 40, 2028: 300}}},
        {"objective": "cheapest", "budget": {"total": 59}},
        {"objective": "cheapest", "budget": {"total": 300}, "staff": {"capacity": 2}},
    ],
)
def test_phase_agrees_with_the_full_model(changes: dict[str, object]) -> None:
    instance = build_instance(make(**changes))
    phase = route_phase(instance, PARAMS, Deadline(8.0), None)
    optimum = _full_optimum(instance)
    if optimum is None:
        assert phase.best is None
        return
    period, cost = optimum
    assert phase.best is not None and phase.solved > 0
    if instance.objective == "fastest":
        assert (phase.best.target_period, phase.best.total_cost) == (period, cost)
        assert phase.lower.get(phase.best.route or "", 0) <= period
        assert min(phase.lower.values()) <= period
    else:
        assert phase.best.total_cost == cost
    for rid in phase.ruled_out:
        sub = build_instance(make(**changes))
        rm = RoadmapModel(sub, allowed_routes={rid})
        assert cp_model.CpSolver().solve(rm.model) == cp_model.INFEASIBLE
