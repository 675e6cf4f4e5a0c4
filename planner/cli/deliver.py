"""``capplan export ROADMAP --format xlsx|pptx|docx|mspdi|all``: the documents leadership
approves, from a problem file (planned on the fly) or a saved result (``plan --json``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from catalog.cli_render import LangOpt
from catalog.errors import DataError
from planner.deliver.export import FORMATS, NoRoadmap, export, load_result, write_all
from planner.result.plan_result import PlanResult, SolveParams


def _result(path: Path, time_limit: float) -> PlanResult:
    from planner.model.problem import load_problem
    from planner.solve.plan import plan

    saved = load_result(path)
    if saved is not None:
        return saved
    return plan(load_problem(path), SolveParams(time_limit=time_limit))


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_command(
        roadmap: Annotated[
            Path, typer.Argument(help="problem file (YAML/JSON) or saved result (plan --json)")
        ],
        fmt: Annotated[
            str, typer.Option("--format", help="xlsx | pptx | docx | mspdi | all")
        ] = "all",
        out: Annotated[
            Path | None,
            typer.Option(
                "--out", help="file (one format) or folder (no suffix, or all); default: out/"
            ),
        ] = None,
        lang: LangOpt = "zh",
        time_limit: Annotated[float, typer.Option(help="seconds, when planning")] = 30.0,
    ) -> None:
        """Write the Excel, PowerPoint, Word or MS Project file of a roadmap."""
        from rich.console import Console

        console = Console()
        if fmt != "all" and fmt not in FORMATS:
            raise typer.BadParameter(
                f"--format must be one of {', '.join(FORMATS)}, all / 格式须为 "
                f"{'、'.join(FORMATS)} 或 all"
            )
        try:
            result = _result(roadmap, time_limit)
        except DataError as exc:
            for p in exc.get(lang):
                console.print(f"[red]✗[/] {escape(p)}")
            raise typer.Exit(2) from exc
        try:
            if fmt == "all":
                for path in write_all(result, out or Path("out"), lang, roadmap.stem):
                    console.print(f"{path}")
                return
            name = f"{roadmap.stem}{FORMATS[fmt].suffix}"
            # a folder: the default, an existing folder, or a path without a file suffix
            target = out or Path("out")
            if target.is_dir() or not target.suffix:
                target = target / name
            data = export(result, fmt, lang)
        except NoRoadmap as exc:
            for problem in result.errors_in(lang):
                console.print(f"[red]✗[/] {escape(problem)}")
            console.print(
                f"[red]✗[/] 没有可导出的路线图（{result.status.describe().zh}） / "
                f"no roadmap to export ({result.status.describe().en})"
            )
            raise typer.Exit(1) from exc
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        console.print(f"{target}")
