"""Three-point ranges (low, most likely, high) of a step's months, cost and staff.

The most likely values are the figures the planner uses; the risk analysis
(``planner.risk``) samples between low and high. Default effort takes its range from the
effort model (``range`` of the entry, else ``range_default``), scaled by the same factors as
its figures; an override's or extra step's range is taken as given (capplan's assumption).
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.models.effort import Bounds, Effort, EffortRange, RangeFactors
from planner.model.work import FigureRange

Triple = tuple[float, float, float]  # low, most likely, high
FIGURES = ("months", "cost", "staff")


@dataclass(frozen=True)
class Spread:
    """Low, most likely and high of months (elapsed), cost (万元) and staff (FTE)."""

    months: Triple
    cost: Triple
    staff: Triple

    @property
    def certain(self) -> bool:
        return all(t[0] == t[2] for t in (self.months, self.cost, self.staff))


def _around(value: float, factors: Bounds | None) -> Triple:
    if factors is None:
        return (value, value, value)
    return (value * factors.low, value, value * factors.high)


def _given(value: float, bounds: Bounds) -> Triple:
    return (min(bounds.low, value), value, max(bounds.high, value))


class SpreadBuilder:
    """Follows ``StepFactory._effort``: the base figures, then each matching override."""

    def __init__(self, defaults: RangeFactors | None) -> None:
        self.defaults = defaults
        self.triples: dict[str, Triple] = {}

    def _factor(self, name: str) -> Bounds | None:
        return None if self.defaults is None else getattr(self.defaults, name)

    def base(self, effort: Effort, scaled: dict[str, float]) -> None:
        """The effort model's entry; ``scaled`` holds each figure after multipliers and size."""
        own: EffortRange | None = effort.range
        for name in FIGURES:
            value = scaled[name]
            bounds: Bounds | None = getattr(own, name) if own is not None else None
            most = float(getattr(effort, name))
            if bounds is not None and most > 0:
                k = value / most
                self.triples[name] = (bounds.low * k, value, bounds.high * k)
            else:
                self.triples[name] = _around(value, self._factor(name))

    def override(self, values: dict[str, float | None], spread: FigureRange | None) -> None:
        """An override (or extra step) that sets some figures, perhaps with their range."""
        for name in FIGURES:
            value = values.get(name)
            if value is None:
                continue
            bounds: Bounds | None = getattr(spread, name) if spread is not None else None
            self.triples[name] = (
                _given(value, bounds) if bounds else _around(value, self._factor(name))
            )

    def build(self) -> Spread:
        return Spread(self.triples["months"], self.triples["cost"], self.triples["staff"])


def extra_spread(
    months: float, cost: float, staff: float, spread: FigureRange | None,
    defaults: RangeFactors | None, months_per_period: int,
) -> Spread:  # fmt: skip
    """An extra step's range; its duration range is in periods, kept here in months."""
    builder = SpreadBuilder(defaults)
    builder.override({"months": months, "cost": cost, "staff": staff}, None)
    if spread is not None:
        if spread.duration is not None:
            b = spread.duration
            bounds = Bounds(low=b.low * months_per_period, high=b.high * months_per_period)
            builder.triples["months"] = _given(months, bounds)
        for name in ("cost", "staff"):
            given: Bounds | None = getattr(spread, name)
            if given is not None:
                builder.triples[name] = _given(float(builder.triples[name][1]), given)
    return builder.build()
