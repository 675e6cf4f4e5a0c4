"""``capplan assess FILE`` and ``capplan questionnaire``: mounted by planner/cli/__init__.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from catalog import load_catalog
from catalog.cli_render import LangOpt
from catalog.errors import DataError, Issue
from catalog.models.base import Lang
from planner.assessment.assess import assess
from planner.assessment.files import load_assessment
from planner.assessment.gap import GapResult, gap_analysis, level_chart
from planner.assessment.labels import label
from planner.assessment.models import AssessmentResult, ItemShortfall, level_name
from planner.assessment.questionnaire_yaml import questionnaire_yaml
from planner.assessment.rules import ScoringRules, load_rules
from planner.assessment.table1 import stage_of
from planner.assessment.tier import Labels
from planner.assessment.xlsx_write import write_questionnaire_xlsx

console = Console(width=None if Console().is_terminal else 160)

Scoring = Annotated[
    Path | None,
    typer.Option("--scoring", help="scoring rules (default: assessment_scoring.yaml)"),
]


def _fail(exc: DataError, lang: Lang = "zh") -> typer.Exit:
    for problem in exc.get(lang):
        console.print(f"[red]✗[/] {escape(problem)}", highlight=False, soft_wrap=True)
    return typer.Exit(2)


def _shortfalls(items: tuple[ItemShortfall, ...], lang: Lang) -> str:
    return ", ".join(
        f"{i.clause} ({label(i.answer, lang)}"
        + (f", {label('advisory', lang)})" if i.advisory else ")")
        for i in items
    )


def print_result(result: AssessmentResult, rules: ScoringRules, lang: Lang) -> None:
    catalog = load_catalog()
    org = result.organisation
    industry = catalog.industry(org.industry).name.get(lang)
    console.print(f"[bold]{label('assessment', lang)}[/]: {org.name or '–'} ({industry})")
    console.print(label("answered", lang, n=result.answered, m=result.unanswered))
    for na in result.not_applicable:  # never met, never holding a level back
        console.print(
            label("not_applicable_item", lang, clause=na.clause, reason=na.reason), markup=False
        )
    level = catalog.level(f"L{result.level}").name.get(lang) if result.level else "–"
    console.print(
        f"{label('overall_level', lang)}: [bold]{level_name(result.level)}[/] {level}   "
        f"{label('tier', lang)}: [bold]{result.tier}[/]"
        + (
            f"  ({label('row', lang)} {result.row}, {label('scope', lang)} {result.scope})"
            if result.row
            else ""
        )
    )
    if result.held_back_by:
        names = [result.domain(d).name.get(lang) for d in result.held_back_by]
        console.print(f"{label('held_by_domains', lang)}: {', '.join(names)}")
    table = Table(title=label("levels", lang))
    for col in ("domain", "subdomain", "level", "held_back_by"):
        table.add_column(label(col, lang), overflow="fold")
    for dom in result.domains:
        table.add_row(f"[bold]{dom.name.get(lang)}[/]", "", f"[bold]{level_name(dom.level)}[/]", "")
        for sub in (s for s in result.subdomains if s.domain == dom.domain):
            table.add_row(
                "", sub.name.get(lang), level_name(sub.level), _shortfalls(sub.held_back_by, lang)
            )
    console.print(table)
    words = Labels(catalog, rules)
    groups = Table(title=label("table1", lang))
    for col in ("group", "breadth"):
        groups.add_column(label(col, lang))
    for aspect in rules.table1.aspects.values():
        groups.add_column(aspect.name.get(lang))
    groups.add_column(label("depth", lang))
    for g in result.groups:
        cells = [words.answer(a, v).get(lang) for a, v in g.aspects.items()]
        groups.add_row(
            g.name.get(lang),
            words.breadth(g.breadth).get(lang),
            *cells,
            words.depth(g.depth).get(lang),
        )
    console.print(groups)
    if not result.tier_reasons:
        console.print(label("top_tier", lang))
    for reason in result.tier_reasons:
        console.print(
            f"[bold]{label('next_tier', lang)} – {reason.row}[/] ({reason.level}, "
            f"{label('tier', lang)} {reason.tier})"
        )
        for text in reason.reasons:
            console.print(f"  • {text.get(lang)}", highlight=False)


def print_gap(gap: GapResult, lang: Lang) -> None:
    if gap.reached:
        console.print(f"[green]{label('gap_reached', lang, tier=gap.target_tier)}[/]")
        return
    console.print(f"\n[bold]{label('gap', lang, tier=gap.target_tier)}[/]")
    console.print(label("gap_row", lang, row=gap.row, level=gap.row_level, scope=gap.scope))
    if gap.subdomains:
        table = Table(title=label("gap_items", lang))
        for col in ("subdomain", "level", "items"):
            table.add_column(label(col, lang), overflow="fold")
        for sub in gap.subdomains:
            table.add_row(
                sub.name.get(lang),
                f"{level_name(sub.current)} → L{sub.target}",
                _shortfalls(sub.items, lang),
            )
        console.print(table)
    if gap.units:
        catalog = load_catalog()
        depth_names = {s: catalog.depth(d).name.get(lang) for d, s in stage_of(catalog).items()}
        table = Table(title=label("gap_units", lang))
        for col in ("unit", "capability_level", "stage", "node"):
            table.add_column(label(col, lang))
        for u in gap.units:
            table.add_row(
                f"{u.name.get(lang)} ({u.unit})",
                f"CL{u.level} → CL{u.target_level}",
                f"{depth_names.get(u.stage, '–')} → {depth_names.get(u.target_stage, '–')}",
                "✔" if u.node else "",
            )
        console.print(table)
    if gap.modules:
        console.print(f"{label('modules', lang)}: {', '.join(gap.modules)}")
    if gap.table1:
        console.print(f"[bold]{label('gap_table1', lang)}[/]")
        for text in gap.table1:
            console.print(f"  • {text.get(lang)}", highlight=False)


def register(app: typer.Typer) -> None:
    @app.command("assess")
    def assess_command(
        file: Annotated[Path, typer.Argument(help="filled questionnaire (.xlsx or YAML)")],
        target: Annotated[
            int | None, typer.Option("--target", help="target tier 1–10: show the gaps")
        ] = None,
        row: Annotated[
            str | None,
            typer.Option("--row", help="Table 1 row of the target tier for the gaps, e.g. L3-T7"),
        ] = None,
        json_out: Annotated[bool, typer.Option("--json", help="print the result as JSON")] = False,
        html: Annotated[
            Path | None, typer.Option("--html", help="write the assessment as an HTML report")
        ] = None,
        scoring: Scoring = None,
        lang: LangOpt = "zh",
    ) -> None:
        """Score a filled questionnaire: levels, tier, reasons and (with --target) the gaps."""
        try:
            rules = load_rules(scoring) if scoring else load_rules()
            result = assess(load_assessment(file, rules=rules), rules)
            if row is not None and target is None:
                raise DataError(
                    [
                        Issue.of(
                            "--row 需要同时给出 --target（该行的档次）",
                            "--row needs --target (the tier of that row)",
                            code="option",
                        )
                    ]
                )
            gap = gap_analysis(result, target, rules, row=row) if target is not None else None
        except DataError as exc:
            raise _fail(exc, lang) from exc
        if html is not None:
            from planner.report import AttachedAssessment, render_assessment

            page = render_assessment(AttachedAssessment(result, gap), lang)
            try:
                html.write_text(page, encoding="utf-8")
            except OSError as exc:
                console.print(f"[red]✗[/] {html}: {exc}", highlight=False)
                raise typer.Exit(2) from exc
        if json_out:
            payload = {
                "result": result.model_dump(mode="json"),
                "gap": gap.model_dump(mode="json") if gap else None,
                "chart": [bar.model_dump(mode="json") for bar in level_chart(result, gap)],
            }
            typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        print_result(result, rules, lang)
        if gap is not None:
            print_gap(gap, lang)
        if html is not None:
            console.print(f"HTML: {html}", highlight=False)

    @app.command("questionnaire")
    def questionnaire_command(
        xlsx: Annotated[Path | None, typer.Option("--xlsx", help="write an Excel sheet")] = None,
        yaml_out: Annotated[Path | None, typer.Option("--yaml", help="write YAML")] = None,
        industry: Annotated[
            str, typer.Option("--industry", help="industry id (capplan catalog units)")
        ] = "discrete_manufacturing",
        scoring: Scoring = None,
        lang: LangOpt = "zh",
    ) -> None:
        """Write the blank assessment questionnaire (requirements of 5.2–5.6 and Table 1)."""
        if xlsx is None and yaml_out is None:
            console.print(f"[red]✗[/] {label('nothing_to_write', lang)}")
            raise typer.Exit(2)
        try:
            catalog = load_catalog()
            catalog.industry(industry)
            rules = load_rules(scoring) if scoring else load_rules()
        except KeyError as exc:
            console.print(f"[red]✗[/] --industry: {exc.args[0]}", highlight=False)
            raise typer.Exit(2) from exc
        except DataError as exc:
            raise _fail(exc, lang) from exc
        for out, kind in ((xlsx, "xlsx"), (yaml_out, "yaml")):
            if out is None:
                continue
            try:
                if kind == "xlsx":
                    write_questionnaire_xlsx(out, industry, lang, catalog, rules)
                else:
                    text = questionnaire_yaml(industry, lang, catalog, rules)
                    out.write_text(text, encoding="utf-8")
            except OSError as exc:
                console.print(f"[red]✗[/] {out}: {exc}", highlight=False)
                raise typer.Exit(2) from exc
            except DataError as exc:  # e.g. --xlsx without the xlsx extra
                raise _fail(exc, lang) from exc
            console.print(f"{label('written', lang)}: {out}", highlight=False)
