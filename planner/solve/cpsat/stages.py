"""The lexicographic solve of an Instance, stage by stage, each warm-started from the last.

The stages of each objective are in planner/solve/cpsat/objectives.py. A final stage picks one
roadmap among the optima deterministically (or, when re-planning with stability, the one that
moves fewest steps least). Every solve's time limit comes from the Deadline it is given.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.compile.instance import Instance
from planner.result.plan_result import SolveParams, SolveStatus
from planner.result.roadmap import Roadmap
from planner.result.validate import validate
from planner.solve.baseline import left_shift, rank
from planner.solve.bounds import route_bounds
from planner.solve.cpsat.model import RoadmapModel, build_estimate, precheck_bound, ruled_out
from planner.solve.cpsat.objectives import STAGES, Stage, StageValues, tightest
from planner.solve.cpsat.routes import RoutePhase
from planner.solve.cpsat.search import (
    DECIDED,
    FOUND,
    extract,
    hint_roadmap,
    new_solver,
    solve_model,
)
from planner.solve.deadline import SHARES, Deadline

STABILITY_DETERMINISTIC_TIME = 10.0
CANONICAL_DETERMINISTIC_TIME = 5.0


@dataclass
class Outcome:
    status: SolveStatus
    roadmap: Roadmap | None
    values: StageValues
    bounds: StageValues
    proven: bool


NOTHING = StageValues()


def stages_of(instance: Instance) -> tuple[Stage, ...]:
    """The objective's stages; without routes every step is mandatory, so cost is fixed and
    needs no stage of its own after the first (the time it would take goes to the others)."""
    stages = STAGES[instance.objective]
    if instance.routes:
        return stages
    return stages[:1] + tuple(s for s in stages[1:] if s is not Stage.COST)


def solve_lexicographic(
    instance: Instance,
    params: SolveParams,
    deadline: Deadline,
    allowed: set[str] | None = None,
    warm: Roadmap | None = None,
    facts: RoutePhase | None = None,
) -> Outcome:
    stability = instance.locks.stability_tolerance is not None and bool(instance.locks.previous)
    stages_time = deadline.keeping(SHARES.stability if stability else SHARES.canonical)
    if not deadline.may_build("lexicographic", build_estimate(instance)):
        # no time to build the model: the solver-free proof or warm start
        out = facts.ruled_out if facts is not None else set()
        lower = facts.lower if facts is not None else {}
        checked = route_bounds(instance)
        if ruled_out(instance, checked, allowed, out) is not None:
            return Outcome(SolveStatus.INFEASIBLE, None, NOTHING, NOTHING, True)
        if warm is not None and _usable(instance, warm):
            known = NOTHING
            for stage in (Stage.TIME, Stage.COST):
                bound = precheck_bound(instance, checked, stage, allowed, lower, out)
                known = known.with_(stage, bound)
            return _warm_outcome(instance, warm, known)
        return Outcome(SolveStatus.NO_SOLUTION, None, NOTHING, NOTHING, False)
    rm = RoadmapModel(instance, allowed)
    if facts is not None:
        rm.add_route_facts(facts.lower, facts.ruled_out)
    if rm.ruled_out is not None:  # a solver-free proof: no allowed route has a roadmap
        return Outcome(SolveStatus.INFEASIBLE, None, NOTHING, NOTHING, True)
    if warm is not None:
        hint_roadmap(rm, warm)
    stages = stages_of(instance)
    values, bounds = NOTHING, NOTHING
    proven = True
    # every stage (and route) proven by one worker: the roadmap depends on input only
    reproducible = facts is None or facts.reproducible
    roadmap: Roadmap | None = None
    for i, stage in enumerate(stages):
        rm.minimise(stage)
        first = i == 0 and len(stages) > 1
        phase = (
            stages_time.share(SHARES.first_stage) if first else stages_time.even(len(stages) - i)
        )
        solver, code, single = solve_model(rm, params, phase, f"stage {stage}")
        if code not in FOUND and code not in DECIDED and roadmap is None and warm is None:
            # nothing found yet, not even by the greedy baseline: a first roadmap is worth all
            # the time left (the later stages and the final one have nothing to work on)
            solver, code, single = solve_model(rm, params, deadline, f"stage {stage}, more")
        reproducible = reproducible and single
        if code in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
            if roadmap is None:
                return Outcome(SolveStatus.INFEASIBLE, None, NOTHING, NOTHING, True)
            proven = False
            break
        if code not in FOUND:
            if roadmap is None and warm is not None and _usable(instance, warm):
                # never worse than the greedy baseline: keep its roadmap when CP-SAT has none
                known = NOTHING.with_(stage, _bound(rm, solver, stage))
                return _warm_outcome(instance, warm, known)
            if roadmap is None:
                return Outcome(SolveStatus.NO_SOLUTION, None, NOTHING, NOTHING, False)
            proven = False
            break
        value = rm.objectives.value(solver, stage)
        values = values.with_(stage, value)
        bound = _bound(rm, solver, stage)
        bounds = bounds.with_(stage, None if bound is None else tightest(stage, bound, value))
        proven = proven and code == cp_model.OPTIMAL
        roadmap = extract(rm, solver)
        rm.fix(stage, value)
        hint_roadmap(rm, roadmap)
    assert roadmap is not None
    if values.time is None:
        values = values.with_(Stage.TIME, roadmap.target_period or 0)
    if values.cost is None and not instance.routes:
        values = values.with_(Stage.COST, roadmap.total_cost)  # every step is mandatory
        bounds = bounds.with_(Stage.COST, roadmap.total_cost)
    if values.cost is None:
        values = values.with_(Stage.COST, roadmap.total_cost)
    # A canonical roadmap is worth its solve only when the values are proven optima: otherwise
    # they depend on how far the search got, and so does the roadmap whatever we do.
    canonical = params.deterministic and proven and not reproducible and not deadline.expired
    final = _final_stage(rm, params, instance, values, deadline, canonical)
    roadmap = final if final is not None else left_shift(instance, roadmap)
    if warm is not None and _better_warm(instance, warm, roadmap):
        return _warm_outcome(instance, warm)
    status = SolveStatus.OPTIMAL if proven else SolveStatus.FEASIBLE
    return Outcome(status, roadmap, values, bounds, proven)


def _better_warm(instance: Instance, warm: Roadmap, roadmap: Roadmap) -> bool:
    """Never worse than the greedy baseline: its roadmap wins when CP-SAT's is worse."""
    if instance.locks.stability_tolerance is not None:
        return False
    return rank(instance, warm) < rank(instance, roadmap) and _usable(instance, warm)


def _usable(instance: Instance, warm: Roadmap) -> bool:
    """A warm start can stand as the answer only if it is a valid roadmap of this problem."""
    return (warm.route is not None or not instance.routes) and not validate(warm, instance)


def _bound(rm: RoadmapModel, solver: cp_model.CpSolver, stage: Stage) -> int | None:
    """The stronger of the search's bound and the pre-check's on a stage's objective."""
    found = solver.best_objective_bound
    bound = rm.objectives.bound(solver, stage) if math.isfinite(found) else None
    precheck = rm.stage_bound(stage)
    if precheck is None or stage.maximised:
        return bound
    return precheck if bound is None else max(bound, precheck)


def _warm_outcome(instance: Instance, warm: Roadmap, bounds: StageValues = NOTHING) -> Outcome:
    values = StageValues(time=warm.target_period or 0, cost=warm.total_cost)
    if instance.objective == "max-tier":
        tier = next((r.tier for r in instance.routes if r.id == warm.route), instance.current_tier)
        values = values.with_(Stage.TIER, tier)
    kept = NOTHING
    for stage in Stage:
        bound, value = bounds.get(stage), values.get(stage)
        if bound is not None and value is not None:
            kept = kept.with_(stage, tightest(stage, bound, value))
    return Outcome(SolveStatus.FEASIBLE, left_shift(instance, warm), values, kept, False)


def _final_stage(
    rm: RoadmapModel,
    params: SolveParams,
    instance: Instance,
    values: StageValues,
    deadline: Deadline,
    canonical: bool,
) -> Roadmap | None:
    """Stability when re-planning: fewest and smallest moves within the tolerance; otherwise,
    if ``canonical``, one roadmap among the proven optima that depends on input and seed only.

    Single worker under a deterministic time limit: the answer depends only on input and seed.
    """
    locks = instance.locks
    if locks.stability_tolerance is None or not locks.previous:
        return _deterministic(rm, params, deadline) if canonical else None
    if deadline.expired:
        return None
    for stage in STAGES[instance.objective]:
        value = values.get(stage)
        if stage.maximised or value is None:
            continue
        allowed = math.floor(value * (1 + locks.stability_tolerance) + 1e-9)
        rm.fix(stage, allowed)
    rm.objectives.minimise_moves(locks.previous)
    solver = new_solver(params, deadline, "stability", workers=1)
    solver.parameters.max_deterministic_time = STABILITY_DETERMINISTIC_TIME
    if solver.solve(rm.model) in FOUND:
        return extract(rm, solver)
    return None


def _deterministic(rm: RoadmapModel, params: SolveParams, deadline: Deadline) -> Roadmap | None:
    """Parallel search may return any of several optimal roadmaps. With every objective value
    fixed, one worker without hints finds the first feasible roadmap: it depends only on the
    input and the seed (then ``left_shift`` starts everything as early as possible)."""
    rm.model.clear_objective()  # type: ignore[no-untyped-call]
    rm.model.clear_hints()  # type: ignore[no-untyped-call]
    solver = new_solver(params, deadline, "canonical", workers=1)
    solver.parameters.max_deterministic_time = CANONICAL_DETERMINISTIC_TIME
    if solver.solve(rm.model) in FOUND:
        return extract(rm, solver)
    return None
