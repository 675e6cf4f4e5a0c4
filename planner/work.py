"""User-defined work, resources and progress (re-planning) of a problem. Plain pydantic."""

from __future__ import annotations

from pydantic import Field, model_validator

from catalog.models.assumptions import Bounds
from catalog.models.base import Frozen, OptionalTextOrStr, Text


class FigureRange(Frozen):
    """Low and high of an override's or extra step's figures (the figure is the most likely)."""

    months: Bounds | None = None
    duration: Bounds | None = None
    cost: Bounds | None = None
    staff: Bounds | None = None
    reasoning: OptionalTextOrStr = None


def check_range(owner: Frozen, names: tuple[str, ...]) -> None:
    """Each range a figure of ``owner`` has must hold the figure, which must be given."""
    spread: FigureRange | None = getattr(owner, "range", None)
    if spread is None:
        return
    for name in ("months", "duration", "cost", "staff"):
        b: Bounds | None = getattr(spread, name)
        if b is None:
            continue
        value = getattr(owner, name, None) if name in names else None
        if name not in names:
            raise ValueError(f"range.{name}: no such figure here ({', '.join(names)})")
        if value is None:
            raise ValueError(f"range.{name}: give {name} (the most likely value) with its range")
        if not b.low <= value <= b.high:
            raise ValueError(
                f"range.{name}: the most likely {value:g} must lie within [{b.low:g}, {b.high:g}]"
            )


class CapacityChange(Frozen):
    """From this period on, the capacity is this (until the next change)."""

    from_period: int = Field(ge=0)
    capacity: int = Field(ge=0)


class Capacity(Frozen):
    """A per-period capacity: a constant, optionally changing from given periods on."""

    capacity: int = Field(ge=0)
    changes: tuple[CapacityChange, ...] = ()

    def profile(self, horizon: int) -> list[int]:
        out = [self.capacity] * horizon
        for change in sorted(self.changes, key=lambda c: c.from_period):
            for t in range(change.from_period, horizon):
                out[t] = change.capacity
        return out


class Staff(Capacity):
    """Staff (FTE) available per period; may change over time."""


class Resource(Capacity):
    """A user-defined renewable resource (e.g. a vendor team, a test lab)."""

    id: str = Field(min_length=1)
    name: Text | None = None


class ExtraStep(Frozen):
    """Enterprise-specific work the planner must schedule."""

    id: str = Field(min_length=1)
    name: Text | None = None
    duration: int = Field(ge=0, description="periods")
    cost: float = Field(default=0, ge=0, description="万元, spread evenly over the duration")
    staff: int = Field(default=0, ge=0)
    demands: dict[str, int] = Field(default_factory=dict, description="resource id → amount")
    predecessors: tuple[str, ...] = ()
    range: FigureRange | None = Field(
        default=None, description="low and high of duration (periods), cost, staff"
    )

    @model_validator(mode="after")
    def _demands(self) -> ExtraStep:
        for resource, amount in self.demands.items():
            if amount < 0:
                raise ValueError(f"demand on {resource!r} must not be negative")
        check_range(self, ("duration", "cost", "staff"))
        return self


class Precedence(Frozen):
    """``before`` ends before ``after`` starts, whenever both are in the roadmap."""

    before: str
    after: str


class DoneStep(Frozen):
    """A step already carried out, with its actual dates (periods) and cost."""

    id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    cost: float | None = Field(default=None, ge=0, description="actual cost in 万元")

    @model_validator(mode="after")
    def _order(self) -> DoneStep:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        return self


class StartedStep(Frozen):
    """A step in progress: its start is fixed."""

    id: str
    start: int = Field(ge=0)


class PlannedStep(Frozen):
    id: str
    start: int = Field(ge=0)


class Stability(Frozen):
    """Re-plan with as few and as small moves as possible, within a tolerance of the optimum."""

    enabled: bool = True
    tolerance: float = Field(default=0.0, ge=0, description="fraction of each objective value")


class Progress(Frozen):
    """Where a roadmap stands when it is revised (re-planning)."""

    now: int = Field(default=0, ge=0, description="current period; nothing new starts before")
    done: tuple[DoneStep, ...] = ()
    in_progress: tuple[StartedStep, ...] = ()
    forced: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    previous: tuple[PlannedStep, ...] = Field(default=(), description="the previous roadmap")
    stability: Stability | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Progress:
        clash = set(self.forced) & set(self.forbidden)
        if clash:
            raise ValueError(f"steps both forced and forbidden: {', '.join(sorted(clash))}")
        for i, step in enumerate(self.done):
            if step.end > self.now:
                raise ValueError(f"done[{i}] ({step.id}) ends after now ({self.now})")
        for i, started in enumerate(self.in_progress):
            if started.start > self.now:
                raise ValueError(f"in_progress[{i}] ({started.id}) starts after now ({self.now})")
        return self
