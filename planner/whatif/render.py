"""Rich tables of a Comparison and a Sweep for the command line (Chinese default, English)."""

from __future__ import annotations

import datetime as dt

from rich.console import Console
from rich.table import Table

from catalog.models.base import Lang
from planner.model.money import money_text
from planner.whatif.labels import label
from planner.whatif.models import Comparison, Sweep, TierPoint, VariantResult


def _signed(value: int | None) -> str:
    return "" if not value else f" ({value:+d})"


def _delta_money(value: int | None) -> str:
    return "" if not value else f" ({money_text(value, signed=True)})"


def _date(value: dt.date | None) -> str:
    return "–" if value is None else value.isoformat()


def milestones(points: tuple[TierPoint, ...], start: int | None) -> str:
    """``4 → 5 (2028-04) → 7 (2029-04)``: the tier after each change."""
    if not points:
        return "–" if start is None else str(start)
    out = [str(start if start is not None else points[0].tier)]
    last = start if start is not None else points[0].tier
    for p in points:
        if p.tier != last:
            out.append(f"{p.tier} ({p.date:%Y-%m})")
            last = p.tier
    return " → ".join(out)


def _changes(v: VariantResult, lang: Lang) -> str:
    if v.is_base:
        return label("base", lang)
    head = v.description.get(lang) if v.description else ""
    body = "; ".join(c.get(lang) for c in v.changes)
    return f"{head}\n[dim]{body}[/]" if head else body


def _status(v: VariantResult, lang: Lang) -> str:
    text = v.status.describe().get(lang)
    return text if v.status.has_roadmap else f"[red]{text}[/]"


def comparison_tables(comparison: Comparison, lang: Lang) -> list[Table]:
    """The comparison, the spend per year and the tier trajectories."""
    variants = comparison.variants
    main = Table(title=f"{label('comparison', lang)}: {comparison.problem_name}")
    for key in (
        "variant",
        "changes",
        "status",
        "reached_on",
        "periods",
        "total_cost",
        "route",
        "gap",
        "steps_diff",
        "validated",
    ):
        main.add_column(label(key, lang), overflow="fold")
    for v in variants:
        d = v.diff
        steps = "–" if d is None else f"+{len(d.added)} / −{len(d.removed)} / ~{len(d.moved)}"
        periods = "–" if v.reached_period is None else str(v.reached_period)
        valid = "–"
        if v.validated:
            valid = "✔" if not v.violations else f"[red]✗ {len(v.violations)}[/]"
        main.add_row(
            v.name,
            _changes(v, lang),
            _status(v, lang),
            _date(v.reached_date),
            periods + _signed(d.target_shift if d else None),
            money_text(v.total_cost) + _delta_money(d.cost_change if d else None),
            v.route or "–",
            "–" if v.gap is None else f"{v.gap:.1%}",
            steps,
            valid,
        )
    tables = [main]
    years = sorted({y for v in variants for y in v.spend_per_year})
    if years:
        spend = Table(title=label("spend", lang))
        spend.add_column(label("variant", lang))
        for year in years:
            spend.add_column(str(year), justify="right")
        for v in variants:
            spend.add_row(v.name, *(money_text(v.spend_per_year.get(y)) for y in years))
        tables.append(spend)
    trajectory = Table(title=label("trajectory", lang))
    trajectory.add_column(label("variant", lang))
    trajectory.add_column(label("trajectory", lang), overflow="fold")
    for v in variants:
        trajectory.add_row(v.name, milestones(v.trajectory, v.current_tier))
    tables.append(trajectory)
    return tables


def sweep_tables(sweep: Sweep, lang: Lang) -> list[Table]:
    caps = label(f"caps_{sweep.caps}", lang)
    title = f"{label('sweep', lang)}: {sweep.problem_name} ({sweep.variant}; {label('caps', lang)} {caps})"
    table = Table(title=title)
    for key in ("budget", "source", "status", "reached_on", "periods", "total_cost", "route"):
        table.add_column(label(key, lang), overflow="fold")
    table.add_column(label("frontier", lang))
    for p in sweep.points:
        mark = ""
        if p.reaches:
            mark = (
                f"[dim]{label('dominated', lang)}[/]"
                if p.dominated
                else f"[green]✔ {label('efficient', lang)}[/]"
            )
        table.add_row(
            money_text(p.budget, in_wan=True),
            label(p.source, lang),
            p.status.describe().get(lang),
            _date(p.reached_date),
            "–" if p.reached_period is None else str(p.reached_period),
            money_text(p.total_cost),
            p.route or "–",
            mark,
        )
    tables = [table]
    if sweep.tiers:
        budget = (
            label("unlimited", lang)
            if sweep.tier_budget is None
            else money_text(sweep.tier_budget, in_wan=True)
        )
        tiers = Table(title=f"{label('tiers', lang)} ({label('tier_budget', lang)} {budget})")
        for key in ("tier", "status", "reached_on", "periods", "total_cost", "route"):
            tiers.add_column(label(key, lang), overflow="fold")
        for t in sweep.tiers:
            tiers.add_row(
                str(t.tier),
                t.status.describe().get(lang),
                _date(t.reached_date),
                "–" if t.reached_period is None else str(t.reached_period),
                money_text(t.total_cost),
                t.route or "–",
            )
        tables.append(tiers)
    return tables


def minimum_line(sweep: Sweep, lang: Lang) -> str | None:
    m = sweep.minimum
    if m is None:
        return None
    if m.budget is None:
        text = f"{label('min_budget', lang)}: {label('min_none', lang)}"
    else:
        budget, below = money_text(m.budget, in_wan=True), money_text(m.below, in_wan=True)
        text = f"{label('min_budget', lang)}: [bold]{budget}[/] {label('wan', lang)}"
        if m.exact:
            text += f" ({label('exact', lang)})"
        elif m.below is not None:
            tolerance = money_text(m.tolerance, in_wan=True)
            text += f" ({label('bracket', lang)} {below}–{budget}, ±{tolerance})"
    text += f"; {m.solves} {label('solves', lang)}"
    if m.note is not None:
        text += f"\n[yellow]{m.note.get(lang)}[/]"
    return text


def print_comparison(comparison: Comparison, lang: Lang, console: Console) -> None:
    if comparison.partial:
        console.print(f"[bold yellow]{label('partial', lang)}[/]")
    if comparison.variants:
        for table in comparison_tables(comparison, lang):
            console.print(table)
        for v in comparison.variants:
            for err in v.errors_in(lang):
                console.print(f"[red]✗[/] {v.name}: {err}")
            for violation in v.violations:
                console.print(f"[red]✗[/] {v.name}: {violation.text(lang)}")
    if comparison.missing:
        console.print(f"[yellow]{label('missing', lang)}[/]: {', '.join(comparison.missing)}")
    if comparison.sweep is not None:
        for table in sweep_tables(comparison.sweep, lang):
            console.print(table)
        line = minimum_line(comparison.sweep, lang)
        if line:
            console.print(line)
    run = comparison.run
    console.print(
        f"[dim]{label('run', lang)}: {run.executor} × {run.workers}; "
        f"{label('wall', lang)} {run.wall_time:.1f}s[/]"
    )
