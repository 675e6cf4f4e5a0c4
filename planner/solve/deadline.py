"""The time budget of ``plan()``: named shares of it, and every solve's limit taken from it.

``plan()`` promises to take at most ``time_limit`` (+ ``explain_time_limit`` when it explains
an unreachable target). One ``Deadline`` starts when ``plan()`` is called; the solve gets the
first ``time_limit`` seconds of it, the explanation what follows. A phase of the solve (the
route-by-route phase, each objective stage, each compared row, each explaining solve) gets a
part of what is left of its parent, by one of the named ``SHARES`` below, never more than
what is left; every CP-SAT solve's time limit is a ``grant`` of its phase, so it ends by the
phase's end. A solve whose phase has expired is skipped before its model is built. The work
between solves is counted against the budget as it elapses (compiling from the moment
``plan()`` is called, the greedy baseline), and two parts of it are planned for: a model is
only built when what is left holds its building (``may_build``, with ``build_estimate``: the
last build of the same instance, else ``BUILD_PER_STEP`` a step), and the solve ends early
enough to leave the roadmap's trajectory, validation and account their time
(``finish_estimate``). What the budget cannot bound is compiling itself: a problem whose
compiling takes longer than ``time_limit`` is answered after it, from the greedy baseline.

Each grant is recorded on the budget's root (``grants``): when it was given and how long, so
a test can check that every solve was given no more than was left; so is each model building
asked for (``builds``), with what was left and what it needed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

Clock = Callable[[], float]


@dataclass(frozen=True)
class Shares:
    """Fractions of a phase's time, each named for what it is given to."""

    # the chosen row's solve, of the solve's time, when the other rows are compared too
    main_when_comparing: float = 0.6
    # solving route by route first, of the main solve's time (planner/solve/cpsat/routes.py); more
    # when the greedy baseline found no roadmap: a route's own sub-problem finds one soonest
    route_phase: float = 0.4
    route_phase_cold: float = 0.8
    # the first of several objective stages, of the stages' time (it matters most)
    first_stage: float = 0.6
    # one worker under a deterministic budget first, at most this much of a stage's time:
    # on a loaded machine the deterministic budget can take far longer than nominal
    single_worker: float = 0.5
    # kept at the end of the main solve for its final stage: stability when re-planning,
    # otherwise the canonical roadmap among proven optima. The canonical stage keeps nothing:
    # it runs only once every stage is proven optimal, which leaves it the time they did not
    # use; time kept back for it was lost whenever they were not (1 s in 10 on hard PSPLIB
    # j60 instances, benchmarks/bench_psplib.py)
    stability: float = 0.2
    canonical: float = 0.0
    # the route-by-route phase of the explainer's earliest-date solve, of that solve's time
    explain_route_phase: float = 0.5


SHARES = Shares()

# seconds per step of an instance: building its CP-SAT model, and what plan() does with a
# roadmap after the solve (trajectory, validation, moves, account). Measured on a generated
# organisation of 300 units (benchmarks/orggen.py, 3,082 steps, load 2-4 on 2 cores): 0.7 s
# and 0.11 s; with a margin. A later build or finish of the same instance uses its measure.
BUILD_PER_STEP = 0.0003
FINISH_PER_STEP = 0.00015


def build_estimate(steps: int, measured: float | None = None) -> float:
    return measured if measured is not None else BUILD_PER_STEP * steps


def finish_estimate(steps: int, measured: float | None = None) -> float:
    return measured if measured is not None else FINISH_PER_STEP * steps


@dataclass(frozen=True)
class Grant:
    """One solve's time limit: given ``offset`` seconds after the budget began."""

    what: str
    offset: float
    seconds: float

    @property
    def ends(self) -> float:
        return self.offset + self.seconds


@dataclass(frozen=True)
class Build:
    """A model building asked for ``offset`` seconds after the budget began."""

    what: str
    offset: float
    left: float
    needs: float
    begun: bool


@dataclass
class Deadline:
    """What is left of a time budget; parts of it for phases, grants of it for solves."""

    seconds: float
    clock: Clock = time.monotonic
    began: float = field(default=-1.0)
    end: float = field(init=False)
    root: Deadline | None = field(default=None, repr=False)
    grants: list[Grant] = field(default_factory=list, repr=False)
    builds: list[Build] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if self.began < 0:
            self.began = self.clock()
        self.seconds = max(0.0, self.seconds)
        self.end = self.began + self.seconds

    @classmethod
    def of_plan(
        cls,
        time_limit: float,
        explain_time_limit: float | None,
        explain: bool,
        began: float | None = None,
        clock: Clock = time.monotonic,
    ) -> Deadline:
        """``plan()``'s whole budget: the solve's, plus the explanation's when it explains."""
        total = time_limit + ((explain_time_limit or time_limit) if explain else 0.0)
        return cls(total, clock, clock() if began is None else began)

    def left(self) -> float:
        return max(0.0, self.end - self.clock())

    @property
    def expired(self) -> bool:
        """Nothing is left: a solve not yet begun is not begun (nor its model built)."""
        return self.left() <= 0.0

    def _top(self) -> Deadline:
        return self.root or self

    def _child(self, end: float) -> Deadline:
        now = self.clock()
        end = max(now, min(end, self.end))
        return Deadline(end - now, self.clock, now, root=self._top())

    def first(self, seconds: float) -> Deadline:
        """The first ``seconds`` of this budget (counted from its start)."""
        return self._child(self.began + seconds)

    def part(self, seconds: float) -> Deadline:
        """The next ``seconds`` from now, within this budget."""
        return self._child(self.clock() + seconds)

    def share(self, fraction: float) -> Deadline:
        """This fraction of what is left."""
        return self.part(self.left() * fraction)

    def keeping(self, fraction: float) -> Deadline:
        """What is left, keeping this fraction of the whole budget for later."""
        return self._child(self.end - self.seconds * fraction)

    def even(self, parts: int) -> Deadline:
        """An equal part of what is left, among ``parts`` still to come."""
        return self.part(self.left() / max(1, parts))

    def grant(self, what: str, seconds: float | None = None) -> float:
        """A solve's time limit: what it asks for (default: all that is left), never more
        than is left. Recorded on the root budget."""
        left = self.left()
        limit = left if seconds is None else max(0.0, min(seconds, left))
        top = self._top()
        top.grants.append(Grant(what, self.clock() - top.began, limit))
        return limit

    def may_build(self, what: str, needs: float) -> bool:
        """Whether what is left holds a model's building (``needs`` seconds) and some search;
        recorded on the root budget either way."""
        left = self.left()
        begun = left > 0.0 and left >= needs
        top = self._top()
        top.builds.append(Build(what, self.clock() - top.began, left, needs, begun))
        return begun
