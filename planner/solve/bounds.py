"""Solver-free bounds per route: a sound infeasibility pre-check and lower bounds.

With a route chosen, the steps of a roadmap are fixed (the route's steps, their predecessors,
user-defined and locked steps), and so is its cost. From precedence alone every step has an
earliest start and a latest finish within the horizon; a step spends at least what it must
spend inside a window whatever its start in between. Each check below only uses constraints
every roadmap on the route must meet, so a route it rejects has no roadmap at all:

- total budget: the route's cost above the budget;
- horizon: the longest precedence chain (with locked starts and ``now``) beyond the horizon;
- yearly caps: over any run of consecutive capped years, the spend the steps cannot avoid in
  it above the caps' sum (with every year capped: the route's cost above the caps' sum);
- staff and resources: a step asking more than the peak, or the work the steps cannot avoid
  in a year (or the whole horizon) above the capacity available in it.

Each rejection names the constraint families it used, so the families that together rule out
every route are a sufficient reason for infeasibility. Lower bounds for a feasible-looking
route: the target period (critical path; caps and staff available before it) and the cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import networkx as nx

from planner.compile.instance import Instance, Route, YearWindow
from planner.model.enums import StepKind
from planner.result.family import Family, ordered


def route_steps(instance: Instance, route: Route | None) -> set[str] | None:
    """Steps a roadmap on this route must hold, or None if a forbidden step is needed."""
    wanted = set(route.steps) if route else set()
    wanted |= {sid for sid, s in instance.steps.items() if s.kind == StepKind.USER}
    wanted |= instance.locks.mandatory
    closure = set(wanted)  # with every ancestor: one traversal of the predecessors
    todo = list(wanted)
    pred = instance.graph.pred
    while todo:
        for p in pred[todo.pop()]:
            if p not in closure:
                closure.add(p)
                todo.append(p)
    if closure & instance.locks.forbidden:
        return None
    return closure


@dataclass(frozen=True)
class RouteBound:
    route: str | None
    steps: frozenset[str]
    cost: int  # exact: every step of a roadmap on this route
    target: int  # lower bound on the target period
    infeasible: tuple[Family, ...] = ()  # families that rule the route out (empty: not ruled out)


@dataclass(frozen=True)
class Limits:
    """What the bounds hold against; the explainer relaxes some of them."""

    horizon: int
    budget: int | None
    years: tuple[YearWindow, ...]
    locks: bool = True  # fixed starts of done and started steps, and ``now``


def limits_of(instance: Instance) -> Limits:
    return Limits(instance.horizon, instance.budget, instance.years)


def route_bounds(instance: Instance, limits: Limits | None = None) -> list[RouteBound]:
    """One bound per route (one for "no route" when there are none); computed once per
    instance and limits (the instance is not changed after it is built)."""
    limits = limits or limits_of(instance)
    cache: dict[Limits, list[RouteBound]] = vars(instance).setdefault("_route_bounds", {})
    if limits not in cache:
        routes: list[Route | None] = list(instance.routes) or [None]
        cache[limits] = [_bound(instance, limits, route) for route in routes]
    return list(cache[limits])


def infeasibility(bounds: Sequence[RouteBound]) -> tuple[Family, ...] | None:
    """The families that rule out every route, or None if some route is not ruled out."""
    if not bounds or any(not b.infeasible for b in bounds):
        return None
    return ordered(f for b in bounds for f in b.infeasible)


def _bound(instance: Instance, limits: Limits, route: Route | None) -> RouteBound:
    rid = route.id if route else None
    steps = route_steps(instance, route)
    if steps is None:
        return RouteBound(rid, frozenset(), 0, 0, _needs_forbidden(instance, route))
    chosen = frozenset(steps)
    cost = sum(instance.steps[s].cost for s in chosen)
    graph = instance.graph.subgraph(chosen).copy()
    for a, b in instance.conditional_precedences:
        if a in chosen and b in chosen:
            graph.add_edge(a, b)
    if not nx.is_directed_acyclic_graph(graph):
        return RouteBound(rid, chosen, cost, 0, ())  # leave it to the solver
    order = list(nx.topological_sort(graph))
    early, lock_used = _earliest(instance, limits, graph, order)
    forced = chosen & instance.locks.forced
    locks = tuple(Family.lock(s) for s in sorted(lock_used)) + tuple(
        Family.forced(s) for s in sorted(forced)
    )
    targets = route.targets if route else tuple(chosen)
    target = max((early[s] + instance.steps[s].duration for s in targets), default=0)
    reasons: list[tuple[Family, ...]] = []
    if limits.budget is not None and cost > limits.budget:
        reasons.append((Family.budget(), *_kept(instance, route, chosen, limits.budget)))
    finish = max((early[s] + instance.steps[s].duration for s in chosen), default=0)
    if finish > limits.horizon:
        reasons.append((Family.horizon(), *locks))
    else:
        late = _latest(instance, limits, graph, order)
        capped = _caps(instance, limits, chosen, early, late)
        if capped:
            reasons.append((Family.horizon(), *capped, *locks))
        elif _over_capacity(instance, limits, chosen, early, late):
            reasons.append((Family.horizon(), Family.staff(), *locks))
        target = max(target, _target_by_caps(instance, limits, route, chosen, target))
        if route is not None and target <= limits.horizon:
            target = _deadline(instance, limits, graph.subgraph(route.steps), target)
    families = tuple(dict.fromkeys(f for r in reasons[:1] for f in r))
    return RouteBound(rid, chosen, cost, target, families)


def _closure(instance: Instance, steps: set[str]) -> set[str]:
    """The steps with every predecessor."""
    out = set(steps)
    for sid in steps:
        out |= nx.ancestors(instance.graph, sid)
    return out


def _needs_forbidden(instance: Instance, route: Route | None) -> tuple[Family, ...]:
    """Why a route needs a forbidden step: the forbidden steps it (or a user step) needs, else
    those a done, started or forced step needs, with that step's lock."""
    locks = instance.locks
    own = set(route.steps if route else ())
    own |= {sid for sid, s in instance.steps.items() if s.kind == StepKind.USER}
    needed = _closure(instance, own) & locks.forbidden
    if needed:
        return ordered(Family.forbidden(s) for s in needed)
    out: list[Family] = []
    for sid in sorted(locks.mandatory):
        hit = _closure(instance, {sid}) & locks.forbidden
        if hit:
            out += [Family.forbidden(s) for s in hit]
            out.append(Family.forced(sid) if sid in locks.forced else Family.lock(sid))
    return ordered(out) or (Family.forbidden(),)  # not empty: route_steps found one


def _kept(
    instance: Instance, route: Route | None, chosen: frozenset[str], budget: int
) -> tuple[Family, ...]:
    """The locks and forced steps that put steps into every roadmap, when without them the
    route would fit the budget: then they are part of why it does not."""
    own = set(route.steps if route else ())
    own |= {sid for sid, s in instance.steps.items() if s.kind == StepKind.USER}
    if sum(instance.steps[s].cost for s in _closure(instance, own)) > budget:
        return ()
    locks = instance.locks
    held = sorted(chosen & frozenset(locks.fixed_start))
    return tuple(Family.lock(s) for s in held) + tuple(
        Family.forced(s) for s in sorted(chosen & locks.forced)
    )


def _earliest(
    instance: Instance, limits: Limits, graph: nx.DiGraph, order: list[str]
) -> tuple[dict[str, int], set[str]]:
    locks = instance.locks
    early: dict[str, int] = {}
    used: set[str] = set()
    for sid in order:
        preds = [early[p] + instance.steps[p].duration for p in graph.predecessors(sid)]
        if limits.locks and sid in locks.fixed_start:
            early[sid] = max(locks.fixed_start[sid], *preds) if preds else locks.fixed_start[sid]
            used.add(sid)
        else:
            early[sid] = max([locks.now if limits.locks else 0, *preds])
    return early, used


def _latest(
    instance: Instance, limits: Limits, graph: nx.DiGraph, order: list[str]
) -> dict[str, int]:
    late: dict[str, int] = {}
    for sid in reversed(order):
        succ = [late[s] - instance.steps[s].duration for s in graph.successors(sid)]
        late[sid] = min([limits.horizon, *succ])
    return late


Item = tuple[int, int, int, int]  # weight (spend rate or staff), duration, earliest, latest start


def _items(
    instance: Instance,
    chosen: frozenset[str],
    early: dict[str, int],
    late: dict[str, int],
    weight: str,
) -> list[Item]:
    out = []
    for sid in chosen:
        step = instance.steps[sid]
        amount = step.rate if weight == "rate" else step.staff
        if amount:
            out.append(
                (amount, step.duration, early[sid], max(early[sid], late[sid] - step.duration))
            )
    return out


def _unavoidable(items: list[Item], first: int, last: int) -> int:
    """What the steps must spend (or work) inside [first, last) whatever their starts: a
    step's overlap with a window is smallest at one end of its start's range."""
    total = 0
    for amount, duration, early, latest in items:
        a = min(early + duration, last) - max(early, first)
        b = min(latest + duration, last) - max(latest, first)
        least = a if a < b else b
        if least > 0:
            total += amount * least
    return total


def _caps(
    instance: Instance,
    limits: Limits,
    chosen: frozenset[str],
    early: dict[str, int],
    late: dict[str, int],
) -> tuple[Family, ...]:
    """The capped years of a run whose unavoidable spend exceeds their caps' sum (or ())."""
    years = [w for w in limits.years if w.first < limits.horizon]
    if all(w.cap is None for w in years):
        return ()
    items = _items(instance, chosen, early, late, "rate")
    for i in range(len(years)):
        cap = 0
        for j in range(i, len(years)):
            if years[j].cap is None:
                break
            cap += years[j].cap or 0
            if _unavoidable(items, years[i].first, years[j].last) > cap:
                return tuple(Family.yearly_cap(w.year) for w in years[i : j + 1])
    return ()


def _over_capacity(
    instance: Instance,
    limits: Limits,
    chosen: frozenset[str],
    early: dict[str, int],
    late: dict[str, int],
) -> bool:
    """Staff asked beyond its peak, or unavoidable staff work beyond what a window holds."""
    profile = instance.staff_profile
    if profile is None:
        return False
    peak = max(profile, default=0)
    # beyond the problem's horizon (the explainer's longer one) the capacity is the peak
    profile = (profile + [peak] * limits.horizon)[: limits.horizon]
    if any(instance.steps[s].staff > peak for s in chosen):
        return True
    items = _items(instance, chosen, early, late, "staff")
    windows = [(0, limits.horizon)] + [(w.first, w.last) for w in limits.years]
    return any(_unavoidable(items, a, b) > sum(profile[a:b]) for a, b in windows)


def _target_by_caps(
    instance: Instance,
    limits: Limits,
    route: Route | None,
    chosen: frozenset[str],
    least: int,
) -> int:
    """Every step of a route's closure ends by its target period: the caps of the years
    begun by then (all capped) must hold its cost, and the staff available must hold its work."""
    if route is None:
        return least
    closure = route.steps
    cost = sum(instance.steps[s].cost for s in closure if s in chosen)
    work = sum(instance.steps[s].staff * instance.steps[s].duration for s in closure)
    profile = instance.staff_profile
    covered = max((w.last for w in limits.years), default=0)  # later periods have no cap
    t = least
    while t <= limits.horizon:
        begun = [w for w in limits.years if w.first < t]
        money = (
            t > covered
            or any(w.cap is None for w in begun)
            or sum(w.cap or 0 for w in begun) >= cost
        )
        if money and (profile is None or t > len(profile) or sum(profile[:t]) >= work):
            return t
        t += 1
    return t


def _deadline(instance: Instance, limits: Limits, graph: nx.DiGraph, least: int) -> int:
    """The least deadline by which the route's own steps (its targets and their predecessors,
    which all end by the target period) pass the checks above: a lower bound on the target
    period. Passing is monotone in the deadline, so bisect between ``least`` and the horizon."""
    order = list(nx.topological_sort(graph))
    steps = frozenset(order)

    def passes(deadline: int) -> bool:
        at = replace(limits, horizon=deadline)
        early, _ = _earliest(instance, at, graph, order)
        late = _latest(instance, at, graph, order)
        return not _caps(instance, at, steps, early, late) and not _over_capacity(
            instance, at, steps, early, late
        )

    if passes(least):
        return least
    lo, hi = least + 1, limits.horizon
    if not passes(hi):
        return hi  # the full check of the route decides; keep the bound within the horizon
    while lo < hi:
        mid = (lo + hi) // 2
        if passes(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def with_horizon(instance: Instance, horizon: int) -> Instance:
    """The instance over a longer horizon, as the explainer's model sees it: the later periods
    have no yearly cap, and staff and resources their peak capacity."""

    def padded(profile: list[int]) -> list[int]:
        return profile + [max(profile, default=0)] * max(0, horizon - len(profile))

    staff = instance.staff_profile
    return replace(
        instance,
        horizon=horizon,
        staff_profile=None if staff is None else padded(staff),
        resources={rid: padded(p) for rid, p in instance.resources.items()},
    )
