"""The ``capplan`` command line: catalogue browsing, planning and the demo."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from catalog.cli_render import LangOpt
from catalog.errors import DataError
from catalog.models.base import Lang
from planner.model.money import money_text
from planner.model.problem import load_problem
from planner.report import render_roadmap
from planner.report.labels import fmt, label
from planner.report.lookup import month_span
from planner.result.critical import chain_words
from planner.result.plan_result import PlanResult, SolveParams
from planner.solve.plan import plan

if TYPE_CHECKING:
    from planner.assessment.models import AssessmentResult

app = typer.Typer(
    help="capplan: capability-building roadmaps (T/AIITRE 10004, 20001)", no_args_is_help=True
)
console = Console(width=None if Console().is_terminal else 160)
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
DEMO_FILE = "discrete_manufacturer.yaml"


def _mount_catalog() -> None:
    try:
        from catalog.cli import app as catalog_app
    except ImportError:  # pragma: no cover - catalog CLI is part of the package
        return
    app.add_typer(catalog_app, name="catalog", help="Browse both standards and our assumptions")


_mount_catalog()


def _register_optional(module_name: str) -> None:
    """Mount the commands of a feature package (each exposes ``register(app)``)."""
    import importlib

    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name is None or not module_name.startswith(exc.name):
            raise
        return
    module.register(app)


for _name in (
    "planner.cli.whatif",
    "planner.cli.assessment",
    "planner.cli.risk",
    "planner.cli.deliver",
):
    _register_optional(_name)


@app.command(
    "serve",
    add_help_option=False,  # --help goes to the service's own options
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def serve_command(ctx: typer.Context) -> None:
    """Start the REST service (the api extra): API under /api/v1, docs at /api/v1/docs."""
    from planner.model.extras import MissingExtraError, require

    try:
        for module in ("fastapi", "uvicorn", "sqlalchemy"):
            require(module, "api")
    except MissingExtraError as exc:
        console.print(f"[red]✗[/] {escape(exc.text.zh)}\n  {escape(exc.text.en)}")  # no --lang here
        raise typer.Exit(2) from exc
    from api.cli import run  # the only import of api from catalog/ or planner/

    run(ctx.args)


def print_result(result: PlanResult, lang: Lang) -> None:
    """Summary and step table of a result."""
    console.print(
        f"[bold]{label('status', lang)}[/]: {result.status.describe().get(lang)}  "
        f"({result.runtime:.2f}s)"
    )
    if result.errors:
        for err in result.errors_in(lang):
            console.print(f"[red]✗[/] {escape(err)}")
        return
    console.print(
        f"{label('current_tier', lang)} {result.current_tier} → {label('target_tier', lang)} {result.target_tier}"
    )
    if result.derived_state:
        console.print(f"{label('derived', lang)}: {result.derived_state.get(lang)}")
    if result.explanation is not None:
        console.print(
            f"[yellow]{label('infeasible', lang)}[/]: {result.explanation.text.get(lang)}"
        )
    elif result.message:
        console.print(f"[yellow]{result.message.get(lang)}[/]")
    roadmap, problem = result.roadmap, result.problem
    titles = {s.id: s.title.get(lang) for s in roadmap.steps} if roadmap else {}

    def when(period: int | None) -> str:
        if period is None or problem is None:
            return "–"
        return problem.time.period_start(period).isoformat()

    for move in result.moves:
        change = label(move.change, lang)
        console.print(
            f"  {change}: {titles.get(move.step, move.step)} "
            f"{when(move.previous_start)} → {when(move.start)} ({move.reason.get(lang)})"
        )
    if roadmap is None or problem is None:
        return
    if roadmap.route is None and roadmap.target_period is None and not roadmap.steps:
        # max-tier with nothing above the current tier reachable: say so, not "None"
        console.print(f"[yellow]{fmt('no_higher_tier', lang, n=result.current_tier)}[/]")
        return
    reached = problem.time.period_start(roadmap.target_period or 0)
    periods = fmt(
        "n_quarters" if problem.time.period == "quarter" else "n_months",
        lang,
        n=roadmap.target_period,
    )
    console.print(
        f"{label('route', lang)}: {roadmap.route}   {label('reached_on', lang)}: {reached} "
        f"({periods})   "
        f"{label('total_cost', lang)}: {money_text(result.objective.total_cost)}"
    )
    if result.gap:
        console.print(f"{label('gap', lang)}: {result.gap:.1%}")
    chain = chain_words(result.critical_chain, roadmap, problem.time.horizon, problem.time.period)
    if chain is not None:
        console.print(chain.get(lang))
    if result.routes:
        table = Table(title=label("routes", lang))
        for col in ("row", "route", "status", "periods", "total_cost"):
            table.add_column(label(col, lang))
        for c in result.routes:
            table.add_row(
                c.row + (" ✔" if c.chosen else ""),
                c.route or "–",
                c.status.describe().get(lang),
                "–" if c.target_period is None else str(c.target_period),
                money_text(c.total_cost),
            )
        console.print(table)
    table = Table(title=label("steps", lang))
    for col in ("step", "kind", "start", "end", "cost", "staff", "clauses"):
        table.add_column(label(col, lang), overflow="fold")
    for s in roadmap.steps:
        table.add_row(
            f"{s.title.get(lang)}\n[dim]{s.id}[/]",  # the id progress names the step by
            label(s.kind, lang),
            *month_span(s.start_date, s.end_date),
            money_text(s.cost),
            str(s.staff),
            ", ".join(s.clauses),
        )
    console.print(table)
    years = Table(title=label("spend", lang))
    for col in ("year", "spent", "cap"):
        years.add_column(label(col, lang))
    for year, spent in sorted(result.spend_per_year.items()):
        cap = problem.budget.yearly_caps.get(year)
        years.add_row(str(year), money_text(spent), money_text(cap, in_wan=True))
    console.print(years)


def _assessed(path: Path, lang: Lang) -> AssessmentResult:
    """Score a filled questionnaire (.xlsx or YAML); DataError naming file and line if bad."""
    from planner.assessment import assess, load_assessment

    result = assess(load_assessment(path))
    console.print(
        f"{label('assessment', lang)}: {label('overall_level', lang)} L{result.level}, "
        f"{label('assessed_tier', lang)} {result.tier}"
    )
    return result


@app.command("plan")
def plan_command(
    file: Annotated[Path, typer.Argument(help="problem file (YAML or JSON)")],
    time_limit: Annotated[float, typer.Option(help="seconds")] = 30.0,
    workers: Annotated[int, typer.Option(help="CP-SAT workers")] = 2,
    seed: Annotated[int, typer.Option(help="random seed")] = 0,
    objective: Annotated[
        str | None, typer.Option(help="fastest | cheapest | max-tier (default: the file's)")
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="write the result as JSON")
    ] = None,
    html: Annotated[Path | None, typer.Option("--html", help="write the HTML report")] = None,
    assessment: Annotated[
        Path | None,
        typer.Option("--assessment", help="filled questionnaire to show in the HTML report"),
    ] = None,
    lang: LangOpt = "zh",
    risk: Annotated[
        bool, typer.Option("--risk", help="also simulate schedule and cost risk (capplan risk)")
    ] = False,
    risk_runs: Annotated[int, typer.Option("--risk-runs", min=1, help="risk runs")] = 500,
    export_dir: Annotated[
        Path | None,
        typer.Option("--export", help="folder for the xlsx, pptx, docx, MS Project and HTML files"),
    ] = None,
) -> None:
    """Plan the roadmap of one problem file."""
    try:
        problem = load_problem(file)
        assessed = _assessed(assessment, lang) if assessment is not None else None
    except DataError as exc:
        for p in exc.get(lang):
            console.print(f"[red]✗[/] {escape(p)}")
        raise typer.Exit(2) from exc
    if objective is not None:
        if objective not in ("fastest", "cheapest", "max-tier"):
            raise typer.BadParameter("--objective must be fastest, cheapest or max-tier")
        problem = problem.replace(objective=objective)
    result = plan(problem, SolveParams(time_limit=time_limit, workers=workers, seed=seed))
    print_result(result, lang)
    risk_result = None
    if risk and result.roadmap is not None:
        from planner.cli.risk import print_risk, risk_of
        from planner.risk.engine import RiskOptions

        risk_result = risk_of(result, RiskOptions(runs=risk_runs, seed=seed), lang)
        if risk_result is not None:
            print_risk(risk_result, lang, console)
    if json_out is not None:
        data = result.model_dump(mode="json")
        if risk_result is not None:
            data["risk"] = risk_result.model_dump(mode="json")
        json_out.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        console.print(f"JSON: {json_out}")
    if html is not None:
        report = render_roadmap(result, lang, assessment=assessed, risk=risk_result)
        html.write_text(report, encoding="utf-8")
        console.print(f"HTML: {html}")
    if export_dir is not None:
        _export_all(result, export_dir, lang, file.stem, assessed)
    if result.errors:
        raise typer.Exit(2)


def _export_all(
    result: PlanResult, out: Path, lang: Lang, stem: str, assessed: AssessmentResult | None
) -> None:
    """``plan --export DIR``: every export of the roadmap, or say why there is none."""
    from planner.deliver.export import write_all

    if result.roadmap is None:
        console.print(
            "[yellow]没有路线图，未导出[/]"
            if lang == "zh"
            else "[yellow]no roadmap, nothing exported[/]"
        )
        return
    for path in write_all(result, out, lang, stem, assessed):
        console.print(f"{'导出' if lang == 'zh' else 'Export'}: {path}")


@app.command("demo")
def demo_command(
    out: Annotated[Path, typer.Option(help="folder for the report")] = Path("out"),
    lang: LangOpt = "zh",
) -> None:
    """Plan the bundled example organisation and write its HTML report."""
    file = SCENARIOS / DEMO_FILE
    console.print(f"[bold]capplan demo[/]: {file.name}")
    problem = load_problem(file)
    result = plan(problem, SolveParams(time_limit=30.0))
    print_result(result, lang)
    out.mkdir(parents=True, exist_ok=True)
    report = out / f"roadmap-{file.stem}.html"
    report.write_text(render_roadmap(result, lang), encoding="utf-8")
    console.print(f"[green]HTML report:[/] {report.resolve()}")


def main() -> None:
    app()
