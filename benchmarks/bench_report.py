"""Benchmark: HTML report render time and file size, for the demo and a ~1,000-step roadmap.

The demo (scenarios/discrete_manufacturer.yaml) is planned with CP-SAT; the large roadmap is
built without a solver: a generated organisation of many units aiming for a Table 1 row over
the whole organisation, its largest route scheduled at the earliest start of every step
(``planner.result.roadmap.schedule``; no budget or staff limits are set) and checked by the
solver-free validator. Prints the median of a few renders and the per-step ratio large/demo.
Not a test: figures for the issue notes.

    .venv/bin/python benchmarks/bench_report.py [--units 8] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

import networkx as nx

from catalog.models.base import Lang
from planner.compile.instance import Instance, build_instance
from planner.model.problem import Problem, load_problem
from planner.report import render_roadmap
from planner.result.plan_result import PlanResult, SolveParams, SolveStatus
from planner.result.roadmap import schedule, trajectory
from planner.result.validate import validate
from planner.solve.plan import plan

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "scenarios" / "discrete_manufacturer.yaml"
SCENARIOS = ("rnd", "production", "user_service", "operations_management")
PERSPECTIVES = ("carrier", "process", "object", "subject", "driving_element")


def large_problem(per_cell: int) -> Problem:
    """Units in every (main scenario, perspective) cell, none built yet; target L3-T8."""
    units: list[dict[str, Any]] = []
    for scenario in SCENARIOS:
        for perspective in PERSPECTIVES:
            for k in range(per_cell):
                uid = f"{scenario}.{perspective}.{k}"
                units.append(
                    {
                        "id": uid,
                        "name": {"zh": f"{scenario}单元{perspective}{k}", "en": f"Unit {uid}"},
                        "perspective": perspective,
                        "main_scenario": scenario,
                    }
                )
    return Problem.model_validate(
        {
            "name": f"generated organisation ({len(units)} units)",
            "organisation": {
                "industry": "discrete_manufacturing",
                "use_library": False,
                "units": units,
            },
            "target": {"row": "L3-T8"},
            "time": {"start": "2027-01-01", "period": "month", "horizon": 240},
        }
    )


def earliest_start_result(instance: Instance) -> PlanResult:
    """The largest route, every step at its earliest start (no resource limits set)."""
    route = max(instance.routes, key=lambda r: (len(r.steps), r.id))
    graph = instance.graph.subgraph(route.steps)
    starts: dict[str, int] = {}
    for sid in nx.topological_sort(graph):
        preds = list(graph.predecessors(sid))
        starts[sid] = max((starts[p] + instance.steps[p].duration for p in preds), default=0)
    roadmap = schedule(instance, route, starts)
    assert validate(roadmap, instance) == []
    return PlanResult(
        status=SolveStatus.FEASIBLE,
        roadmap=roadmap,
        problem=instance.problem,
        current_tier=instance.current_tier,
        target_tier=instance.target_tier,
        objective={"target_period": roadmap.target_period, "total_cost": roadmap.total_cost},
        trajectory=tuple(trajectory(roadmap, instance)),
        spend_per_year=roadmap.spend_per_year(instance),
        spend_per_period=tuple(roadmap.spend_per_period(instance.horizon)),
        staff_per_period=tuple(roadmap.staff_per_period(instance.horizon)),
    )


def measure(result: PlanResult, lang: Lang, repeat: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        began = time.perf_counter()
        html = render_roadmap(result, lang)
        times.append(time.perf_counter() - began)
        size = len(html.encode("utf-8"))
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=3, help="units per scenario×perspective")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    demo = plan(load_problem(DEMO), SolveParams(time_limit=30, workers=2))
    began = time.perf_counter()
    large = earliest_start_result(build_instance(large_problem(args.units)))
    built = time.perf_counter() - began
    assert demo.roadmap is not None and large.roadmap is not None
    print(f"large roadmap built (no solver) in {built:.2f} s")
    print(f"{'report':28} {'steps':>6} {'lang':>4} {'render s':>9} {'KiB':>8} {'ms/step':>8}")
    per_step: dict[str, float] = {}
    reports = (("demo (discrete_manufacturer)", demo), ("generated, earliest start", large))
    for name, result in reports:
        assert result.roadmap is not None
        steps = len(result.roadmap.steps)
        for lang in ("zh", "en"):
            seconds, size = measure(result, lang, args.repeat)
            per_step[f"{name}/{lang}"] = seconds / steps
            print(
                f"{name:28} {steps:6d} {lang:>4} {seconds:9.3f} {size / 1024:8.1f} "
                f"{seconds / steps * 1000:8.2f}"
            )
    for lang in ("zh", "en"):
        ratio = (
            per_step[f"generated, earliest start/{lang}"]
            / per_step[f"demo (discrete_manufacturer)/{lang}"]
        )
        print(f"per-step render time, large / demo ({lang}): {ratio:.2f}")


if __name__ == "__main__":
    main()
