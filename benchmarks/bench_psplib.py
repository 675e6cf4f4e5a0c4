"""Benchmark: PSPLIB j30 through capplan versus a plain CP-SAT interval/cumulative model.

Every instance in ../shared/benchmarks/psplib/j30 is converted into a capplan problem of
user-defined steps and resources (planner.psplib) and planned with ``plan``; the makespan is
compared with the proven optimum, and the solve time with a plain CP-SAT model built here,
both with 2 workers, in the same run.

    .venv/bin/python benchmarks/bench_psplib.py [--limit N] [--time-limit S]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from ortools.sat.python import cp_model

from planner.instance import build_instance
from planner.plan import plan
from planner.psplib import RcpspInstance, read_sm, to_problem
from planner.result import SolveParams
from planner.validate import validate

DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "psplib"


def plain_cpsat(inst: RcpspInstance, seconds: float) -> tuple[int, float]:
    m = cp_model.CpModel()
    h = sum(inst.durations.values())
    starts, ends, intervals = {}, {}, {}
    for job, d in inst.durations.items():
        starts[job] = m.new_int_var(0, h, f"s{job}")
        ends[job] = m.new_int_var(0, h, f"e{job}")
        intervals[job] = m.new_interval_var(starts[job], d, ends[job], f"i{job}")
    for job, succ in inst.successors.items():
        for nxt in succ:
            m.add(ends[job] <= starts[nxt])
    for r, cap in enumerate(inst.capacities):
        jobs = [j for j in inst.durations if inst.demands[j][r]]
        m.add_cumulative([intervals[j] for j in jobs], [inst.demands[j][r] for j in jobs], cap)
    makespan = m.new_int_var(0, h, "makespan")
    m.add_max_equality(makespan, list(ends.values()))
    m.minimize(makespan)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = seconds
    began = time.perf_counter()
    solver.solve(m)
    return int(solver.value(makespan)), time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="only the first N instances")
    parser.add_argument("--time-limit", type=float, default=20.0)
    args = parser.parse_args()
    optimum = {}
    for line in (DATA / "j30_optimum.csv").read_text().splitlines()[1:]:
        name, value = line.split(",")
        optimum[name] = int(value)
    files = sorted((DATA / "j30").glob("*.sm"))
    if args.limit:
        files = files[: args.limit]
    at_optimum, ratios, ours, plains, violations = 0, [], [], [], 0
    fast_ratios, fasts, fast_at_optimum = [], [], 0
    for path in files:
        inst = read_sm(path)
        problem = to_problem(inst)
        began = time.perf_counter()
        result = plan(
            problem, SolveParams(time_limit=args.time_limit, workers=2, compare_routes=False)
        )
        our_s = time.perf_counter() - began
        assert result.roadmap is not None, (path.name, result.status, result.errors)
        violations += len(validate(result.roadmap, build_instance(problem)))
        began = time.perf_counter()
        fast = plan(
            problem,
            SolveParams(
                time_limit=args.time_limit, workers=2, compare_routes=False, deterministic=False
            ),
        )
        fast_s = time.perf_counter() - began
        fast_at_optimum += fast.objective.target_period == optimum[path.name]
        plain_value, plain_s = plain_cpsat(inst, args.time_limit)
        fasts.append(fast_s)
        fast_ratios.append(fast_s / max(plain_s, 1e-3))
        ok = result.objective.target_period == optimum[path.name]
        at_optimum += ok
        ours.append(our_s)
        plains.append(plain_s)
        ratios.append(our_s / max(plain_s, 1e-3))
        if not ok:
            print(
                f"{path.name}: capplan {result.objective.target_period}, plain {plain_value}, optimum {optimum[path.name]}"
            )
    print(
        f"instances: {len(files)}, at the known optimum: {at_optimum}, validator violations: {violations}"
    )
    print(
        f"median solve time: capplan {statistics.median(ours):.3f}s, plain CP-SAT {statistics.median(plains):.3f}s"
    )
    print(
        f"median per-instance time ratio capplan/plain: {statistics.median(ratios):.2f}; "
        f"ratio of medians: {statistics.median(ours) / statistics.median(plains):.2f}"
    )
    print(
        f"with deterministic=False: at the known optimum {fast_at_optimum}, "
        f"median {statistics.median(fasts):.3f}s, "
        f"median per-instance ratio {statistics.median(fast_ratios):.2f}"
    )


if __name__ == "__main__":
    main()
