"""Benchmark: a 20-point budget sweep on a bundled organisation, on each executor.

Wall time of the same sweep (grid only: no minimum-budget search, no per-tier solves) with a
local process pool of 1 and of 2 workers and with a Dask LocalCluster of 2 worker processes
(started on loopback, start-up included, as ``capplan sweep --executor dask`` does). Prints
the figures, the ratios against the 1-worker pool, and checks that every executor gave the
same answer. Not a test: figures for the issue notes.

    .venv/bin/python benchmarks/bench_sweep.py [--scenario discrete_manufacturer]
        [--budgets 800:2700:100] [--time-limit 10]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from planner.model.problem import load_problem
from planner.whatif.budgets import parse_budgets
from planner.whatif.compare import RunOptions
from planner.whatif.models import Sweep
from planner.whatif.pool import DaskExecutor, LocalExecutor, Pool
from planner.whatif.sweep import sweep

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def run(make: Callable[[], Pool], args: argparse.Namespace) -> tuple[float, Sweep, str]:
    problem = load_problem(SCENARIOS / f"{args.scenario}.yaml")
    options = RunOptions(time_limit=args.time_limit, seed=0, solver_workers=1)
    began = time.perf_counter()
    executor = make()
    try:
        result = sweep(
            problem,
            parse_budgets(args.budgets),
            options,
            minimum=False,
            tiers=False,
            executor=executor,
        )
    finally:
        executor.shutdown()
    return time.perf_counter() - began, result, f"{executor.name} × {executor.workers}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", default="discrete_manufacturer")
    parser.add_argument("--budgets", default="800:2700:100")
    parser.add_argument("--time-limit", type=float, default=10.0)
    args = parser.parse_args()
    runs: list[tuple[str, Callable[[], Pool]]] = [
        ("local pool, 1 worker", lambda: LocalExecutor(1)),
        ("local pool, 2 workers", lambda: LocalExecutor(2)),
        ("dask LocalCluster, 2 workers", lambda: DaskExecutor(None, 2)),
    ]
    print(f"sweep of {args.scenario}: budgets {args.budgets} 万元, {args.time_limit:g}s per solve")
    print(
        f"{'executor':30} {'points':>6} {'reach':>5} {'wall s':>7} {'solve s':>7} {'speed-up':>8}"
    )
    baseline: float | None = None
    answers = []
    for title, make in runs:
        wall, result, _ = run(make, args)
        solve = sum(p.runtime for p in result.points)
        baseline = baseline or wall
        reach = sum(1 for p in result.points if p.reaches)
        print(
            f"{title:30} {len(result.points):6d} {reach:5d} {wall:7.2f} {solve:7.2f} "
            f"{baseline / wall:8.2f}"
        )
        answers.append(result.comparable())
    frontier = [p for p in result.points if p.reaches and not p.dominated]
    print(
        "efficient frontier (万元 → periods): "
        + ", ".join(f"{p.budget:g} → {p.reached_period}" for p in frontier)
    )
    same = all(a == answers[0] for a in answers)
    print("same answer on every executor:", same)
    if not same:  # only when a solve hit its time limit on one executor (a loaded machine)
        for i, point in enumerate(answers[0]["points"]):
            others = [a["points"][i] for a in answers[1:]]
            if any(o != point for o in others):
                statuses = [point["status"], *(o["status"] for o in others)]
                print(f"  differs at {point['budget']:g} 万元: statuses {statuses}")


if __name__ == "__main__":
    main()
