"""Write the questionnaire as an Excel workbook planners can fill in (dropdowns for answers)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalog import Catalog, load_catalog
from catalog.models.base import Lang
from planner.assessment.items import sections
from planner.assessment.models import FORMAT, ORGANISATION_GROUP, Assessment, GroupAnswer
from planner.assessment.questionnaire_yaml import ADVISORY, TITLE, advisory_clauses
from planner.assessment.rules import ASPECTS, ScoringRules, load_rules
from planner.assessment.vocab import Vocabulary, group_names
from planner.assessment.xlsx_layout import (
    OPTION_LISTS,
    ORG_COLUMNS,
    ORG_FIELDS,
    REQ_COLUMNS,
    SHEETS,
    T1_COLUMNS,
    column_letter,
)
from planner.model.extras import require

if TYPE_CHECKING:  # openpyxl (the xlsx extra) is imported when a workbook is written
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


@dataclass(frozen=True)
class _Styles:
    bold: Any
    heading: Any
    input: Any
    wrap: Any


@cache
def _styles() -> _Styles:
    styles = require("openpyxl.styles", "xlsx")
    return _Styles(
        bold=styles.Font(bold=True),
        heading=styles.PatternFill("solid", fgColor="DDE5F0"),
        input=styles.PatternFill("solid", fgColor="FFF7D6"),
        wrap=styles.Alignment(wrap_text=True, vertical="top"),
    )


HOWTO_XLSX = {
    "zh": [
        "“要求”表：为每一项在“答复”列选择 满足 / 部分满足 / 不满足（留空为未答复，按不满足计），"
        "“证据/说明”列可填写证据；对本行业不适用的要求项选“不适用”，并须在“证据/说明”列写明理由"
        "（不适用项不计为满足，也不阻碍等级）；蓝色行为条款标题，无需答复；〔建议项〕为“有条件的组织”要求。",
        "“表1”表：为每个主场景及全组织选择达到的广度，以及数据采集、模型类型、业务集成三方面达到的"
        "深度（选项及对应的表1关键要求见下文）。“组织”表：填写组织名称；行业与主场景决定表1的行。",
    ],
    "en": [
        "'Requirements': for every item choose met / partly met / not met in the Answer column "
        "(blank = not answered, counted as not met) and add evidence if you like; an item that "
        "does not apply to the industry is answered 'not applicable' with the reason in the "
        "Evidence column (required; it never counts as met nor holds a level back); blue rows are "
        "clause headings and take no answer; [advisory] marks 'organisations with the "
        "conditions' requirements.",
        "'Table 1': per main scenario and for the whole organisation choose the breadth reached "
        "and the depth reached in data collection, model type and business integration (options "
        "and the Table 1 key requirements they stand for below). 'Organisation': the "
        "organisation's name; industry and main scenarios set the rows of Table 1.",
    ],
}


def questionnaire_workbook(
    industry: str,
    lang: Lang = "zh",
    catalog: Catalog | None = None,
    rules: ScoringRules | None = None,
    assessment: Assessment | None = None,
) -> Workbook:
    """The questionnaire workbook for an industry (blank, or pre-filled with an assessment)."""
    catalog = catalog or load_catalog()
    rules = rules or load_rules()
    vocab = Vocabulary(catalog, rules)
    wb = require("openpyxl", "xlsx").Workbook()
    guide = wb.active
    guide.title = SHEETS["guide"].get(lang)
    _guide(guide, catalog, rules, vocab, lang)
    ranges = _options(wb.create_sheet(SHEETS["options"].get(lang)), vocab, lang)
    scenarios = tuple(m.id for m in catalog.industry(industry).main_scenarios)
    if assessment is not None and assessment.organisation.main_scenarios:
        scenarios = assessment.organisation.main_scenarios
    org = wb.create_sheet(SHEETS["organisation"].get(lang), 1)
    _header(org, [c.get(lang) for c in ORG_COLUMNS])
    values = {
        "format": FORMAT,
        "lang": lang,
        "name": assessment.organisation.name if assessment else None,
        "industry": industry,
        "main_scenarios": ", ".join(scenarios),
    }
    for r, field in enumerate(ORG_FIELDS, start=2):
        org.append([field.key, field.get(lang), values[field.key]])
        org.cell(r, 3).fill = _styles().input
    _widths(org, [16, 30, 60])
    _requirements(
        wb.create_sheet(SHEETS["requirements"].get(lang), 2),
        catalog,
        rules,
        vocab,
        lang,
        ranges,
        assessment,
    )
    _table1(
        wb.create_sheet(SHEETS["table1"].get(lang), 3),
        catalog,
        vocab,
        lang,
        ranges,
        industry,
        scenarios,
        assessment,
    )
    return wb


def write_questionnaire_xlsx(
    path: str | Path,
    industry: str,
    lang: Lang = "zh",
    catalog: Catalog | None = None,
    rules: ScoringRules | None = None,
    assessment: Assessment | None = None,
) -> None:
    questionnaire_workbook(industry, lang, catalog, rules, assessment).save(Path(path))


def _header(ws: Worksheet, titles: list[str]) -> None:
    ws.append(titles)
    for cell in ws[1]:
        cell.font = _styles().bold
        cell.fill = _styles().heading
    ws.freeze_panes = "A2"


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[column_letter(i)].width = width


def _validation(ws: Worksheet, source: str, cells: list[str], lang: Lang) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="list", formula1=source, allow_blank=True)
    dv.error = "请从下拉列表中选择" if lang == "zh" else "Choose a value from the list"
    dv.showErrorMessage = False  # labels in the other language are accepted on reading
    for cell in cells:
        dv.add(cell)
    ws.add_data_validation(dv)


def _options(ws: Worksheet, vocab: Vocabulary, lang: Lang) -> dict[str, str]:
    """The dropdown lists, one per column; returns the formula of each list."""
    _header(ws, [o.get(lang) for o in OPTION_LISTS])
    ranges: dict[str, str] = {}
    title = ws.title
    for c, option in enumerate(OPTION_LISTS, start=1):
        labels = vocab.labels(option.key, lang)
        for r, label in enumerate(labels, start=2):
            ws.cell(r, c, label)
        letter = column_letter(c)
        ranges[option.key] = f"'{title}'!${letter}$2:${letter}${len(labels) + 1}"
    _widths(ws, [14, 18, 18, 30, 16, 30])
    return ranges


def _guide(
    ws: Worksheet, catalog: Catalog, rules: ScoringRules, vocab: Vocabulary, lang: Lang
) -> None:
    lines: list[tuple[str, bool]] = [(TITLE[lang], True), ("", False)]
    lines += [(line, False) for line in HOWTO_XLSX[lang]]
    lines.append(("", False))
    rule = rules.partly_met_counts
    if rule is not None:
        lines.append((rule.rationale.get(lang), False))
    lines.append((rules.conditional_items.rationale.get(lang), False))
    for rule_text in (rules.levels.subdomain, rules.levels.domain, rules.levels.overall):
        lines.append((rule_text.get(lang), False))
    lines += [("", False), (rules.table1.depth_reached.get(lang), False), ("", False)]
    rows = {r.id: r for r in catalog.tier_rows}
    for aspect in ASPECTS:
        block = rules.table1.aspects[aspect]
        lines.append((block.name.get(lang), True))
        for depth, label in block.depths.items():
            lines.append((f"{label.get(lang)} — {catalog.depth(depth).name.get(lang)}", True))
            for row_id in label.rows:
                for k in rows[row_id].key_requirements:
                    if k.aspect == aspect:
                        wording = k.zh if lang == "zh" else k.en
                        lines.append((f"    {row_id} {k.id}) {wording}", False))
    for r, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(r, 1, text)
        cell.font = require("openpyxl.styles", "xlsx").Font(bold=bold)
    _widths(ws, [160])


def _requirements(
    ws: Worksheet,
    catalog: Catalog,
    rules: ScoringRules,
    vocab: Vocabulary,
    lang: Lang,
    ranges: dict[str, str],
    assessment: Assessment | None,
) -> None:
    _header(ws, [c.get(lang) for c in REQ_COLUMNS])
    domains = {d.id: d.name.get(lang) for d in catalog.domains}
    advisory = advisory_clauses(rules)
    answer_cells: list[int] = []
    r = 1
    for section in sections(catalog):
        base = [section.level, domains[section.domain], section.subdomain]
        title = f"{section.name.get(lang)}：{section.intro.get(lang)}"
        whole = section.entries[0].label == ""
        if not whole:
            r += 1
            ws.append([*base, section.clause, title, None, None])
            for cell in ws[r]:
                cell.fill = _styles().heading
                cell.alignment = _styles().wrap
        for entry in section.entries:
            r += 1
            mark = ADVISORY[lang] if entry.clause in advisory else ""
            label = entry.label.split()[-1] + ") " if entry.label else ""
            text = title if whole else "    " * entry.indent + label + mark + entry.text.get(lang)
            given = assessment.answers.get(entry.clause) if assessment else None
            answer = vocab.label("answer", given.answer, lang) if given and given.answer else None
            evidence = (given.evidence or given.reason) if given else None
            if entry.item is None:
                answer = evidence = None
            ws.append([*base, entry.clause, text, answer, evidence])
            for cell in ws[r]:
                cell.alignment = _styles().wrap
            if entry.item is not None:
                answer_cells.append(r)
                ws.cell(r, 6).fill = _styles().input
                ws.cell(r, 7).fill = _styles().input
    _validation(ws, ranges["answer"], [f"F{r}" for r in answer_cells], lang)
    _widths(ws, [6, 14, 30, 14, 90, 12, 40])


def _table1(
    ws: Worksheet,
    catalog: Catalog,
    vocab: Vocabulary,
    lang: Lang,
    ranges: dict[str, str],
    industry: str,
    scenarios: tuple[str, ...],
    assessment: Assessment | None,
) -> None:
    _header(ws, [c.get(lang) for c in T1_COLUMNS])
    names = group_names(catalog, industry)
    for r, group in enumerate((*scenarios, ORGANISATION_GROUP), start=2):
        given = (assessment.table1.get(group) if assessment else None) or GroupAnswer()
        kind = vocab.kind_of(group, "breadth")
        row = [group, names[group].get(lang), vocab.label(kind, given.breadth, lang)]
        row += [vocab.label(a, getattr(given, a), lang) for a in ASPECTS]
        ws.append([*row, given.notes])
        _validation(ws, ranges[kind], [f"C{r}"], lang)
        for c in range(3, 8):
            ws.cell(r, c).fill = _styles().input
    last = len(scenarios) + 2
    for c, aspect in enumerate(ASPECTS, start=4):
        letter = column_letter(c)
        _validation(ws, ranges[aspect], [f"{letter}2:{letter}{last}"], lang)
    _widths(ws, [24, 24, 20, 30, 16, 30, 40])
