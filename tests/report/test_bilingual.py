"""A report in one language shows capplan's own texts in that language only.

capplan's assumptions (effort reasoning, tier mapping, unit library) and the words the planner
adds (derived state, re-planning moves, messages) are bilingual; the Chinese report must not
fall back to English sentences, nor the English report to Chinese ones.
"""

from __future__ import annotations

import html
from typing import Any

import pytest

from catalog import Catalog
from catalog.models.base import Lang, Text, texts_of
from planner.report import render_comparison, render_roadmap
from planner.result.plan_result import PlanResult
from tests.planner.conftest import make
from tests.report.conftest import solved

LANGS = [("zh", "en"), ("en", "zh")]


def page(result: PlanResult, lang: Lang) -> str:
    return html.unescape(render_roadmap(result, lang))


def assert_only(texts: list[Text], shown: str, lang: Lang, other: Lang) -> None:
    for text in texts:
        assert text.get(lang) in shown, text.get(lang)
        assert text.get(other) not in shown, text.get(other)


@pytest.mark.parametrize(("lang", "other"), LANGS)
def test_effort_reasoning_and_assumption_headers_in_the_report_language(
    demo_result: PlanResult, catalog: Catalog, lang: Lang, other: Lang
) -> None:
    texts = [text for _, text in texts_of(catalog.effort)]
    texts.append(catalog.tier_mapping.assumption)
    assert_only(texts, page(demo_result, lang), lang, other)


@pytest.mark.parametrize(("lang", "other"), LANGS)
def test_override_reasoning_in_the_report_language(
    demo_result: PlanResult, lang: Lang, other: Lang
) -> None:
    assert demo_result.problem is not None
    reasons = [o.reasoning for o in demo_result.problem.overrides.effort if o.reasoning]
    assert reasons, "the demo explains its effort override"
    assert_only(reasons, page(demo_result, lang), lang, other)


@pytest.mark.parametrize(("lang", "other"), LANGS)
def test_derived_state_names_the_main_scenario(
    demo_result: PlanResult, catalog: Catalog, lang: Lang, other: Lang
) -> None:
    assert demo_result.derived_state is not None
    rnd = next(
        m.name for m in catalog.industry("discrete_manufacturing").main_scenarios if m.id == "rnd"
    )
    shown = page(demo_result, lang)
    assert demo_result.derived_state.get(lang) in shown
    quoted = Text(zh=f"范围“{rnd.zh}”", en=f"scope '{rnd.en}'")
    assert_only([quoted], shown, lang, other)
    assert "“rnd”" not in shown and "'rnd'" not in shown


@pytest.fixture(scope="module")
def replanned() -> PlanResult:
    """The tiny organisation re-planned: a done step ran late, so the next one moves."""
    progress = {
        "now": 4,
        "done": [{"id": "deepen:c:is_integration", "start": 0, "end": 4}],
        "previous": [
            {"id": "deepen:c:is_integration", "start": 0},
            {"id": "deepen:d:is_integration", "start": 3},
            {"id": "upgrade:a:CL2:plan", "start": 0},  # not needed by the route: removed
        ],
        "stability": {},
    }
    return solved(make(staff={"capacity": 2}, progress=progress))


@pytest.mark.parametrize(("lang", "other"), LANGS)
def test_move_reasons_in_the_report_language(
    replanned: PlanResult, lang: Lang, other: Lang
) -> None:
    assert {m.change for m in replanned.moves} == {"moved", "removed"}
    assert_only([m.reason for m in replanned.moves], page(replanned, lang), lang, other)


@pytest.mark.parametrize(("lang", "other"), LANGS)
def test_reasons_a_row_was_not_compared_in_the_report_language(lang: Lang, other: Lang) -> None:
    # no partner units: no capability network; tier 7 (L3-T7) takes 25 months with the order rules
    time = {"start": "2027-01-01", "period": "month", "horizon": 30}
    result = solved(make(target={"tier": 7}, time=time))
    network = result.skipped_rows["L4-T7"]
    assert "20001 6.3.4" in network.zh
    assert_only([network], page(result, lang), lang, other)


@pytest.mark.parametrize(("lang", "other"), LANGS)
def test_variant_messages_in_the_comparison_language(
    comparison: Any, lang: Lang, other: Lang
) -> None:
    messages = [v.message for v in comparison.variants if v.message is not None]
    assert messages, "the comparison has an unreachable variant that says why"
    shown = html.unescape(render_comparison(comparison, lang))
    assert_only(messages, shown, lang, other)
