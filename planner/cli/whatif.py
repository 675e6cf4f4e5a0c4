"""``capplan compare`` and ``capplan sweep``: what-if analysis on the command line."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, cast

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from catalog.cli_render import LangOpt
from catalog.errors import DataError
from catalog.models.base import Lang
from planner.whatif.budgets import CapsMode, parse_budgets
from planner.whatif.compare import RunOptions, compare
from planner.whatif.executor import Tick
from planner.whatif.labels import label
from planner.whatif.models import Comparison
from planner.whatif.pool import ExecutorName, Pool, make_executor
from planner.whatif.render import print_comparison
from planner.whatif.scenario import BASE, Scenario
from planner.whatif.sweep import sweep
from planner.whatif.variants import load_scenario

console = Console(width=None if Console().is_terminal else 160)

ExecutorOpt = Annotated[
    str, typer.Option("--executor", help="local (process pool), dask, or serial (in-process)")
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", help="Dask scheduler address (default: start a LocalCluster)"),
]
WorkersOpt = Annotated[int, typer.Option("--workers", min=1, help="solves in parallel")]
TimeLimitOpt = Annotated[float, typer.Option("--time-limit", min=0.1, help="seconds per solve")]
SeedOpt = Annotated[int, typer.Option("--seed", min=0, help="random seed of every solve")]
JsonOpt = Annotated[Path | None, typer.Option("--json", help="write the comparison as JSON")]
HtmlOpt = Annotated[Path | None, typer.Option("--html", help="write the HTML comparison report")]
EXIT_INTERRUPTED = 130


def _fail(problems: list[str] | DataError, lang: Lang = "zh") -> typer.Exit:
    for p in problems.get(lang) if isinstance(problems, DataError) else problems:
        console.print(f"[red]✗[/] {escape(p)}")
    return typer.Exit(2)


def _check(executor: str) -> ExecutorName:
    if executor not in ("local", "dask", "serial"):
        raise typer.BadParameter("--executor must be local, dask or serial")
    return cast(ExecutorName, executor)


def _load(file: Path, lang: Lang) -> Scenario:
    try:
        return load_scenario(file)
    except DataError as exc:
        raise _fail(exc, lang) from exc


@contextmanager
def _progress(lang: Lang) -> Iterator[Callable[[Tick], None]]:
    """A progress bar whose total may grow (the minimum-budget search adds rounds)."""
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[key]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task(label("solving", lang), total=None, key="")

    def tick(t: Tick) -> None:
        bar.update(task, completed=t.done, total=t.total, key=t.key)

    with bar:
        yield tick


@contextmanager
def _executor(name: ExecutorName, workers: int, scheduler: str | None) -> Iterator[Pool]:
    try:
        executor = make_executor(name, workers, scheduler)
    except (OSError, TimeoutError, ValueError) as exc:
        raise _fail([f"--executor {name}: 无法启动 / cannot start: {exc}"]) from exc
    try:
        yield executor
    finally:
        executor.shutdown(cancel_futures=True)


def _write(comparison: Comparison, json_out: Path | None, html: Path | None, lang: Lang) -> int:
    """Write the outputs; return the exit code (0, 1 without an HTML renderer, 130 if partial)."""
    code = 0
    if json_out is not None:
        json_out.write_text(
            json.dumps(comparison.model_dump(mode="json"), ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
        console.print(f"JSON: {json_out}")
    if html is not None:
        from planner import report

        render = getattr(report, "render_comparison", None)
        if render is None:
            console.print(f"[yellow]{label('no_html', lang)}[/]")
            code = 1
        else:
            html.write_text(render(comparison, lang), encoding="utf-8")
            console.print(f"HTML: {html}")
    return EXIT_INTERRUPTED if comparison.partial else code


def compare_command(
    file: Annotated[Path, typer.Argument(help="scenario file (base + variants) or problem file")],
    variant: Annotated[
        list[str] | None, typer.Option("--variant", help="only these variants (repeatable)")
    ] = None,
    executor: ExecutorOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = 2,
    time_limit: TimeLimitOpt = 10.0,
    seed: SeedOpt = 0,
    json_out: JsonOpt = None,
    html: HtmlOpt = None,
    lang: LangOpt = "zh",
    risk_runs: Annotated[
        int, typer.Option("--risk-runs", min=0, help="risk runs per variant (0: no risk)")
    ] = 0,
) -> None:
    """Solve the base problem and its variants, and compare the roadmaps."""
    name = _check(executor)
    scenario = _load(file, lang)
    if variant:
        try:
            for v in variant:
                scenario.variant(v)
        except DataError as exc:
            raise _fail(exc, lang) from exc
    options = RunOptions(time_limit=time_limit, seed=seed, executor=name, workers=workers)
    with _executor(name, workers, scheduler) as ex, _progress(lang) as tick:
        result = compare(scenario, options, ex, tick, only=variant)
        if risk_runs and not result.partial:  # P50 / P80 per variant (planner.risk)
            from planner.risk.engine import RiskOptions
            from planner.risk.variants import with_variant_risk

            result = with_variant_risk(result, scenario, RiskOptions(risk_runs, seed), ex)
    print_comparison(result, lang, console)
    if result.risk:
        from planner.risk.variants import print_variant_risk

        print_variant_risk(result, lang, console)
    from planner.report.comparison import why_lines  # what changed each answer, in words

    for variant_name, words in why_lines(result, lang):
        console.print(f"[bold]{variant_name}[/]: {words}")
    raise typer.Exit(_write(result, json_out, html, lang))


def sweep_command(
    file: Annotated[Path, typer.Argument(help="scenario file or problem file")],
    budgets: Annotated[
        str,
        typer.Option("--budgets", help="CNY 10k (万元): start:stop:step (stop included) or a,b,c"),
    ],
    variant: Annotated[str, typer.Option("--variant", help="the problem to sweep")] = BASE,
    caps: Annotated[
        str, typer.Option("--caps", help="yearly caps: scale (with the budget), keep or drop")
    ] = "scale",
    minimum: Annotated[
        bool, typer.Option("--minimum/--no-minimum", help="search the minimum budget")
    ] = True,
    tolerance: Annotated[
        float | None,
        typer.Option(
            "--tolerance", min=0.01, help="CNY 10k (万元; default: 1% of the bracket top)"
        ),
    ] = None,
    tiers: Annotated[
        bool, typer.Option("--tiers/--no-tiers", help="earliest date of each tier")
    ] = True,
    tier_budget: Annotated[
        float | None,
        typer.Option(
            "--tier-budget", min=0, help="CNY 10k (万元) for the per-tier solves (default: own)"
        ),
    ] = None,
    executor: ExecutorOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = 2,
    time_limit: TimeLimitOpt = 10.0,
    seed: SeedOpt = 0,
    json_out: JsonOpt = None,
    html: HtmlOpt = None,
    lang: LangOpt = "zh",
) -> None:
    """Budget–time trade-off: earliest target date per total budget, minimum budget, tiers."""
    name = _check(executor)
    if caps not in ("scale", "keep", "drop"):
        raise typer.BadParameter("--caps must be scale, keep or drop")
    scenario = _load(file, lang)
    try:
        grid = parse_budgets(budgets)
        chosen = scenario.variant(variant)
    except DataError as exc:
        raise _fail(exc, lang) from exc
    options = RunOptions(time_limit=time_limit, seed=seed, executor=name, workers=workers)
    caps_mode = cast(CapsMode, caps)
    began = time.monotonic()
    with _executor(name, workers, scheduler) as ex, _progress(lang) as tick:
        result = sweep(
            chosen.problem,
            grid,
            options,
            caps=caps_mode,
            minimum=minimum,
            tolerance=tolerance,
            tiers=tiers,
            tier_budget="problem" if tier_budget is None else tier_budget,
            executor=ex,
            progress=tick,
            variant=chosen.name,
        )
        info = options.info(ex, time.monotonic() - began)
    comparison = Comparison(
        problem_name=scenario.base.name,
        source=scenario.source,
        sweep=result,
        partial=result.partial,
        run=info,
    )
    print_comparison(comparison, lang, console)
    raise typer.Exit(_write(comparison, json_out, html, lang))


def register(app: typer.Typer) -> None:
    """Mount ``compare`` and ``sweep`` on the ``capplan`` application."""
    app.command("compare")(compare_command)
    app.command("sweep")(sweep_command)
