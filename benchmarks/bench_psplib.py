"""Benchmark: PSPLIB j30 / j60 through capplan versus a plain CP-SAT interval/cumulative model.

Every instance in ../shared/benchmarks/psplib/j30 (or j60) is converted into a capplan problem
of user-defined steps and resources (planner.model.psplib) and planned with ``plan``; the makespan is
compared with the proven optimum (j30) or the best-known makespan (j60, ``j60_bks.csv``), and
with a plain CP-SAT model built here, both with 2 workers, in the same run: how many reach it,
and the mean gap to it.

    .venv/bin/python benchmarks/bench_psplib.py [--set j30|j60] [--limit N] [--every K]
        [--part I/N] [--time-limit S] [--skip-fast]

The full j60 set at 10 s takes about ten minutes on a loaded 2-core machine; run it in four
interleaved parts of about 2.5 minutes each (every part is stratified over the parameter
groups, and its plain CP-SAT figures are measured in the same run):

    for i in 0 1 2 3; do .venv/bin/python benchmarks/bench_psplib.py --set j60 \
        --time-limit 10 --skip-fast --part $i/4; done
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from ortools.sat.python import cp_model

from planner.compile.instance import build_instance
from planner.model.psplib import RcpspInstance, read_sm, to_problem
from planner.result.plan_result import SolveParams
from planner.result.validate import validate
from planner.solve.plan import plan

# ../shared next to the checkout (one level further up from a worktree under wt/)
DATA = next(
    (
        p / "shared" / "benchmarks" / "psplib"
        for p in Path(__file__).resolve().parents[1:4]
        if (p / "shared" / "benchmarks" / "psplib").is_dir()
    ),
    Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "psplib",
)


def plain_cpsat(inst: RcpspInstance, seconds: float) -> tuple[int, float, float]:
    """The plain model's makespan, its build + solve time, and its solve time alone."""
    built = time.perf_counter()
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
    done = time.perf_counter()
    return int(solver.value(makespan)), done - built, done - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="only the first N instances")
    parser.add_argument("--time-limit", type=float, default=20.0)
    parser.add_argument("--set", default="j30", choices=("j30", "j60"))
    parser.add_argument("--every", type=int, default=1, help="every K-th instance only")
    parser.add_argument("--skip-fast", action="store_true", help="skip the deterministic=False run")
    parser.add_argument("--part", default="0/1", help="I/N: the I-th of N interleaved parts")
    args = parser.parse_args()
    optimum = {}
    reference = "j30_optimum.csv" if args.set == "j30" else "j60_bks.csv"
    for line in (DATA / reference).read_text().splitlines()[1:]:
        name, *values = line.split(",")
        optimum[name] = int(values[-1])  # j30: the optimum; j60: the best-known makespan
    part, parts = (int(x) for x in args.part.split("/"))
    files = sorted((DATA / args.set).glob("*.sm"))[part::parts][:: args.every]
    if args.limit:
        files = files[: args.limit]
    rows: list[Row] = []
    violations = 0
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
        fast = result
        if not args.skip_fast:
            fast = plan(
                problem,
                SolveParams(
                    time_limit=args.time_limit,
                    workers=2,
                    compare_routes=False,
                    deterministic=False,
                ),
            )
        fast_s = time.perf_counter() - began if not args.skip_fast else our_s
        plain_value, plain_total, plain_solve = plain_cpsat(inst, args.time_limit)
        row = Row(
            name=path.name,
            optimum=optimum[path.name],
            ours=result.objective.target_period,
            fast=fast.objective.target_period,
            plain=plain_value,
            our_wall=our_s,
            our_runtime=result.runtime,
            fast_wall=fast_s,
            plain_total=plain_total,
            plain_solve=plain_solve,
        )
        rows.append(row)
        if row.ours != row.optimum or row.plain != row.optimum:
            print(
                f"{path.name}: capplan {row.ours}, plain {plain_value}, reference {row.optimum}",
                flush=True,
            )
    report(rows, violations)


@dataclass(frozen=True)
class Row:
    name: str
    optimum: int
    ours: int | None
    fast: int | None
    plain: int
    our_wall: float  # plan(): instance, greedy baseline, model, stages, validation, trajectory
    our_runtime: float  # PlanResult.runtime: model building and solving
    fast_wall: float  # plan() with deterministic=False
    plain_total: float  # plain model: build + solve
    plain_solve: float  # plain model: solve only


def report(rows: list[Row], violations: int) -> None:
    def med(values: list[float]) -> float:
        return statistics.median(values)

    def ratio(ours: list[float], plain: list[float]) -> float:
        return med([a / max(b, 1e-3) for a, b in zip(ours, plain, strict=True)])

    def gap(value: int | None, ref: int) -> float:
        return (value - ref) / ref if value is not None else 1.0

    n = len(rows)
    print(
        f"instances: {n}, capplan at the reference: {sum(r.ours == r.optimum for r in rows)}, "
        f"plain CP-SAT at the reference: {sum(r.plain == r.optimum for r in rows)}, "
        f"validator violations: {violations}"
    )
    print(
        f"mean gap to the reference: capplan "
        f"{statistics.mean(gap(r.ours, r.optimum) for r in rows):.2%}, plain CP-SAT "
        f"{statistics.mean(gap(r.plain, r.optimum) for r in rows):.2%}"
    )
    wall = [r.our_wall for r in rows]
    print(
        f"median time: capplan plan() {med(wall):.3f}s (solver side {med([r.our_runtime for r in rows]):.3f}s), "
        f"plain CP-SAT build+solve {med([r.plain_total for r in rows]):.3f}s "
        f"(solve only {med([r.plain_solve for r in rows]):.3f}s)"
    )
    print(
        "median per-instance ratio, deterministic (default): "
        f"plan() / plain build+solve {ratio(wall, [r.plain_total for r in rows]):.2f}; "
        f"solver side / plain solve {ratio([r.our_runtime for r in rows], [r.plain_solve for r in rows]):.2f}"
    )
    print(
        f"with deterministic=False: at the known optimum {sum(r.fast == r.optimum for r in rows)}, "
        f"plan() / plain build+solve {ratio([r.fast_wall for r in rows], [r.plain_total for r in rows]):.2f}"
    )
    print(f"total wall: capplan {sum(wall):.1f}s, plain {sum(r.plain_total for r in rows):.1f}s")


if __name__ == "__main__":
    main()
