"""The PowerPoint deck (python-pptx): summary, tier trajectory, waves and initiatives on a
timeline, investment against caps (native, editable charts), initiatives, route alternatives,
risks, requirement items per domain, next steps and assumptions."""

from __future__ import annotations

from collections import Counter
from io import BytesIO
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData as _ChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Emu, Inches, Length, Pt

from catalog.models.base import Lang
from planner.deliver.context import ExportContext
from planner.deliver.facts import Facts, facts
from planner.deliver.summary import fit
from planner.deliver.words import w
from planner.model.money import money_text

FONT = "Microsoft YaHei"
LEFT, TOP, WIDTH, HEIGHT = Inches(0.5), Inches(1.3), Inches(12.3), Inches(5.8)
MAX_ROWS = 12
ROW_HEIGHT = Inches(0.4)
CategoryChartData: Any = _ChartData  # python-pptx leaves it untyped


def write_pptx(ctx: ExportContext) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    f = facts(ctx)
    _summary(prs, f, ctx)
    _trajectory(prs, ctx)
    _timeline(prs, ctx)
    _investment(prs, f, ctx)
    _initiatives(prs, f, ctx)
    _alternatives(prs, f, ctx)
    _risks(prs, f, ctx)
    _requirements(prs, ctx)
    _next(prs, f, ctx)
    prs.core_properties.title = f.heading
    prs.core_properties.author = "capplan"
    out = BytesIO()
    prs.save(out)
    return out.getvalue()


def _slide(prs: Deck, title: str) -> Slide:
    slide: Slide = prs.slides.add_slide(prs.slide_layouts[5])  # title only
    shape = slide.shapes.title
    assert shape is not None  # the title-only layout has a title placeholder
    shape.left, shape.top, shape.width, shape.height = LEFT, Inches(0.3), WIDTH, Inches(0.9)
    shape.text = title
    for p in shape.text_frame.paragraphs:
        p.font.size, p.font.name, p.font.bold = Pt(28), FONT, True
    return slide


def _chart(slide: Slide, kind: XL_CHART_TYPE, height: int, data: Any) -> Any:
    """A native chart (python-pptx types ``add_chart`` loosely: its frame carries the chart)."""
    shapes: Any = slide.shapes
    return shapes.add_chart(kind, LEFT, TOP, WIDTH, height, data).chart


def _bullets(
    slide: Slide,
    lines: list[str],
    top: Length = TOP,
    height: Length = HEIGHT,
    size: int = 16,
    left: Length = LEFT,
    width: Length = WIDTH,
) -> None:
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for k, line in enumerate(lines):
        p = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        p.text = f"• {line}"
        p.font.size, p.font.name = Pt(size), FONT
        p.space_after = Pt(6)


def _table(
    slide: Slide,
    lang: Lang,
    headers: list[str],
    rows: list[list[str]],
    top: Length = TOP,
    size: int = 12,
    row_height: Length = ROW_HEIGHT,
    widths: tuple[float, ...] = (),
    width: Length = WIDTH,
) -> None:
    """A table; ``widths``: the columns' shares of the width (default: equal). Beyond
    MAX_ROWS rows the last row says how many more the workbook lists."""
    if len(rows) > MAX_ROWS:
        more = len(rows) - MAX_ROWS + 1
        rows = [*rows[: MAX_ROWS - 1], [w("more_rows", lang, n=more), *[""] * (len(headers) - 1)]]
    height = Emu(row_height * (len(rows) + 1))
    shape = slide.shapes.add_table(len(rows) + 1, len(headers), LEFT, top, width, height)
    table = shape.table
    if widths:
        for c, share in enumerate(widths):
            table.columns[c].width = Emu(int(width * share / sum(widths)))
    for c, text in enumerate(headers):
        table.cell(0, c).text = text
    for r, row in enumerate(rows, 1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for r in range(len(rows) + 1):
        for c in range(len(headers)):
            for p in table.cell(r, c).text_frame.paragraphs:
                p.font.size, p.font.name = Pt(size), FONT


def _summary(prs: Deck, f: Facts, ctx: ExportContext) -> None:
    slide = _slide(prs, f"{w('summary', ctx.lang)} · {f.heading}")
    lines = [
        f"{k}: {v}" + (f"（{s}）" if s and ctx.lang == "zh" else f" ({s})" if s else "")
        for k, v, s in f.cards
    ]
    lines.append(f"{w('status_solver', ctx.lang)}: {f.status}")
    lines += [f"{wv.name} {wv.span}: {wv.goal}" for wv in f.waves]
    _bullets(slide, lines, size=18)


def _trajectory(prs: Deck, ctx: ExportContext) -> None:
    slide = _slide(prs, w("trajectory", ctx.lang))
    d = ctx.delivery
    data = CategoryChartData()
    points = list(d.result.trajectory)
    data.categories = [f"{p.date:%Y-%m}" for p in points]
    data.add_series(w("tier", ctx.lang), [p.tier for p in points])
    chart = _chart(slide, XL_CHART_TYPE.LINE, HEIGHT, data)
    chart.has_legend = False
    chart.value_axis.maximum_scale = 10
    chart.value_axis.minimum_scale = 0


def _timeline(prs: Deck, ctx: ExportContext) -> None:
    """A Gantt as a stacked bar chart: an invisible offset, then each initiative's months."""
    slide = _slide(prs, w("timeline", ctx.lang))
    d, lk = ctx.delivery, ctx.lookup
    inits = list(reversed(d.initiatives))  # the first initiative on top
    data = CategoryChartData()
    data.categories = [f"{i.code} {lk.t(i.name)}" for i in inits]
    data.add_series(w("start", ctx.lang), [lk.months(i.start) for i in inits])
    data.add_series(w("months", ctx.lang), [lk.months(i.end - i.start) for i in inits])
    height = Inches(4.2)
    chart = _chart(slide, XL_CHART_TYPE.BAR_STACKED, height, data)
    offset = chart.plots[0].series[0]
    offset.format.fill.background()
    chart.has_legend = False
    lines = [
        f"{wv.name} {wv.span}: {wv.goal} — {w('sep', ctx.lang).join(wv.initiatives)}"
        for wv in facts(ctx).waves
    ]
    _bullets(slide, lines, top=Emu(TOP + height), height=Inches(1.5), size=12)


def _investment(prs: Deck, f: Facts, ctx: ExportContext) -> None:
    slide = _slide(prs, w("spend_vs_caps", ctx.lang))
    data = CategoryChartData()
    data.categories = [str(y.year) for y in f.years]
    data.add_series(w("spent", ctx.lang), [round(y.spend, 1) for y in f.years])
    data.add_series(w("cap", ctx.lang), [y.cap for y in f.years])
    chart = _chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, HEIGHT, data)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.plots[0].has_data_labels = True
    chart.plots[0].data_labels.number_format = "#,##0.0"
    chart.plots[0].data_labels.number_format_is_linked = False


def _initiatives(prs: Deck, f: Facts, ctx: ExportContext) -> None:
    lang = ctx.lang
    slide = _slide(prs, w("initiatives", lang))
    keys = ("code", "name", "level", "date", "cost", "staff_peak", "benefits")
    headers = [w(k, lang) for k in keys]
    rows = [
        [
            i.id,
            i.name,
            i.level,
            i.span,
            money_text(i.cost, 1, in_wan=True),
            str(i.staff),
            "；".join(i.benefits),
        ]
        for i in f.initiatives
    ]
    _table(
        slide,
        ctx.lang,
        headers,
        rows,
        size=11,
        row_height=Inches(0.35),
        widths=(5, 30, 10, 17, 10, 9, 19),
    )


def _alternatives(prs: Deck, f: Facts, ctx: ExportContext) -> None:
    lang = ctx.lang
    slide = _slide(prs, f"{w('route', lang)} · {w('alternatives', lang)}")
    rows = [[a.row + (" ✔" if a.chosen else ""), a.status, a.date, a.cost] for a in f.alternatives]
    half = Emu(WIDTH // 2 - Inches(0.15))
    if rows:  # the alternatives on the left, why this route on the right
        headers = [w(k, lang) for k in ("row", "status", "reached_on", "total_cost")]
        _table(slide, ctx.lang, headers, rows, size=11, width=half, widths=(40, 22, 20, 18))
    right = Emu(LEFT + WIDTH - half)
    _bullets(
        slide, list(f.why[:6]), size=13, left=right if rows else LEFT, width=half if rows else WIDTH
    )


def _risks(prs: Deck, f: Facts, ctx: ExportContext) -> None:
    slide = _slide(prs, w("risks", ctx.lang))
    _bullets(slide, list(f.risks))


def _requirements(prs: Deck, ctx: ExportContext) -> None:
    """Requirement items per domain and status (a native clustered bar chart)."""
    lang = ctx.lang
    slide = _slide(prs, w("per_domain", lang))
    domains = {
        sub.id: ctx.lookup.t(dom.name)
        for dom in ctx.lookup.catalog.domains
        for sub in dom.subdomains
    }
    names = {sub.id: sub.name for sub in ctx.lookup.catalog.subdomains()}
    by_name = {ctx.lookup.t(v): k for k, v in names.items()}
    counts: Counter[tuple[str, str]] = Counter()
    for row in ctx.requirements.rows:
        sub = by_name.get(str(row[1]), "")
        counts[(domains.get(sub, "–"), str(row[4]))] += 1
    doms = list(dict.fromkeys(k[0] for k in counts))
    statuses = list(dict.fromkeys(k[1] for k in counts))
    if not doms:
        _bullets(slide, [w("none", lang)])
        return
    data = CategoryChartData()
    data.categories = doms
    for status in statuses:
        data.add_series(status, [counts[(dom, status)] for dom in doms])
    chart = _chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, HEIGHT, data)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.plots[0].has_data_labels = True


def _next(prs: Deck, f: Facts, ctx: ExportContext) -> None:
    slide = _slide(prs, w("next_steps", ctx.lang))
    _bullets(slide, list(f.next_steps), height=Inches(2.2), size=18)
    # the assumptions in one line each (the workbook and the report give them in full)
    rows = [[str(r[0]), fit(str(r[1] or ""), 60), str(r[2])] for r in ctx.assumptions.rows[:6]]
    headers = ctx.assumptions.headers[:3]
    _table(slide, ctx.lang, headers, rows, top=Inches(3.5), size=10, row_height=Inches(0.3))
    _bullets(slide, [f.note], top=Inches(6.3), height=Inches(1.0), size=10)
