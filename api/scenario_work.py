"""What-if work (``planner.whatif``): checking requests, and the worker side of jobs.

A comparison or a sweep is one job: its solves run one after another inside the worker
(``planner.whatif``'s serial executor), each with the service's CP-SAT threads, so the pool
bounds the load whatever the number of variants.
"""

from __future__ import annotations

import json
from typing import Any

from catalog.errors import DataError
from catalog.yamlio import YamlDocument
from planner.model.problem import Problem
from planner.whatif.compare import RunOptions, compare
from planner.whatif.models import Comparison, RunInfo
from planner.whatif.pool import make_executor
from planner.whatif.scenario import Scenario
from planner.whatif.sweep import sweep
from planner.whatif.variants import scenario_from_document

SOURCE = "request body"


def scenario_document(data: dict[str, Any], yaml_text: bytes | None = None) -> YamlDocument:
    """The scenario as a document: from the YAML sent (errors then name its lines), or
    from the data (errors name the field paths)."""
    if yaml_text is not None:
        try:
            doc = YamlDocument(yaml_text.decode("utf-8"), SOURCE)
            if isinstance(doc.data, dict):
                return doc
        except (DataError, UnicodeDecodeError):
            pass
    doc = YamlDocument("null", SOURCE)
    doc.data = data
    doc.lines = {}
    return doc


def check_scenario(data: dict[str, Any], yaml_text: bytes | None = None) -> Scenario:
    """Derive and compile every variant; DataError names the variant entry at fault."""
    return scenario_from_document(scenario_document(data, yaml_text), None, check=True)


def run_options(data: dict[str, Any]) -> RunOptions:
    return RunOptions(
        time_limit=float(data["time_limit"]),
        seed=int(data["seed"]),
        solver_workers=int(data["solver_workers"]),
        executor="serial",
        workers=1,
    )


def run(kind: str, payload: str) -> str:
    """The worker side: a comparison or a sweep, as the JSON of a ``Comparison``."""
    data: dict[str, Any] = json.loads(payload)
    options = run_options(data["options"])
    executor = make_executor("serial")
    if kind == "comparison":
        scenario = check_scenario(data["scenario"])
        return compare(scenario, options, executor=executor).model_dump_json()
    if kind == "sweep":
        request = data["sweep"]
        problem = Problem.model_validate(request["problem"])
        result = sweep(
            problem,
            request["budgets"],
            options,
            caps=request["caps"],
            minimum=request["minimum"],
            tolerance=request["tolerance"],
            tiers=request["tiers"],
            tier_budget="problem" if request.get("tier_budget") is None else request["tier_budget"],
            executor=executor,
        )
        info = RunInfo(
            executor="serial",
            workers=1,
            time_limit=options.time_limit,
            seed=options.seed,
            solver_workers=options.solver_workers,
        )
        comparison = Comparison(
            problem_name=problem.name, sweep=result, partial=result.partial, run=info
        )
        return comparison.model_dump_json()
    raise ValueError(f"unknown job kind {kind!r}")


def load_comparison(text: str) -> Comparison:
    return Comparison.model_validate_json(text)
