"""The capplan command line: plan, demo, and their errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app
from tests.planner.conftest import TINY

RUNNER = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "scenarios" / "discrete_manufacturer.yaml"
BROKEN = ROOT / "tests" / "data" / "broken_problems"


def test_plan_writes_json_and_html(tmp_path: Path) -> None:
    out_json, out_html = tmp_path / "r.json", tmp_path / "r.html"
    result = RUNNER.invoke(
        app,
        ["plan", str(DEMO), "--time-limit", "20", "--json", str(out_json), "--html", str(out_html)],
    )
    assert result.exit_code == 0, result.output
    assert "已证明最优" in result.output
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["status"] == "optimal" and data["violations"] == []
    assert data["roadmap"]["route"].startswith("L2-T7")
    assert "<svg" in out_html.read_text(encoding="utf-8")


def test_plan_in_english_with_another_objective() -> None:
    result = RUNNER.invoke(app, ["plan", str(DEMO), "--lang", "en", "--objective", "cheapest"])
    assert result.exit_code == 0, result.output
    assert "proven optimal" in result.output


def test_plan_reports_bad_input_and_exits_2() -> None:
    result = RUNNER.invoke(app, ["plan", str(BROKEN / "negative_budget.yaml")])
    assert result.exit_code == 2
    assert "budget.total" in result.output


def test_plan_rejects_bad_options() -> None:
    assert RUNNER.invoke(app, ["plan", str(DEMO), "--lang", "fr"]).exit_code != 0
    assert RUNNER.invoke(app, ["plan", str(DEMO), "--objective", "quickest"]).exit_code != 0


@pytest.mark.parametrize(
    "command",
    [
        ("plan", str(DEMO)),
        ("demo",),
        ("risk", str(DEMO)),
        ("export", str(DEMO)),
        ("assess", str(DEMO)),
        ("questionnaire",),
        ("compare", str(DEMO)),
        ("sweep", str(DEMO)),
        ("catalog", "levels"),
    ],
)
def test_every_command_refuses_an_unknown_language_in_both(command: tuple[str, ...]) -> None:
    """One ``--lang`` option for every command: an unknown language is a usage error (exit 2)
    that says so in Chinese and English, before any work is done."""
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, [*command, "--lang", "fr"])
    assert result.exit_code == 2, result.output
    assert "不支持的语言" in result.output and "not a supported language" in result.output


def test_infeasible_plan_explains(tmp_path: Path) -> None:
    text = DEMO.read_text(encoding="utf-8").replace("total: 6600", "total: 100")
    assert "total: 100\n" in text
    poor = tmp_path / "poor.yaml"
    poor.write_text(text, encoding="utf-8")
    result = RUNNER.invoke(app, ["plan", str(poor), "--lang", "en", "--time-limit", "30"])
    assert result.exit_code == 0, result.output
    assert "total budget" in result.output


def test_demo_writes_the_report(tmp_path: Path) -> None:
    result = RUNNER.invoke(app, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "roadmap-discrete_manufacturer.html").exists()


def test_max_tier_with_nothing_reachable_says_so(tmp_path: Path) -> None:
    """No route above the current tier: words, not "None" for the route and the months."""
    problem = tmp_path / "p.yaml"
    problem.write_text(
        json.dumps({**TINY, "objective": "max-tier", "budget": {"total": 0}}), encoding="utf-8"
    )
    for lang, words in (("zh", "无法高于当前第4档"), ("en", "no tier above the current tier 4")):
        result = RUNNER.invoke(app, ["plan", str(problem), "--lang", lang, "--time-limit", "5"])
        assert result.exit_code == 0, result.output
        assert words in result.output and "None" not in result.output


def test_plan_prints_each_steps_id_for_progress(tmp_path: Path) -> None:
    problem = tmp_path / "p.yaml"
    problem.write_text(json.dumps(TINY), encoding="utf-8")
    result = RUNNER.invoke(app, ["plan", str(problem), "--time-limit", "5"])
    assert result.exit_code == 0, result.output
    assert "deepen:c:is_integration" in result.output.replace("\n", "").replace(" ", "")
