"""Report fixtures: solved results (each planned once per session) and a real chromium.

Browser tests drive Debian's chromium through Playwright (never ``playwright install``); when
/usr/bin/chromium is missing they are skipped with a visible reason, never passed silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planner.compile.instance import build_instance
from planner.model.problem import Problem, load_problem
from planner.result.plan_result import PlanResult, SolveParams
from planner.result.validate import validate
from planner.solve.plan import plan
from tests.planner.conftest import TINY

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "scenarios" / "discrete_manufacturer.yaml"
ARTIFACTS = ROOT / "test-artifacts" / "report"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PARAMS = SolveParams(time_limit=10, workers=2, seed=0, compare_routes=True)
HOSTILE = "<script>window.__pwned=1;document.title='pwned'</script>{{ 7*7 }}\"'&"


def solved(problem: Problem, params: SolveParams = PARAMS) -> PlanResult:
    """Plan, and check every roadmap with the solver-free validator."""
    result = plan(problem, params)
    if result.roadmap is not None:
        assert validate(result.roadmap, build_instance(problem)) == []
    return result


@pytest.fixture(scope="session")
def demo_result() -> PlanResult:
    return solved(load_problem(DEMO))


@pytest.fixture(scope="session")
def tiny_result() -> PlanResult:
    return solved(Problem.model_validate(TINY))


@pytest.fixture(scope="session")
def infeasible_result() -> PlanResult:
    """The tiny organisation with a total budget of 10,000 yuan: nothing can be done."""
    problem = Problem.model_validate(TINY).replace(budget={"total": 1})
    return solved(problem, PARAMS.model_copy(update={"compare_routes": False}))


@pytest.fixture(scope="session")
def invalid_result() -> PlanResult:
    data: dict[str, Any] = dict(TINY)
    data["organisation"] = {**data["organisation"], "industry": "no_such_industry"}
    return plan(Problem.model_validate(data), PARAMS)


def hostile_problem() -> Problem:
    """The tiny organisation with markup, quotes and template syntax in every user text."""
    data: dict[str, Any] = dict(TINY)
    org = dict(data["organisation"])
    units = [dict(u) for u in org["units"]]
    for i, unit in enumerate(units):
        unit["name"] = {"zh": f"{HOSTILE}单元{i}", "en": f"{HOSTILE}unit {i}"}
    org["units"] = units
    data["organisation"] = org
    data["name"] = f'<img src="http://127.0.0.1:9/x.png" onerror="window.__pwned=2">{HOSTILE}'
    data["description"] = {
        "zh": f"{HOSTILE}描述",
        "en": f"<style>body{{display:none}}</style>{HOSTILE}",
    }
    return Problem.model_validate(data)


@pytest.fixture(scope="session")
def hostile_result() -> PlanResult:
    return solved(hostile_problem())


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One chromium per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Screenshots and PDFs kept for people to look at (gitignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def comparison() -> Any:
    """A real what-if comparison and budget sweep of the tiny organisation (serial executor).

    The base's name and a variant's name and description carry markup to check escaping.
    """
    pytest.importorskip("planner.whatif.compare", reason="planner.whatif is not in this tree")
    from planner.whatif.compare import RunOptions, compare
    from planner.whatif.sweep import sweep
    from planner.whatif.variants import parse_scenario

    base = {**TINY, "name": f"tiny {HOSTILE}"}
    doc = {
        "base": base,
        "variants": [
            {
                "name": "slower",
                "description": {"zh": "工期延长50%", "en": "Everything takes 50% longer"},
                "set": {"overrides.multipliers.duration": 1.5},
            },
            {"name": "dearer", "set": {"overrides.multipliers.cost": 1.25}},
            {
                "name": "<b>broke</b>",
                "description": {"zh": f"{HOSTILE}没钱", "en": f"{HOSTILE}no money"},
                "set": {"budget.total": 1},
            },
        ],
    }
    scenario = parse_scenario(json.dumps(doc), "tiny-whatif.yaml")
    options = RunOptions(time_limit=5, executor="serial", workers=1, solver_workers=1)
    result = compare(scenario, options)
    swept = sweep(scenario.base, [20, 40, 60, 100], options)
    return result.model_copy(update={"sweep": swept})
