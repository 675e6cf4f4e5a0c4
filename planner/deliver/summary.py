"""The executive summary: 2–3 printable A4 landscape pages, on its own or in front of the full
HTML report. Inline CSS and SVG only (no script, no external resource)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from catalog import Catalog, load_catalog
from catalog.models.base import Lang
from planner.deliver.context import ExportContext, export_context
from planner.deliver.facts import facts
from planner.deliver.words import WORDS
from planner.model.money import money_text
from planner.report.charts import SpendChart, spend_chart
from planner.report.env import ENV
from planner.report.labels import labels
from planner.result.plan_result import PlanResult

LEFT, RIGHT, ROW = 330.0, 1090.0, 26.0
LABEL_UNITS = 52  # an initiative name beside its bar: CJK 2 units, Latin 1 (11.5 px font)
WHY_LINES = 6
PALETTE = ("#1f6fb4", "#2e8b57", "#b8860b", "#7b4fa0", "#c0504d", "#4a7f8c")


@dataclass(frozen=True)
class TimelineBar:
    y: float
    x: float
    width: float
    name: str
    colour: str
    cost: str


@dataclass(frozen=True)
class Band:
    x: float
    width: float
    label: str
    shade: bool


@dataclass(frozen=True)
class Timeline:
    height: float
    top: float
    bars: tuple[TimelineBar, ...]
    bands: tuple[Band, ...]
    ticks: tuple[tuple[float, str, str], ...]  # x, label, text-anchor
    milestones: tuple[tuple[float, str], ...]


def fit(text: str, units: float) -> str:
    """The text cut to about ``units`` width units (CJK 2, Latin 1), with '…'."""
    out, used = "", 0.0
    for ch in text:
        used += 2 if ord(ch) > 0x2E80 else 1
        if used > units:
            return out.rstrip() + "…"
        out += ch
    return out


def timeline(ctx: ExportContext) -> Timeline:
    d = ctx.delivery
    end = max([1, *(i.end for i in d.initiatives)])
    top = 34.0

    def x(period: int) -> float:
        return round(LEFT + (RIGHT - LEFT) * period / end, 1)

    bars = tuple(
        TimelineBar(
            top + k * ROW,
            x(i.start),
            max(2.0, x(i.end) - x(i.start)),
            fit(f"{i.code} {ctx.lookup.t(i.name)}", LABEL_UNITS),
            PALETTE[k % len(PALETTE)],
            money_text(i.cost, 0),
        )
        for k, i in enumerate(d.initiatives)
    )
    bands = tuple(
        Band(x(wave.start), x(wave.end) - x(wave.start), f"{wave.index}", wave.index % 2 == 0)
        for wave in d.waves
    )
    time = d.problem.time
    ticks = []
    for p in range(end + 1):
        day = time.period_start(p)
        if day.month == 1 or p == 0:
            anchor = "end" if x(p) > RIGHT - 45 else "start"
            ticks.append((x(p), f"{day:%Y-%m}", anchor))
    milestones = tuple((x(m.period), f"{m.tier}") for m in d.milestones)
    height = top + len(bars) * ROW + 30
    return Timeline(height, top, bars, bands, tuple(ticks), milestones)


def executive_context(ctx: ExportContext) -> dict[str, Any]:
    f = facts(ctx)
    spend: SpendChart = spend_chart([(str(y.year), y.spend, y.cap) for y in f.years])
    return {
        "ex": f,
        "ex_why": f.why[:WHY_LINES],
        "ex_more": max(0, len(f.why) - WHY_LINES),
        "ex_spend": spend,
        "ex_timeline": timeline(ctx),
        "W": {k: (zh if ctx.lang == "zh" else en) for k, (zh, en) in WORDS.items()},
    }


def render_executive(result: PlanResult, lang: Lang = "zh", catalog: Catalog | None = None) -> str:
    """The executive summary on its own (ValueError when the result has no roadmap)."""
    catalog = catalog or load_catalog()
    ctx = export_context(result, lang, catalog)
    lk = ctx.lookup
    return ENV.get_template("executive.html.j2").render(
        lang=lang,
        L=labels(lang),
        standards=lk.standards(),
        ex_standalone=True,
        **executive_context(ctx),
    )


def executive_section(result: PlanResult, lang: Lang, catalog: Catalog) -> dict[str, Any] | None:
    """The summary's context for the full report, or None when there is no roadmap."""
    if result.roadmap is None or result.problem is None:
        return None
    return executive_context(export_context(result, lang, catalog))
