"""The executive summary in chromium at A4 landscape: every bundled organisation's fits in 3
pages with no clipped text, in Chinese and English; the full report starts with it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from catalog.models.base import Lang
from tests.deliver.conftest import require_tool
from tests.report.browser import open_report
from tests.report.conftest import CHROMIUM

require_tool(str(CHROMIUM), "Debian's chromium (apt-get install chromium fonts-wqy-microhei)", True)

from planner.deliver.summary import LEFT, render_executive  # noqa: E402
from planner.model.problem import load_problem  # noqa: E402
from planner.report import render_roadmap  # noqa: E402
from planner.result.plan_result import PlanResult  # noqa: E402
from tests.report.conftest import PARAMS, ROOT, solved  # noqa: E402

A4_LANDSCAPE_PX = 1040
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
CLIPPED = """() => {
  const LEFT = LEFT_X;
  const bad = [];
  const root = document.querySelector('section.executive');
  for (const el of root.querySelectorAll('*')) {
    if (el instanceof SVGElement) continue;
    const cs = getComputedStyle(el);
    if (cs.display === 'inline' || el.clientWidth === 0) continue;
    if (el.scrollWidth > el.clientWidth + 1) bad.push(el.tagName + ': ' + el.textContent.slice(0, 60));
  }
  for (const svg of root.querySelectorAll('svg')) {
    const vb = svg.viewBox.baseVal;
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBBox();
      if (b.x < vb.x - 1 || b.x + b.width > vb.x + vb.width + 1 || b.y < vb.y - 1 ||
          b.y + b.height > vb.y + vb.height + 1) bad.push('svg text: ' + t.textContent);
    }
  }
  for (const t of root.querySelectorAll('svg.ex-timeline text.ex-label')) {
    const b = t.getBBox();  // a name ends before the bars begin
    if (b.x + b.width > LEFT) bad.push('label over the bars: ' + t.textContent);
  }
  if (document.documentElement.scrollWidth > window.innerWidth) bad.push('page scrolls sideways');
  return bad;
}""".replace("LEFT_X", str(LEFT))


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.fixture(scope="module")
def bundled() -> dict[str, PlanResult]:
    params = PARAMS.model_copy(update={"time_limit": 5})
    return {path.stem: solved(load_problem(path), params) for path in SCENARIOS}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bundled_summaries_fit_three_a4_landscape_pages_unclipped(
    browser: Any, bundled: dict[str, PlanResult], artifacts: Path, lang: Lang
) -> None:
    assert len(bundled) >= 5
    for name, result in bundled.items():
        assert result.roadmap is not None, name
        opened = open_report(browser, render_executive(result, lang), width=A4_LANDSCAPE_PX)
        page = opened.page
        page.emulate_media(media="print")
        assert page.evaluate(CLIPPED) == [], name
        pdf = page.pdf(format="A4", landscape=True, print_background=True)
        pages = pdf_pages(pdf)
        assert 2 <= pages <= 3, (name, pages)
        (artifacts / f"summary-{name}-{lang}.pdf").write_bytes(pdf)
        opened.assert_quiet()
        page.close()


def test_summary_shows_waves_initiatives_and_risks(
    browser: Any, bundled: dict[str, PlanResult]
) -> None:
    result = bundled["discrete_manufacturer"]
    opened = open_report(browser, render_executive(result, "zh"))
    page = opened.page
    assert page.locator("h1").inner_text() == "华东某装备制造集团"
    assert page.locator("table.ex-waves tbody tr").count() >= 2
    assert (
        page.locator("svg.ex-timeline rect[rx]").count()
        == page.locator("table.ex-initiatives tbody tr").count()
    )
    assert "capplan 默认值" in page.locator("section.executive").inner_text()
    opened.assert_quiet()
    page.close()


def test_full_report_starts_with_the_summary(browser: Any, bundled: dict[str, PlanResult]) -> None:
    result = bundled["discrete_manufacturer"]
    opened = open_report(browser, render_roadmap(result, "en"), width=A4_LANDSCAPE_PX)
    page = opened.page
    first = page.evaluate("document.body.firstElementChild.id")
    assert first == "executive"
    page.emulate_media(media="print")
    after = "getComputedStyle(document.querySelector('section.executive')).breakAfter"
    assert page.evaluate(after) == "page"
    assert page.locator("h1").count() == 1  # the report's own title; the summary's is a div
    assert "no_exec" not in render_roadmap(result, "en", executive=False)
    assert 'id="executive"' not in render_roadmap(result, "en", executive=False)
    opened.assert_quiet()
    page.close()


def test_long_initiative_names_are_cut_not_drawn_over_the_bars(
    browser: Any, bundled: dict[str, PlanResult]
) -> None:
    result = bundled["discrete_manufacturer"]
    assert result.problem is not None
    long_name = {"zh": "非常长的项目名称" * 6, "en": "A very long initiative name " * 6}
    problem = result.problem.replace(initiatives=[{"id": "production@L2", "name": long_name}])
    for lang in ("zh", "en"):
        html = render_executive(result.model_copy(update={"problem": problem}), lang)
        opened = open_report(browser, html, width=A4_LANDSCAPE_PX)
        page = opened.page
        page.emulate_media(media="print")
        assert page.evaluate(CLIPPED) == []
        labels = page.eval_on_selector_all(
            "svg.ex-timeline text.ex-label", "els => els.map(e => e.textContent)"
        )
        assert any(t.endswith("…") for t in labels)
        assert long_name[lang].strip() in page.locator("table.ex-initiatives").inner_text()
        page.close()
