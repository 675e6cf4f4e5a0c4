"""Compile once: plan(), the report and the rest share the Instance of a problem."""

from __future__ import annotations

import pytest

from catalog.errors import DataError
from planner.compile import compiled
from planner.compile.compiled import compile_problem, compiles
from planner.model.problem import Problem
from planner.report import render_roadmap
from planner.result.plan_result import SolveParams
from planner.solve.plan import plan
from tests.planner.conftest import make


def test_the_same_problem_compiles_once_and_an_edited_one_afresh() -> None:
    problem = make(name="compile-once")
    before = compiles()
    first = compile_problem(problem)
    again = compile_problem(Problem.model_validate(problem.model_dump(mode="json")))
    assert again is first and compiles() == before + 1
    edited = problem.model_copy(update={"name": "compile-once, edited"})
    assert compile_problem(edited) is not first and compiles() == before + 2


def test_plan_and_its_report_compile_the_problem_once() -> None:
    problem = make(name="plan-and-report")
    before = compiles()
    result = plan(problem, SolveParams(time_limit=10, workers=1))
    assert result.roadmap is not None
    render_roadmap(result, "zh")
    render_roadmap(result, "en")
    assert compiles() == before + 1


def test_a_problem_that_does_not_compile_raises_every_time_and_is_not_kept() -> None:
    bad = make(name="bad", organisation={"industry": "no_such_industry"})
    for _ in range(2):
        with pytest.raises(DataError):
            compile_problem(bad)
    assert all(i.problem.name != "bad" for i in compiled._kept.values())


def test_only_the_last_few_instances_are_kept() -> None:
    for k in range(compiled.KEEP + 3):
        compile_problem(make(name=f"kept-{k}"))
    assert len(compiled._kept) == compiled.KEEP
    names = {i.problem.name for i in compiled._kept.values()}
    assert "kept-0" not in names and f"kept-{compiled.KEEP + 2}" in names


def test_plan_its_exports_and_its_risk_compile_the_problem_once() -> None:
    """One request's worth of work in one process: plan, the report, the Excel and MS Project
    exports and a serial risk analysis share one Instance."""
    from planner.deliver.export import export
    from planner.risk.engine import RiskOptions, analyse

    problem = make(name="plan-export-risk")
    before = compiles()
    result = plan(problem, SolveParams(time_limit=10, workers=1))
    assert result.roadmap is not None
    render_roadmap(result, "en")
    assert export(result, "mspdi")[:5] == b"<?xml"
    instance = compile_problem(problem)
    risk = analyse(instance, result.roadmap, RiskOptions(runs=20, chunk=10))
    assert risk.runs == 20
    assert compiles() == before + 1
