"""The what-if comparison says in words what changed a variant's answer."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest

from planner.report import render_comparison
from tests.planner.conftest import TINY

# whole-organisation IS integration made dear (300 万元 per deepening, 4 staff): the base's
# fastest route (3 months, 600 万元); with 3 staff only the slower rnd route (520 万元, with
# its L2 requirement work, the main scenario's CL2 scope work and the scope's model,
# serialised by the small team) fits
DEAR = {
    "effort": [
        {"unit": u, "kind": "deepening", "cost": 300, "staff": 4, "reasoning": "test"}
        for u in ("c", "d")
    ]
}


@pytest.fixture(scope="module")
def compared() -> Any:
    from planner.whatif.compare import RunOptions, compare
    from planner.whatif.variants import parse_scenario

    horizon = {"start": "2027-01-01", "period": "month", "horizon": 54}
    base = {**TINY, "overrides": DEAR, "staff": {"capacity": 10}, "time": horizon}
    doc = {
        "base": base,
        "variants": [
            {"name": "freeze", "set": {"staff.capacity": 3}},
            {"name": "same", "set": {"staff.capacity": 9}},
            {"name": "slower", "set": {"overrides.multipliers.duration": 2}},
            {"name": "seven", "set": {"staff.capacity": 7}},  # the deepenings one by one
        ],
    }
    scenario = parse_scenario(json.dumps(doc), "why.yaml")
    return compare(scenario, RunOptions(time_limit=10, executor="serial", workers=1))


def _why(page: str, name: str) -> str:
    found = re.search(rf'<p class="why" data-variant="{name}">(.*?)</p>', page, re.S)
    assert found is not None, name
    return html.unescape(found.group(1))


def test_route_switch_is_named_with_its_effect(compared: Any) -> None:
    base, freeze = compared.variants[0], compared.variants[1]
    assert freeze.route != base.route and freeze.total_cost < base.total_cost
    zh, en = render_comparison(compared, "zh"), render_comparison(compared, "en")
    words = _why(zh, "freeze")
    assert words.startswith("答案改变的原因：所选路径由") and "总投入减少 80.0 万元" in words
    assert "原路径不再是最优" in words
    words = _why(en, "freeze")
    assert "the route switched from" in words and "falls by 80.0 (CNY 10k)" in words
    assert "months later" in words and "L1-T5" not in words.split("from")[0]


def test_an_unchanged_answer_and_a_same_route_change_are_said_so(compared: Any) -> None:
    zh, en = render_comparison(compared, "zh"), render_comparison(compared, "en")
    assert _why(zh, "same") == "与基准的答案相同。"
    assert _why(en, "same") == "The same answer as the base."
    words = _why(en, "slower")
    assert words.startswith("The route and its steps are the same") and "3 months later" in words
    assert "所选路径和步骤不变" in _why(zh, "slower")


def test_same_route_with_moved_steps(compared: Any) -> None:
    words = _why(render_comparison(compared, "en"), "seven")
    assert words == (
        "The route is the same; 1 step moved, 0 added and 0 removed, so the target is "
        "reached 3 months later."
    )
    zh = _why(render_comparison(compared, "zh"), "seven")
    assert zh == "所选路径不变；1 个步骤调整时间、新增 0 个、删除 0 个，因此达成推迟 3 个月。"


def test_the_same_row_over_another_scope_is_said_so() -> None:
    from planner.whatif.compare import RunOptions, compare
    from planner.whatif.variants import parse_scenario

    doc = {
        "base": {**TINY, "target": {"row": "L2-T5"}},
        "variants": [{"name": "no-node-a", "remove_steps": ["combine:node:a"]}],
    }
    result = compare(
        parse_scenario(json.dumps(doc), "scope.yaml"),
        RunOptions(time_limit=10, executor="serial", workers=1),
    )
    base, other = result.variants
    assert (base.route, other.route) == ("L2-T5@rnd", "L2-T5@production")
    en = _why(render_comparison(result, "en"), "no-node-a")
    assert en.startswith("What changed the answer: still L2-T5") and " instead of " in en
    assert en.count("L2-T5") == 1
    zh = _why(render_comparison(result, "zh"), "no-node-a")
    assert zh.startswith("答案改变的原因：仍按L2-T5") and "范围由" in zh
