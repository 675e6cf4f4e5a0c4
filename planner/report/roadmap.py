"""Render a PlanResult as a self-contained, printable HTML roadmap for leadership."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from catalog import Catalog, load_catalog
from catalog.catalog import STANDARD_10004, STANDARD_20001
from catalog.models.base import Item
from planner.report.labels import LABELS, label
from planner.result import PlanResult
from planner.steps import MONEY_SCALE

KIND_COLOURS = {
    "decomposition": "#8c6d31",
    "upgrade": "#1f77b4",
    "deepening": "#2ca02c",
    "combination": "#d62728",
}
_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html", "j2"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class Bar:
    y: int
    x: float
    width: float
    colour: str
    title: str
    label: str


def _priority_texts(catalog: Catalog, clauses: tuple[str, ...], lang: str) -> list[str]:
    index: dict[str, Item] = {}
    for block in catalog.priorities:
        for dim in block.dimensions:
            for item in dim.all_items():
                index[item.clause] = item
    out = []
    for clause in clauses:
        found = index.get(clause)
        if found is not None:
            out.append(f"{clause} {found.get(lang)}")
    return out


def render_roadmap(result: PlanResult, lang: str = "zh", catalog: Catalog | None = None) -> str:
    """One HTML file: summary, tier trajectory, Gantt, spend vs caps, steps, assumptions."""
    catalog = catalog or load_catalog()
    problem = result.problem
    roadmap = result.roadmap
    horizon = problem.time.horizon if problem else 1
    width, left, row_h = 1000.0, 260.0, 16
    scale = (width - left - 10) / max(1, horizon)
    bars: list[Bar] = []
    groups: list[tuple[str, int]] = []
    if roadmap is not None:
        ordered = sorted(roadmap.steps, key=lambda s: (s.group, s.unit or "", s.start, s.id))
        current = None
        for i, step in enumerate(ordered):
            if step.group != current:
                groups.append((step.group, i))
                current = step.group
            bars.append(
                Bar(
                    y=i * row_h,
                    x=left + step.start * scale,
                    width=max(2.0, (step.end - step.start) * scale),
                    colour=KIND_COLOURS.get(step.kind, "#777"),
                    title=f"{step.title.get(lang)} ({step.start_date} – {step.end_date})",
                    label=step.title.get(lang),
                )
            )
    milestones = []
    last = None
    for point in result.trajectory:
        if point.tier != last:
            milestones.append(point)
            last = point.tier
    years = []
    if problem is not None:
        caps = problem.budget.yearly_caps
        for year, spent in sorted(result.spend_per_year.items()):
            cap = caps.get(year)
            years.append((year, spent / MONEY_SCALE, cap))
    steps = []
    if roadmap is not None:
        for s in roadmap.steps:
            steps.append((s, s.cost / MONEY_SCALE, _priority_texts(catalog, s.priorities, lang)))
    template = _ENV.get_template("roadmap.html.j2")
    return template.render(
        lang=lang,
        L={k: (v[0] if lang == "zh" else v[1]) for k, v in LABELS.items()},
        r=result,
        problem=problem,
        roadmap=roadmap,
        bars=bars,
        groups=groups,
        row_h=row_h,
        left=left,
        width=width,
        scale=scale,
        horizon=horizon,
        chart_h=max(40, len(bars) * row_h + 30),
        milestones=milestones,
        years=years,
        steps=steps,
        kind_colours=KIND_COLOURS,
        kind_label=lambda k: label(k, lang),
        money=lambda v: f"{v / MONEY_SCALE:,.2f}" if v is not None else "–",
        standards=[STANDARD_10004.get(lang), STANDARD_20001.get(lang)],
        effort=catalog.effort,
        mapping=catalog.tier_mapping,
    )
