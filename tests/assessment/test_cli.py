"""``capplan assess`` and ``capplan questionnaire`` through the real command line app."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from planner.assessment.questionnaire_yaml import questionnaire_yaml
from planner.cli import app
from tests.assessment.conftest import INDUSTRY, for_tier

runner = CliRunner(env={"COLUMNS": "160"})


def filled(tmp_path: Path, tier: int) -> Path:
    path = tmp_path / f"tier{tier}.yaml"
    path.write_text(questionnaire_yaml(INDUSTRY, assessment=for_tier(tier)), encoding="utf-8")
    return path


def test_assess_prints_levels_tier_and_gaps(tmp_path: Path) -> None:
    result = runner.invoke(app, ["assess", str(filled(tmp_path, 4)), "--target", "6"])
    assert result.exit_code == 0, result.output
    out = result.output
    for text in (
        "总体成熟度等级",
        "水平档次: 4",
        "发展战略",
        "数据",
        "表1：广度与深度",
        "生产",
        "差距分析：目标档次 6",
        "L2-T6",
        "5.3.4.2 a",
        "dm.production.planning",
    ):
        assert text in out, text


def test_assess_in_english(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["assess", str(filled(tmp_path, 8)), "--lang", "en", "--target", "9"]
    )
    assert result.exit_code == 0, result.output
    for text in (
        "Overall maturity level: L3",
        "Tier: 8",
        "Development strategy",
        "Why the next tier is not reached",
        "Gap analysis: target tier 9",
        "network",
    ):
        assert text in result.output, text


def test_assess_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["assess", str(filled(tmp_path, 6)), "--json", "--target", "7"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["result"]["tier"] == 6 and data["result"]["level"] == 2
    assert data["gap"]["target_tier"] == 7 and data["gap"]["row"] == "L2-T7"
    assert len(data["chart"]) == 22
    assert {"subdomain", "current", "target"} <= set(data["chart"][0])


def test_assess_reports_broken_files_and_exits_2(tmp_path: Path) -> None:
    broken = Path(__file__).resolve().parents[1] / "data" / "broken_questionnaires"
    result = runner.invoke(app, ["assess", str(broken / "yaml_unknown_item.yaml")])
    assert result.exit_code == 2
    assert "z（第 10 行）: 未知要求项 '5.2.2.1 z'" in result.output  # Chinese by default
    english = runner.invoke(app, ["assess", str(broken / "yaml_unknown_item.yaml"), "--lang", "en"])
    assert "z (line 10): unknown requirement item '5.2.2.1 z'" in english.output
    missing = runner.invoke(app, ["assess", str(tmp_path / "nope.xlsx"), "--lang", "en"])
    assert missing.exit_code == 2 and "no such file" in missing.output
    bad_target = runner.invoke(app, ["assess", str(filled(tmp_path, 3)), "--target", "12"])
    assert bad_target.exit_code == 2 and "档次须在 1 到 10 之间" in bad_target.output


def test_questionnaire_writes_both_files(tmp_path: Path) -> None:
    xlsx, yaml_file = tmp_path / "q.xlsx", tmp_path / "q.yaml"
    result = runner.invoke(app, ["questionnaire", "--xlsx", str(xlsx), "--yaml", str(yaml_file)])
    assert result.exit_code == 0, result.output
    assert xlsx.stat().st_size > 10_000
    assert "处于规范级的组织" in yaml_file.read_text(encoding="utf-8")
    blank = runner.invoke(app, ["assess", str(xlsx)])
    assert blank.exit_code == 0 and "水平档次: 0" in blank.output


def test_questionnaire_needs_an_output_and_a_known_industry(tmp_path: Path) -> None:
    assert runner.invoke(app, ["questionnaire"]).exit_code == 2
    result = runner.invoke(
        app, ["questionnaire", "--yaml", str(tmp_path / "q.yaml"), "--industry", "shipbuilding"]
    )
    assert result.exit_code == 2 and "unknown industry 'shipbuilding'" in result.output


def test_assess_gap_against_an_explicit_row(tmp_path: Path) -> None:
    path = str(filled(tmp_path, 5))
    result = runner.invoke(app, ["assess", path, "--target", "6", "--row", "L3-T6", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["gap"]["row"] == "L3-T6"
    alone = runner.invoke(app, ["assess", path, "--row", "L3-T6"])
    assert alone.exit_code == 2 and "--row 需要同时给出 --target" in alone.output
