"""Solve an Instance with CP-SAT: route by route first, then the lexicographic stages, then
each other Table 1 row (and the chosen row over its other scopes) for the comparison.

The time of the solve is a Deadline (planner/solve/deadline.py) shared out by named shares.
"""

from __future__ import annotations

from catalog.models.base import Text
from planner.compile.instance import Instance
from planner.model.money import MONEY_SCALE
from planner.result.plan_result import (
    Objective,
    RouteComparison,
    SolveOutcome,
    SolveParams,
    SolveStatus,
)
from planner.result.roadmap import Roadmap, schedule
from planner.solve.baseline import rank
from planner.solve.cpsat.objectives import Stage, gap
from planner.solve.cpsat.routes import applicable, route_phase
from planner.solve.cpsat.stages import Outcome, solve_lexicographic, stages_of
from planner.solve.deadline import SHARES, Deadline

NO_ROADMAP_IN_TIME = Text(
    zh="时限内未找到路线图；请增大 --time-limit",
    en="no roadmap found within the time limit; raise --time-limit",
)
MAX_SCOPES_COMPARED = 4  # other scopes of the chosen row solved for the comparison


def solve_instance(
    instance: Instance, params: SolveParams, deadline: Deadline | None = None
) -> SolveOutcome:
    """Solve within ``deadline`` (default: ``params.time_limit`` from now)."""
    deadline = deadline or Deadline(params.time_limit)
    comparing = params.compare_routes and len(instance.routes) > 1
    main_time = deadline.share(SHARES.main_when_comparing) if comparing else deadline
    warm = warm_start(instance, params, main_time)
    facts = None
    if applicable(instance):
        share = SHARES.route_phase if warm is not None else SHARES.route_phase_cold
        facts = route_phase(instance, params, main_time.share(share), warm)
        warm = facts.best
    main = solve_lexicographic(instance, params, main_time, warm=warm, facts=facts)
    routes: list[RouteComparison] = []
    if comparing:
        routes = compare_routes(instance, params, main, deadline)
    stages = stages_of(instance)
    first = stages[0]
    roadmap = main.roadmap
    return SolveOutcome(
        status=main.status,
        objective=Objective(
            target_period=roadmap.target_period if roadmap else None,
            total_cost=roadmap.total_cost if roadmap else None,
            tier=main.values.tier,
        ),
        bound=Objective(
            target_period=main.bounds.time, total_cost=main.bounds.cost, tier=main.bounds.tier
        ),
        gap=gap(first, main.values.get(first), main.bounds.get(first)),
        roadmap=roadmap,
        routes=tuple(routes),
        message=NO_ROADMAP_IN_TIME
        if main.status == SolveStatus.NO_SOLUTION
        else _unproven(stages, main)
        if main.status == SolveStatus.FEASIBLE
        else None,
    )


WHAT = {
    Stage.TIME: ("达成目标所需期数", "periods to the target", 1),
    Stage.COST: ("总成本（万元）", "total cost (万元)", MONEY_SCALE),
    Stage.TIER: ("可达档次", "tier reached", 1),
}


def _unproven(stages: tuple[Stage, ...], main: Outcome) -> Text:
    """A roadmap not proven optimal: the first objective not proven, its value, bound and gap
    in words."""
    stage = next(
        (s for s in stages if main.values.known(s) and main.bounds.get(s) != main.values.get(s)),
        stages[0],
    )
    value, bound = main.values.get(stage), main.bounds.get(stage)
    how_far = gap(stage, value, bound)
    zh_what, en_what, scale = WHAT[stage]
    if value is None or bound is None or how_far is None:
        return Text(
            zh=f"时限内未证明最优（{zh_what}的下界未知）；增大 --time-limit 可继续求解",
            en=f"not proven optimal within the time limit (no bound on the {en_what} yet); "
            "raise --time-limit to search further",
        )
    shown_value, shown_bound = (f"{x / scale:,.2f}".rstrip("0").rstrip(".") for x in (value, bound))
    if stage.maximised:
        return Text(
            zh=f"时限内未证明最优：{zh_what}为{shown_value}，至多可能为{shown_bound}",
            en=f"not proven optimal within the time limit: {en_what} {shown_value}, "
            f"at most {shown_bound} possible",
        )
    return Text(
        zh=f"时限内未证明最优：{zh_what}为{shown_value}，下界为{shown_bound}，"
        f"与最优的差距不超过{how_far:.1%}",
        en=f"not proven optimal within the time limit: {en_what} {shown_value}, lower bound "
        f"{shown_bound}, at most {how_far:.1%} from the optimum",
    )


def warm_start(
    instance: Instance, params: SolveParams, deadline: Deadline | None = None
) -> Roadmap | None:
    """The previous roadmap when re-planning, else the greedy baseline's (if asked for)."""
    previous = instance.locks.previous
    if previous:
        starts = {sid: start for sid, start in previous.items() if sid in instance.steps}
        return schedule(instance, None, starts)
    if params.greedy_hint:
        from planner.solve.baseline import greedy_plan

        return greedy_plan(instance, deadline)
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


def compare_routes(
    instance: Instance, params: SolveParams, main: Outcome, deadline: Deadline
) -> list[RouteComparison]:
    """Every other Table 1 row, and the chosen row over its other scopes, each on its own,
    each with an equal part of what is left of ``deadline``."""
    rows = list(dict.fromkeys(r.row for r in instance.routes))
    chosen_row = main.roadmap.row if main.roadmap else None
    chosen_route = main.roadmap.route if main.roadmap else None
    # the chosen row over its other scopes (e.g. R&D instead of production), at most a few
    scopes = [r.id for r in instance.routes if r.row == chosen_row and r.id != chosen_route]
    scopes = scopes[:MAX_SCOPES_COMPARED]
    todo = len(scopes) + sum(row != chosen_row or main.roadmap is None for row in rows)

    def solved(row: str, allowed: set[str], route: str | None = None) -> RouteComparison:
        nonlocal todo
        warm = _row_warm(instance, allowed) if params.greedy_hint else None
        res = solve_lexicographic(instance, params, deadline.even(todo), allowed, warm=warm)
        todo -= 1
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
