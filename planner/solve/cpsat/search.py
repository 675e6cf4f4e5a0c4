"""Running CP-SAT on a model: every solver made here, with its time limit from a Deadline.

``solve_model`` first tries one worker under a deterministic-time budget: small models are
proven optimal that way faster than by the parallel portfolio, and the answer depends only on
input and seed. If that does not decide the model, the portfolio takes over, warm-started from
the single worker's roadmap.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from planner.result.plan_result import SolveParams
from planner.result.roadmap import Roadmap, schedule
from planner.solve.cpsat.model import RoadmapModel
from planner.solve.deadline import SHARES, Deadline

SINGLE_WORKER_DETERMINISTIC_TIME = 1.0
DECIDED = (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID)
FOUND = (cp_model.OPTIMAL, cp_model.FEASIBLE)


def new_solver(
    params: SolveParams, deadline: Deadline, what: str, workers: int | None = None
) -> cp_model.CpSolver:
    """A solver whose time limit is all that is left of ``deadline`` (recorded as a grant)."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = deadline.grant(what)
    solver.parameters.num_workers = workers or params.workers
    solver.parameters.random_seed = params.seed
    return solver


def solve_model(
    rm: RoadmapModel, params: SolveParams, deadline: Deadline, what: str
) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus, bool]:
    """One worker under a deterministic budget first; the parallel portfolio if that fails.

    Returns the solver, its status and whether one worker decided it (so the answer depends
    on input and seed only).
    """
    single, single_code = None, cp_model.UNKNOWN
    if params.workers > 1:
        single = new_solver(params, deadline.share(SHARES.single_worker), what + " (1)", 1)
        single.parameters.max_deterministic_time = SINGLE_WORKER_DETERMINISTIC_TIME
        single_code = single.solve(rm.model)
        if single_code in DECIDED:
            return single, single_code, True
        if single_code == cp_model.FEASIBLE:
            hint_roadmap(rm, extract(rm, single))
    solver = new_solver(params, deadline, what)
    code = solver.solve(rm.model)
    if (
        single is not None
        and single_code == cp_model.FEASIBLE
        and portfolio_worse(solver, code, single)
    ):
        return single, single_code, False  # the portfolio did not improve on one worker
    return solver, code, params.workers == 1 and code in DECIDED


def portfolio_worse(
    solver: cp_model.CpSolver, code: cp_model.CpSolverStatus, single: cp_model.CpSolver
) -> bool:
    """The portfolio found nothing better than the single worker."""
    if code not in FOUND:
        return True
    return bool(solver.objective_value > single.objective_value)


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
