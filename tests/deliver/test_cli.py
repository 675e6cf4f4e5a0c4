"""``capplan plan --export DIR`` and ``capplan export ROADMAP --format …``."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from planner.cli import app
from planner.result.plan_result import PlanResult, SolveStatus
from tests.planner.conftest import TINY
from tests.report.conftest import DEMO

runner = CliRunner()
ALL = ("xlsx", "pptx", "docx", "xml", "html", "summary.html")


def test_plan_export_writes_all_four_files_and_the_html(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = runner.invoke(app, ["plan", str(DEMO), "--time-limit", "5", "--export", str(out)])
    assert done.exit_code == 0, done.output
    stem = DEMO.stem
    for suffix in ALL:
        sep = "-" if suffix == "summary.html" else "."
        path = out / f"{stem}{sep}{suffix}"
        assert path.exists() and path.stat().st_size > 1000, path
        assert str(path) in done.output.replace("\n", "")
    html = (out / f"{stem}.html").read_text(encoding="utf-8")
    assert 'id="executive"' in html and "决策摘要" in html
    book = load_workbook(out / f"{stem}.xlsx")
    assert book.sheetnames[0] == "项目清单"


def test_export_from_a_saved_result_in_english(demo_plan: PlanResult, tmp_path: Path) -> None:
    saved = tmp_path / "result.json"
    saved.write_text(json.dumps(demo_plan.model_dump(mode="json")), encoding="utf-8")
    target = tmp_path / "deck" / "plan.xlsx"
    done = runner.invoke(
        app, ["export", str(saved), "--format", "xlsx", "--out", str(target), "--lang", "en"]
    )
    assert done.exit_code == 0, done.output
    book = load_workbook(BytesIO(target.read_bytes()))
    assert book.sheetnames[0] == "Initiatives"
    folder = tmp_path / "folder"
    done = runner.invoke(app, ["export", str(saved), "--format", "mspdi", "--out", str(folder)])
    assert done.exit_code == 0 and (folder / "result.xml").read_bytes().startswith(b"<?xml")


def test_export_plans_a_problem_file_on_the_fly(tmp_path: Path) -> None:
    problem = tmp_path / "tiny.json"
    problem.write_text(json.dumps(TINY, default=str), encoding="utf-8")
    done = runner.invoke(
        app,
        ["export", str(problem), "--format", "docx", "--out", str(tmp_path), "--time-limit", "5"],
    )
    assert done.exit_code == 0, done.output
    assert (tmp_path / "tiny.docx").read_bytes().startswith(b"PK")


def test_bad_format_bad_result_and_no_roadmap_are_clear(
    demo_plan: PlanResult, tmp_path: Path
) -> None:
    done = runner.invoke(app, ["export", str(DEMO), "--format", "pdf"])
    assert done.exit_code == 2 and "xlsx, pptx, docx, mspdi" in done.output
    bad = tmp_path / "bad.json"
    bad.write_text('{"status": "optimal", "roadmap": 5}', encoding="utf-8")
    done = runner.invoke(app, ["export", str(bad), "--format", "xlsx"])
    assert done.exit_code == 2 and f"{bad}: roadmap" in done.output.replace("\n", "")
    assert "Traceback" not in done.output
    empty = tmp_path / "infeasible.json"
    infeasible = demo_plan.model_copy(update={"roadmap": None, "status": SolveStatus.INFEASIBLE})
    empty.write_text(json.dumps(infeasible.model_dump(mode="json")), encoding="utf-8")
    done = runner.invoke(app, ["export", str(empty), "--format", "xlsx", "--out", str(tmp_path)])
    assert done.exit_code == 1
    assert "没有可导出的路线图" in done.output and "no roadmap to export" in done.output
    unknown = tmp_path / "unknown.json"
    data = {**TINY, "organisation": {**TINY["organisation"], "industry": "no_such_industry"}}
    unknown.write_text(json.dumps(data, default=str), encoding="utf-8")
    done = runner.invoke(app, ["export", str(unknown), "--format", "xlsx", "--out", str(tmp_path)])
    assert done.exit_code == 1 and "no_such_industry" in done.output
    assert "输入有误" in done.output and "Traceback" not in done.output
