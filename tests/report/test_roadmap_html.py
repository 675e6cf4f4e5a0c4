"""The roadmap report as HTML text: self-contained, complete, escaped and deterministic."""

from __future__ import annotations

import itertools
import re

import pytest

from catalog.models.base import Lang
from planner.model.problem import Problem
from planner.report import render_roadmap
from planner.report.labels import label
from planner.result.plan_result import PlanResult, SolveParams, SolveStatus
from tests.planner.conftest import TINY
from tests.report.conftest import solved

SECTIONS = ("summary", "routes", "trajectory", "gantt", "spend", "steps", "assumptions")
FETCHING = re.compile(r"<(script|link|iframe|object|embed|img)\b|@import|url\(|https?://", re.I)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_has_every_section_and_one_bar_per_step(demo_result: PlanResult, lang: Lang) -> None:
    assert demo_result.roadmap is not None
    html = render_roadmap(demo_result, lang)
    for anchor in SECTIONS:
        assert f'id="{anchor}"' in html, anchor
    assert html.count('<rect class="bar"') == len(demo_result.roadmap.steps)
    assert label("title", lang) in html
    assert f'lang="{"zh-CN" if lang == "zh" else "en"}"' in html


def test_report_is_self_contained_and_printable(demo_result: PlanResult) -> None:
    html = render_roadmap(demo_result, "zh")
    without_svg_namespace = html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert FETCHING.search(without_svg_namespace) is None
    assert '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei"' in html
    assert "@page { size: A4 landscape;" in html and "@media print" in html


def test_summary_explains_status_route_and_alternatives(demo_result: PlanResult) -> None:
    assert demo_result.status == SolveStatus.OPTIMAL and demo_result.roadmap is not None
    html = render_roadmap(demo_result, "en")
    assert "Proven optimal" in html
    assert "2029" in html and "Total cost (CNY 10k)" in html
    others = [c for c in demo_result.routes if not c.chosen]
    assert others, "the demo compares several Table 1 rows"
    for c in others:
        assert f"{c.row} (" in html
    assert "is infeasible within the horizon" in html or "more months" in html


def test_step_table_shows_priority_and_standard_texts(demo_result: PlanResult) -> None:
    html = render_roadmap(demo_result, "zh")
    assert "20001 A.2.1.1 a" in html and "可持续竞争合作优势分析" in html  # Appendix A
    assert "10004 6.2 d" in html and "数字化集成" in html  # depth definition
    assert "20001 6.3.2" in html and "独立型的能力节点" in html  # paradigm description
    assert "capplan" in html and "T/AIITRE 10004—2023" in html and "T/AIITRE 20001—2021" in html


def test_assumptions_name_their_source_and_the_tier_mapping(demo_result: PlanResult) -> None:
    html = render_roadmap(demo_result, "en")
    assert "capplan assumption" in html
    assert "Effort assumptions (defaults)" in html and "Overrides in the problem file" in html
    assert "L2-T7 (L2," in html and "Tier mapping" in html


def test_same_input_and_seed_same_bytes(tiny_result: PlanResult) -> None:
    """No timestamp or timing in the page: re-planning the same problem gives the same file."""
    again = solved(Problem.model_validate(TINY))
    assert render_roadmap(tiny_result, "zh") == render_roadmap(again, "zh")
    copy = PlanResult.model_validate_json(tiny_result.model_dump_json())
    assert render_roadmap(copy, "en") == render_roadmap(tiny_result, "en")


def test_infeasible_report_explains_and_says_what_would_help(infeasible_result: PlanResult) -> None:
    assert infeasible_result.status == SolveStatus.INFEASIBLE
    zh = render_roadmap(infeasible_result, "zh")
    assert 'id="infeasible"' in zh and label("status_infeasible", "zh") in zh
    en = render_roadmap(infeasible_result, "en")
    explanation = infeasible_result.explanation
    if explanation is not None:
        assert explanation.text.zh.split("可行的调整")[0] in zh
        assert 'id="remedies"' in en
    else:
        assert infeasible_result.message is not None
        assert infeasible_result.message.en in en


def test_invalid_input_report_lists_the_errors(invalid_result: PlanResult) -> None:
    assert invalid_result.status == SolveStatus.INVALID_INPUT and invalid_result.errors
    html = render_roadmap(invalid_result, "en")
    assert 'id="errors"' in html and "Invalid input" in html
    for error in invalid_result.errors:
        assert error.replace("'", "&#39;") in html


def test_bare_result_without_problem_renders() -> None:
    html = render_roadmap(PlanResult(status=SolveStatus.NO_SOLUTION, message="time ran out"))
    assert "time ran out" in html and label("status_no_solution", "zh") in html


def test_user_text_is_escaped(hostile_result: PlanResult) -> None:
    for lang in ("zh", "en"):
        html = render_roadmap(hostile_result, lang)
        assert "<script>" not in html and "<img" not in html and "<style>body" not in html
        assert (
            "&lt;script&gt;window.__pwned=1;document.title=&#39;pwned&#39;&lt;/script&gt;" in html
        )
        assert "{{ 7*7 }}" in html and "&#34;&#39;&amp;" in html


def test_quarterly_plan_renders(tiny_result: PlanResult) -> None:
    problem = Problem.model_validate(TINY).replace(
        time={"start": "2027-01-01", "period": "quarter", "horizon": 12}
    )
    result = solved(problem, SolveParams(time_limit=5, compare_routes=False))
    assert result.roadmap is not None
    html = render_roadmap(result, "en")
    assert html.count('<rect class="bar"') == len(result.roadmap.steps)
    assert "Other routes were not compared" in html


def test_unknown_language_is_refused(tiny_result: PlanResult) -> None:
    with pytest.raises(ValueError, match="lang"):
        render_roadmap(tiny_result, "fr")  # type: ignore[arg-type]  # a caller without a type checker


def test_gantt_bars_of_one_row_never_overlap(demo_result: PlanResult) -> None:
    html = render_roadmap(demo_result, "en")
    rows: dict[str, list[tuple[float, float]]] = {}
    for x, y, w in re.findall(
        r'<rect class="bar"[^>]* x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"', html
    ):
        rows.setdefault(y, []).append((float(x), float(x) + float(w)))
    assert sum(len(v) for v in rows.values()) == len(demo_result.roadmap.steps)  # type: ignore[union-attr]
    for spans in rows.values():
        spans.sort()
        assert all(a[1] <= b[0] + 0.01 for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize(("lang", "word"), [("zh", "节点"), ("en", "node")])
def test_a_combination_bar_names_its_module_form(
    demo_result: PlanResult, lang: Lang, word: str
) -> None:
    """The form a combination makes is the step's own field (``paradigm``), not read from its
    module id; the bar says it in the report's language."""
    from catalog import load_catalog
    from planner.report.lookup import Lookup
    from planner.report.roadmap import short_label

    assert demo_result.roadmap is not None
    node = next(s for s in demo_result.roadmap.steps if s.kind == "combination")
    assert node.paradigm == "node"
    lk = Lookup.build(load_catalog(), lang, demo_result.problem)
    assert short_label(node, lk) == word
    renamed = node.model_copy(update={"module": "anything"})  # the id no longer says it
    assert short_label(renamed, lk) == word


@pytest.mark.parametrize(
    ("lang", "legend"), [("zh", "关键链"), ("en", "the chain that sets the date")]
)
def test_the_chain_that_sets_the_date_is_marked(
    demo_result: PlanResult, lang: Lang, legend: str
) -> None:
    """The Gantt bars and step rows of the critical chain, and only those, are marked; the
    legend names the mark."""
    import re

    page = render_roadmap(demo_result, lang)
    chain = {link.step for link in demo_result.critical_chain}
    assert chain and demo_result.roadmap is not None
    bars = set(re.findall(r'<rect class="bar" data-step="([^"]+)"[^>]*data-critical="true"', page))
    rows = set(re.findall(r'<tr class="step" data-step="([^"]+)" data-critical="true">', page))
    assert bars == chain and rows == chain
    assert legend in page.split('id="gantt"')[1].split("</p>")[0]
