"""Benchmark: budget sweeps of every bundled scenario never leave a grid point undecided.

For each scenario in scenarios/*.yaml a grid of total budgets from 0.4 to 1.2 × its own (caps
scaled with it), grid points only, one CP-SAT worker per solve on a local pool of 2 (as
``capplan sweep`` does). Prints each point's status and the count of points with "no solution
within the time limit" (the target: none). Not a test; the machine may be shared.

    .venv/bin/python benchmarks/bench_sweep_grid.py [--time-limit 10] [--only discrete]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from planner.model.problem import load_problem
from planner.result.plan_result import SolveStatus
from planner.whatif.compare import RunOptions
from planner.whatif.sweep import sweep

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
FACTORS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    options = RunOptions(time_limit=args.time_limit, seed=0, solver_workers=1, workers=2)
    undecided = total = 0
    for path in sorted(SCENARIOS.glob("*.yaml")):
        if args.only not in path.stem:
            continue
        problem = load_problem(path)
        base = problem.budget.total or 1000.0
        budgets = [round(base * f, 2) for f in FACTORS]
        began = time.perf_counter()
        result = sweep(problem, budgets, options, minimum=False, tiers=False)
        wall = time.perf_counter() - began
        statuses = [p.status for p in result.points]
        open_ = sum(s == SolveStatus.NO_SOLUTION for s in statuses)
        undecided += open_
        total += len(statuses)
        short = " ".join(f"{p.budget:g}:{p.status.value[:4]}" for p in result.points)
        print(f"{path.stem:24} {wall:6.1f}s undecided {open_}  {short}", flush=True)
    print(f"grid points with no solution within the time limit: {undecided}/{total}")


if __name__ == "__main__":
    main()
