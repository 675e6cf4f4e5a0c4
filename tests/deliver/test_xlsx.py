"""The Excel workbook read back with openpyxl, cell by cell."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from catalog import Catalog
from planner.assessment.items import requirement_items
from planner.deliver.context import ExportContext, export_context
from planner.deliver.xlsx import MONEY_FORMAT, write_xlsx
from planner.model.money import MONEY_SCALE
from planner.result.account import STATUS_TEXT
from planner.result.plan_result import PlanResult

ZH_SHEETS = ["项目清单", "年度计划", "投资估算", "步骤明细", "要求项", "假设与默认值"]
EN_SHEETS = [
    "Initiatives",
    "Annual plan",
    "Investment estimate",
    "Step detail",
    "Requirement items",
    "Assumptions and defaults",
]


def _book(ctx: ExportContext) -> Any:
    return load_workbook(BytesIO(write_xlsx(ctx)))


def _rows(ws: Worksheet) -> list[tuple[Any, ...]]:
    """Data rows (below the header, above the notes)."""
    out = []
    for row in ws.iter_rows(min_row=2, values_only=True):
        if all(v is None for v in row):
            break
        out.append(row)
    return out


def test_sheets_frozen_headers_filters_in_both_languages(
    zh: ExportContext, en: ExportContext
) -> None:
    for ctx, names in ((zh, ZH_SHEETS), (en, EN_SHEETS)):
        book = _book(ctx)
        assert book.sheetnames == names
        for ws in book.worksheets:
            assert ws.freeze_panes == "A2"
            width = ws.max_column
            data = len(_rows(ws))
            assert ws.auto_filter.ref == f"A1:{ws.cell(1, width).column_letter}{data + 1}"
            assert ws.cell(1, 1).font.bold
    assert _book(en)["Initiatives"].cell(1, 2).value == "Name"


def test_initiatives_and_investment_match_the_roadmap(
    zh: ExportContext, demo_plan: PlanResult
) -> None:
    book = _book(zh)
    d = zh.delivery
    rows = _rows(book["项目清单"])
    assert [r[0] for r in rows] == [i.code for i in d.initiatives]
    assert [r[14] for r in rows] == [i.id for i in d.initiatives]
    for row, ini in zip(rows, d.initiatives, strict=True):
        assert row[1] == ini.name.zh and row[8] == ini.staff_peak
        assert abs(row[7] - ini.cost / MONEY_SCALE) < 1e-3
    assert book["项目清单"].cell(2, 8).number_format == MONEY_FORMAT
    inv = book["投资估算"]
    years = [int(c.value) for c in inv[1][1:-1]]
    assert years == sorted(demo_plan.spend_per_year)
    total = next(r for r in _rows(inv) if r[0] == "合计")
    for k, year in enumerate(years, 1):
        assert abs(total[k] - demo_plan.spend_per_year[year] / MONEY_SCALE) < 1e-3
        assert inv.cell(2, k + 1).number_format == MONEY_FORMAT
    caps = next(r for r in _rows(inv) if r[0] == "年度上限（万元）")
    assert demo_plan.problem is not None
    assert list(caps[1:-1]) == [demo_plan.problem.budget.yearly_caps.get(y) for y in years]
    assert caps[-1] == demo_plan.problem.budget.total


def test_step_detail_and_annual_plan_cover_every_step(zh: ExportContext) -> None:
    book = _book(zh)
    steps = {s.id: s for s in zh.delivery.roadmap.steps}
    detail = _rows(book["步骤明细"])
    assert sorted(r[0] for r in detail) == sorted(steps)
    owner = {s.id: i for i in zh.delivery.initiatives for s in i.steps}
    for row in detail:
        s = steps[row[0]]
        assert row[1] == s.title.zh and row[3] == owner[s.id].name.zh
        assert (row[10] or "") == ", ".join(s.clauses)
        assert (row[11] or "") == ", ".join(s.priorities)  # requirement work may carry none
        assert (row[12] or "") == ", ".join(zh.predecessors[s.id]) and row[13] == "capplan 默认值"
        assert abs(row[8] - s.cost / MONEY_SCALE) < 1e-3
    annual = _rows(book["年度计划"])
    assert abs(sum(r[7] for r in annual) - zh.delivery.roadmap.total_cost / MONEY_SCALE) < 1e-2
    assert {r[3] for r in annual} == {s.title.zh for s in steps.values()}
    assert {r[1] for r in annual} <= {"Q1", "Q2", "Q3", "Q4"}


def test_requirement_items_fall_back_to_the_catalogue(
    demo_plan: PlanResult, catalog: Catalog
) -> None:
    """Without an account (e.g. a result stored before it existed): the catalogue's items."""
    bare = demo_plan.model_copy(update={"requirements": ()})
    rows = _rows(_book(export_context(bare, "zh"))["要求项"])
    level = (demo_plan.roadmap.row or "L0")[:2] if demo_plan.roadmap else "L0"
    claimed = [i for i in requirement_items(catalog) if i.level <= level]
    assert [r[0] for r in rows] == [i.id for i in claimed]
    assert {r[4] for r in rows} == {"本版本未规划"}


def test_requirement_items_show_the_plans_account(demo_plan: PlanResult) -> None:
    assert demo_plan.roadmap is not None and demo_plan.requirements
    titles = {s.id: s.title.en for s in demo_plan.roadmap.steps}
    rows = _rows(_book(export_context(demo_plan, "en"))["Requirement items"])
    assert [r[0] for r in rows] == [a.clause for a in demo_plan.requirements]
    for row, a in zip(rows, demo_plan.requirements, strict=True):
        assert row[4] == STATUS_TEXT[a.status].en
        if a.status == "met_by_step":
            assert row[5] == titles[a.steps[0]]
    assert any(a.status == "met_by_step" for a in demo_plan.requirements)


def test_assumptions_and_whose_numbers(named: ExportContext, zh: ExportContext) -> None:
    ws = _book(zh)["假设与默认值"]
    rows = _rows(ws)
    items = [r[0] for r in rows]
    assert items[:4] == ["项目归并规则", "步骤所建设等级", "阶段划分规则", "项目人力"]
    overrides = [r for r in rows if str(r[0]).startswith("工作量覆盖：")]
    assert len(overrides) == 1 and overrides[0][2] == "问题文件给定"
    assert "多学科仿真" in overrides[0][3]  # the problem's own reasoning
    assert all(r[2] == "capplan 默认值（可覆盖）" for r in rows if r[0] in items[:4])
    notes = [c.value for c in ws["A"] if c.value and "capplan 默认值" in str(c.value)]
    assert notes, "the sheet says which numbers are capplan's defaults"
    book = _book(named)
    assert [c.value for c in book["项目清单"]["A"] if c.value and "ghost" in str(c.value)]
    mes = next(r for r in _rows(book["项目清单"]) if r[14] == "mes")
    assert mes[12] == "设备综合效率：62 → 75%\n交付周期：21天 → 14天（效率提升）"


def test_step_figures_say_whose_numbers_they_are(demo_plan: PlanResult) -> None:
    assert demo_plan.problem is not None
    changed = demo_plan.problem.replace(
        overrides={
            "effort": [{"unit": "dm.production.planning", "kind": "upgrade", "cost": 5}],
            "multipliers": {"cost": 1.2},
        }
    )
    ctx = export_context(demo_plan.model_copy(update={"problem": changed}), "zh")
    steps = {s.id: s for s in ctx.delivery.roadmap.steps}
    for row in _rows(_book(ctx)["步骤明细"]):
        s = steps[row[0]]
        hit = s.unit == "dm.production.planning" and s.kind == "upgrade"
        assert row[13] == ("问题文件覆盖" if hit else "capplan 默认值 × 倍数"), row[0]


def test_user_text_is_never_a_formula(demo_plan: PlanResult) -> None:
    assert demo_plan.problem is not None
    spec = {"id": "production@L2", "name": '=HYPERLINK("http://127.0.0.1:9/x","click")'}
    problem = demo_plan.problem.replace(initiatives=[spec])
    book = _book(export_context(demo_plan.model_copy(update={"problem": problem}), "zh"))
    cell = next(c for c in book["项目清单"]["B"] if c.value and str(c.value).startswith("=HYP"))
    assert cell.data_type == "s" and cell.value == spec["name"]
