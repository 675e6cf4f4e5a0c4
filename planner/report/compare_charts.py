"""Geometry of the comparison report's SVG charts: tier trajectories of several variants on one
time axis, and the budget–time trade-off curve of a budget sweep."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from planner.model.problem import TimeFrame
from planner.report.charts import WIDTH, TimeAxis, nice_step, time_axis

PALETTE = ("#1f4e79", "#e08214", "#2e9d48", "#7b4fa0", "#c9402c", "#17becf", "#8c6d31", "#e377c2")


@dataclass(frozen=True)
class SeriesInput:
    """One variant's trajectory: tier at the end of each period, from its own start."""

    name: str
    start: dt.date
    months_per_period: int
    current: int
    points: Sequence[tuple[int, int]]  # (period, tier)
    reached_period: int | None
    horizon_months: int


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    path: str
    end_x: float | None
    end_y: float | None


@dataclass(frozen=True)
class MultiTrajectory:
    axis: TimeAxis
    height: float
    grid: tuple[tuple[float, str], ...]
    series: tuple[Series, ...]
    target_y: float | None


def _months_between(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def multi_trajectory(
    inputs: Sequence[SeriesInput], target: int | None, tier_label: Callable[[int], str]
) -> MultiTrajectory:
    """Every variant's tier over time on one axis; coincident lines are nudged apart."""
    top, bottom, height = 16.0, 190.0, 214.0
    first = min((s.start for s in inputs), default=dt.date(2000, 1, 1))
    months = max((_months_between(first, s.start) + s.horizon_months for s in inputs), default=12)
    axis = time_axis(
        TimeFrame(start=first, period="month", horizon=max(1, months)), months, 70.0, WIDTH - 20
    )
    top_tier = max([10, *(t for s in inputs for _, t in s.points)])

    def y(tier: int) -> float:
        return bottom - (bottom - top) * tier / top_tier

    series = []
    n = len(inputs)
    for i, s in enumerate(inputs):
        nudge = (i - (n - 1) / 2) * 2.2
        offset = _months_between(first, s.start)

        def x(period: float, s: SeriesInput = s, offset: int = offset) -> float:
            return axis.x(offset + period * s.months_per_period)

        path = [f"M{x(0)},{y(s.current) + nudge:.1f}"]
        last = s.current
        for period, tier in s.points:
            if tier != last:
                path.append(f"H{x(period + 1)}V{y(tier) + nudge:.1f}")
                last = tier
        path.append(f"H{x(s.horizon_months / s.months_per_period)}")
        end_x = end_y = None
        if s.reached_period is not None and target is not None:
            end_x, end_y = x(s.reached_period), round(y(target) + nudge, 1)
        series.append(Series(s.name, PALETTE[i % len(PALETTE)], "".join(path), end_x, end_y))
    grid = tuple((round(y(t), 1), tier_label(t)) for t in range(top_tier + 1))
    target_y = round(y(target), 1) if target is not None else None
    return MultiTrajectory(axis, height, grid, tuple(series), target_y)


@dataclass(frozen=True)
class CurvePoint:
    x: float
    y: float
    budget: str
    months: str
    dominated: bool
    reachable: bool


@dataclass(frozen=True)
class CurveChart:
    height: float
    left: float
    right: float
    top: float
    bottom: float
    floor: float  # the row of points that do not reach the target
    path: str
    points: tuple[CurvePoint, ...]
    xgrid: tuple[tuple[float, str], ...]
    ygrid: tuple[tuple[float, str], ...]
    minimum_x: float | None


def curve_chart(
    points: Sequence[tuple[float, float | None, bool]], minimum: float | None
) -> CurveChart:
    """Budget (x) against months to the target (y). The efficient points form a staircase:
    more budget never makes the target later; points that do not reach it sit on a floor row."""
    left, right, top, bottom, floor, height = 80.0, WIDTH - 30, 14.0, 206.0, 232.0, 262.0
    budgets = [b for b, _, _ in points] + ([minimum] if minimum is not None else [])
    x_lo, x_hi = min(budgets, default=0.0), max(budgets, default=1.0)
    pad = (x_hi - x_lo) * 0.04 or max(1.0, x_hi * 0.05)
    x_lo, x_hi = x_lo - pad, x_hi + pad
    months = [m for _, m, _ in points if m is not None] or [1.0]
    y_step = nice_step(max(1.0, (max(months) - min(months) + 4) / 5))
    y_lo = max(0.0, y_step * int((min(months) - 2) / y_step))
    y_hi = y_step * (int((max(months) + 1) / y_step) + 1)

    def px(b: float) -> float:
        return round(left + (right - left) * (b - x_lo) / (x_hi - x_lo), 1)

    def py(m: float) -> float:
        return round(bottom - (bottom - top) * (m - y_lo) / (y_hi - y_lo), 1)

    out = []
    frontier = []
    for budget, m, dominated in sorted(points, key=lambda p: p[0]):
        reachable = m is not None
        y = py(m) if m is not None else floor
        label = "" if m is None else f"{m:g}"
        out.append(CurvePoint(px(budget), y, f"{budget:,.0f}", label, dominated, reachable))
        if reachable and not dominated:
            frontier.append((px(budget), y))
    path = ""
    if frontier:
        path = f"M{frontier[0][0]},{frontier[0][1]}"
        for fx, fy in frontier[1:]:
            path += f"H{fx}V{fy}"
        path += f"H{right}"
    ygrid = []
    v = y_lo
    while v <= y_hi + 1e-9:
        ygrid.append((py(v), f"{v:g}"))
        v += y_step
    x_step = nice_step(max(1.0, (x_hi - x_lo) / 6))
    xgrid = []
    v = x_step * (int(x_lo / x_step) + 1)
    while v <= x_hi:
        xgrid.append((px(v), f"{v:,.0f}"))
        v += x_step
    return CurveChart(
        height,
        left,
        right,
        top,
        bottom,
        floor,
        path,
        tuple(out),
        tuple(xgrid),
        tuple(ygrid),
        px(minimum) if minimum is not None else None,
    )
