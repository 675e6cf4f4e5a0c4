"""Replay a chosen roadmap with drawn effort: a solver-free serial schedule, same order, same rules.

The steps keep the roadmap's order (its start order, ties by id, always respecting
precedence) and each starts at the earliest period where precedence, locks, staff, user
resources and yearly caps allow (the placement of the greedy baseline, ``planner.solve.baseline``),
and, by default, not before its planned start (teams and contracts are booked for the planned
dates: capplan's assumption ``sampling.keep_planned_starts``). With the most likely figures
the replay is then exactly the roadmap: the plan is feasible, and each step placed in start
order finds its planned period free.
The horizon is extended so that a late run still gets a date; periods beyond the problem's
horizon have its last staff and resource capacity and no yearly cap unless the problem gives
one for that year.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, replace

from planner.compile.instance import Instance, Route, year_windows
from planner.compile.state import evaluate_tier
from planner.compile.step import Step
from planner.result.roadmap import Roadmap, ScheduledStep, apply_step, scheduled
from planner.solve.baseline import Usage

EXTENSION = 3  # the replay may run to this many times the horizon (or the plan, if longer)


@dataclass(frozen=True)
class Replay:
    """One run's schedule and what it reached."""

    starts: dict[str, int]
    steps: dict[str, Step]
    target_period: int | None  # None: not every step could be placed
    tier_periods: dict[int, int]  # tier → first period end at which it is reached
    total_cost: int  # yuan
    critical: tuple[str, ...]
    binding_years: tuple[int, ...]


class _RecordingUsage(Usage):
    """The baseline's placement, noting each year whose cap turned a start period down."""

    def __init__(self, instance: Instance) -> None:
        super().__init__(instance)
        self.binding: set[int] = set()

    def _fits(self, sid: str, t: int) -> bool:
        ok = super()._fits(sid, t)
        if not ok:
            step = self.inst.steps[sid]
            for w in self.inst.years:
                if w.cap is None:
                    continue
                overlap = max(0, min(t + step.duration, w.last) - max(t, w.first))
                if overlap and sum(self.spend[w.first : w.last]) + overlap * step.rate > w.cap:
                    self.binding.add(w.year)
        return ok


def extended(instance: Instance, steps: dict[str, Step], horizon: int) -> Instance:
    """The instance with other step figures and a longer horizon (capacities carried on)."""

    def carry(profile: list[int]) -> list[int]:
        return profile + [profile[-1] if profile else 0] * (horizon - len(profile))

    staff = None if instance.staff_profile is None else carry(instance.staff_profile)
    time = instance.problem.time.model_copy(update={"horizon": horizon})
    years = year_windows(time, instance.problem.budget.yearly_caps)
    return replace(
        instance,
        steps=steps,
        horizon=horizon,
        staff_profile=staff,
        resources={rid: carry(p) for rid, p in instance.resources.items()},
        years=tuple(w for w in years if w.cap is not None),  # the placement reads caps only
    )


def predecessors(instance: Instance, chosen: set[str]) -> dict[str, list[str]]:
    preds = {sid: [p for p in instance.graph.predecessors(sid) if p in chosen] for sid in chosen}
    for a, b in instance.conditional_precedences:
        if a in chosen and b in chosen:
            preds[b].append(a)
    return preds


def order_of(roadmap: Roadmap, preds: dict[str, list[str]]) -> list[str]:
    """The roadmap's start order, ties by id, adjusted so that no step precedes a predecessor."""
    rank = {s.id: (s.start, s.id) for s in roadmap.steps}
    waiting = {sid: len(ps) for sid, ps in preds.items()}
    succs: dict[str, list[str]] = {sid: [] for sid in preds}
    for sid, ps in preds.items():
        for p in ps:
            succs[p].append(sid)
    heap = [rank[sid] for sid, n in waiting.items() if n == 0]
    heapq.heapify(heap)
    out: list[str] = []
    while heap:
        _, sid = heapq.heappop(heap)
        out.append(sid)
        for s in succs[sid]:
            waiting[s] -= 1
            if waiting[s] == 0:
                heapq.heappush(heap, rank[s])
    return out


def serial_schedule(
    instance: Instance,
    order: list[str],
    preds: dict[str, list[str]],
    release: dict[str, int] | None = None,
) -> tuple[dict[str, int] | None, set[int]]:
    """Start each step, in order, as early as the rules allow; None if one cannot be placed."""
    usage = _RecordingUsage(instance)
    starts: dict[str, int] = {}
    release = release or {}
    for sid in order:
        earliest = max(
            (starts[p] + instance.steps[p].duration for p in preds[sid]),
            default=release.get(sid, 0),
        )
        earliest = max(earliest, release.get(sid, 0))
        placed = usage.place(sid, earliest)
        if placed is None:
            return None, usage.binding
        starts[sid] = placed
    return starts, usage.binding


def critical_steps(
    instance: Instance,
    starts: dict[str, int],
    preds: dict[str, list[str]],
    ends_at: list[str],
    release: dict[str, int] | None = None,
) -> tuple[str, ...]:
    """Steps on a chain that drives the date: each ends exactly when the next one starts.

    From the steps that end at the target date, walk back to a predecessor that ends when
    the step starts; a step that starts later than all its predecessors end (and than its
    planned start) was held back by staff, resources or a cap, and the steps ending at its
    start drive it. A step that starts on its planned start with no predecessor ending then is
    on time: the chain stops there.
    """
    release = release or {}
    end = {sid: starts[sid] + instance.steps[sid].duration for sid in starts}
    floor = instance.locks.now
    seen: set[str] = set()
    stack = list(ends_at)
    while stack:
        sid = stack.pop()
        if sid in seen:
            continue
        seen.add(sid)
        start = starts[sid]
        if start <= floor or sid in instance.locks.fixed_start:
            continue
        drivers = [p for p in preds[sid] if end[p] == start]
        ready = max([floor, release.get(sid, 0)] + [end[p] for p in preds[sid]])
        if not drivers and ready < start:
            drivers = [q for q in starts if q != sid and end[q] == start]
        stack.extend(drivers)
    return tuple(sorted(seen))


def completions(instance: Instance) -> dict[str, ScheduledStep]:
    """Each step as a ScheduledStep carrying what ``apply_step`` reads (its dates are not used)."""
    return {sid: scheduled(instance, sid, 0) for sid in instance.steps}


def tier_periods(
    instance: Instance,
    steps: dict[str, Step],
    starts: dict[str, int],
    done: dict[str, ScheduledStep] | None = None,
    stop_at: int | None = None,
) -> dict[int, int]:
    """The first period end at which each tier above the current one is reached.

    ``stop_at``: a tier beyond which nothing is of interest (the route's): stop there.
    """
    done = done if done is not None else completions(instance)
    by_end: dict[int, list[str]] = {}
    for sid, t in starts.items():
        by_end.setdefault(t + steps[sid].duration, []).append(sid)
    state, out = instance.state, {}
    best = instance.current_tier
    for period in sorted(by_end):
        before = state
        for sid in sorted(by_end[period]):
            state = apply_step(state, done[sid])
        if state is before:  # nothing this period changes the state
            continue
        tier = evaluate_tier(state, instance.org, instance.readings, instance.maturity).tier
        for k in range(best + 1, tier + 1):
            out[k] = period
        best = max(best, tier)
        if stop_at is not None and best >= stop_at:
            break
    return out


def replay(
    instance: Instance,
    roadmap: Roadmap,
    route: Route | None,
    steps: dict[str, Step],
    with_tiers: bool = True,
    keep_planned_starts: bool = True,
    done: dict[str, ScheduledStep] | None = None,
) -> Replay:
    """Schedule the roadmap's steps with these figures by the serial scheme."""
    chosen = {s.id for s in roadmap.steps}
    preds = predecessors(instance, chosen)
    order = order_of(roadmap, preds)
    last = max((s.end for s in roadmap.steps), default=0)
    horizon = EXTENSION * max(instance.horizon, last)
    inst = extended(instance, steps, horizon)
    release = {s.id: s.start for s in roadmap.steps} if keep_planned_starts else None
    starts, binding = serial_schedule(inst, order, preds, release)
    cost = sum(steps[sid].rate * steps[sid].duration for sid in chosen)
    if starts is None:
        return Replay({}, steps, None, {}, cost, (), tuple(sorted(binding)))
    targets = [sid for sid in chosen if route is None or sid in route.steps]
    target = max((starts[sid] + steps[sid].duration for sid in targets), default=0)
    ends_at = [sid for sid in targets if starts[sid] + steps[sid].duration == target]
    return Replay(
        starts=starts,
        steps=steps,
        target_period=target,
        tier_periods=tier_periods(inst, steps, starts, done, route.tier if route else None)
        if with_tiers
        else {},
        total_cost=cost,
        critical=critical_steps(inst, starts, preds, ends_at, release),
        binding_years=tuple(sorted(binding)),
    )
