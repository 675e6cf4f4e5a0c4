"""Geometry of the report's inline SVG charts; the templates only draw what is computed here.

Coordinates are in SVG user units of a fixed-width viewBox; the SVG scales to the page (and to
A4 landscape in print) through CSS.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from planner.model.money import money_text
from planner.model.problem import TimeFrame
from planner.report.labels import fmt
from planner.report.lookup import Lookup, month_span
from planner.result.roadmap import ScheduledStep, TrajectoryPoint

WIDTH = 1100.0
KIND_COLOURS = {
    "requirement": "#b2182b",
    "model": "#1b7837",
    "scope": "#5aae61",
    "decomposition": "#8c6d31",
    "upgrade": "#1f6fb4",
    "deepening": "#2e9d48",
    "combination": "#e08214",
    "user": "#7b4fa0",
}
OTHER_COLOUR = "#7f7f7f"
LANE_H = 15.0
HEADER_H = 18.0


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    major: bool


@dataclass(frozen=True)
class TimeAxis:
    """Maps periods to x between ``left`` and ``right``."""

    left: float
    right: float
    horizon: int
    ticks: tuple[Tick, ...]

    def x(self, period: float) -> float:
        return round(self.left + (self.right - self.left) * period / max(1, self.horizon), 1)


def time_axis(time: TimeFrame | None, horizon: int, left: float, right: float) -> TimeAxis:
    """Year ticks (major, labelled) and quarter ticks (minor) over the horizon."""
    ticks = []
    span = max(1, horizon)
    for t in range(horizon + 1):
        if time is None:
            if t % 12 == 0:
                ticks.append(Tick(left + (right - left) * t / span, str(t), True))
            continue
        start = time.period_start(t)
        x = round(left + (right - left) * t / span, 1)
        if start.month == 1 or t == 0:
            text = str(start.year) if start.month == 1 and x < right - 28 else ""
            ticks.append(Tick(x, text, True))
        elif start.month in (4, 7, 10) and horizon <= 120:
            ticks.append(Tick(x, "", False))
    return TimeAxis(left, right, horizon, tuple(ticks))


# -- tier trajectory -------------------------------------------------------------------------
@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    label: str
    date: str


@dataclass(frozen=True)
class TrajectoryChart:
    axis: TimeAxis
    height: float
    path: str
    grid: tuple[tuple[float, str], ...]  # (y, tier label)
    markers: tuple[Marker, ...]
    target_y: float | None
    target_label: str
    risk_markers: tuple[Marker, ...] = ()  # P50 / P80 of the target date (planner.risk)


def trajectory_chart(
    points: Sequence[TrajectoryPoint],
    current: int,
    target: int | None,
    lk: Lookup,
    horizon: int,
) -> TrajectoryChart:
    top, bottom, height = 22.0, 190.0, 218.0
    axis = time_axis(lk.problem.time if lk.problem else None, horizon, 70.0, WIDTH - 20)
    top_tier = max([10, *(p.tier for p in points)])

    def y(tier: int) -> float:
        return round(bottom - (bottom - top) * tier / top_tier, 1)

    path = [f"M{axis.x(0)},{y(current)}"]
    markers = []
    last = current
    for p in points:
        if p.tier != last:
            x = axis.x(p.period + 1)
            path.append(f"H{x}V{y(p.tier)}")
            markers.append(
                Marker(x, y(p.tier), fmt("tier_n", lk.lang, n=p.tier), lk.date_by_end(p.period + 1))
            )
            last = p.tier
    path.append(f"H{axis.x(horizon)}")
    grid = tuple((y(t), fmt("tier_n", lk.lang, n=t)) for t in range(0, top_tier + 1))
    return TrajectoryChart(
        axis,
        height,
        "".join(path),
        grid,
        tuple(markers),
        y(target) if target is not None else None,
        fmt("target_line", lk.lang, n=target) if target is not None else "",
    )


# -- Gantt -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    colour: str
    kind: str
    step_id: str
    title: str
    text: str  # short label drawn inside the bar when it fits
    done: bool = False  # re-planning: already carried out (drawn faded, with a tick)
    critical: bool = False  # on the chain that sets the date (planner.result.critical)


@dataclass(frozen=True)
class Heading:
    y: float
    text: str
    level: int  # 1: scenario, 2: perspective, 3: unit row


@dataclass
class GanttChart:
    axis: TimeAxis
    height: float = 0.0
    bars: list[Bar] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    bands: list[tuple[float, float]] = field(default_factory=list)  # shaded scenario blocks
    milestones: list[Marker] = field(default_factory=list)
    target_x: float | None = None
    now_x: float | None = None  # re-planning: the current period
    now_label: str = ""


def _lanes(steps: list[ScheduledStep]) -> list[int]:
    """Pack the steps of one row into as few lanes as needed so bars never overlap."""
    ends: list[int] = []
    out = []
    for s in steps:
        for i, end in enumerate(ends):
            if end <= s.start:
                ends[i] = s.end
                out.append(i)
                break
        else:
            ends.append(s.end)
            out.append(len(ends) - 1)
    return out


def gantt_chart(
    steps: Sequence[ScheduledStep],
    lk: Lookup,
    horizon: int,
    points: Sequence[TrajectoryPoint],
    current: int,
    target_period: int | None,
    short: Callable[[ScheduledStep], str],
    done: frozenset[str] = frozenset(),
    now: int | None = None,
    critical: frozenset[str] = frozenset(),
) -> GanttChart:
    """Rows grouped by main scenario, then perspective, then unit; one bar per step.

    Re-planning: steps already ``done`` are marked, and a line shows ``now``.
    """
    left = 300.0
    top = 34.0
    axis = time_axis(lk.problem.time if lk.problem else None, horizon, left, WIDTH - 10)
    chart = GanttChart(axis)
    tree: dict[str, dict[str, dict[str, list[ScheduledStep]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for s in steps:
        perspective = lk.perspective_of(s.unit) if s.unit else None
        pkey = "" if s.unit is None else (perspective or "~")
        tree[s.group][pkey][s.unit or ""].append(s)
    y = top
    order = list(lk.units)
    for group in sorted(tree, key=lk.group_order):
        band_top = y
        chart.headings.append(Heading(y + 13, lk.group_name(group), 1))
        y += HEADER_H
        perspectives = tree[group]
        for pkey in sorted(perspectives, key=_perspective_order):
            if pkey:
                name = lk.perspective_name(None if pkey == "~" else pkey)
                chart.headings.append(Heading(y + 12, name, 2))
            else:
                chart.headings.append(Heading(y + 12, fmt("scenario_level", lk.lang), 2))
            y += HEADER_H - 2
            units = perspectives[pkey]
            for unit in sorted(units, key=lambda u: (order.index(u) if u in order else 10**6, u)):
                row = sorted(units[unit], key=lambda s: (s.start, s.end, s.id))
                lanes = _lanes(row)
                if unit:
                    chart.headings.append(Heading(y + 11, lk.unit_name(unit), 3))
                for s, lane in zip(row, lanes, strict=True):
                    x0, x1 = axis.x(s.start), axis.x(s.end)
                    finished = s.id in done
                    mark = f"✓ {fmt('done_mark', lk.lang)} · " if finished else ""
                    chart.bars.append(
                        Bar(
                            x0,
                            y + lane * LANE_H + 2,
                            max(1.5, x1 - x0 - 0.6),
                            KIND_COLOURS.get(s.kind, OTHER_COLOUR),
                            s.kind,
                            s.id,
                            f"{mark}{s.title.get(lk.lang)} · {' – '.join(month_span(s.start_date, s.end_date))}",
                            _fit(("✓ " if finished else "") + short(s), x1 - x0),
                            finished,
                            s.id in critical,
                        )
                    )
                y += (max(lanes) + 1) * LANE_H + 2
        chart.bands.append((band_top, y))
        y += 6
    last = current
    for p in points:
        if p.tier != last:
            label = fmt("tier_n", lk.lang, n=p.tier)
            chart.milestones.append(Marker(axis.x(p.period + 1), 0, label, ""))
            last = p.tier
    if target_period is not None:
        chart.target_x = axis.x(target_period)
    if now is not None and lk.problem is not None:
        chart.now_x = axis.x(now)
        date = lk.problem.time.period_start(now).isoformat()
        chart.now_label = fmt("now_line", lk.lang, date=date)
    chart.height = y + 26
    return chart


def _perspective_order(key: str) -> int:
    order = ("", "carrier", "process", "object", "partner", "subject", "driving_element")
    return order.index(key) if key in order else len(order)


def _fit(text: str, width: float) -> str:
    """The text if it fits the bar at the chart's bar font size, else nothing."""
    size = sum(9.0 if ord(c) > 0x2E80 else 5.2 for c in text) + 6
    return text if size <= width else ""


# -- bars (spend per year) -------------------------------------------------------------------
@dataclass(frozen=True)
class SpendBar:
    label: str
    x: float
    width: float
    spend_y: float
    spend_h: float
    cap_y: float | None
    value: str
    cap: str
    over: bool
    cap_x: float = 0.0  # where the cap's figure stands: right of the bar, or left near the edge
    cap_anchor: str = "start"


@dataclass(frozen=True)
class SpendChart:
    height: float
    bottom: float
    bars: tuple[SpendBar, ...]
    grid: tuple[tuple[float, str], ...]


def spend_chart(rows: Sequence[tuple[str, float, float | None]]) -> SpendChart:
    """One bar per year (spend) with its cap drawn as a line across the bar slot."""
    top, bottom, height = 16.0, 200.0, 226.0
    high = max([1.0, *(max(spend, cap or 0.0) for _, spend, cap in rows)])
    step = nice_step(high / 4)
    high = step * (int(high / step) + 1)

    def y(v: float) -> float:
        return round(bottom - (bottom - top) * v / high, 1)

    slot = (WIDTH - 90) / max(1, len(rows))
    width = min(slot * 0.5, 110.0)
    bars = []
    for i, (name, spend, cap) in enumerate(rows):
        x = 80 + i * slot + (slot - width) / 2
        bars.append(
            SpendBar(
                name,
                round(x, 1),
                round(width, 1),
                y(spend),
                round(bottom - y(spend), 1),
                None if cap is None else y(cap),
                money_text(spend, 1, in_wan=True),
                "" if cap is None else money_text(cap, 1, in_wan=True),
                cap is not None and spend > cap + 1e-6,
                *_cap_label(x, width, "" if cap is None else money_text(cap, 1, in_wan=True)),
            )
        )
    grid = tuple((y(step * k), f"{step * k:,.0f}") for k in range(int(high / step) + 1))
    return SpendChart(height, bottom, tuple(bars), grid)


def _cap_label(x: float, width: float, text: str) -> tuple[float, str]:
    """Right of the bar, unless the figure would run past the chart's edge: then left of it."""
    right = x + width + 20
    if right + 7 * len(text) > WIDTH - 4:
        return round(x - 20, 1), "end"
    return round(right, 1), "start"


def nice_step(raw: float) -> float:
    magnitude = 10 ** (len(str(int(max(1.0, raw)))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return float(factor * magnitude)
    return float(10 * magnitude)
