"""The Excel workbook (openpyxl): 项目清单, 年度计划, 投资估算, 步骤明细, 要求项 and the
assumptions; frozen headers, filters and 万元 number formats."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from planner.deliver.context import ExportContext
from planner.deliver.tables import Table
from planner.deliver.words import w

MONEY_FORMAT = "#,##0.0"
HEADER_FILL = PatternFill("solid", fgColor="E8EDF4")
WIDTH_CAP = 60


def write_xlsx(ctx: ExportContext) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for table in ctx.sheets:
        _sheet(wb, table, ctx.lang)
    wb.properties.title = ctx.delivery.problem.name
    wb.properties.creator = "capplan"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet(wb: Workbook, table: Table, lang: str) -> None:
    ws = wb.create_sheet(w(table.key, lang)[:31])
    ws.append(table.headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in table.rows:
        ws.append(row)
    last = len(table.rows) + 1
    for cells in ws.iter_rows(min_row=2, max_row=last):
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # user text is text, never a formula
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(table.headers))}{last}"
    for col in table.money:
        for r in range(2, last + 1):
            cell = ws.cell(row=r, column=col + 1)
            if isinstance(cell.value, int | float):
                cell.number_format = MONEY_FORMAT
    for i, header in enumerate(table.headers, 1):
        values = [header, *(str(r[i - 1]) for r in table.rows if r[i - 1] is not None)]
        width = max(_width(v) for v in values)
        ws.column_dimensions[get_column_letter(i)].width = min(WIDTH_CAP, max(8, width + 2))
        for r in range(2, last + 1):
            ws.cell(row=r, column=i).alignment = Alignment(vertical="top", wrap_text=True)
    for k, note in enumerate(table.notes):
        ws.cell(row=last + 2 + k, column=1, value=note)


def _width(text: str) -> int:
    """Rough column width: a CJK character counts 2."""
    line = max(text.split("\n"), key=len) if text else ""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in line)
