"""The solver-free pre-check: each rule rejects a route it must, and never one with a roadmap.

Soundness is checked against the CP-SAT model without any pre-check (the explainer's model
with every constraint family enforced): whenever the pre-check rules every route out, that
model is infeasible too; and every lower bound is at most the proven optimum.
"""

from __future__ import annotations

from typing import Any

import pytest
from ortools.sat.python import cp_model

from planner.compile.instance import build_instance
from planner.model.problem import Problem
from planner.result.family import Family
from planner.result.plan_result import SolveParams, SolveStatus
from planner.solve.bounds import infeasibility, route_bounds
from planner.solve.cpsat.model import RoadmapModel
from planner.solve.plan import plan
from tests.planner.conftest import make

PARAMS = SolveParams(time_limit=10, compare_routes=False)
H12 = {"start": "2027-01-01", "horizon": 12}

FORCED = "deepen:a:digital_integration"  # 50 万元 and its predecessors, on no tier-5 route
RULES: dict[str, tuple[dict[str, Any], tuple[Family, ...]]] = {
    "budget": ({"budget": {"total": 50}}, (Family.budget(),)),
    "horizon": ({"time": {"start": "2027-01-01", "horizon": 2}}, (Family.horizon(),)),
    "caps": (
        {"budget": {"yearly_caps": {2027: 59, 2028: 0}}},
        (Family.yearly_cap(2027), Family.yearly_cap(2028), Family.horizon()),
    ),
    "staff peak": ({"staff": {"capacity": 1}}, (Family.horizon(), Family.staff())),
    # L1-T5 (60 万元) fits 61 万元; what the forced step adds does not: both are the reason
    "budget, forced": (
        {"budget": {"total": 61}, "progress": {"forced": [FORCED]}},
        (Family.budget(), Family.forced(FORCED)),
    ),
    # the forced step needs a forbidden one: L2-T5@rnd needs it itself, the others for the
    # forced step only
    "forbidden, forced": (
        {"progress": {"forced": [FORCED], "forbidden": ["upgrade:a:CL2:plan"]}},
        (Family.forced(FORCED), Family.forbidden("upgrade:a:CL2:plan")),
    ),
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_rule_rules_out_every_route(rule: str) -> None:
    changes, expected = RULES[rule]
    families = infeasibility(route_bounds(build_instance(make(**changes))))
    assert families == expected


def test_forced_steps_are_no_reason_when_the_route_alone_breaks_the_budget() -> None:
    problem = make(budget={"total": 50}, progress={"forced": [FORCED]})
    assert infeasibility(route_bounds(build_instance(problem))) == (Family.budget(),)


def test_a_forbidden_step_a_route_needs_itself_is_the_whole_reason() -> None:
    problem = make(progress={"forced": [FORCED], "forbidden": ["upgrade:a:CL2:plan"]})
    reasons = {b.route: b.infeasible for b in route_bounds(build_instance(problem))}
    assert reasons["L2-T5@rnd"] == (Family.forbidden("upgrade:a:CL2:plan"),)
    assert reasons["L1-T5@all_scenarios"] == (
        Family.forced(FORCED),
        Family.forbidden("upgrade:a:CL2:plan"),
    )


def test_nothing_ruled_out_when_feasible() -> None:
    bounds = route_bounds(build_instance(make()))
    assert bounds and all(not b.infeasible for b in bounds)
    assert infeasibility(bounds) is None


def test_cost_is_exact_and_target_bound_is_the_critical_path() -> None:
    bounds = {b.route: b for b in route_bounds(build_instance(make()))}
    # conftest: L1-T5 deepens c and d (3 months, 30 万元 each) in parallel
    cheap = next(b for rid, b in bounds.items() if rid and rid.startswith("L1-T5"))
    assert cheap.target == 3
    assert abs(cheap.cost - 60 * 10_000) <= 30


def test_caps_delay_the_target_bound() -> None:
    # 60 万元 of work under 20 万元 a year: three years begun before the target
    problem = make(
        time={"start": "2027-01-01", "horizon": 48},
        budget={"yearly_caps": {2027: 20, 2028: 20, 2029: 20, 2030: 20}},
    )
    bounds = [b for b in route_bounds(build_instance(problem)) if b.route and "L1-T5" in b.route]
    assert bounds[0].target == 25  # the first period of 2029


def _raw_infeasible(problem: Problem) -> bool:
    """The model without pre-check bounds, every family enforced: infeasible?"""
    rm = RoadmapModel(build_instance(problem), explain=True)
    for lit in rm.assumptions.values():
        rm.model.add(lit == 1)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 20
    solver.parameters.num_workers = 1
    return bool(solver.solve(rm.model) == cp_model.INFEASIBLE)


VARIANTS = [
    {"budget": {"total": total, "yearly_caps": caps}, "time": {"start": "2027-07-01", **h}}
    for total in (55, 60, 70, 300)
    for caps in ({}, {2027: 30, 2028: 30}, {2027: 10, 2028: 45}, {2027: 59})
    for h in ({"horizon": 3}, {"horizon": 12})
]


@pytest.mark.parametrize("changes", VARIANTS, ids=[str(i) for i in range(len(VARIANTS))])
def test_pre_check_is_sound(changes: dict[str, Any]) -> None:
    problem = make(**changes)
    instance = build_instance(problem)
    bounds = route_bounds(instance)
    if infeasibility(bounds) is not None:
        assert _raw_infeasible(problem)
        return
    result = plan(problem, PARAMS)
    if result.status == SolveStatus.OPTIMAL:
        assert result.roadmap is not None and result.objective.target_period is not None
        chosen = next(b for b in bounds if b.route == result.roadmap.route)
        assert chosen.target <= result.objective.target_period
        assert chosen.cost == result.objective.total_cost


def test_pre_check_proves_what_the_search_could_not() -> None:
    """The bundled discrete manufacturer with its yearly caps × 0.6: the caps sum to less than
    the cheapest route costs. Infeasible, with the caps and a remedy that works."""
    from planner.model.problem import load_problem

    base = load_problem("scenarios/discrete_manufacturer.yaml")
    caps = {y: c * 0.6 for y, c in base.budget.yearly_caps.items()}
    problem = base.replace(budget={"total": base.budget.total, "yearly_caps": caps})
    result = plan(problem, SolveParams(time_limit=15, compare_routes=False))
    assert result.status == SolveStatus.INFEASIBLE
    assert result.explanation is not None
    assert Family.yearly_cap(2029) in result.explanation.conflicting
    earliest = result.explanation.earliest_period
    assert earliest is not None and earliest > base.time.horizon
    remedy = problem.replace(time={**problem.time.model_dump(), "horizon": earliest})
    assert plan(remedy, SolveParams(time_limit=15, compare_routes=False)).status.has_roadmap
