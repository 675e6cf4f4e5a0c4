"""Route by route: each route's own sub-problem before the full model.

With a route chosen, which steps a roadmap holds is fixed (the route's steps, their
predecessors, user-defined and locked steps), so each route is a scheduling problem without
optional steps, far smaller than the full model. Taken in the order of their pre-check
bounds, the routes that could beat the best roadmap so far are solved one by one, each with a
share of the time:

- ``fastest``: earliest target period with the target no later than the best so far; a route
  that cannot meet it is bounded one period after it; a route solved to optimality is bounded
  by its optimum; otherwise by the search's bound;
- ``cheapest``: a route's cost is fixed, so the cheapest route with a roadmap is the optimum:
  routes are tried cheapest first and proven infeasible or given a roadmap.

What it proves (per route: ruled out, or a lower bound on its target period) goes into the
full model as constraints, with the best roadmap as its warm start; every such constraint
follows from a proof, so the full model keeps the same optima.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from planner.compile.instance import Instance, Route
from planner.result.plan_result import SolveParams
from planner.result.roadmap import Roadmap, schedule
from planner.solve.baseline import greedy_roadmap, rank
from planner.solve.bounds import RouteBound, route_bounds, route_steps
from planner.solve.cpsat.model import RoadmapModel, build_estimate
from planner.solve.cpsat.search import solve_model
from planner.solve.deadline import Deadline

MIN_SHARE = 0.5  # seconds: a route given less is left to the full model


@dataclass
class RoutePhase:
    best: Roadmap | None
    lower: dict[str, int] = field(default_factory=dict)  # route → lower bound on the target
    ruled_out: set[str] = field(default_factory=set)  # routes proven to have no roadmap
    solved: int = 0
    reproducible: bool = True  # every route decided by one worker: depends on input only


def sub_instance(instance: Instance, route: Route) -> Instance | None:
    """The instance restricted to one route's steps (None if it needs a forbidden step)."""
    steps = route_steps(instance, route)
    if steps is None:
        return None
    locks = instance.locks
    return replace(
        instance,
        steps={sid: s for sid, s in instance.steps.items() if sid in steps},
        graph=instance.graph.subgraph(steps).copy(),
        routes=(route,),
        user_precedences=tuple(
            (a, b) for a, b in instance.user_precedences if a in steps and b in steps
        ),
        order_precedences=tuple(
            (a, b) for a, b in instance.order_precedences if a in steps and b in steps
        ),
        locks=replace(locks, forbidden=locks.forbidden & frozenset(steps)),
    )


def applicable(instance: Instance) -> bool:
    locks = instance.locks
    return (
        instance.objective in ("fastest", "cheapest")
        and len(instance.routes) > 1
        and not (locks.stability_tolerance is not None and locks.previous)
    )


def route_phase(
    instance: Instance,
    params: SolveParams,
    deadline: Deadline,
    warm: Roadmap | None,
    objective: str | None = None,
) -> RoutePhase:
    """Solve route by route within ``deadline`` (``objective``: the instance's unless given)."""
    bounds = {b.route: b for b in route_bounds(instance) if b.route is not None}
    phase = RoutePhase(best=warm)
    phase.ruled_out = {rid for rid, b in bounds.items() if b.infeasible}
    by_id = {r.id: r for r in instance.routes}
    fastest = (objective or instance.objective) == "fastest"
    order = sorted(
        (rid for rid in bounds if rid not in phase.ruled_out),
        key=lambda rid: (
            (bounds[rid].target, bounds[rid].cost, rid)
            if fastest
            else (bounds[rid].cost, bounds[rid].target, rid)
        ),
    )
    for i, rid in enumerate(order):
        b, best = bounds[rid], phase.best
        if best is not None and best.target_period is not None:
            if fastest and (b.target, b.cost) >= (best.target_period, best.total_cost):
                continue  # cannot beat the best roadmap so far
            if not fastest and b.cost > best.total_cost:
                break  # dearer than the best so far, and so are all the later ones
        left = deadline.left()
        if left < MIN_SHARE:
            break
        # the most promising routes come first: each gets at least MIN_SHARE; with no roadmap
        # yet (the greedy baseline found none), the first route all of it: finding a roadmap
        # comes before bounding the others
        share = max(MIN_SHARE, left / _candidates(order[i:], bounds, best, fastest))
        if best is None and phase.solved == 0:
            share = left
        sub = sub_instance(instance, by_id[rid])
        if sub is None:
            phase.ruled_out.add(rid)
            continue
        part = deadline.part(share)
        if not part.may_build(f"route {rid}", build_estimate(sub)):
            break  # left to the full model
        cap = best.target_period if fastest and best is not None else None
        _solve_route(instance, sub, by_id[rid], params, part, cap, phase)
    return phase


def _candidates(
    order: list[str], bounds: dict[str, RouteBound], best: Roadmap | None, fastest: bool
) -> int:
    """How many of these routes could still beat the best roadmap so far."""
    if best is None or best.target_period is None:
        return len(order)
    if fastest:
        mark = (best.target_period, best.total_cost)
        return max(1, sum((bounds[r].target, bounds[r].cost) < mark for r in order))
    return max(1, sum(bounds[r].cost <= best.total_cost for r in order))


def _solve_route(
    instance: Instance,
    sub: Instance,
    route: Route,
    params: SolveParams,
    deadline: Deadline,
    cap: int | None,
    phase: RoutePhase,
) -> None:
    rm = RoadmapModel(sub)
    if rm.ruled_out is not None:
        phase.ruled_out.add(route.id)
        return
    rm.minimise("time")
    if cap is not None:
        rm.model.add(rm.target <= cap)
    start = greedy_roadmap(sub, route)
    if start is not None:
        rm.hint(route.id, {s.id: s.start for s in start.steps})
    solver, code, single = solve_model(rm, params, deadline, f"route {route.id}")
    phase.reproducible = phase.reproducible and single
    phase.solved += 1
    precheck = rm.stage_bound("time") or 0
    found = solver.best_objective_bound
    searched = math.ceil(found - 1e-6) if math.isfinite(found) else 0
    if code == cp_model.INFEASIBLE:
        if cap is None:
            phase.ruled_out.add(route.id)
        else:
            phase.lower[route.id] = cap + 1
        return
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if code == cp_model.UNKNOWN:
            phase.lower[route.id] = max(precheck, min(searched, (cap or sub.horizon) + 1))
        return
    starts = {
        sid: int(solver.value(v.start)) for sid, v in rm.steps.items() if solver.value(v.present)
    }
    roadmap = schedule(instance, route, starts)
    bound = max(precheck, searched)
    phase.lower[route.id] = min(bound, roadmap.target_period or bound)
    if phase.best is None or rank(instance, roadmap) < rank(instance, phase.best):
        phase.best = roadmap
