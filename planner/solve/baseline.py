"""Greedy baseline: a serial schedule-generation scheme with a priority rule.

What a careful spreadsheet planner would reach: for each route, take its steps in precedence
order, longest remaining path first, and start each at the earliest period where precedence,
locks, staff, resources and yearly caps allow. Where that ends beyond the horizon, a backward
pass; where neither ends at the critical path, a local search over the order the steps are
placed in (planner/solve/listsearch.py). The best route by the problem's objective wins.
Used in benchmarks, as CP-SAT's warm start and fallback, and by the risk analysis.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable

import networkx as nx

from planner.compile.instance import Instance, Route
from planner.result.roadmap import Roadmap, schedule
from planner.solve.bounds import route_bounds, route_steps
from planner.solve.deadline import Deadline
from planner.solve.listsearch import PATIENCE, PATIENCE_IMPROVING, ListSearch

MAX_ROUTES = 200


def greedy_roadmap(
    instance: Instance, route: Route | None, deadline: Deadline | None = None
) -> Roadmap | None:
    """Serial SGS on one route, then the list search where it ends beyond the horizon or
    above the critical path; None when the greedy cannot place every step. Computed once per
    instance and route (the instance is not changed after it is built). With a ``deadline``,
    the search for a better roadmap stops when it expires; a roadmap searched for less than
    its full length is not kept (the next call searches again), so a kept one depends on the
    input only."""
    cache: dict[str | None, Roadmap | None] = vars(instance).setdefault("_greedy", {})
    key = route.id if route else None
    if key in cache:
        return cache[key]
    cut = [False]

    def expired() -> bool:
        cut[0] = cut[0] or (deadline is not None and deadline.expired)
        return cut[0]

    roadmap = _greedy(instance, route, expired)
    if not cut[0]:
        cache[key] = roadmap
    return roadmap


def _greedy(instance: Instance, route: Route | None, expired: Callable[[], bool]) -> Roadmap | None:
    ordered = route_graph(instance, route)
    if ordered is None:
        return None
    graph, tail = ordered
    targets = frozenset(route.steps) if route else frozenset(graph)
    bound, last = _critical_path(instance, graph, targets)
    if last > instance.horizon:
        return None  # its longest chain alone ends beyond the horizon
    if instance.budget is not None and sum(instance.steps[s].cost for s in graph) > instance.budget:
        return None  # a route's cost is its steps', whatever their order
    roadmap = _forward(instance, route, graph, tail, _Usage(instance), {})
    if roadmap is None:  # e.g. yearly caps spent on other work first delayed a chain
        roadmap = _backward(instance, route, graph)
    if roadmap is not None and (roadmap.target_period or 0) <= bound:
        return roadmap
    key = route.id if route else None
    known = next((b for b in route_bounds(instance) if b.route == key), None)
    if known is not None and known.infeasible:
        return None  # ruled out by what every roadmap on the route must meet (bounds.py)
    bound = max(bound, known.target if known else 0)
    if roadmap is None or (roadmap.target_period or 0) > bound:
        preds = {s: list(graph.predecessors(s)) for s in graph}
        succs = {s: list(graph.successors(s)) for s in graph}
        search = ListSearch(instance, preds, succs)
        patience = PATIENCE if roadmap is None else PATIENCE_IMPROVING
        order = _order(instance, graph, tail)
        _, starts = search.improve(order, targets, bound, patience, expired)
        if starts is not None:
            found = left_shift(instance, schedule(instance, route, starts))
            if roadmap is None or rank(instance, found) < rank(instance, roadmap):
                roadmap = found
    if roadmap is None:
        return None
    if instance.budget is not None and roadmap.total_cost > instance.budget:
        return None
    return roadmap


def _critical_path(
    instance: Instance, graph: nx.DiGraph, targets: frozenset[str]
) -> tuple[int, int]:
    """Lower bounds from precedence, ``now`` and locked starts alone: (the target period, the
    last end of any step)."""
    locks = instance.locks
    end: dict[str, int] = {}
    for sid in nx.topological_sort(graph):
        before = [end[p] for p in graph.predecessors(sid)]
        start = locks.fixed_start.get(sid, max([locks.now, *before]))
        end[sid] = start + instance.steps[sid].duration
    target = max((end[s] for s in targets if s in end), default=0)
    return target, max(end.values(), default=0)


def _order(instance: Instance, graph: nx.DiGraph, tail: dict[str, int]) -> list[str]:
    """The forward pass's list: locked steps first, then longest remaining path first."""
    preds_left = {s: graph.in_degree(s) for s in graph}
    ready = [(s not in instance.locks.fixed_start, -tail[s], s) for s in graph if not preds_left[s]]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        sid = heapq.heappop(ready)[2]
        order.append(sid)
        for succ in graph.successors(sid):
            preds_left[succ] -= 1
            if not preds_left[succ]:
                heapq.heappush(ready, (succ not in instance.locks.fixed_start, -tail[succ], succ))
    return order


def route_graph(
    instance: Instance, route: Route | None
) -> tuple[nx.DiGraph, dict[str, int]] | None:
    """The steps of a route with every precedence among them (the DAG's and the conditional
    ones) and each step's tail (its longest path to the end); None when the route cannot be
    held or the precedences among its steps form a cycle."""
    chosen = route_steps(instance, route)
    if chosen is None:
        return None
    graph = instance.graph.subgraph(chosen).copy()
    for a, b in instance.conditional_precedences:
        if a in chosen and b in chosen:
            graph.add_edge(a, b)
    if not nx.is_directed_acyclic_graph(graph):
        return None
    tail: dict[str, int] = {}
    for sid in reversed(list(nx.topological_sort(graph))):
        after = [tail[s] for s in graph.successors(sid)]
        tail[sid] = instance.steps[sid].duration + (max(after) if after else 0)
    return graph, tail


def _forward(
    instance: Instance,
    route: Route | None,
    graph: nx.DiGraph,
    tail: dict[str, int],
    usage: _Usage,
    starts: dict[str, int],
) -> Roadmap | None:
    """Each step at its earliest period, longest remaining path first."""

    def priority(s: str) -> tuple[bool, int, str]:
        return (s not in instance.locks.fixed_start, -tail[s], s)

    # the ready step of highest priority first (a heap: the priority of a step never changes)
    ready = [priority(s) for s in graph if graph.in_degree(s) == 0]
    heapq.heapify(ready)
    while ready:
        sid = heapq.heappop(ready)[2]
        earliest = max(
            (starts[p] + instance.steps[p].duration for p in graph.predecessors(sid)),
            default=0,
        )
        placed = usage.place(sid, earliest)
        if placed is None:
            return None
        starts[sid] = placed
        for succ in graph.successors(sid):
            if all(p in starts for p in graph.predecessors(succ)):
                heapq.heappush(ready, priority(succ))
    return schedule(instance, route, starts)


def _backward(instance: Instance, route: Route | None, graph: nx.DiGraph) -> Roadmap | None:
    """Each step at its latest period before its successors (those with the longest path
    before them first), then every step as early as the others allow (``left_shift``): where
    the forward pass spent early caps on work that could wait, this one leaves them to the
    chains that cannot."""
    locks = instance.locks
    head: dict[str, int] = {}
    for sid in nx.topological_sort(graph):
        before = [head[p] + instance.steps[p].duration for p in graph.predecessors(sid)]
        head[sid] = max([locks.now, *before]) if sid not in locks.fixed_start else 0
    usage = _Usage(instance)
    starts: dict[str, int] = {}
    ready = [(-head[s], s) for s in graph if graph.out_degree(s) == 0]
    heapq.heapify(ready)
    while ready:
        sid = heapq.heappop(ready)[1]
        step = instance.steps[sid]
        latest = min((starts[s] for s in graph.successors(sid)), default=instance.horizon)
        placed = usage.place_latest(sid, latest - step.duration, head[sid])
        if placed is None:
            return None
        starts[sid] = placed
        for pred in graph.predecessors(sid):
            if all(s in starts for s in graph.successors(pred)):
                heapq.heappush(ready, (-head[pred], pred))
    return left_shift(instance, schedule(instance, route, starts))


class _Usage:
    """Per-period staff, resource and spend already committed."""

    def __init__(self, instance: Instance) -> None:
        self.inst = instance
        h = instance.horizon
        self.staff = [0] * h
        self.resources = {rid: [0] * h for rid in instance.resources}
        self.spend = [0] * h

    def place(self, sid: str, earliest: int) -> int | None:
        inst, step = self.inst, self.inst.steps[sid]
        fixed = inst.locks.fixed_start.get(sid)
        if fixed is not None:
            self._commit(sid, fixed)
            return fixed
        first = max(earliest, inst.locks.now)
        for t in range(first, inst.horizon - step.duration + 1):
            if self._fits(sid, t):
                self._commit(sid, t)
                return t
        return None

    def place_latest(self, sid: str, latest: int, lowest: int) -> int | None:
        """The latest period in [lowest, latest] where the step fits (a locked start: its own,
        if no later than ``latest``)."""
        fixed = self.inst.locks.fixed_start.get(sid)
        if fixed is not None:
            if fixed > latest:
                return None
            self._commit(sid, fixed)
            return fixed
        for t in range(latest, lowest - 1, -1):
            if self._fits(sid, t):
                self._commit(sid, t)
                return t
        return None

    def _fits(self, sid: str, t: int) -> bool:
        inst, step = self.inst, self.inst.steps[sid]
        span = range(t, t + step.duration)
        profile = inst.staff_profile
        if profile is not None and any(self.staff[u] + step.staff > profile[u] for u in span):
            return False
        for rid, amount in step.demands:
            profile, used = inst.resources[rid], self.resources[rid]
            if any(used[u] + amount > profile[u] for u in span):
                return False
        for w in inst.years:
            overlap = max(0, min(t + step.duration, w.last) - max(t, w.first))
            spent = sum(self.spend[w.first : w.last]) if w.cap is not None and overlap else 0
            if w.cap is not None and overlap and spent + overlap * step.rate > w.cap:
                return False
        return True

    def _commit(self, sid: str, t: int, sign: int = 1) -> None:
        step = self.inst.steps[sid]
        for u in range(max(0, t), min(t + step.duration, self.inst.horizon)):
            self.staff[u] += sign * step.staff
            self.spend[u] += sign * step.rate
            for rid, amount in step.demands:
                self.resources[rid][u] += sign * amount

    def shift_left(self, sid: str, start: int, earliest: int) -> int:
        """Move a committed step to the earliest feasible period in [earliest, start]."""
        self._commit(sid, start, -1)
        for t in range(max(earliest, self.inst.locks.now), start):
            if self._fits(sid, t):
                self._commit(sid, t)
                return t
        self._commit(sid, start)
        return start


Usage = _Usage  # the placement rules, shared with the risk replay (planner.risk)


def left_shift(instance: Instance, roadmap: Roadmap) -> Roadmap:
    """Start every step as early as the others allow (a semi-active schedule).

    Deterministic for a given roadmap; never delays a step, so the target period and the
    cost stay as they are. Steps whose start is locked do not move.
    """
    starts = {s.id: s.start for s in roadmap.steps}
    usage = _Usage(instance)
    for sid, t in starts.items():
        usage._commit(sid, t)
    preds: dict[str, list[str]] = {sid: list(instance.graph.predecessors(sid)) for sid in starts}
    for a, b in instance.conditional_precedences:
        if a in starts and b in starts:
            preds[b].append(a)
    for sid in sorted(starts, key=lambda x: (starts[x], x)):
        if sid in instance.locks.fixed_start:
            continue
        earliest = max(
            (starts[p] + instance.steps[p].duration for p in preds[sid] if p in starts), default=0
        )
        if earliest < starts[sid]:
            starts[sid] = usage.shift_left(sid, starts[sid], earliest)
    route = next((r for r in instance.routes if r.id == roadmap.route), None)
    return schedule(instance, route, starts)


def rank(instance: Instance, roadmap: Roadmap) -> tuple[int, ...]:
    """A roadmap's lexicographic objective values: lower is better."""
    period = roadmap.target_period if roadmap.target_period is not None else instance.horizon + 1
    tier = next((r.tier for r in instance.routes if r.id == roadmap.route), instance.current_tier)
    if instance.objective == "cheapest":
        return (roadmap.total_cost, period)
    if instance.objective == "max-tier":
        return (-tier, period, roadmap.total_cost)
    return (period, roadmap.total_cost)


def greedy_plan(instance: Instance, deadline: Deadline | None = None) -> Roadmap | None:
    """The best greedy roadmap over the routes (at most MAX_ROUTES, cheapest first); with a
    ``deadline``, the routes tried before it expires (at least one)."""
    routes: list[Route | None] = list(instance.routes) or [None]
    if instance.objective == "max-tier":
        routes.append(None)
    if len(routes) > MAX_ROUTES:
        routes = sorted(routes, key=lambda r: (len(r.steps) if r else 0, r.id if r else ""))
        routes = routes[:MAX_ROUTES]
    best: Roadmap | None = None
    for i, route in enumerate(routes):
        if i and deadline is not None and deadline.expired:
            break
        roadmap = greedy_roadmap(instance, route, deadline)
        if roadmap is not None and (best is None or rank(instance, roadmap) < rank(instance, best)):
            best = roadmap
    return best
