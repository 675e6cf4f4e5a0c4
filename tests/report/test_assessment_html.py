"""An assessment attached to the roadmap report (and on a page of its own), as HTML text:
the 22 subdomains as current-vs-target bars grouped by domain, level, tier and main gaps."""

from __future__ import annotations

import re

import pytest

from catalog import load_catalog
from catalog.models.base import Lang
from planner.assessment import assess, gap_analysis
from planner.assessment.models import Assessment, AssessmentResult
from planner.report import AttachedAssessment, attach, render_assessment, render_roadmap
from planner.report.assessment import TOP_ITEMS, clip
from planner.report.labels import LABELS, fmt, label
from planner.result.plan_result import PlanResult, SolveStatus
from tests.assessment.conftest import for_tier
from tests.report.conftest import HOSTILE
from tests.report.test_labels import visible_text

CURRENT = re.compile(r'<rect class="level-current" data-subdomain="([^"]+)" data-level="(\d)"')
TARGET = re.compile(r'<rect class="level-target" data-subdomain="([^"]+)" data-level="(\d)"')
SUBDOMAINS = [s.id for s in load_catalog().subdomains()]


@pytest.fixture(scope="module")
def tier4() -> AssessmentResult:
    """Everything met up to L1, production integrated: tier 4, the demo's starting point."""
    return assess(for_tier(4))


def section_of(html: str) -> str:
    start = html.index('<section id="assessment">')
    return html[start : html.index("</section>", start)]


def test_catalogue_has_22_subdomains_in_5_domains() -> None:
    assert len(SUBDOMAINS) == 22 and len(load_catalog().domains) == 5


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_roadmap_shows_the_assessment_against_its_target(
    demo_result: PlanResult, tier4: AssessmentResult, lang: Lang
) -> None:
    assert demo_result.roadmap is not None and demo_result.target_tier == 7
    html = render_roadmap(demo_result, lang, assessment=tier4)
    part = section_of(html)
    assert f"<h2>{label('assessment', lang)}</h2>" in part
    current = dict(CURRENT.findall(part))
    target = dict(TARGET.findall(part))
    assert list(current) == SUBDOMAINS and list(target) == SUBDOMAINS  # 22 each, in order
    assert current == {s.subdomain: str(s.level) for s in tier4.subdomains}
    gap = gap_analysis(tier4, 7, row=demo_result.roadmap.row)
    assert gap.row == "L2-T7" and gap.target_level == 2
    assert target == {s.subdomain: str(max(s.level, 2)) for s in tier4.subdomains}
    assert part.count('<text class="domain"') == 5  # grouped by evaluation domain
    for dom in tier4.domains:
        assert f"{dom.name.get(lang)} · L{dom.level}" in part
    # overall level, tier, target and the count of items still to meet
    for k in ("overall_level", "assessed_tier", "target_tier", "items_to_meet"):
        assert f'<span class="k">{label(k, lang)}</span>' in part
    assert '<span class="v">L1</span>' in part and '<span class="v">4</span>' in part
    assert '<span class="v">7 · L2</span>' in part
    count = sum(len(s.items) for s in gap.subdomains)
    assert f'<span class="v">{count}</span>' in part
    # main gaps: one row per subdomain below the target, a few items each, the rest counted
    assert part.count('<tr class="gap"') == len(gap.subdomains) == 19
    for sub in gap.subdomains:
        row = part[part.index(f'<tr class="gap" data-subdomain="{sub.subdomain}"') :]
        row = row[: row.index("</tr>")]
        assert f'<td class="num">{len(sub.items)}</td>' in row
        assert row.count("<li>") == min(TOP_ITEMS, len(sub.items))
        assert sub.items[0].clause in row
        if len(sub.items) > TOP_ITEMS:
            assert (
                f'<span class="note more">{fmt("more_items", lang, n=len(sub.items) - 3, clauses="")}'
                in row
            )
    assert label("answer_unanswered", lang) in part
    assert label("table1_gap", lang) in part
    assert fmt("tier_differs", lang, assessed=4, plan=4) not in part


def test_section_sits_after_the_summary_and_report_is_unchanged_without_it(
    demo_result: PlanResult, tier4: AssessmentResult
) -> None:
    plain = render_roadmap(demo_result, "zh")
    assert 'id="assessment"' not in plain and "level-current" not in plain
    html = render_roadmap(demo_result, "zh", assessment=tier4)
    assert html.index('id="summary"') < html.index('id="assessment"') < html.index('id="routes"')
    assert html.replace(section_of(html), "") != html
    assert render_roadmap(demo_result, "zh", assessment=tier4) == html  # deterministic


def test_explicit_gap_and_a_different_starting_tier(demo_result: PlanResult) -> None:
    tier6 = assess(for_tier(6))
    attached = AttachedAssessment(tier6, gap_analysis(tier6, 8))
    part = section_of(render_roadmap(demo_result, "en", assessment=attached))
    assert '<span class="v">8 · L3</span>' in part
    assert fmt("tier_differs", "en", assessed=6, plan=4) in part
    assert set(TARGET.findall(part)) >= {("strategy.value_model", "3")}


def test_target_already_reached_lists_no_gaps(demo_result: PlanResult) -> None:
    tier8 = assess(for_tier(8))
    part = section_of(render_roadmap(demo_result, "en", assessment=tier8))
    assert fmt("assessment_reached", "en", tier=7) in part
    assert '<tr class="gap"' not in part
    assert dict(TARGET.findall(part)) == dict(CURRENT.findall(part))


def test_without_a_target_only_current_levels_are_drawn(
    invalid_result: PlanResult, tier4: AssessmentResult
) -> None:
    assert invalid_result.status == SolveStatus.INVALID_INPUT and invalid_result.target_tier is None
    part = section_of(render_roadmap(invalid_result, "zh", assessment=tier4))
    assert len(CURRENT.findall(part)) == 22 and TARGET.findall(part) == []
    assert label("no_assessment_target", "zh") in part
    assert attach(tier4, None).gap is None
    assert attach(tier4, 7, row="L9-T9").gap is not None  # an unknown row falls back


def test_assessment_text_is_escaped(demo_result: PlanResult) -> None:
    data = for_tier(4).model_dump()
    data["organisation"]["name"] = f"<img src=x onerror=alert(1)>{HOSTILE}"
    hostile = assess(Assessment.model_validate(data))
    for html in (
        render_roadmap(demo_result, "zh", assessment=hostile),
        render_assessment(AttachedAssessment(hostile, gap_analysis(hostile, 7)), "en"),
    ):
        assert "<script>" not in html and "<img" not in html
        assert "&lt;script&gt;window.__pwned=1" in html and "&lt;img src=x" in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_standalone_assessment_page(tier4: AssessmentResult, lang: Lang) -> None:
    html = render_assessment(AttachedAssessment(tier4, gap_analysis(tier4, 6)), lang)
    assert f"<title>{label('assessment_title', lang)} · 测试组织</title>" in html
    assert len(CURRENT.findall(html)) == 22 and len(TARGET.findall(html)) == 22
    assert '<span class="v">6 · L2</span>' in html
    bare = render_assessment(tier4, lang)
    assert TARGET.findall(bare) == [] and label("no_assessment_target", lang) in bare
    with pytest.raises(ValueError, match="lang"):
        render_assessment(tier4, "fr")  # type: ignore[arg-type]  # a caller without a type checker


def test_clip_cuts_long_item_texts() -> None:
    assert clip("short text") == "short text"
    assert clip("汉" * 100, 20) == "汉" * 10 + "…"
    assert clip("word " * 50, 20).endswith("…") and len(clip("word " * 50, 20)) <= 21


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_raw_key_or_placeholder_in_the_section(
    demo_result: PlanResult, tier4: AssessmentResult, lang: Lang
) -> None:
    for target in (None, 6, 7):
        attached = attach(tier4, target)
        text = visible_text(section_of(render_roadmap(demo_result, lang, assessment=attached)))
        assert [k for k in LABELS if "_" in k and re.search(rf"\b{k}\b", text)] == []
        assert not re.search(r"\{[a-z_]+\}", text)
        if lang == "en":
            own = [label(k, "zh") for k in ("assessment", "main_gaps", "current_level")]
            assert not any(word in text for word in own)
