"""Identical risk on every executor; the command line and the report in both languages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from catalog.models.base import Lang
from planner.cli import app
from planner.compile.instance import Instance
from planner.report import render_roadmap
from planner.result.roadmap import Roadmap
from planner.risk import RiskOptions, analyse
from planner.solve.plan import plan
from planner.whatif.pool import DaskExecutor, LocalExecutor, SerialExecutor
from tests.risk.conftest import PARAMS, planned, problem_of, serial_pair

OPTIONS = RiskOptions(runs=80, seed=3, chunk=10)


@pytest.fixture(scope="module")
def case() -> tuple[Instance, Roadmap]:
    return planned(serial_pair())


@pytest.fixture(scope="module")
def dask_address() -> Iterator[str]:
    import importlib

    distributed: Any = importlib.import_module("distributed")
    cluster: Any = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
        host="127.0.0.1", scheduler_port=0, dashboard_address=None,
    )  # fmt: skip
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


def ticks_into(ticks: list[tuple[int, int]]) -> Any:
    return lambda done, total: ticks.append((done, total))


def test_identical_on_every_executor(case: tuple[Instance, Roadmap], dask_address: str) -> None:
    instance, roadmap = case
    serial = analyse(instance, roadmap, OPTIONS, SerialExecutor())
    results = [serial]
    for executor in (LocalExecutor(2), DaskExecutor(dask_address)):
        ticks: list[tuple[int, int]] = []
        try:
            results.append(analyse(instance, roadmap, OPTIONS, executor, ticks_into(ticks)))
        finally:
            executor.shutdown()
        assert ticks[-1] == (80, 80) and len(ticks) == 8  # one tick per chunk of 10
    assert results[0] == results[1] == results[2]


def test_risk_command_writes_json_with_named_quantiles(tmp_path: Path) -> None:
    problem = tmp_path / "p.yaml"
    problem.write_text(json.dumps(serial_pair().model_dump(mode="json")), encoding="utf-8")
    out = tmp_path / "risk.json"
    args = ["risk", str(problem), "--runs", "40", "--executor", "serial", "--json", str(out)]
    result = CliRunner().invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "P80" in result.output and "Probability of reaching the target" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["runs"] == 40 and set(data["target"]) >= {"p50", "p80", "p90"}
    zh = CliRunner().invoke(app, [*args, "--lang", "zh"])
    assert "在规划期内达到目标的概率" in zh.output


def test_risk_command_bad_input_names_the_field(tmp_path: Path) -> None:
    problem = tmp_path / "p.yaml"
    problem.write_text(
        "time: {start: 2027-01-01, horizon: 12}\n"
        "extra_steps:\n  - {id: a, duration: 3, range: {duration: {low: 5, high: 9}}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["risk", str(problem), "--executor", "serial"])
    assert result.exit_code == 2
    assert "extra_steps" in result.output and "Traceback" not in result.output


def test_plan_with_risk_and_report(tmp_path: Path) -> None:
    problem = tmp_path / "p.yaml"
    problem.write_text(json.dumps(serial_pair().model_dump(mode="json")), encoding="utf-8")
    out, html = tmp_path / "plan.json", tmp_path / "plan.html"
    args = ["plan", str(problem), "--risk", "--risk-runs", "30", "--json", str(out)]
    result = CliRunner().invoke(app, [*args, "--html", str(html), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["risk"]["runs"] == 30
    page = html.read_text(encoding="utf-8")
    assert 'id="risk"' in page and 'class="s-curve"' in page and "P80" in page


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", ("进度与费用风险", "关键性指数")), ("en", ("Schedule and cost risk", "Criticality"))],
)
def test_report_risk_section_in_each_language(lang: Lang, words: tuple[str, ...]) -> None:
    problem = problem_of(
        {
            "budget": {"total": 180, "yearly_caps": {2027: 170}},
            "extra_steps": serial_pair().model_dump(mode="json")["extra_steps"],
        }
    )
    result = plan(problem, PARAMS)
    assert result.roadmap is not None
    instance, roadmap = planned(problem)
    risk = analyse(instance, roadmap, RiskOptions(runs=50))
    page = render_roadmap(result, lang, risk=risk)
    for word in words:
        assert word in page
    assert page.count('class="quantile"') >= 2  # P50 and P80 on the S-curve at least
    assert page.count('class="risk-marker"') == 2  # P50 and P80 on the tier trajectory
    assert 'id="risk-p-horizon"' in page


def test_compare_shows_p80_per_variant(tmp_path: Path) -> None:
    base = serial_pair().model_dump(mode="json")
    scenario = {
        "base": base,
        "variants": [
            {"name": "capped", "set": {"budget.yearly_caps": {"2027": 150}}},
        ],
    }
    file = tmp_path / "s.json"
    file.write_text(json.dumps(scenario), encoding="utf-8")
    out, html = tmp_path / "c.json", tmp_path / "c.html"
    args = ["compare", str(file), "--executor", "serial", "--time-limit", "5"]
    result = CliRunner().invoke(
        app, [*args, "--risk-runs", "40", "--json", str(out), "--html", str(html), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "Schedule and cost risk per variant" in result.output
    risk = json.loads(out.read_text(encoding="utf-8"))["risk"]
    assert set(risk) == {"base", "capped"} and risk["base"]["runs"] == 40
    page = html.read_text(encoding="utf-8")
    assert 'id="variant-risk"' in page and "P80 date" in page
