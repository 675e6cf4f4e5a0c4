"""``capplan compare`` and ``capplan sweep`` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app
from planner.whatif.models import Comparison
from tests.whatif.conftest import SCENARIOS, SMALL, WHATIF

runner = CliRunner()
FAST = ["--executor", "serial", "--time-limit", "10"]


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_compare_prints_tables_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    file = WHATIF / "process_manufacturer.yaml"
    result = runner.invoke(
        app, ["compare", str(file), "--variant", "target-tier-6", *FAST, "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "情景比较" in result.output and "target-tier-6" in result.output
    assert "水平档次轨迹" in result.output and "年度投入" in result.output
    comparison = Comparison.model_validate(json.loads(out.read_text(encoding="utf-8")))
    assert [v.name for v in comparison.variants] == ["base", "target-tier-6"]
    assert comparison.run.executor == "serial" and not comparison.partial


def test_compare_in_english_on_a_plain_problem() -> None:
    file = SCENARIOS / "process_manufacturer.yaml"
    result = runner.invoke(app, ["compare", str(file), *FAST, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Scenario comparison" in result.output and "proven optimal" in result.output


def test_html_report(tmp_path: Path, small_file: Path) -> None:
    from planner import report

    html = tmp_path / "c.html"
    result = runner.invoke(app, ["compare", str(small_file), *FAST, "--html", str(html)])
    if hasattr(report, "render_comparison"):
        assert result.exit_code == 0, result.output
        assert html.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    else:  # the comparison report is not there yet: said, and not a success
        assert result.exit_code == 1
        assert "render_comparison" in result.output


def test_sweep(tmp_path: Path, small_file: Path) -> None:
    out = tmp_path / "s.json"
    result = runner.invoke(
        app,
        ["sweep", str(small_file), "--budgets", "600:900:300", "--no-minimum", "--caps", "keep",
         *FAST, "--lang", "en", "--json", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        "Budget–time trade-off" in result.output and "Earliest date of each tier" in result.output
    )
    sweep = Comparison.model_validate(json.loads(out.read_text(encoding="utf-8"))).sweep
    assert sweep is not None and [p.budget for p in sweep.points] == [600, 900]
    assert sweep.caps == "keep" and [t.tier for t in sweep.tiers] == [5, 6]


def test_bad_input_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        f"base_file: {SCENARIOS / 'process_manufacturer.yaml'}\n"
        "variants:\n  - name: x\n    set:\n      staff.capacity: -1\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["compare", str(bad), *FAST])
    assert result.exit_code == 2
    assert "variants[0].set.staff.capacity（第 5 行）: 变体 'x'：应大于或等于 0" in result.output
    result = runner.invoke(app, ["compare", str(bad), *FAST, "--lang", "en"])
    assert "variants[0].set.staff.capacity (line 5): variant 'x': Input should" in result.output
    result = runner.invoke(app, ["sweep", str(bad.with_name("none.yaml")), "--budgets", "1:2:1"])
    assert result.exit_code == 2 and "无法读取文件" in result.output
    file = str(WHATIF / "process_manufacturer.yaml")
    result = runner.invoke(app, ["sweep", file, "--budgets", "9:1:1", *FAST])
    assert result.exit_code == 2 and "--budgets" in result.output
    result = runner.invoke(app, ["sweep", file, "--budgets", "1", "--variant", "nope", *FAST])
    assert result.exit_code == 2 and "没有名为 'nope' 的变体" in result.output
    result = runner.invoke(app, ["compare", file, "--lang", "fr"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["compare", file, "--executor", "spark"])
    assert result.exit_code == 2


def test_compare_on_a_dask_scheduler(dask_address: str, small_file: Path) -> None:
    args = ["compare", str(small_file), "--variant", "lean", "--time-limit", "10"]
    result = runner.invoke(app, [*args, "--executor", "dask", "--scheduler", dask_address])
    assert result.exit_code == 0, result.output
    assert "dask × 1" in result.output and "lean" in result.output


def test_compare_says_what_changed_each_answer(small_file: Path) -> None:
    result = runner.invoke(app, ["compare", str(small_file), *FAST, "--lang", "en"])
    assert result.exit_code == 0, result.output
    comparison_words = ("What changed the answer", "The route", "The same answer as the base")
    lines = [ln for ln in result.output.splitlines() if any(w in ln for w in comparison_words)]
    assert lines, result.output
