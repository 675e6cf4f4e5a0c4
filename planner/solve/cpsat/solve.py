"""Lexicographic CP-SAT solve of an Instance, stage by stage, each warm-started from the last.

- fastest: earliest target period, then lowest cost;
- cheapest: lowest cost (target reached within the horizon), then earliest period;
- max-tier: highest tier within budget and horizon, then earliest period, then cost.
A final stage picks one roadmap among the optima deterministically (or, when re-planning with
stability, the one that moves fewest steps least).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from catalog.models.base import Text
from planner.compile.instance import Instance
from planner.model.money import MONEY_SCALE
from planner.result.plan_result import (
    Objective,
    PlanResult,
    RouteComparison,
    SolveParams,
    SolveStatus,
)
from planner.result.roadmap import Roadmap, schedule
from planner.result.validate import validate
from planner.solve.baseline import left_shift, rank
from planner.solve.cpsat.model import RoadmapModel
from planner.solve.cpsat.routes import RoutePhase, applicable, portfolio_worse, route_phase

STABILITY_DETERMINISTIC_TIME = 10.0
CANONICAL_DETERMINISTIC_TIME = 5.0
# Each stage first tries one worker under this deterministic-time budget: small models are
# proven optimal that way faster than by the parallel portfolio, and the answer depends only
# on input and seed, so no canonical final stage is needed. Otherwise the portfolio takes over.
SINGLE_WORKER_DETERMINISTIC_TIME = 1.0
SINGLE_WORKER_WALL_SHARE = 0.5
# of the time limit, kept for the final stage: stability (re-planning) or the canonical roadmap
FINAL_STAGE_SHARE = {"stability": 0.2, "canonical": 0.1}
NO_ROADMAP_IN_TIME = Text(
    zh="时限内未找到路线图；请增大 --time-limit",
    en="no roadmap found within the time limit; raise --time-limit",
)
# of the main solve's time, for solving route by route first (planner/solve/cpsat/routes.py)
ROUTE_SHARE = 0.4
STAGES = {
    "fastest": ("time", "cost"),
    "cheapest": ("cost", "time"),
    "max-tier": ("tier", "time", "cost"),
}


@dataclass
class Outcome:
    status: SolveStatus
    roadmap: Roadmap | None
    values: dict[str, int]
    bounds: dict[str, int]
    proven: bool


def new_solver(
    params: SolveParams, seconds: float, workers: int | None = None
) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.num_workers = workers or params.workers
    solver.parameters.random_seed = params.seed
    return solver


def extract(rm: RoadmapModel, solver: cp_model.CpSolver) -> Roadmap:
    inst = rm.instance
    route = next((r for r in inst.routes if solver.value(rm.routes[r.id])), None)
    starts = {
        sid: int(solver.value(v.start)) for sid, v in rm.steps.items() if solver.value(v.present)
    }
    return schedule(inst, route, starts)


def hint_roadmap(rm: RoadmapModel, roadmap: Roadmap) -> None:
    """Warm start from a known roadmap (a previous stage, the previous plan, the baseline)."""
    rm.hint(roadmap.route, {s.id: s.start for s in roadmap.steps})


def solve_lexicographic(
    instance: Instance,
    params: SolveParams,
    seconds: float,
    allowed: set[str] | None = None,
    warm: Roadmap | None = None,
    facts: RoutePhase | None = None,
) -> Outcome:
    deadline = time.monotonic() + seconds
    stability = instance.locks.stability_tolerance is not None and bool(instance.locks.previous)
    reserve = FINAL_STAGE_SHARE["stability" if stability else "canonical"]
    stages_deadline = deadline - seconds * reserve
    rm = RoadmapModel(instance, allowed)
    if facts is not None:
        rm.add_route_facts(facts.lower, facts.ruled_out)
    if rm.ruled_out is not None:  # a solver-free proof: no allowed route has a roadmap
        return Outcome(SolveStatus.INFEASIBLE, None, {}, {}, True)
    if warm is not None:
        hint_roadmap(rm, warm)
    stages = _stages(instance)
    values: dict[str, int] = {}
    bounds: dict[str, int] = {}
    proven = True
    # every stage (and route) proven by one worker: the roadmap depends on input only
    reproducible = facts is None or facts.reproducible
    roadmap: Roadmap | None = None
    for i, stage in enumerate(stages):
        rm.minimise(stage)
        remaining = stages_deadline - time.monotonic()
        share = remaining * (0.6 if i == 0 and len(stages) > 1 else 1 / (len(stages) - i))
        solver, code, single = _solve_stage(rm, params, share)
        reproducible = reproducible and single
        if code in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
            if roadmap is None:
                return Outcome(SolveStatus.INFEASIBLE, None, {}, {}, True)
            proven = False
            break
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if roadmap is None and warm is not None and _usable(instance, warm):
                # never worse than the greedy baseline: keep its roadmap when CP-SAT has none
                return _warm_outcome(instance, warm, {stage: _bound(rm, solver, stage)})
            if roadmap is None:
                return Outcome(SolveStatus.NO_SOLUTION, None, {}, {}, False)
            proven = False
            break
        value = int(solver.value(rm.objective_expr(stage)))
        bound = _bound(rm, solver, stage)
        values[stage], bounds[stage] = value, min(bound, value)
        proven = proven and code == cp_model.OPTIMAL
        roadmap = extract(rm, solver)
        rm.fix(stage, value)
        hint_roadmap(rm, roadmap)
    assert roadmap is not None
    values.setdefault("time", roadmap.target_period or 0)
    if "cost" not in values and not instance.routes:
        values["cost"] = bounds["cost"] = roadmap.total_cost  # every step is mandatory
    values.setdefault("cost", roadmap.total_cost)
    # A canonical roadmap is worth its solve only when the values are proven optima: otherwise
    # they depend on how far the search got, and so does the roadmap whatever we do.
    canonical = params.deterministic and proven and not reproducible
    final = _final_stage(rm, params, instance, values, deadline, canonical)
    roadmap = final if final is not None else left_shift(instance, roadmap)
    if warm is not None and _better_warm(instance, warm, roadmap):
        return _warm_outcome(instance, warm)
    status = SolveStatus.OPTIMAL if proven else SolveStatus.FEASIBLE
    return Outcome(status, roadmap, values, bounds, proven)


def _stages(instance: Instance) -> tuple[str, ...]:
    """The objective's stages; without routes every step is mandatory, so cost is fixed and
    needs no stage of its own after the first (the time it would take goes to the others)."""
    stages = STAGES[instance.objective]
    if instance.routes:
        return stages
    return stages[:1] + tuple(s for s in stages[1:] if s != "cost")


def _solve_stage(
    rm: RoadmapModel, params: SolveParams, seconds: float
) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus, bool]:
    """One worker under a deterministic budget first; the parallel portfolio if that fails.

    Returns the solver, its status and whether the single worker proved the stage optimal.
    """
    single, single_code = None, cp_model.UNKNOWN
    if params.workers > 1:
        began = time.monotonic()
        # at most half the wall time: on a loaded machine the deterministic budget can take
        # far longer than its nominal second, and the portfolio needs its turn
        single = new_solver(params, seconds * SINGLE_WORKER_WALL_SHARE, workers=1)
        single.parameters.max_deterministic_time = SINGLE_WORKER_DETERMINISTIC_TIME
        single_code = single.solve(rm.model)
        if single_code in (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
            return single, single_code, True
        if single_code == cp_model.FEASIBLE:
            _hint_from(rm, single)
        seconds -= time.monotonic() - began
    solver = new_solver(params, seconds)
    code = solver.solve(rm.model)
    if (
        single is not None
        and single_code == cp_model.FEASIBLE
        and portfolio_worse(solver, code, single)
    ):
        return single, single_code, False  # the portfolio did not improve on one worker
    proven_alone = params.workers == 1 and code in (cp_model.OPTIMAL, cp_model.INFEASIBLE)
    return solver, code, proven_alone


def _hint_from(rm: RoadmapModel, solver: cp_model.CpSolver) -> None:
    """Carry the single worker's best roadmap into the portfolio as its hint."""
    hint_roadmap(rm, extract(rm, solver))


def _better_warm(instance: Instance, warm: Roadmap, roadmap: Roadmap) -> bool:
    """Never worse than the greedy baseline: its roadmap wins when CP-SAT's is worse."""
    if instance.locks.stability_tolerance is not None:
        return False
    return rank(instance, warm) < rank(instance, roadmap) and _usable(instance, warm)


def _usable(instance: Instance, warm: Roadmap) -> bool:
    """A warm start can stand as the answer only if it is a valid roadmap of this problem."""
    return (warm.route is not None or not instance.routes) and not validate(warm, instance)


def _bound(rm: RoadmapModel, solver: cp_model.CpSolver, stage: str) -> int:
    """The stronger of the search's lower bound and the pre-check's on a stage's objective."""
    bound = math.ceil(solver.best_objective_bound - 1e-6)
    precheck = rm.stage_bound(stage)
    return bound if precheck is None else max(bound, precheck)


def _warm_outcome(
    instance: Instance, warm: Roadmap, bounds: dict[str, int] | None = None
) -> Outcome:
    values = {"time": warm.target_period or 0, "cost": warm.total_cost}
    if instance.objective == "max-tier":
        tier = next((r.tier for r in instance.routes if r.id == warm.route), instance.current_tier)
        values["tier"] = -tier
    kept = {k: min(v, values[k]) for k, v in (bounds or {}).items() if k in values}
    return Outcome(SolveStatus.FEASIBLE, left_shift(instance, warm), values, kept, False)


def _final_stage(
    rm: RoadmapModel,
    params: SolveParams,
    instance: Instance,
    values: dict[str, int],
    deadline: float,
    canonical: bool,
) -> Roadmap | None:
    """Stability when re-planning: fewest and smallest moves within the tolerance; otherwise,
    if ``canonical``, one roadmap among the proven optima that depends on input and seed only.

    Single worker under a deterministic time limit: the answer depends only on input and seed.
    """
    locks = instance.locks
    if locks.stability_tolerance is None or not locks.previous:
        return _deterministic(rm, params, deadline) if canonical else None
    for stage in STAGES[instance.objective]:
        if stage == "tier":
            continue
        allowed = math.floor(values[stage] * (1 + locks.stability_tolerance) + 1e-9)
        rm.fix(stage, allowed)
    rm.minimise_moves(locks.previous)
    solver = new_solver(params, max(1.0, deadline - time.monotonic()), workers=1)
    solver.parameters.max_deterministic_time = STABILITY_DETERMINISTIC_TIME
    code = solver.solve(rm.model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return extract(rm, solver)
    return None


def _deterministic(rm: RoadmapModel, params: SolveParams, deadline: float) -> Roadmap | None:
    """Parallel search may return any of several optimal roadmaps. With every objective value
    fixed, one worker without hints finds the first feasible roadmap: it depends only on the
    input and the seed (then ``left_shift`` starts everything as early as possible)."""
    rm.model.clear_objective()  # type: ignore[no-untyped-call]
    rm.model.clear_hints()  # type: ignore[no-untyped-call]
    solver = new_solver(params, max(1.0, deadline - time.monotonic()), workers=1)
    solver.parameters.max_deterministic_time = CANONICAL_DETERMINISTIC_TIME
    code = solver.solve(rm.model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return extract(rm, solver)
    return None


def solve_instance(instance: Instance, params: SolveParams) -> PlanResult:
    began = time.monotonic()
    share = 0.6 if params.compare_routes and len(instance.routes) > 1 else 1.0
    warm = warm_start(instance, params)
    facts = None
    if applicable(instance):
        left = params.time_limit * share - (time.monotonic() - began)
        facts = route_phase(instance, params, left * ROUTE_SHARE, warm)
        warm = facts.best
    left = params.time_limit * share - (time.monotonic() - began)
    main = solve_lexicographic(instance, params, left, warm=warm, facts=facts)
    routes: list[RouteComparison] = []
    if share < 1.0:
        left = params.time_limit - (time.monotonic() - began)
        routes = compare_routes(instance, params, main, left)
    gap = None
    stages = STAGES[instance.objective]
    first = stages[0]
    if first in main.values and first in main.bounds:
        value, bound = main.values[first], main.bounds[first]
        gap = 0.0 if value == bound else abs(value - bound) / max(1, abs(value))
    roadmap = main.roadmap
    return PlanResult(
        status=main.status,
        objective=Objective(
            target_period=roadmap.target_period if roadmap else None,
            total_cost=roadmap.total_cost if roadmap else None,
            tier=-main.values["tier"] if "tier" in main.values else None,
        ),
        bound=Objective(
            target_period=main.bounds.get("time"),
            total_cost=main.bounds.get("cost"),
            tier=-main.bounds["tier"] if "tier" in main.bounds else None,
        ),
        gap=gap,
        runtime=time.monotonic() - began,
        roadmap=roadmap,
        routes=tuple(routes),
        message=NO_ROADMAP_IN_TIME
        if main.status == SolveStatus.NO_SOLUTION
        else _unproven(stages, main)
        if main.status == SolveStatus.FEASIBLE
        else None,
    )


def _unproven(stages: tuple[str, ...], main: Outcome) -> Text:
    """A roadmap not proven optimal: the first objective not proven, its value, bound and gap
    in words."""
    stage = next(
        (s for s in stages if s in main.values and main.bounds.get(s) != main.values[s]),
        stages[0],
    )
    value, bound = main.values.get(stage), main.bounds.get(stage)
    gap = None
    if value is not None and bound is not None:
        gap = 0.0 if value == bound else abs(value - bound) / max(1, abs(value))
    zh_what, en_what, scale = {
        "time": ("达成目标所需期数", "periods to the target", 1),
        "cost": ("总成本（万元）", "total cost (万元)", MONEY_SCALE),
        "tier": ("可达档次", "tier reached", -1),
    }[stage]
    if value is None or bound is None or gap is None:
        return Text(
            zh=f"时限内未证明最优（{zh_what}的下界未知）；增大 --time-limit 可继续求解",
            en=f"not proven optimal within the time limit (no bound on the {en_what} yet); "
            "raise --time-limit to search further",
        )
    shown_value, shown_bound = (f"{x / scale:,.2f}".rstrip("0").rstrip(".") for x in (value, bound))
    if stage == "tier":
        shown_value, shown_bound = str(-value), str(-bound)
        return Text(
            zh=f"时限内未证明最优：{zh_what}为{shown_value}，至多可能为{shown_bound}",
            en=f"not proven optimal within the time limit: {en_what} {shown_value}, "
            f"at most {shown_bound} possible",
        )
    return Text(
        zh=f"时限内未证明最优：{zh_what}为{shown_value}，下界为{shown_bound}，"
        f"与最优的差距不超过{gap:.1%}",
        en=f"not proven optimal within the time limit: {en_what} {shown_value}, lower bound "
        f"{shown_bound}, at most {gap:.1%} from the optimum",
    )


def warm_start(instance: Instance, params: SolveParams) -> Roadmap | None:
    """The previous roadmap when re-planning, else the greedy baseline's (if asked for)."""
    previous = instance.locks.previous
    if previous:
        starts = {sid: start for sid, start in previous.items() if sid in instance.steps}
        return schedule(instance, None, starts)
    if params.greedy_hint:
        from planner.solve.baseline import greedy_plan

        return greedy_plan(instance)
    return None


def _row_warm(instance: Instance, allowed: set[str]) -> Roadmap | None:
    """The best greedy roadmap over one row's routes (a row's answer is never worse)."""
    from planner.solve.baseline import greedy_roadmap

    best: Roadmap | None = None
    for route in instance.routes:
        if route.id not in allowed:
            continue
        roadmap = greedy_roadmap(instance, route)
        if roadmap is not None and (best is None or rank(instance, roadmap) < rank(instance, best)):
            best = roadmap
    return best


MAX_SCOPES_COMPARED = 4  # other scopes of the chosen row solved for the comparison


def compare_routes(
    instance: Instance, params: SolveParams, main: Outcome, seconds: float
) -> list[RouteComparison]:
    """Every other Table 1 row, and the chosen row over its other scopes, each on its own."""
    rows = list(dict.fromkeys(r.row for r in instance.routes))
    chosen_row = main.roadmap.row if main.roadmap else None
    chosen_route = main.roadmap.route if main.roadmap else None
    # the chosen row over its other scopes (e.g. R&D instead of production), at most a few
    scopes = [r.id for r in instance.routes if r.row == chosen_row and r.id != chosen_route]
    scopes = scopes[:MAX_SCOPES_COMPARED]
    per_row = max(0.2, seconds / max(1, len(rows) + len(scopes)))

    def solved(row: str, allowed: set[str], route: str | None = None) -> RouteComparison:
        warm = _row_warm(instance, allowed) if params.greedy_hint else None
        res = solve_lexicographic(instance, params, per_row, allowed, warm=warm)
        return _comparison(row, res.roadmap, res.status, route=route)

    alt = [solved(str(chosen_row), {rid}, rid) for rid in scopes]
    out: list[RouteComparison] = []
    for row in rows:
        if row == chosen_row and main.roadmap is not None:
            out.append(_comparison(row, main.roadmap, main.status, chosen=True))
            out += alt  # the chosen row over its other scopes, right after it
            continue
        out.append(solved(row, {r.id for r in instance.routes if r.row == row}))
    return out


def _comparison(
    row: str,
    roadmap: Roadmap | None,
    status: SolveStatus,
    route: str | None = None,
    chosen: bool = False,
) -> RouteComparison:
    return RouteComparison(
        row=row,
        route=route or (roadmap.route if roadmap else None),
        status=status,
        target_period=roadmap.target_period if roadmap else None,
        total_cost=roadmap.total_cost if roadmap else None,
        chosen=chosen,
    )
