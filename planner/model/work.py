"""User-defined work, resources and progress (re-planning) of a problem. Plain pydantic."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from catalog.errors import DataError, TextValueError, at, loc_of
from catalog.models.base import Frozen, OptionalTextOrStr, Text
from catalog.models.effort import Bounds


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
                raise TextValueError(
                    f"对资源 {resource!r} 的需求不能为负",
                    f"demand on {resource!r} must not be negative",
                )
        check_range(self, ("duration", "cost", "staff"))
        return self


class Precedence(Frozen):
    """``before`` ends before ``after`` starts, whenever both are in the roadmap."""

    before: str
    after: str


# A point in time of progress: a period index (0 = the plan's first period) or an ISO date,
# read as the period that contains it (see Progress.in_periods)
When = int | dt.date
WHEN = "a period index (0 = the first period) or an ISO date (the period containing it)"


class DoneStep(Frozen):
    """A step already carried out, with its actual dates and cost."""

    id: str
    start: When = Field(description=WHEN)
    end: When = Field(
        description="a period index one past the last period worked, or the ISO date of the "
        "last day worked (the step then ends with the period containing it)"
    )
    cost: float | None = Field(default=None, ge=0, description="actual cost in 万元")

    @model_validator(mode="after")
    def _order(self) -> DoneStep:
        _not_negative(self.start, self.end)
        if type(self.start) is type(self.end) and self.end < self.start:  # type: ignore[operator]
            raise TextValueError("结束不能早于开始", "end must not be before start")
        return self


class StartedStep(Frozen):
    """A step in progress: its start is fixed."""

    id: str
    start: When = Field(description=WHEN)

    @model_validator(mode="after")
    def _positive(self) -> StartedStep:
        _not_negative(self.start)
        return self


class PlannedStep(Frozen):
    id: str
    start: When = Field(description=WHEN)

    @model_validator(mode="after")
    def _positive(self) -> PlannedStep:
        _not_negative(self.start)
        return self


def index(value: When) -> int:
    """A period index of progress already converted by ``Progress.in_periods``."""
    if not isinstance(value, int):
        raise TypeError(f"{value!r}: convert progress with in_periods first")
    return value


def _not_negative(*values: When) -> None:
    if any(isinstance(v, int) and v < 0 for v in values):
        raise TextValueError("期序号不能为负", "a period index must not be negative")


class Stability(Frozen):
    """Re-plan with as few and as small moves as possible, within a tolerance of the optimum."""

    enabled: bool = True
    tolerance: float = Field(default=0.0, ge=0, description="fraction of each objective value")


class Progress(Frozen):
    """Where a roadmap stands when it is revised (re-planning)."""

    now: When = Field(default=0, description="current period; nothing new starts before. " + WHEN)
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
            names = ", ".join(sorted(clash))
            raise TextValueError(
                f"步骤既被强制又被禁止：{names}", f"steps both forced and forbidden: {names}"
            )
        _not_negative(self.now)
        if (
            not isinstance(self.now, int)
            or any(not isinstance(v, int) for s in self.done for v in (s.start, s.end))
            or any(not isinstance(s.start, int) for s in self.in_progress)
        ):
            return self  # dates: checked once they are periods (in_periods)
        for i, step in enumerate(self.done):
            if step.end > self.now:  # type: ignore[operator]
                raise TextValueError(
                    f"done[{i}]（{step.id}）结束晚于当前（{self.now}）",
                    f"done[{i}] ({step.id}) ends after now ({self.now})",
                )
        for i, started in enumerate(self.in_progress):
            if started.start > self.now:  # type: ignore[operator]
                raise TextValueError(
                    f"in_progress[{i}]（{started.id}）开始晚于当前（{self.now}）",
                    f"in_progress[{i}] ({started.id}) starts after now ({self.now})",
                )
        return self

    def in_periods(self, start: dt.date, months_per_period: int) -> Progress:
        """The same progress with every date as a period index (dates before the plan's
        start are an error); checked again as periods."""

        def period(value: When, where: str, last_day: bool = False) -> int:
            if isinstance(value, int):
                return value
            months = (value.year - start.year) * 12 + value.month - start.month
            if value < start:
                raise DataError(
                    [
                        at(
                            ("progress", *loc_of(where)),
                            f"{value.isoformat()} 早于规划起始日期",
                            f"{value.isoformat()} is before the plan starts",
                        )
                    ]
                )
            return months // months_per_period + (1 if last_day else 0)

        data = self.model_dump()
        data["now"] = period(self.now, "now")
        for i, d in enumerate(self.done):
            data["done"][i]["start"] = period(d.start, f"done[{i}].start")
            data["done"][i]["end"] = period(d.end, f"done[{i}].end", last_day=True)
        for key in ("in_progress", "previous"):
            for i, s in enumerate(getattr(self, key)):
                data[key][i]["start"] = period(s.start, f"{key}[{i}].start")
        return Progress.model_validate(data)
