"""Worker functions run in the process pool or on Dask workers: JSON in, JSON out.

They are plain module-level functions (picklable by reference) and import nothing from the
service itself: a Dask worker needs only the capplan package.
"""

from __future__ import annotations

import json
import os
from typing import Any

from planner.model.problem import Problem
from planner.result.plan_result import SolveParams
from planner.solve.plan import plan


def solve_roadmap(payload: str) -> str:
    """``{"problem": {...}, "params": {...}}`` → the PlanResult as JSON."""
    data: dict[str, Any] = json.loads(payload)
    problem = Problem.model_validate(data["problem"])
    params = SolveParams.model_validate(data.get("params") or {})
    return plan(problem, params).model_dump_json()


def analyse_risk(payload: str) -> str:
    """``{"result": <stored PlanResult JSON>, "runs", "seed", "distribution"}`` → the
    RiskResult as JSON (``GET /roadmaps/{id}/risk``; the same answer as in the service)."""
    from planner.compile.compiled import compile_problem
    from planner.result.plan_result import PlanResult
    from planner.risk import RiskOptions, analyse

    data: dict[str, Any] = json.loads(payload)
    result = PlanResult.model_validate_json(data["result"])
    assert result.roadmap is not None and result.problem is not None  # checked by the route
    options = RiskOptions(runs=data["runs"], seed=data["seed"], distribution=data["distribution"])
    return analyse(compile_problem(result.problem), result.roadmap, options).model_dump_json()


def run_job(kind: str, payload: str) -> dict[str, str]:
    """Run one job; the payload and ``result`` are JSON text, with the versions that ran it."""
    if kind == "roadmap":
        result = solve_roadmap(payload)
    else:
        from api import scenario_work

        result = scenario_work.run(kind, payload)
    return {"result": result, **versions()}


def versions() -> dict[str, str]:
    """The versions of this worker (a Dask worker may differ from the service)."""
    from api.versions import capplan_version, catalog_version, solver_version

    return {
        "capplan_version": capplan_version(),
        "solver_version": solver_version(),
        "catalog_version": catalog_version(),
    }


def warm_up() -> int:
    """Import the planner and load the catalogue once, so the first real solve starts fast."""
    from catalog import load_catalog
    from planner.solve import cpsat  # noqa: F401  (imports the solver)

    load_catalog()
    return os.getpid()
