"""The risk section of the roadmap report: S-curve of the target date with P50 / P80 / P90
markers (inline SVG, geometry here, drawn by ``_risk.html.j2``), tier quantiles, criticality
and binding caps."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from planner.report.charts import (
    WIDTH,
    Marker,
    TimeAxis,
    TrajectoryChart,
    time_axis,
    trajectory_chart,
)
from planner.report.lookup import Lookup
from planner.result.plan_result import PlanResult
from planner.risk.labels import LABELS, label
from planner.risk.models import RiskResult


@dataclass(frozen=True)
class SCurve:
    axis: TimeAxis
    height: float
    path: str
    top: float
    bottom: float
    grid: tuple[tuple[float, str], ...]  # (y, "50%")
    markers: tuple[Marker, ...]  # P50 / P80 / P90 and the plan: x, label, date
    horizon_x: float


def s_curve(risk: RiskResult, lk: Lookup, horizon: int) -> SCurve:
    """Share of runs that reached the target by each period (a step line)."""
    top, bottom, height = 16.0, 170.0, 196.0
    axis = time_axis(lk.problem.time if lk.problem else None, horizon, 70.0, WIDTH - 20)

    def y(share: float) -> float:
        return round(bottom - (bottom - top) * share, 1)

    runs = max(1, risk.runs)
    path, seen = [f"M{axis.x(0)},{y(0)}"], 0
    for b in risk.histogram:
        if b.period > horizon:
            break
        seen += b.runs
        path.append(f"H{axis.x(b.period)}V{y(seen / runs)}")
    path.append(f"H{axis.x(horizon)}")
    markers = []
    for key in ("p50", "p80", "p90"):
        period = risk.target.periods[key]
        if period is not None and period <= horizon:
            share = int(key[1:]) / 100
            markers.append(Marker(axis.x(period), y(share), key.upper(), lk.date_by_end(period)))
    if risk.planned_period is not None:
        markers.append(
            Marker(
                axis.x(risk.planned_period),
                y(0),
                label("planned", lk.lang),
                lk.date_by_end(risk.planned_period),
            )
        )
    grid = tuple((y(s), f"{s:.0%}") for s in (0, 0.25, 0.5, 0.8, 1.0))
    end = lk.problem.time.horizon if lk.problem else horizon
    return SCurve(axis, height, "".join(path), top, bottom, grid, tuple(markers), axis.x(end))


def trajectory_markers(risk: RiskResult, lk: Lookup, axis: TimeAxis) -> tuple[Marker, ...]:
    """P50 and P80 of the target date, to mark on the tier trajectory (within its axis)."""
    out = []
    for key in ("p50", "p80"):
        period = risk.target.periods[key]
        if period is not None and period <= axis.horizon:
            out.append(Marker(axis.x(period), 0.0, key.upper(), lk.date_by_end(period)))
    return tuple(out)


def risk_context(
    risk: RiskResult, lk: Lookup, result: PlanResult, chart: TrajectoryChart
) -> dict[str, Any]:
    """What ``_risk.html.j2`` shows, and the trajectory with the P50 / P80 markers.

    The trajectory is redrawn over a span that holds the P90 date when it is within the horizon.
    """
    lang = lk.lang
    later = [v for v in risk.target.periods.values() if v is not None]
    horizon = result.problem.time.horizon if result.problem else chart.axis.horizon
    span = min(horizon, max([chart.axis.horizon, *(v + 2 for v in later)]))
    if span != chart.axis.horizon:
        chart = trajectory_chart(
            result.trajectory, result.current_tier or 0, result.target_tier, lk, span
        )
    return {
        "RL": {key: label(key, lang) for key in LABELS},
        "risk": risk,
        "curve": s_curve(risk, lk, max([span, *(v + 1 for v in later)])),
        "trajectory": replace(chart, risk_markers=trajectory_markers(risk, lk, chart.axis)),
        "critical": [(c.title.get(lang), f"{c.index:.0%}") for c in risk.criticality[:15]],
        "distribution_name": label(risk.distribution, lang),
        "distribution_why": lk.t(risk.distribution_reasoning),
    }
