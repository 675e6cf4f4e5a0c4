"""The Excel workbook (openpyxl): 项目清单, 年度计划, 投资估算, 步骤明细, 要求项 and the
assumptions; frozen headers, filters and 万元 number formats."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from catalog.models.base import Lang
from planner.deliver.context import ExportContext
from planner.deliver.tables import Table
from planner.deliver.words import w

MONEY_FORMAT = "#,##0.0"
WIDTH_CAP = 60


def write_xlsx(ctx: ExportContext) -> bytes:
    from openpyxl import Workbook  # the office extra, imported only when a workbook is written

    wb = Workbook()
    wb.remove(wb.active)
    for table in ctx.sheets:
        _sheet(wb, table, ctx.lang)
    wb.properties.title = ctx.delivery.problem.name
    wb.properties.creator = "capplan"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet(wb: Any, table: Table, lang: Lang) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header_fill = PatternFill("solid", fgColor="E8EDF4")
    wrap = Alignment(vertical="top", wrap_text=True)
    ws = wb.create_sheet(w(table.key, lang)[:31])
    ws.append(table.headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in table.rows:
        ws.append(row)
    last = len(table.rows) + 1
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(table.headers))}{last}"
    widths = [_width(h) for h in table.headers]
    for cells in ws.iter_rows(min_row=2, max_row=last):
        for cell in cells:
            value, col = cell.value, cell.column - 1
            if isinstance(value, str):
                if value.startswith("="):
                    cell.data_type = "s"  # user text is text, never a formula
                width = _width(value)
                widths[col] = max(widths[col], width)
                if width > WIDTH_CAP or "\n" in value:
                    cell.alignment = wrap  # only long texts wrap: styling every cell is slow
            elif isinstance(value, int | float):
                widths[col] = max(widths[col], len(f"{value:,.1f}"))
                if col in table.money:
                    cell.number_format = MONEY_FORMAT
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = min(WIDTH_CAP, max(8, width + 2))
    for k, note in enumerate(table.notes):
        ws.cell(row=last + 2 + k, column=1, value=note)


def _width(text: str) -> int:
    """Rough column width: a CJK character counts 2."""
    line = max(text.split("\n"), key=len) if text else ""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in line)
