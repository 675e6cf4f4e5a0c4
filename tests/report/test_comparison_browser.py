"""The comparison report in a real chromium: offline, error-free, complete, printable, inert."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from catalog.models.base import Lang
from tests.report.browser import open_report, skip_without_chromium

skip_without_chromium()

from planner.report import render_comparison  # noqa: E402

PARTS = ("table.variants", "svg.trajectories", "svg.tradeoff", "table.sweep", "#differences")


def test_comparison_loads_offline_and_shows_every_part(
    browser: Any, comparison: Any, artifacts: Path
) -> None:
    for lang in ("zh", "en"):
        opened = open_report(browser, render_comparison(comparison, lang))
        page = opened.page
        for selector in PARTS:
            assert page.locator(selector).first.is_visible(), selector
        assert page.locator("table.variants tr.variant").count() == len(comparison.variants)
        assert page.locator("svg.tradeoff .mark").count() == len(comparison.sweep.points)
        assert page.evaluate("window.__pwned") is None
        assert "<script>window.__pwned=1" in page.inner_text("h1")
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        page.screenshot(path=str(artifacts / f"comparison-{lang}-1280.png"), full_page=lang == "zh")
        opened.assert_quiet()
        page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_comparison_prints_on_a4_landscape(
    browser: Any, comparison: Any, artifacts: Path, lang: Lang
) -> None:
    """A4 landscape less the 12 mm margins is 1032 CSS px wide: nothing may be cut off."""
    opened = open_report(browser, render_comparison(comparison, lang), width=1032)
    page = opened.page
    page.emulate_media(media="print")
    for selector in PARTS:
        assert page.locator(selector).first.is_visible(), selector
    assert page.evaluate("document.documentElement.scrollWidth") <= 1032
    widest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('table')].map(t => t.scrollWidth))"
    )
    assert widest <= 1032, widest
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    (artifacts / f"comparison-{lang}.pdf").write_bytes(pdf)
    opened.assert_quiet()
    page.close()
