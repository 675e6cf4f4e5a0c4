"""The HTML report: self-contained, bilingual, escaped. (Browser tests come with the report issue.)"""

from __future__ import annotations

import re

from planner.plan import plan
from planner.problem import Problem
from planner.report import render_roadmap
from planner.result import SolveParams
from tests.planner.conftest import TINY, make

PARAMS = SolveParams(time_limit=10, compare_routes=True)


def test_report_has_every_section_and_one_bar_per_step() -> None:
    result = plan(make(), PARAMS)
    assert result.roadmap is not None
    html = render_roadmap(result, "zh")
    for anchor in ("summary", "routes", "trajectory", "gantt", "spend", "steps", "assumptions"):
        assert f'id="{anchor}"' in html
    assert len(re.findall(r'<rect class="bar"', html)) == len(result.roadmap.steps)
    assert "数字化转型能力建设路线图" in html
    assert "Noto Sans CJK SC" in html
    assert "<script" not in html and "http://" not in html and "https://" not in html


def test_english_report() -> None:
    html = render_roadmap(plan(make(), PARAMS), "en")
    assert "Digital transformation capability roadmap" in html
    assert 'lang="en"' in html


def test_infeasible_report_explains() -> None:
    html = render_roadmap(plan(make(budget={"total": 1}), PARAMS), "zh")
    assert 'id="infeasible"' in html
    assert "total budget" in html


def test_user_text_is_escaped() -> None:
    data = dict(TINY)
    org = dict(data["organisation"])
    units = [dict(u) for u in org["units"]]
    units[2]["name"] = {"zh": "<script>alert(1)</script>{{ 7*7 }}", "en": '"quoted" <b>x</b>'}
    org["units"] = units
    data["organisation"] = org
    data["name"] = "<img src=x onerror=alert(1)>"
    result = plan(Problem.model_validate(data), PARAMS)
    for lang in ("zh", "en"):
        html = render_roadmap(result, lang)
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}" in render_roadmap(result, "zh")
