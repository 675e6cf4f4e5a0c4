"""The what-if comparison report as HTML: variants side by side, the budget–time curve and the
steps that differ, from a real ``Comparison`` of planner/whatif."""

from __future__ import annotations

import re
from typing import Any

import pytest

from catalog.models.base import Lang
from planner.report import render_comparison
from planner.report.labels import LABELS, label
from tests.report.test_labels import visible_text
from tests.report.test_roadmap_html import FETCHING


def _models() -> Any:
    return pytest.importorskip("planner.whatif.models")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_part_is_there(comparison: Any, lang: Lang) -> None:
    html = render_comparison(comparison, lang)
    for anchor in ("variants", "trajectory", "tradeoff", "differences"):
        assert f'id="{anchor}"' in html, anchor
    assert html.count('<tr class="variant') == len(comparison.variants)
    drawn = [v for v in comparison.variants if v.trajectory]
    assert html.count('<g class="series">') == len(drawn)
    assert html.count('<tr class="point') == len(comparison.sweep.points)
    assert html.count('class="mark ') == len(comparison.sweep.points)  # one mark per point
    assert label("comparison_title", lang) in html
    text = visible_text(html)
    assert [k for k in LABELS if "_" in k and re.search(rf"\b{k}\b", text)] == []
    assert not re.search(r"\{[a-z_]+\}", text)


def test_steps_that_differ_are_listed(comparison: Any) -> None:
    html = render_comparison(comparison, "en")
    for v in comparison.variants:
        if v.diff is None:
            continue
        rows = len(v.diff.added) + len(v.diff.removed) + len(v.diff.moved)
        section = html.split(f'data-variant="{_esc(v.name)}">', 2)[-1].split("<h3", 1)[0]
        assert section.count('<tr class="added"') == len(v.diff.added)
        assert section.count('<tr class="removed"') == len(v.diff.removed)
        assert section.count('<tr class="moved"') == len(v.diff.moved)
        assert rows == 0 or "Shift (months)" in section


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_infeasible_variant_and_minimum_budget_are_explained(comparison: Any) -> None:
    html = render_comparison(comparison, "en")
    assert "Target cannot be reached" in html
    assert "Least total budget reaching the target" in html
    assert "Earliest date of each tier" in html


def test_self_contained_escaped_and_deterministic(comparison: Any) -> None:
    html = render_comparison(comparison, "zh")
    assert FETCHING.search(html.replace('xmlns="http://www.w3.org/2000/svg"', "")) is None
    assert "<script>" not in html and "<b>broke</b>" not in html
    assert "&lt;b&gt;broke&lt;/b&gt;" in html and "{{ 7*7 }}" in html
    again = _models().Comparison.model_validate(comparison.model_dump(mode="json"))
    assert render_comparison(again, "zh") == html


def test_sweep_only_and_variants_only(comparison: Any) -> None:
    only_sweep = comparison.model_copy(update={"variants": ()})
    html = render_comparison(only_sweep, "en")
    assert label("no_variants", "en") in html and 'class="tradeoff"' in html
    only_variants = comparison.model_copy(update={"sweep": None})
    html = render_comparison(only_variants, "zh")
    assert label("no_sweep", "zh") in html and 'class="trajectories"' in html


def test_partial_run_says_what_is_missing(comparison: Any) -> None:
    partial = comparison.model_copy(update={"partial": True, "missing": ("later",)})
    html = render_comparison(partial, "en")
    assert 'id="partial"' in html and "Not solved: later" in html


def test_unknown_language_is_refused(comparison: Any) -> None:
    with pytest.raises(ValueError, match="lang"):
        render_comparison(comparison, "de")  # type: ignore[arg-type]  # a caller without a type checker


def test_the_base_row_does_not_carry_the_problems_description(comparison: Any) -> None:
    described = comparison.model_copy(
        update={
            "variants": (
                comparison.variants[0].model_copy(
                    update={"description": {"zh": "本组织的完整介绍" * 20, "en": "About us " * 20}}
                ),
                *comparison.variants[1:],
            )
        }
    )
    cases: tuple[tuple[Lang, str], ...] = (("zh", "本组织的完整介绍"), ("en", "About us"))
    for lang, words in cases:
        html = render_comparison(described, lang)
        base = re.search(r'<tr class="variant base".*?</tr>', html, re.S)
        assert base is not None and words not in base.group(0)
        slower = re.search(r'<tr class="variant" data-variant="slower".*?</tr>', html, re.S)
        assert slower is not None and (
            "工期延长50%" if lang == "zh" else "50% longer"
        ) in slower.group(0)
