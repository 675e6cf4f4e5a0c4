"""``capplan plan FILE --assessment ANSWERS --html OUT`` and ``capplan assess FILE --html OUT``
through the real command line app: the report carries the assessment; bad answers stop early."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from planner.assessment.questionnaire_yaml import questionnaire_yaml
from planner.cli import app
from tests.assessment.conftest import INDUSTRY, for_tier
from tests.planner.conftest import TINY

runner = CliRunner(env={"COLUMNS": "160"})


def files(tmp_path: Path, tier: int = 4) -> tuple[Path, Path]:
    problem = tmp_path / "tiny.json"
    problem.write_text(json.dumps(TINY), encoding="utf-8")
    answers = tmp_path / f"tier{tier}.yaml"
    answers.write_text(questionnaire_yaml(INDUSTRY, assessment=for_tier(tier)), encoding="utf-8")
    return problem, answers


def test_plan_writes_the_assessment_into_the_report(tmp_path: Path) -> None:
    problem, answers = files(tmp_path, 4)
    out = tmp_path / "roadmap.html"
    args = ["plan", str(problem), "--time-limit", "5", "--lang", "en"]
    result = runner.invoke(app, [*args, "--assessment", str(answers), "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert "Assessment: Overall maturity level L1, Assessed tier 4" in result.output
    html = out.read_text(encoding="utf-8")
    assert '<section id="assessment">' in html
    assert html.count('<rect class="level-current"') == 22
    assert html.count('<rect class="level-target"') == 22
    assert '<span class="v">5 · L1</span>' in html  # TINY aims for tier 5


def test_plan_stops_on_a_broken_questionnaire(tmp_path: Path) -> None:
    problem, _ = files(tmp_path)
    broken = Path(__file__).resolve().parents[1] / "data" / "broken_questionnaires"
    out = tmp_path / "roadmap.html"
    answers = broken / "yaml_unknown_item.yaml"
    result = runner.invoke(
        app, ["plan", str(problem), "--assessment", str(answers), "--html", str(out)]
    )
    assert result.exit_code == 2
    assert "未知要求项 '5.2.2.1 z'" in " ".join(result.output.split())  # Chinese by default
    assert not out.exists()
    missing = runner.invoke(app, ["plan", str(problem), "--assessment", str(tmp_path / "no.xlsx")])
    assert missing.exit_code == 2 and "文件不存在" in missing.output


def test_assess_writes_a_standalone_report(tmp_path: Path) -> None:
    _, answers = files(tmp_path, 4)
    out = tmp_path / "assessment.html"
    result = runner.invoke(app, ["assess", str(answers), "--target", "7", "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert f"HTML: {out}" in result.output
    html = out.read_text(encoding="utf-8")
    assert html.count('<rect class="level-target"') == 22
    assert '<span class="v">7 · L2</span>' in html and '<tr class="gap"' in html
