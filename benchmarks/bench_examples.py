"""Benchmark: every bundled example with CP-SAT (2 workers) and with the greedy baseline.

Prints, per example: status, time to target (periods), cost (万元), gap, solve time, and the
greedy serial schedule-generation baseline's figures on the same problem, with ratios from
the same run. Not a test: figures for the issue notes.

    .venv/bin/python benchmarks/bench_examples.py [--time-limit 30]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from planner.compile.instance import build_instance
from planner.model.money import MONEY_SCALE
from planner.model.problem import load_problem
from planner.result.plan_result import SolveParams
from planner.result.validate import validate
from planner.solve.baseline import greedy_plan
from planner.solve.plan import plan_instance

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--time-limit", type=float, default=30.0)
    args = parser.parse_args()
    params = SolveParams(time_limit=args.time_limit, workers=2, compare_routes=False)
    print(
        f"{'example':24} {'status':8} {'T':>4} {'cost':>9} {'gap':>5} {'solve s':>7} | "
        f"{'greedy T':>8} {'greedy cost':>11} {'greedy s':>8} | {'T ratio':>7} {'cost ratio':>10}"
    )
    for path in sorted(SCENARIOS.glob("*.yaml")):
        if path.name.endswith(".whatif.yaml"):
            continue
        instance = build_instance(load_problem(path))
        began = time.perf_counter()
        result = plan_instance(instance, params)
        solve_s = time.perf_counter() - began
        began = time.perf_counter()
        greedy = greedy_plan(instance)
        greedy_s = time.perf_counter() - began
        roadmap = result.roadmap
        assert roadmap is None or validate(roadmap, instance) == []
        assert greedy is None or validate(greedy, instance) == []
        t = roadmap.target_period if roadmap else None
        c = roadmap.total_cost if roadmap else None
        gt = greedy.target_period if greedy else None
        gc = greedy.total_cost if greedy else None
        t_ratio = f"{t / gt:.2f}" if t and gt else "–"
        c_ratio = f"{c / gc:.2f}" if c and gc else "–"
        print(
            f"{path.stem:24} {result.status.value[:8]:8} {t!s:>4} "
            f"{(c or 0) / MONEY_SCALE:9.1f} {result.gap or 0:5.2f} {solve_s:7.2f} | "
            f"{gt!s:>8} {(gc or 0) / MONEY_SCALE:11.1f} {greedy_s:8.3f} | {t_ratio:>7} {c_ratio:>10}"
        )


if __name__ == "__main__":
    main()
