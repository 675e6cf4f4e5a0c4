"""The Word planning report (规划报告, python-docx): background, current state, goals, route,
waves and initiatives, investment estimate, risks and safeguards, assumptions, and the
appendix of steps and clauses; real headings and tables a consultant can edit."""

from __future__ import annotations

from copy import deepcopy
from io import BytesIO
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from planner.deliver.context import ExportContext
from planner.deliver.facts import facts
from planner.deliver.tables import Cell, Table
from planner.deliver.words import w
from planner.model.money import money_text

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

FONT = "Microsoft YaHei"


def write_docx(ctx: ExportContext) -> bytes:
    lang, d, lk = ctx.lang, ctx.delivery, ctx.lookup
    f = facts(ctx)
    doc = Document()
    _setup(doc)
    doc.core_properties.title = f.heading
    doc.core_properties.author = "capplan"
    doc.add_heading(f"{w('report_title', lang)} · {f.heading}", level=0)
    doc.add_paragraph(f.note)

    doc.add_heading(f"1 {w('background', lang)}", level=1)
    if d.problem.description is not None:
        doc.add_paragraph(lk.t(d.problem.description))
    doc.add_paragraph(" · ".join(lk.standards()))

    doc.add_heading(f"2 {w('current_state', lang)}", level=1)
    doc.add_paragraph(f"{f.cards[0][0]}: {f.cards[0][1]}")
    if d.result.derived_state is not None:
        doc.add_paragraph(f"{w('derived', lang)}: {lk.t(d.result.derived_state)}")
    if ctx.assessment is not None:
        a = ctx.assessment
        doc.add_heading(w("assessment", lang), level=2)
        doc.add_paragraph(w("assessed", lang, level=a.level, tier=a.tier, row=a.row or "–"))
        _table(
            doc,
            [w(k, lang) for k in ("domain", "subdomain", "level", "held_back")],
            [
                [
                    lk.t(next(x.name for x in a.domains if x.domain == s.domain)),
                    lk.t(s.name),
                    f"L{s.level}" if s.level else "–",
                    str(len(s.held_back_by)),
                ]
                for s in a.subdomains
            ],
        )

    doc.add_heading(f"3 {w('goals', lang)}", level=1)
    for k, v, s in f.cards:
        doc.add_paragraph(f"{k}: {v}" + (f" ({s})" if s else ""), style="List Bullet")
    doc.add_paragraph(f"{w('status_solver', lang)}: {f.status}")

    doc.add_heading(f"4 {w('route', lang)}", level=1)
    for line in f.why:
        doc.add_paragraph(line, style="List Bullet")
    if f.alternatives:
        doc.add_heading(w("alternatives", lang), level=2)
        _table(
            doc,
            [w(k, lang) for k in ("row", "status", "reached_on", "total_cost")],
            [
                [a.row + (" ✔" if a.chosen else ""), a.status, a.date, a.cost]
                for a in f.alternatives
            ],
        )

    doc.add_heading(f"5 {w('waves', lang)}", level=1)
    _table(
        doc,
        [w(k, lang) for k in ("waves", "date", "goal", "initiatives", "cost")],
        [
            [
                wv.name,
                wv.span,
                wv.goal,
                w("sep", lang).join(wv.initiatives),
                money_text(wv.spend, 1, in_wan=True),
            ]
            for wv in f.waves
        ],
    )
    doc.add_heading(w("initiatives", lang), level=2)
    _from(doc, ctx.initiatives, (0, 1, 2, 3, 4, 5, 7, 8, 12))

    doc.add_heading(f"6 {w('investment', lang)}", level=1)
    _from(doc, ctx.investment, tuple(range(len(ctx.investment.headers))))

    doc.add_heading(f"7 {w('safeguards', lang)}", level=1)
    for line in f.risks:
        doc.add_paragraph(line, style="List Bullet")
    doc.add_heading(w("next_steps", lang), level=2)
    for line in f.next_steps:
        doc.add_paragraph(line, style="List Number")

    doc.add_heading(f"8 {w('assumptions', lang)}", level=1)
    _from(doc, ctx.assumptions, (0, 1, 2, 3))

    doc.add_heading(f"{w('appendix', lang)}", level=1)
    _from(doc, ctx.steps, (1, 3, 5, 6, 8, 10, 11, 13))
    doc.add_heading(w("requirements", lang), level=2)
    _from(doc, ctx.requirements, (0, 1, 2, 4, 5))
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _setup(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        style = doc.styles[name]
        font = style.font
        font.name = FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), FONT)
    doc.styles["Normal"].font.size = Pt(10)


def _from(doc: DocumentObject, table: Table, cols: tuple[int, ...]) -> None:
    headers = [table.headers[c] for c in cols]
    rows = [[_cell(row[c], c in table.money) for c in cols] for row in table.rows]
    _table(doc, headers, rows)
    for note in table.notes:
        doc.add_paragraph(note)


def _cell(value: Cell, money: bool) -> str:
    if value is None:
        return ""
    if money and isinstance(value, int | float):
        return money_text(value, 1, in_wan=True)
    return str(value)


def _table(doc: DocumentObject, headers: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for c, text in enumerate(headers):
        cell = table.rows[0].cells[c]
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    # rows as copies of one blank row: python-docx's add_row re-derives every cell's width
    blank = table.add_row()._tr
    blank.getparent().remove(blank)
    for row in rows:
        tr = deepcopy(blank)
        for tc, text in zip(tr.tc_lst, row, strict=True):
            tc.p_lst[0].add_r().text = text
        table._tbl.append(tr)
