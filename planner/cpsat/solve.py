"""Lexicographic CP-SAT solve of an Instance: earliest target date, then lowest cost."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.cpsat.model import RoadmapModel
from planner.instance import Instance
from planner.result import Objective, PlanResult, RouteComparison, SolveParams, SolveStatus
from planner.roadmap import Roadmap, schedule

CANONICAL_DETERMINISTIC_TIME = 5.0


@dataclass
class StageOutcome:
    status: SolveStatus
    roadmap: Roadmap | None
    target: int | None
    cost: int | None
    target_bound: int | None
    cost_bound: int | None
    proven: bool


def _solver(params: SolveParams, seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.num_workers = params.workers
    solver.parameters.random_seed = params.seed
    return solver


def _solution(rm: RoadmapModel, solver: cp_model.CpSolver) -> Roadmap:
    inst = rm.instance
    route = next(r for r in inst.routes if solver.value(rm.routes[r.id]))
    starts = {
        sid: int(solver.value(v.start)) for sid, v in rm.steps.items() if solver.value(v.present)
    }
    return schedule(inst, route, starts)


def solve_lexicographic(
    instance: Instance, params: SolveParams, seconds: float, allowed: set[str] | None = None
) -> StageOutcome:
    """Stage 1 minimises the target period; stage 2 fixes it and minimises cost, hinted."""
    deadline = time.monotonic() + seconds
    rm = RoadmapModel(instance, allowed)
    rm.minimise_time()
    solver = _solver(params, seconds * 0.5)
    code = solver.solve(rm.model)
    if code == cp_model.INFEASIBLE or code == cp_model.MODEL_INVALID:
        return StageOutcome(SolveStatus.INFEASIBLE, None, None, None, None, None, True)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return StageOutcome(SolveStatus.NO_SOLUTION, None, None, None, None, None, False)
    target = int(solver.value(rm.target))
    target_bound = math.ceil(solver.best_objective_bound - 1e-6)
    proven_time = code == cp_model.OPTIMAL
    first = _solution(rm, solver)
    # stage 2: warm start from stage 1
    for var in rm.routes.values():
        rm.model.add_hint(var, solver.value(var))
    for v in rm.steps.values():
        rm.model.add_hint(v.present, solver.value(v.present))
        rm.model.add_hint(v.start, solver.value(v.start))
    rm.minimise_cost(target)
    solver2 = _solver(params, max(0.05, deadline - time.monotonic()))
    code2 = solver2.solve(rm.model)
    if code2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        roadmap = _solution(rm, solver2)
        cost = int(solver2.value(rm.cost))
        cost_bound = math.ceil(solver2.best_objective_bound - 1e-6)
        proven = proven_time and code2 == cp_model.OPTIMAL
        roadmap = _canonical(rm, params, target, cost, deadline) or roadmap
    else:
        roadmap, cost, cost_bound, proven = first, first.total_cost, None, False
    status = SolveStatus.OPTIMAL if proven else SolveStatus.FEASIBLE
    return StageOutcome(status, roadmap, target, cost, target_bound, cost_bound, proven)


def _canonical(
    rm: RoadmapModel, params: SolveParams, target: int, cost: int, deadline: float
) -> Roadmap | None:
    """Stage 3: a single-worker, deterministic-time solve picks one roadmap among the optima.

    Parallel search may return any of several equally good roadmaps; this stage makes the
    answer depend only on the input and the seed.
    """
    rm.minimise_starts(target, cost)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = params.seed
    solver.parameters.max_deterministic_time = CANONICAL_DETERMINISTIC_TIME
    solver.parameters.max_time_in_seconds = max(1.0, deadline - time.monotonic())
    code = solver.solve(rm.model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _solution(rm, solver)
    return None


def solve_instance(instance: Instance, params: SolveParams) -> PlanResult:
    began = time.monotonic()
    budget_main = params.time_limit * (0.6 if params.compare_routes else 1.0)
    main = solve_lexicographic(instance, params, budget_main)
    routes: list[RouteComparison] = []
    if params.compare_routes:
        routes = _compare_routes(
            instance, params, main, params.time_limit - (time.monotonic() - began)
        )
    gap = None
    if main.cost is not None and main.cost_bound is not None:
        gap = 0.0 if main.cost == 0 else max(0.0, (main.cost - main.cost_bound) / main.cost)
    message = ""
    if main.status == SolveStatus.INFEASIBLE:
        message = _explain_infeasible(instance, params)
    elif main.status == SolveStatus.NO_SOLUTION:
        message = "no roadmap found within the time limit; raise --time-limit"
    return PlanResult(
        status=main.status,
        objective=Objective(target_period=main.target, total_cost=main.cost),
        bound=Objective(target_period=main.target_bound, total_cost=main.cost_bound),
        gap=gap,
        runtime=time.monotonic() - began,
        roadmap=main.roadmap,
        message=message,
        routes=tuple(routes),
    )


def _compare_routes(
    instance: Instance, params: SolveParams, main: StageOutcome, seconds: float
) -> list[RouteComparison]:
    rows = list(dict.fromkeys(r.row for r in instance.routes))
    chosen_row = main.roadmap.row if main.roadmap else None
    out = []
    per_row = max(0.2, seconds / max(1, len(rows)))
    for row in rows:
        if row == chosen_row and main.roadmap is not None:
            out.append(
                RouteComparison(
                    row=row,
                    route=main.roadmap.route,
                    status=main.status,
                    target_period=main.target,
                    total_cost=main.cost,
                    chosen=True,
                )
            )
            continue
        allowed = {r.id for r in instance.routes if r.row == row}
        res = solve_lexicographic(instance, params, per_row, allowed)
        out.append(
            RouteComparison(
                row=row,
                route=res.roadmap.route if res.roadmap else None,
                status=res.status,
                target_period=res.target,
                total_cost=res.cost,
            )
        )
    return out


def _explain_infeasible(instance: Instance, params: SolveParams) -> str:
    """Which single relaxation (budget, yearly caps, staff, horizon) would make it feasible."""
    from dataclasses import replace as dc_replace

    relaxations = {
        "total budget": dc_replace(instance, budget=None),
        "yearly caps": dc_replace(
            instance, years=tuple(dc_replace(w, cap=None) for w in instance.years)
        ),
        "staff capacity": dc_replace(instance, staff_profile=None),
    }
    found = []
    for name, relaxed in relaxations.items():
        if relaxed is instance:
            continue
        rm = RoadmapModel(relaxed)
        solver = _solver(params, max(0.5, params.time_limit / 8))
        if solver.solve(rm.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found.append(name)
    if found:
        return (
            "the target cannot be reached as constrained; it becomes reachable without the "
            + " or without the ".join(found)
        )
    return "the target cannot be reached within the horizon even without budget, yearly caps or staff limits"
