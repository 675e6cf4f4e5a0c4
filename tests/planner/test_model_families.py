"""Each constraint family of the CP-SAT model on its own, in the cpsat-primer style.

Fix every decision variable of ``RoadmapModel`` to a known roadmap and expect FEASIBLE; break
the assignment (or tighten the family's limit) by one unit and expect INFEASIBLE. Tests
through ``plan()`` cannot tell a missing family from a search that happens to respect it;
these can. The roadmap is the hand-checked one of ``test_validate``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from ortools.sat.python import cp_model

from planner.compile.instance import Instance
from planner.result.family import Family
from planner.solve.cpsat.model import RoadmapModel
from planner.solve.cpsat.symmetry import identical_units
from tests.planner.test_validate import (
    AFTER_NOW,
    DONE,
    ELEMENT_A,
    MODEL,
    NODE_A,
    PLAN_A,
    ROUTE,
    SCOPE,
    STARTS,
    instance,
    roadmap,
)

FEASIBLE, INFEASIBLE = cp_model.FEASIBLE, cp_model.INFEASIBLE
Extra = Callable[[RoadmapModel], object]


def status(
    inst: Instance,
    starts: dict[str, int],
    routes: tuple[str, ...] = (ROUTE,),
    extra: Extra | None = None,
    **model_options: object,
) -> cp_model.CpSolverStatus:
    """Solve the model with every route, presence and start fixed; FEASIBLE or INFEASIBLE.

    Without symmetry breaking unless asked: a fixed roadmap may start twin units either way."""
    model_options.setdefault("symmetry", False)
    rm = RoadmapModel(inst, **model_options)  # type: ignore[arg-type]
    for rid, chosen in rm.routes.items():
        rm.model.add(chosen == int(rid in routes))
    for sid, v in rm.steps.items():
        rm.model.add(v.present == int(sid in starts))
        if sid in starts:
            rm.model.add(v.start == starts[sid])
    if extra is not None:
        extra(rm)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 20
    code = solver.solve(rm.model)
    assert code in (cp_model.OPTIMAL, FEASIBLE, INFEASIBLE), solver.status_name(code)
    return FEASIBLE if code in (cp_model.OPTIMAL, FEASIBLE) else INFEASIBLE


def without(starts: dict[str, int], sid: str) -> dict[str, int]:
    return {k: v for k, v in starts.items() if k != sid}


def test_the_reference_assignment_is_feasible() -> None:
    assert status(instance(), STARTS) == FEASIBLE


# -- route selection and step presence ---------------------------------------------------
def test_route_selection_exactly_one_route() -> None:
    inst = instance()
    assert status(inst, STARTS, routes=()) == INFEASIBLE
    both = tuple(r.id for r in inst.routes)
    assert len(both) == 2
    production = {sid: 0 for sid in inst.routes[1].steps if sid not in STARTS}
    assert status(inst, {**STARTS, **production}, routes=both) == INFEASIBLE


def test_route_selection_max_tier_may_choose_none() -> None:
    inst = instance(objective="max-tier")
    assert status(inst, {"audit": 0, "trial": 2}, routes=()) == FEASIBLE


def test_step_presence_a_chosen_route_needs_its_steps() -> None:
    inst = instance()
    assert status(inst, without(STARTS, NODE_A)) == INFEASIBLE


def test_step_presence_no_step_that_no_chosen_route_needs() -> None:
    inst = instance()
    assert status(inst, {**STARTS, "deepen:c:is_integration": 0}) == INFEASIBLE


def test_step_presence_user_steps_are_always_done() -> None:
    assert status(instance(), without(STARTS, "audit")) == INFEASIBLE


# -- precedence --------------------------------------------------------------------------
def test_precedence_by_one_period() -> None:
    inst = instance()
    # the scope work may start when both plans end (1), not one period earlier
    assert status(inst, {**STARTS, SCOPE: 1}) == FEASIBLE
    assert status(inst, {**STARTS, PLAN_A: 1}) == INFEASIBLE
    # element a may start when the scope work ends (2: the order rule
    # scope_work_before_elements, a conditional precedence), not one period earlier
    assert status(inst, {**STARTS, ELEMENT_A: 2}) == FEASIBLE
    assert status(inst, {**STARTS, ELEMENT_A: 1}) == INFEASIBLE


def test_user_precedence_by_one_period() -> None:
    inst = instance()
    assert status(inst, {**STARTS, "trial": 2}) == FEASIBLE  # the audit ends at 2
    assert status(inst, {**STARTS, "trial": 1}) == INFEASIBLE
    assert status(instance(precedences=[]), {**STARTS, "trial": 1}) == FEASIBLE


# -- locks -------------------------------------------------------------------------------
# unit a's plan one period later (its element work at 3 still follows it and the scope work
# at 2), so only the lock on its done plan step is broken
A_LATER = {PLAN_A: 1}


def test_lock_fixed_start_by_one_period() -> None:
    inst = instance(progress=DONE)
    assert status(inst, roadmap_starts(AFTER_NOW)) == FEASIBLE
    assert status(instance(), roadmap_starts({**AFTER_NOW, **A_LATER})) == FEASIBLE
    assert status(inst, roadmap_starts({**AFTER_NOW, **A_LATER})) == INFEASIBLE


def test_lock_nothing_new_before_now_by_one_period() -> None:
    inst = instance(progress=DONE)
    assert status(inst, roadmap_starts({**AFTER_NOW, "audit": 1})) == FEASIBLE
    assert status(inst, roadmap_starts({**AFTER_NOW, "audit": 0})) == INFEASIBLE


def test_lock_forced_and_forbidden() -> None:
    other = "deepen:c:is_integration"
    assert status(instance(progress={"forced": [other]}), STARTS) == INFEASIBLE
    assert status(instance(progress={"forced": [other]}), {**STARTS, other: 10}) == FEASIBLE
    assert status(instance(progress={"forbidden": [other]}), STARTS) == FEASIBLE
    assert status(instance(progress={"forbidden": [NODE_A]}), STARTS) == INFEASIBLE


def roadmap_starts(moves: dict[str, int]) -> dict[str, int]:
    return {**STARTS, **moves}


# -- horizon and target time ---------------------------------------------------------------
def test_horizon_by_one_period() -> None:
    inst = instance()
    last = inst.horizon - 2  # the trial lasts 2 periods
    assert status(inst, {**STARTS, "trial": last}) == FEASIBLE
    assert status(inst, {**STARTS, "trial": last + 1}) == INFEASIBLE


def test_horizon_family_when_explaining() -> None:
    """The explainer's model is longer; the horizon is then a family behind its literal."""
    inst = instance()
    late = {**STARTS, "trial": inst.horizon - 1}

    def assume(value: int) -> Extra:
        return lambda rm: rm.model.add(rm.assumptions[Family.horizon()] == value)

    assert status(inst, late, extra=assume(0), explain=True) == FEASIBLE
    assert status(inst, late, extra=assume(1), explain=True) == INFEASIBLE
    ontime = {**STARTS, "trial": inst.horizon - 2}
    assert status(inst, ontime, extra=assume(1), explain=True) == FEASIBLE


def test_target_time_is_the_routes_last_target_step() -> None:
    inst = instance()

    def target(value: int) -> Extra:
        return lambda rm: rm.model.add(rm.target == value)

    end = roadmap(inst).target_period
    assert end == 14  # the scope's digital model ends then
    assert status(inst, STARTS, extra=target(end)) == FEASIBLE
    assert status(inst, STARTS, extra=target(end - 1)) == INFEASIBLE


def test_target_time_without_routes_is_the_makespan() -> None:
    inst = build_user_only()

    def target(value: int) -> Extra:
        return lambda rm: rm.model.add(rm.target == value)

    starts = {"audit": 0, "trial": 2}
    assert status(inst, starts, routes=(), extra=target(4)) == FEASIBLE
    assert status(inst, starts, routes=(), extra=target(3)) == INFEASIBLE


def build_user_only() -> Instance:
    from planner.compile.instance import build_instance
    from planner.model.problem import Problem

    base = instance().problem
    data = base.model_dump()
    data.update(organisation=None, target=None)
    return build_instance(Problem.model_validate(data))


# -- capacities --------------------------------------------------------------------------
def test_staff_capacity_by_one() -> None:
    peak = 6  # periods 2-5 and 7 of the reference roadmap (test_validate)
    assert status(instance(staff={"capacity": peak}), STARTS) == FEASIBLE
    assert status(instance(staff={"capacity": peak - 1}), STARTS) == INFEASIBLE


def test_staff_capacity_that_changes_over_time_by_one() -> None:
    """Periods 2-5 and 7 need 6: a drop to 6 from period 2 fits, a drop to 5 does not."""
    for capacity, expected in ((6, FEASIBLE), (5, INFEASIBLE)):
        changes = [{"from_period": 2, "capacity": capacity}]
        inst = instance(staff={"capacity": 9, "changes": changes})
        assert status(inst, STARTS) == expected, capacity
    # the same drop after the work is over does not matter
    inst = instance(staff={"capacity": 9, "changes": [{"from_period": 16, "capacity": 0}]})
    assert status(inst, STARTS) == FEASIBLE


@pytest.mark.parametrize("resource", ["lab", "rig"])
def test_each_resource_by_one(resource: str) -> None:
    other = {"lab": "rig", "rig": "lab"}[resource]
    for capacity, expected in ((1, FEASIBLE), (0, INFEASIBLE)):
        limits = [{"id": resource, "capacity": capacity}, {"id": other, "capacity": 1}]
        assert status(instance(resources=limits), STARTS) == expected


def test_resource_shared_by_two_steps() -> None:
    """Both user steps on the lab: side by side they need 2, one after the other 1."""
    steps = [
        {"id": "audit", "duration": 2, "cost": 10, "staff": 1, "demands": {"lab": 1}},
        {"id": "trial", "duration": 2, "cost": 10, "staff": 1, "demands": {"lab": 1}},
    ]
    inst = instance(extra_steps=steps, precedences=[])
    assert status(inst, {**STARTS, "trial": 2}) == FEASIBLE
    assert status(inst, {**STARTS, "trial": 1}) == INFEASIBLE


# -- money -------------------------------------------------------------------------------
def test_total_budget_by_one_yuan() -> None:
    cost = roadmap(instance()).total_cost
    assert status(instance(budget={"total": cost / 10_000}), STARTS) == FEASIBLE
    assert status(instance(budget={"total": (cost - 1) / 10_000}), STARTS) == INFEASIBLE


@pytest.mark.parametrize("year", [2027, 2028])
def test_each_yearly_cap_by_one_yuan(year: int) -> None:
    inst = instance()
    spend = roadmap(inst).spend_per_year(inst)
    caps = {y: spend[y] / 10_000 for y in (2027, 2028)}
    assert status(instance(budget={"yearly_caps": caps}), STARTS) == FEASIBLE
    caps[year] = (spend[year] - 1) / 10_000
    assert status(instance(budget={"yearly_caps": caps}), STARTS) == INFEASIBLE


def test_yearly_cap_counts_a_step_spanning_new_year_in_both_years() -> None:
    """The trial over December and January: 5 万元 in each year (beside the model's 24 in 2028)."""
    inst = instance()
    across = {**STARTS, "trial": 11}
    spend = roadmap(inst, trial=11).spend_per_year(inst)
    assert spend[2028] == (24 + 5) * 10_000
    caps = {2027: spend[2027] / 10_000, 2028: 29}
    assert status(instance(budget={"yearly_caps": caps}), across) == FEASIBLE
    caps[2028] = 28.9999
    assert status(instance(budget={"yearly_caps": caps}), across) == INFEASIBLE


def test_budget_not_enforced_for_the_minimum_budget_solve() -> None:
    tight = instance(budget={"total": 1})
    assert status(tight, STARTS) == INFEASIBLE
    assert status(tight, STARTS, enforce_budget=False) == FEASIBLE


def test_lock_families_when_explaining() -> None:
    """A lock sits behind its own literal: released, the moved step is allowed."""
    inst = instance(progress=DONE)
    moved = roadmap_starts({**AFTER_NOW, **A_LATER})

    def lock(value: int) -> Extra:
        return lambda rm: rm.model.add(rm.assumptions[Family.lock(PLAN_A)] == value)

    assert status(inst, moved, extra=lock(1), explain=True) == INFEASIBLE
    assert status(inst, moved, extra=lock(0), explain=True) == FEASIBLE


# -- symmetry between identical units ------------------------------------------------------
def test_symmetry_twin_units_start_in_id_order() -> None:
    """Units a and b have the same steps around the same node: a's first step (its node
    combination, by local id) starts no later than b's; with a one period later it is refused,
    though the roadmap is otherwise feasible; a lock on a's work ends the symmetry."""
    inst = instance()
    assert identical_units(inst) == [["a", "b"], ["c", "d"]]
    b_later = roadmap_starts(B_LATER)
    a_later = {_swap(sid): start for sid, start in b_later.items()}  # its twin: a after b
    assert a_later != b_later
    assert status(inst, a_later) == FEASIBLE
    assert status(inst, a_later, symmetry=True) == INFEASIBLE
    assert status(inst, b_later, symmetry=True) == FEASIBLE
    locked = instance(progress=DONE)
    assert ["a", "b"] not in identical_units(locked)


# b's work from its element work on one period after a's (the scope work after both plans)
B_LATER = {
    "upgrade:b:CL2:element": 3,
    "upgrade:b:CL2:evaluate": 7,
    "combine:node:b": 8,
    "deepen:b:digital_integration": 8,
    MODEL: 12,
}


def _swap(sid: str) -> str:
    parts = sid.split(":")
    return ":".join({"a": "b", "b": "a"}.get(p, p) for p in parts)


def test_symmetry_keeps_the_optimum() -> None:
    inst = instance()
    values = []
    for symmetry in (False, True):
        rm = RoadmapModel(inst, symmetry=symmetry)
        rm.minimise("time")
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(rm.model) == cp_model.OPTIMAL
        values.append(solver.objective_value)
    assert values[0] == values[1]


def test_symmetry_a_hint_is_put_in_order() -> None:
    """A warm start with a after b is turned into its twin, which the model accepts."""
    from planner.solve.cpsat.symmetry import in_order

    inst = instance()
    b_later = roadmap_starts(B_LATER)
    a_later = {_swap(sid): start for sid, start in b_later.items()}
    assert in_order(inst, identical_units(inst), a_later) == b_later
    assert in_order(inst, identical_units(inst), b_later) == b_later
