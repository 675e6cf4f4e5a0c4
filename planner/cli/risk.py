"""``capplan risk FILE``: plan the roadmap, then its schedule and cost risk (and ``plan --risk``)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Literal, cast

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from catalog.cli_render import LangOpt
from catalog.errors import DataError
from catalog.models.base import Lang
from planner.compile.compiled import compile_problem
from planner.model.money import money_text
from planner.model.problem import load_problem
from planner.result.plan_result import PlanResult, SolveParams
from planner.risk.engine import DEFAULT_RUNS, RiskOptions, analyse
from planner.risk.labels import label
from planner.risk.models import DateQuantiles, RiskResult
from planner.solve.plan import plan
from planner.whatif.pool import ExecutorName, Pool, make_executor, stop_executor

console = Console(width=None if Console().is_terminal else 160)

RunsOpt = Annotated[int, typer.Option("--runs", min=1, help="Monte Carlo runs")]
SeedOpt = Annotated[int, typer.Option("--seed", min=0, help="random seed of the runs")]


def _fmt_dates(q: DateQuantiles, lang: Lang) -> str:
    never = label("never", lang)
    return "  ".join(f"P{k[1:]} {getattr(q, k) or never}" for k in ("p50", "p80", "p90"))


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.0%}"


def print_risk(risk: RiskResult, lang: Lang, out: Console | None = None) -> None:
    """The risk figures as text and tables."""
    out = out or console
    out.print(
        f"[bold]{label('risk', lang)}[/] — {label('runs', lang)} {risk.runs}, "
        f"{label('seed', lang)} {risk.seed}, {label('distribution', lang)} "
        f"{label(risk.distribution, lang)}"
    )
    out.print(
        f"{label('target_date', lang)}: {label('planned', lang)} {risk.planned_date}   "
        f"{_fmt_dates(risk.target, lang)}"
    )
    c = risk.cost
    planned = money_text(risk.planned_cost, 1, in_wan=True)
    quantiles = (("P50", c.p50), ("P80", c.p80), ("P90", c.p90))
    spread = "  ".join(f"{q} {money_text(v, 1, in_wan=True)}" for q, v in quantiles)
    out.print(f"{label('total_cost', lang)}: {label('planned', lang)} {planned}   {spread}")
    out.print(f"{label('p_horizon', lang)}: {_pct(risk.p_within_horizon)}")
    if risk.p_within_budget is not None:
        out.print(f"{label('p_budget', lang)}: {_pct(risk.p_within_budget)}")
        out.print(f"{label('p_both', lang)}: {_pct(risk.p_both)}")
    if risk.commitment is not None:
        m = risk.commitment
        out.print(
            label("commitment", lang).format(
                level=f"{m.level:.0%}", date=m.date or label("never", lang), buffer=m.buffer_periods
            )
        )
    if risk.unplaced:
        out.print(f"[yellow]{label('unplaced', lang)}: {risk.unplaced}[/]")
    if risk.candidates:
        table = Table(title=label("candidates", lang))
        level = f"P{round((risk.commitment.level if risk.commitment else 0.8) * 100)}"
        for col in ("route", "planned"):
            table.add_column(label(col, lang))
        table.add_column(level)
        table.add_column(f"P80 {label('total_cost', lang)}")
        for cand in risk.candidates:
            table.add_row(
                (cand.route or "–") + (f" ✔ {label('chosen', lang)}" if cand.chosen else ""),
                str(cand.planned_date),
                str(cand.at_level or label("never", lang)),
                money_text(cand.cost_p80, 1, in_wan=True),
            )
        out.print(table)
    if risk.tiers:
        table = Table(title=label("target_date", lang))
        for col in ("tier", "probability", "planned"):
            table.add_column(label(col, lang))
        for k in ("P50", "P80", "P90"):
            table.add_column(k)
        for t in risk.tiers:
            d = t.dates
            table.add_row(
                str(t.tier),
                _pct(t.probability),
                str(t.planned or "–"),
                *(str(x or "–") for x in (d.p50, d.p80, d.p90)),
            )
        out.print(table)
    if risk.criticality:
        table = Table(title=label("criticality", lang))
        table.add_column(label("step", lang), overflow="fold")
        table.add_column(label("index", lang))
        for crit in risk.criticality[:12]:
            table.add_row(crit.title.get(lang), f"{crit.index:.0%}")
        out.print(table)
    if risk.caps:
        table = Table(title=label("caps", lang))
        for col in ("year", "cap", "binding"):
            table.add_column(label(col, lang))
        for cap in risk.caps:
            table.add_row(str(cap.year), money_text(cap.cap, 1, in_wan=True), _pct(cap.binding))
        out.print(table)


@contextmanager
def progress_bar(lang: Lang) -> Iterator[Callable[[int, int], None]]:
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task(label("simulating", lang), total=None)

    def tick(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    with bar:
        yield tick


def _executor(name: str, workers: int, scheduler: str | None) -> Pool:
    if name not in ("local", "dask", "serial"):
        raise typer.BadParameter("--executor must be local, dask or serial")
    try:
        return make_executor(cast(ExecutorName, name), workers, scheduler)
    except (OSError, TimeoutError, ValueError) as exc:
        console.print(f"[red]✗[/] --executor {name}: cannot start: {exc}")
        raise typer.Exit(2) from exc


def risk_of(
    result: PlanResult,
    options: RiskOptions,
    lang: Lang,
    executor: str = "local",
    workers: int = 2,
    scheduler: str | None = None,
) -> RiskResult | None:
    """The risk of a plan's roadmap on the chosen executor, with a progress bar."""
    if result.roadmap is None or result.problem is None:
        console.print(f"[yellow]{label('no_roadmap', lang)}[/]")
        return None
    instance = compile_problem(result.problem)
    ex = _executor(executor, workers, scheduler)
    try:
        with progress_bar(lang) as tick:
            if options.level is not None:
                from planner.risk.choose import choose

                return choose(instance, result.roadmap, options, ex, tick)
            return analyse(instance, result.roadmap, options, ex, tick)
    except KeyboardInterrupt:
        stop_executor(ex)
        raise typer.Exit(130) from None
    finally:
        ex.shutdown(cancel_futures=True)


def _distribution(value: str | None) -> Literal["triangular", "pert"] | None:
    if value not in (None, "triangular", "pert"):
        raise typer.BadParameter("--distribution must be triangular or pert")
    return cast(Literal["triangular", "pert"] | None, value)


def risk_command(
    file: Annotated[Path, typer.Argument(help="problem file (YAML or JSON)")],
    json_out: Annotated[Path | None, typer.Option("--json", help="write the risk as JSON")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="write the HTML report")] = None,
    runs: RunsOpt = DEFAULT_RUNS,
    seed: SeedOpt = 0,
    distribution: Annotated[
        str | None, typer.Option(help="triangular | pert (default: the effort model's)")
    ] = None,
    risk_target: Annotated[
        float | None,
        typer.Option("--risk-target", min=0.01, max=0.99, help="choose by this quantile"),
    ] = None,
    executor: Annotated[str, typer.Option(help="local, dask or serial")] = "local",
    workers: Annotated[int, typer.Option(min=1, help="processes for the runs")] = 2,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address")] = None,
    time_limit: Annotated[float, typer.Option(help="seconds for the solve")] = 30.0,
    lang: LangOpt = "zh",
) -> None:
    """Plan the roadmap, then simulate its schedule and cost risk (P50 / P80 / P90)."""
    try:
        problem = load_problem(file)
    except DataError as exc:
        for p in exc.get(lang):
            console.print(f"[red]✗[/] {escape(p)}")
        raise typer.Exit(2) from exc
    options = RiskOptions(runs, seed, _distribution(distribution), level=risk_target)
    result = plan(problem, SolveParams(time_limit=time_limit, seed=seed, compare_routes=False))
    if result.roadmap is None:  # nothing to simulate: say why (infeasible, invalid input)
        console.print(f"{result.status.describe().get(lang)}")
        for err in result.errors_in(lang):
            console.print(f"[red]✗[/] {escape(err)}")
        if result.message is not None:
            console.print(result.message.get(lang))
    began = time.monotonic()
    risk = risk_of(result, options, lang, executor, workers, scheduler)
    if risk is None:
        raise typer.Exit(2)
    print_risk(risk, lang)
    console.print(f"({time.monotonic() - began:.1f}s, {executor} × {workers})")
    write_outputs(result, risk, json_out, html, lang)


def write_outputs(
    result: PlanResult, risk: RiskResult, json_out: Path | None, html: Path | None, lang: Lang
) -> None:
    if json_out is not None:
        json_out.write_text(
            json.dumps(risk.model_dump(mode="json"), ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
        console.print(f"JSON: {json_out}")
    if html is not None:
        from planner.report import render_roadmap

        html.write_text(render_roadmap(result, lang, risk=risk), encoding="utf-8")
        console.print(f"HTML: {html}")


def register(app: typer.Typer) -> None:
    """Mount ``risk`` on the ``capplan`` application."""
    app.command("risk")(risk_command)
