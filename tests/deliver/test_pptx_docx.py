"""The PowerPoint deck and the Word report read back with python-pptx and python-docx."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from docx import Document
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from planner.deliver.context import ExportContext
from planner.deliver.docx_report import write_docx
from planner.deliver.pptx_deck import write_pptx
from planner.model.money import MONEY_SCALE

ZH_TITLES = [
    "摘要 · 华东某装备制造集团",
    "水平档次轨迹",
    "阶段与项目时间轴",
    "年度投入与上限（万元）",
    "项目清单",
    "所选路线 · 备选方案",
    "主要风险",
    "各域要求项",
    "下一步工作",
]


def _deck(ctx: ExportContext) -> Any:
    return Presentation(BytesIO(write_pptx(ctx)))


def _charts(slide: Any) -> list[Any]:
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def test_deck_has_the_slides_in_order(zh: ExportContext, en: ExportContext) -> None:
    deck = _deck(zh)
    assert [s.shapes.title.text for s in deck.slides] == ZH_TITLES
    assert _deck(en).slides[1].shapes.title.text == "Tier trajectory"


def test_deck_charts_are_native_and_carry_the_roadmaps_numbers(zh: ExportContext) -> None:
    deck = _deck(zh)
    slides = list(deck.slides)
    d = zh.delivery
    (trajectory,) = _charts(slides[1])
    assert trajectory.chart_type == XL_CHART_TYPE.LINE
    assert list(trajectory.plots[0].series[0].values) == [p.tier for p in d.result.trajectory]
    (gantt,) = _charts(slides[2])
    assert gantt.chart_type == XL_CHART_TYPE.BAR_STACKED
    names = [f"{i.code} {i.name.zh}" for i in reversed(d.initiatives)]
    assert list(gantt.plots[0].categories) == names
    months = [zh.lookup.months(i.end - i.start) for i in reversed(d.initiatives)]
    assert list(gantt.plots[0].series[1].values) == months
    (money,) = _charts(slides[3])
    assert money.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    spend, caps = money.plots[0].series
    years = sorted(d.result.spend_per_year)
    assert list(money.plots[0].categories) == [str(y) for y in years]
    assert list(spend.values) == [round(d.result.spend_per_year[y] / MONEY_SCALE, 1) for y in years]
    assert list(caps.values) == [d.problem.budget.yearly_caps[y] for y in years]
    (items,) = _charts(slides[7])
    total = sum(v for s in items.plots[0].series for v in s.values)
    assert total == len(zh.requirements.rows)


def test_deck_tables_and_words(zh: ExportContext, named: ExportContext) -> None:
    slides = list(_deck(zh).slides)
    table = next(s for s in slides[4].shapes if s.has_table).table
    assert [table.cell(r, 0).text for r in range(1, len(table.rows))] == [
        i.code for i in zh.delivery.initiatives
    ]
    risks = slides[6].shapes[1].text_frame.text
    # every year whose spend reaches the rule's share of its cap is named, and no other year
    d = zh.delivery
    share = d.rules.risks.cap_use
    caps = d.problem.budget.yearly_caps
    binding = {
        y
        for y, spent in d.result.spend_per_year.items()
        if y in caps and spent >= share * caps[y] * 10_000
    }
    assert binding, "the demo plan has a binding yearly cap"
    for year in d.result.spend_per_year:
        assert (f"{year}年投入" in risks) == (year in binding), year
    assert "capplan 默认值" in risks
    named_slides = list(_deck(named).slides)
    table = next(s for s in named_slides[4].shapes if s.has_table).table
    assert any("设备综合效率：62 → 75%" in table.cell(r, 6).text for r in range(len(table.rows)))
    last = " ".join(s.text_frame.text for s in slides[8].shapes if s.has_text_frame)
    assert "capplan 默认值" in last


def test_word_report_headings_and_tables(zh: ExportContext, en: ExportContext) -> None:
    doc = Document(BytesIO(write_docx(zh)))
    headings = [
        p.text
        for p in doc.paragraphs
        if p.style is not None and str(p.style.name).startswith("Heading")
    ]
    assert headings[:1] == ["1 背景"] and "5 实施阶段" in headings
    for expected in (
        "2 现状",
        "3 目标",
        "4 所选路线",
        "6 投资估算",
        "7 风险与保障措施",
        "8 假设与默认值",
        "附录：步骤与条款",
    ):
        assert expected in headings
    assert doc.paragraphs[0].text.startswith("数字化转型能力建设规划报告 · ")
    tables = doc.tables
    waves = next(t for t in tables if t.rows[0].cells[0].text == "实施阶段")
    assert len(waves.rows) == len(zh.delivery.waves) + 1
    steps = next(t for t in tables if t.rows[0].cells[0].text == "步骤")
    assert len(steps.rows) == len(zh.delivery.roadmap.steps) + 1
    assert {r.cells[0].text for r in steps.rows[1:]} == {
        s.title.zh for s in zh.delivery.roadmap.steps
    }
    invest = next(t for t in tables if t.rows[0].cells[0].text == "所属项目")
    total = next(r for r in invest.rows if r.cells[0].text == "合计")
    assert total.cells[-1].text == f"{zh.delivery.roadmap.total_cost / MONEY_SCALE:,.1f}"
    section = doc.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert section.page_width > section.page_height  # landscape
    english = Document(BytesIO(write_docx(en)))
    assert "5 Waves" in [p.text for p in english.paragraphs]


def test_a_long_list_says_how_many_more_the_workbook_has(demo_plan: Any) -> None:
    """More initiatives than a slide holds: the last row says how many more there are."""
    from planner.deliver.context import export_context
    from planner.deliver.pptx_deck import MAX_ROWS

    assert demo_plan.roadmap is not None and demo_plan.problem is not None
    steps = demo_plan.roadmap.steps
    specs = [{"id": f"one-{k}", "name": f"单步{k}", "steps": [s.id]} for k, s in enumerate(steps)]
    result = demo_plan.model_copy(update={"problem": demo_plan.problem.replace(initiatives=specs)})
    ctx = export_context(result, "zh")
    assert len(ctx.delivery.initiatives) == len(steps) > MAX_ROWS
    slide = list(_deck(ctx).slides)[4]
    table = next(s for s in slide.shapes if s.has_table).table
    assert len(table.rows) == MAX_ROWS + 1
    more = len(steps) - MAX_ROWS + 1
    assert table.cell(MAX_ROWS, 0).text == f"……其余{more}项见 Excel 工作簿"


def test_word_report_shows_an_attached_assessment(demo_plan: Any) -> None:
    from planner.assessment import assess
    from planner.deliver.context import export_context
    from tests.assessment.conftest import for_tier

    assessed = assess(for_tier(4))
    doc = Document(BytesIO(write_docx(export_context(demo_plan, "zh", assessment=assessed))))
    texts = [p.text for p in doc.paragraphs]
    assert "评估结果" in texts
    assert f"总体等级L{assessed.level}，水平档次{assessed.tier}（{assessed.row}）" in texts
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "子域")
    assert len(table.rows) == len(assessed.subdomains) + 1 == 23
    plain = Document(BytesIO(write_docx(export_context(demo_plan, "zh"))))
    assert "评估结果" not in [p.text for p in plain.paragraphs]
