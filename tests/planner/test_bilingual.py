"""The words the planner adds to a problem's result exist in Chinese and English."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from catalog import Catalog
from catalog.models.base import Lang, Text
from planner.cli import app
from planner.compile.instance import build_instance
from planner.model.problem import Problem
from planner.result.plan_result import PlanResult
from tests.planner.conftest import TINY, make


@pytest.mark.parametrize(
    ("reasoning", "en"),
    [
        ("按历史项目估算", "按历史项目估算"),
        ({"zh": "按历史项目估算", "en": "from past projects"}, "from past projects"),
    ],
)
def test_override_reasoning_is_a_plain_string_or_bilingual(reasoning: Any, en: str) -> None:
    problem = make(overrides={"effort": [{"unit": "c", "months": 2, "reasoning": reasoning}]})
    (override,) = problem.overrides.effort
    assert override.reasoning is not None
    assert (override.reasoning.zh, override.reasoning.en) == ("按历史项目估算", en)
    assert (
        make(overrides={"effort": [{"unit": "c", "months": 2}]}).overrides.effort[0].reasoning
        is None
    )


def _derived(tier: int) -> Text:
    problem = Problem.model_validate(
        {
            "organisation": {"industry": "discrete_manufacturing", "current_tier": tier},
            "target": {"tier": 10},
            "time": {"start": "2027-01-01", "horizon": 12},
        }
    )
    derived = build_instance(problem).derived
    assert derived is not None
    return derived.rule


@pytest.mark.parametrize(
    ("tier", "scope"),
    [
        (1, "unit"),  # any one unit (L1-T1)
        (2, "units"),  # one department of a main scenario (L1-T2)
        (4, "scenario"),  # a main scenario (L1-T4)
        (5, "breadth"),  # the whole organisation (L1-T5)
    ],
)
def test_derived_state_names_its_scope_in_each_language(
    catalog: Catalog, tier: int, scope: str
) -> None:
    rule = _derived(tier)
    rnd = next(
        m.name for m in catalog.industry("discrete_manufacturing").main_scenarios if m.id == "rnd"
    )
    units = {u.id: u.name for u in catalog.units_for("discrete_manufacturing")}
    expected = {
        "unit": units["ops.procurement"],
        # the first 单部门单环节 scope: the first main scenario (rnd) and its first
        # department by id, 研发部 (rnd) — every key rnd unit of the library is 研发部's
        "units": Text(zh=f"{rnd.zh}·研发部：", en=f"{rnd.en} · R&D department: "),
        "scenario": Text(zh=f"“{rnd.zh}”", en=f"'{rnd.en}'"),
        "breadth": catalog.breadth("whole_organisation").name,
    }[scope]
    assert expected.zh in rule.zh and expected.en in rule.en
    for scope_id in ("ops.procurement", "rnd", "all_scenarios", "carrier"):
        assert scope_id not in rule.zh and scope_id not in rule.en


def test_derived_state_names_the_depth_stage(catalog: Catalog) -> None:
    rule = _derived(4)  # L1-T4: the main scenario at IS integration (10004 6.2 c)
    stage = catalog.depth("is_integration").name
    assert f"{stage.zh}（深度阶段3）" in rule.zh
    assert f"{stage.en} (depth stage 3)" in rule.en


@pytest.mark.parametrize(
    ("lang", "shown", "hidden"),
    [
        ("zh", ("个月", "调整时间", "已过去"), (" month", "moved", "past")),
        ("en", ("months", "moved", "in the past"), ("个月", "调整时间", "已过去")),
    ],
)
def test_cli_summary_of_a_replanned_roadmap_in_one_language(
    tmp_path: Path, lang: Lang, shown: tuple[str, ...], hidden: tuple[str, ...]
) -> None:
    progress = {
        "now": 4,
        "done": [{"id": "deepen:c:is_integration", "start": 0, "end": 4}],
        "previous": [
            {"id": "deepen:c:is_integration", "start": 0},
            {"id": "deepen:d:is_integration", "start": 3},
        ],
        "stability": {},
    }
    path = tmp_path / "replan.yaml"
    path.write_text(json.dumps({**TINY, "staff": {"capacity": 2}, "progress": progress}))
    result = CliRunner().invoke(app, ["plan", str(path), "--lang", lang, "--time-limit", "10"])
    assert result.exit_code == 0, result.output
    summary = result.output.split("\n┏")[0]  # before the tables (step titles are data)
    for text in shown:
        assert text in summary, text
    for text in hidden:
        assert text not in summary, text


def test_results_stored_with_plain_strings_still_load() -> None:
    stored = {
        "status": "optimal",
        "message": "",
        "skipped_rows": {"L3-T8": "asks at least as much as L2-T7 on scope, level, depth and form"},
        "moves": [{"step": "deepen:c:is_integration", "change": "added", "reason": "forced"}],
    }
    result = PlanResult.model_validate_json(json.dumps(stored))
    assert result.message is None
    assert result.skipped_rows["L3-T8"].zh == result.skipped_rows["L3-T8"].en
    assert result.moves[0].reason == Text(zh="forced", en="forced")
