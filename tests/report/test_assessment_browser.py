"""The roadmap report with an attached assessment in a real browser (Debian's chromium via
Playwright): the section and its chart show, 22 current and 22 target bars are drawn in
proportion, nothing is requested, nothing logs an error, and no user text runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.report.browser import open_report, skip_without_chromium

skip_without_chromium()

from planner.assessment import assess  # noqa: E402
from planner.assessment.models import Assessment  # noqa: E402
from planner.report import render_roadmap  # noqa: E402
from planner.result.plan_result import PlanResult  # noqa: E402
from tests.assessment.conftest import for_tier  # noqa: E402
from tests.report.conftest import HOSTILE  # noqa: E402


def test_assessment_section_shows_offline(
    browser: Any, demo_result: PlanResult, artifacts: Path
) -> None:
    data = for_tier(4).model_dump()
    data["organisation"]["name"] = f"{HOSTILE}<img src=http://127.0.0.1:9/x onerror=alert(1)>"
    assessed = assess(Assessment.model_validate(data))
    for lang in ("zh", "en"):
        opened = open_report(browser, render_roadmap(demo_result, lang, assessment=assessed))
        page = opened.page
        section = page.locator("#assessment")
        assert section.is_visible()
        chart = page.locator("#assessment svg.levels")
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box is not None and box["width"] > 900 and box["height"] > 300
        current = page.locator("svg.levels rect.level-current")
        target = page.locator("svg.levels rect.level-target")
        assert current.count() == 22 and target.count() == 22
        bars = page.evaluate(
            """() => [...document.querySelectorAll('svg.levels g.subdomain')].map(g => [
                Number(g.querySelector('rect.level-current').dataset.level),
                g.querySelector('rect.level-current').getBoundingClientRect().width,
                g.querySelector('rect.level-target').getBoundingClientRect().width])"""
        )
        assert len(bars) == 22
        for level, cur, tgt in bars:  # the current bar lies inside its target bar, to scale
            assert cur <= tgt + 0.5 and (cur > 0) == (level > 0)
        per_level = [cur / level for level, cur, _ in bars if level]
        assert max(per_level) - min(per_level) < 1.0
        assert page.locator("#assessment table.gaps tbody tr.gap").count() == 19
        assert page.evaluate("window.__pwned") is None and page.locator("img").count() == 0
        assert "<script>window.__pwned=1" in section.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        section.screenshot(path=str(artifacts / f"roadmap-assessment-{lang}.png"))
        opened.assert_quiet()
        page.close()
