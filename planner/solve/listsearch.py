"""The greedy baseline's improvement pass: a local search over the order steps are placed in.

A roadmap on a route is decoded from a list of its steps in precedence order (a serial schedule
generation scheme): each step in turn starts at the earliest period where its predecessors
have ended and staff, resources and yearly caps allow. A priority rule gives one list; where
its roadmap ends beyond the horizon (work that could wait took the staff or a year's cap a
chain needed first) or later than the route's lower bound, other lists may do better. The
search moves one step at a time to another place in the list (between its last predecessor
and its first successor), decodes the list, and keeps the move when the roadmap is no worse.

Decoding runs on a horizon extended by the steps' durations (the last staff and resource
capacities, no caps beyond the given years), so every list gives a schedule and the search
can walk from one ending beyond the horizon towards one within it. Deterministic: the moves
come from a generator seeded with ``SEED``, and the number of decodes from the route's size
(``WORK`` step placements in all, at most ``MAX_DECODES``, and ``PATIENCE`` decodes without a
better roadmap, fewer when the priority rule's roadmap is already within the horizon), never
from the clock.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from planner.compile.instance import Instance

SEED = 20231
WORK = 100_000  # step placements per search: a route of n steps gets WORK // n decodes
MAX_DECODES = 1000
# decodes without a better roadmap before the search stops: while no roadmap within the
# horizon is known, and when improving one that is
PATIENCE = 400
PATIENCE_IMPROVING = 100

Score = tuple[int, int, int]


class Placer:
    """Staff, resources and yearly spend committed so far, on the extended horizon."""

    def __init__(self, instance: Instance, length: int) -> None:
        self.inst = instance
        profile = instance.staff_profile
        self.capacity = None if profile is None else _extended(profile, length)
        self.limits = {rid: _extended(p, length) for rid, p in instance.resources.items()}
        self.staff = [0] * length
        self.used = {rid: [0] * length for rid in instance.resources}
        self.years = [w for w in instance.years if w.cap is not None]
        self.spent = [0] * len(self.years)
        self.year_at = [-1] * (length + 1)  # the capped year of each period (-1: none)
        for k, w in enumerate(self.years):
            self.year_at[w.first : w.last] = [k] * (w.last - w.first)
        self.next_capped = [length] * (length + 1)  # the first capped period from each on
        for u in reversed(range(length)):
            self.next_capped[u] = u if self.year_at[u] >= 0 else self.next_capped[u + 1]

    def fits(self, sid: str, t: int) -> bool:
        step = self.inst.steps[sid]
        end = t + step.duration
        if self.capacity is not None and step.staff:
            staff, capacity = self.staff, self.capacity
            if any(staff[u] + step.staff > capacity[u] for u in range(t, end)):
                return False
        for rid, amount in step.demands:
            used, limit = self.used[rid], self.limits[rid]
            if any(used[u] + amount > limit[u] for u in range(t, end)):
                return False
        if step.rate:
            for k, overlap in self._overlaps(t, end):
                if self.spent[k] + overlap * step.rate > (self.years[k].cap or 0):
                    return False
        return True

    def _overlaps(self, t: int, end: int) -> list[tuple[int, int]]:
        """The capped years a step over [t, end) overlaps, with its periods in each."""
        out: list[tuple[int, int]] = []
        u = self.next_capped[t]
        while u < end:
            k = self.year_at[u]
            last = min(end, self.years[k].last)
            out.append((k, last - u))
            u = self.next_capped[last]
        return out

    def commit(self, sid: str, t: int) -> None:
        step = self.inst.steps[sid]
        end = t + step.duration
        for u in range(t, end):
            self.staff[u] += step.staff
        for rid, amount in step.demands:
            used = self.used[rid]
            for u in range(t, end):
                used[u] += amount
        for k, overlap in self._overlaps(t, end):
            self.spent[k] += overlap * step.rate


def _extended(profile: Sequence[int], length: int) -> list[int]:
    last = profile[-1] if profile else 0
    return [*profile, *([last] * (length - len(profile)))][:length]


class ListSearch:
    """Decode step lists of one route's steps and search for a better list."""

    def __init__(
        self, instance: Instance, preds: dict[str, list[str]], succs: dict[str, list[str]]
    ) -> None:
        self.inst = instance
        self.preds = preds
        self.succs = succs
        self.length = instance.horizon + sum(instance.steps[s].duration for s in preds) + 1

    def decode(
        self, order: Sequence[str], kept: dict[str, int] | None = None, same: int = 0
    ) -> dict[str, int] | None:
        """Each step at its earliest feasible period in list order (a locked start at its
        own); None only if a step asks more than any period offers. The first ``same`` steps
        of ``order`` keep their starts in ``kept`` (decoded from a list beginning as this one
        does, they would be placed there again)."""
        inst = self.inst
        placer = Placer(inst, self.length)
        fixed, now = inst.locks.fixed_start, inst.locks.now
        starts: dict[str, int] = {}
        if kept is not None:
            for sid in order[:same]:
                starts[sid] = kept[sid]
                placer.commit(sid, kept[sid])
        for sid in order[len(starts) :]:
            duration = inst.steps[sid].duration
            if sid in fixed:
                starts[sid] = fixed[sid]
                placer.commit(sid, fixed[sid])
                continue
            t = max([now, *(starts[p] + inst.steps[p].duration for p in self.preds[sid])])
            while t + duration <= self.length and not placer.fits(sid, t):
                t += 1
            if t + duration > self.length:
                return None
            placer.commit(sid, t)
            starts[sid] = t
        return starts

    def score(self, starts: dict[str, int] | None, targets: frozenset[str]) -> Score:
        """Periods beyond the horizon, the target period, the last end: lower is better (a
        move that changes none of them is kept, so the search walks across plateaus)."""
        if starts is None:
            return (self.length, self.length, self.length)
        ends = [t + self.inst.steps[s].duration for s, t in starts.items()]
        last = max(ends, default=0)
        target = max(
            (starts[s] + self.inst.steps[s].duration for s in targets if s in starts), default=0
        )
        return (max(0, last - self.inst.horizon), target, last)

    def improve(
        self,
        order: list[str],
        targets: frozenset[str],
        bound: int,
        patience: int = PATIENCE,
        expired: Callable[[], bool] = lambda: False,
    ) -> tuple[list[str], dict[str, int] | None]:
        """The best list found from ``order`` and its decoded starts; stops at a roadmap
        within the horizon whose target period is ``bound`` (a lower bound), after
        ``patience`` decodes without a better one, or when ``expired()`` says so while the best
        roadmap found fits the horizon (the search for a first one runs its length)."""
        n = len(order)
        starts = self.decode(order)
        best = self.score(starts, targets)
        decodes = min(MAX_DECODES, WORK // max(1, n))
        rng = random.Random(SEED)
        since = 0
        while n and decodes > 0 and since < patience and not (best[0] == 0 and best[1] <= bound):
            if best[0] == 0 and decodes % 10 == 0 and expired():
                break  # out of time while improving a roadmap that fits (finding one is not cut)
            i = rng.randrange(n)
            moved = order[i]
            where = {s: k for k, s in enumerate(order)}
            low = max((where[p] for p in self.preds[moved]), default=-1) + 1
            high = min((where[q] for q in self.succs[moved]), default=n) - 1
            if high <= low:  # the step cannot move: not a decode
                since += 1
                continue
            j = rng.randint(low, high)
            if j == i:
                continue
            trial = [*order[:i], *order[i + 1 :]]
            trial.insert(j, moved)
            found = self.decode(trial, starts, min(i, j))
            decodes -= 1
            score = self.score(found, targets)
            since = 0 if score[:2] < best[:2] else since + 1
            if score <= best:
                order, starts, best = trial, found, score
        if starts is None or best[0] > 0:
            return order, None
        return order, starts
