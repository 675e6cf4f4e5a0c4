"""Benchmark: Monte Carlo risk runs per second, in process, on 2 local workers and on Dask.

Plans a bundled organisation once (CP-SAT), then analyses the risk of its roadmap with the same
runs and seed in this process (serial), on a local pool of 2 worker processes and on a Dask
LocalCluster of 2 worker processes (loopback; start-up included, as ``capplan risk --executor
dask`` does). Prints runs per second, the speed-up over serial, and checks that every executor
gave the same result. Not a test: figures for the issue notes.

    .venv/bin/python benchmarks/bench_risk.py [--scenario discrete_manufacturer] [--runs 500]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from planner.compile.instance import build_instance
from planner.model.problem import load_problem
from planner.result.plan_result import SolveParams
from planner.risk import RiskOptions, RiskResult, analyse
from planner.solve.plan import plan
from planner.whatif.pool import DaskExecutor, LocalExecutor, Pool, SerialExecutor

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", default="discrete_manufacturer")
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()
    problem = load_problem(SCENARIOS / f"{args.scenario}.yaml")
    result = plan(problem, SolveParams(time_limit=30, workers=2, seed=0, compare_routes=False))
    assert result.roadmap is not None, result.status
    instance = build_instance(problem)
    options = RiskOptions(runs=args.runs, seed=0)
    print(
        f"risk of {args.scenario}: {args.runs} runs, {len(result.roadmap.steps)} steps, "
        f"route {result.roadmap.route}"
    )
    makers: list[tuple[str, Callable[[], Pool]]] = [
        ("serial (this process)", SerialExecutor),
        ("local pool, 2 workers", lambda: LocalExecutor(2)),
        ("dask LocalCluster, 2 workers", lambda: DaskExecutor(None, 2)),
    ]
    results: list[RiskResult] = []
    base = 0.0
    for name, make in makers:
        began = time.perf_counter()
        executor = make()
        try:
            results.append(analyse(instance, result.roadmap, options, executor))
        finally:
            executor.shutdown()
        wall = time.perf_counter() - began
        base = base or wall
        print(
            f"  {name:30s} {wall:7.2f}s  {args.runs / wall:7.1f} runs/s  "
            f"speed-up × {base / wall:.2f}"
        )
    same = all(r == results[0] for r in results)
    r = results[0]
    print(f"  identical on every executor: {same}")
    print(
        f"  target P50 {r.target.p50}  P80 {r.target.p80}  P90 {r.target.p90}  "
        f"(planned {r.planned_date}); cost P50 {r.cost.p50:,.0f}  P80 {r.cost.p80:,.0f} 万元"
    )
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
