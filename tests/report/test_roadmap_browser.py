"""The roadmap report in a real browser (Debian's chromium via Playwright): it loads with no
request and no error, shows every part, draws one Gantt bar per step, fits the screen and
A4 landscape in print, and runs nothing a user typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from catalog.models.base import Lang
from tests.report.browser import open_report, skip_without_chromium

skip_without_chromium()

from planner.report import render_roadmap  # noqa: E402
from planner.report.labels import label  # noqa: E402
from planner.result.plan_result import PlanResult  # noqa: E402

KEY_PARTS = (
    "#summary",
    "#solver-status",
    "#why",
    "svg.trajectory",
    "svg.gantt",
    "#spend svg.spend",
    "#spend table.spend",
    "table.steps",
    "#assumptions",
)
A4_LANDSCAPE_PX = 1040  # 297 mm − 2 × 12 mm margins at 96 dpi ≈ 1031 px


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_loads_offline_and_shows_every_part(
    browser: Any, demo_result: PlanResult, artifacts: Path, lang: Lang
) -> None:
    assert demo_result.roadmap is not None
    opened = open_report(browser, render_roadmap(demo_result, lang))
    page = opened.page
    for selector in KEY_PARTS:
        element = page.locator(selector).first
        assert element.is_visible(), selector
        box = element.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 10, selector
    steps = demo_result.roadmap.steps
    bars = page.locator("svg.gantt rect.bar")
    assert bars.count() == len(steps)
    drawn = [bars.nth(i).get_attribute("data-step") for i in range(bars.count())]
    assert sorted(drawn) == sorted(s.id for s in steps)
    assert page.locator("table.steps tbody tr.step").count() == len(steps)
    milestones = {p.tier for p in demo_result.trajectory} - {demo_result.current_tier}
    assert page.locator("svg.gantt g.milestone").count() == len(milestones)
    assert page.locator("svg.trajectory g.milestone").count() == len(milestones)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, "the report must not scroll sideways at 1280 px"
    # the whole page in the default language; the top of the page otherwise (PNG encoding of
    # a 10,000-px page costs seconds)
    page.screenshot(path=str(artifacts / f"roadmap-{lang}-1280.png"), full_page=lang == "zh")
    opened.assert_quiet()
    page.close()


def test_report_prints_on_a4_landscape(
    browser: Any, demo_result: PlanResult, artifacts: Path
) -> None:
    opened = open_report(browser, render_roadmap(demo_result, "zh"), width=A4_LANDSCAPE_PX)
    page = opened.page
    page.emulate_media(media="print")
    for selector in KEY_PARTS:
        assert page.locator(selector).first.is_visible(), selector
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_LANDSCAPE_PX
    appendix = "getComputedStyle(document.querySelector('section.appendix')).breakBefore"
    assert page.evaluate(appendix) == "page"
    page.screenshot(path=str(artifacts / "roadmap-zh-print.png"))
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    (artifacts / "roadmap-zh.pdf").write_bytes(pdf)
    opened.assert_quiet()
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_user_text_renders_as_text_and_runs_nothing(
    browser: Any, hostile_result: PlanResult, artifacts: Path, lang: Lang
) -> None:
    assert hostile_result.roadmap is not None
    opened = open_report(browser, render_roadmap(hostile_result, lang))
    page = opened.page
    assert page.evaluate("window.__pwned") is None
    assert hostile_result.problem is not None
    assert page.title() == f"{label('title', lang)} · {hostile_result.problem.name}"
    assert page.locator("img").count() == 0 and page.locator("body script").count() == 0
    text = page.inner_text("body")
    assert "<script>window.__pwned=1;document.title='pwned'</script>{{ 7*7 }}" in text
    assert '<img src="http://127.0.0.1:9/x.png"' in text
    assert page.locator("h1").inner_text().startswith("<img")
    assert page.locator("body").is_visible()  # the description's <style> did not apply
    bars = page.locator("svg.gantt rect.bar").count()
    assert bars == len(hostile_result.roadmap.steps)
    page.screenshot(path=str(artifacts / f"roadmap-hostile-{lang}.png"))
    opened.assert_quiet()
    page.close()


def test_infeasible_and_invalid_reports_load_cleanly(
    browser: Any, infeasible_result: PlanResult, invalid_result: PlanResult, artifacts: Path
) -> None:
    for name, result in (("infeasible", infeasible_result), ("invalid", invalid_result)):
        opened = open_report(browser, render_roadmap(result, "zh"))
        page = opened.page
        assert page.locator("#summary").is_visible()
        assert page.locator("svg.gantt").count() == 0
        section = "#infeasible" if name == "infeasible" else "#errors"
        assert page.locator(section).is_visible()
        page.screenshot(path=str(artifacts / f"roadmap-{name}-zh.png"))
        opened.assert_quiet()
        page.close()
