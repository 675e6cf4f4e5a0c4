"""Benchmark: every bundled scenario with its budget and yearly caps scaled, and staff halved.

For each scenario in scenarios/*.yaml: budget and yearly caps × 1.0, 0.8, 0.7, 0.6, 0.5 and
0.4, and the scenario with its staff halved; each case planned with ``plan`` (15 s, 2 workers,
routes not compared). Prints status, wall time and whether the answer is definite (proven
optimal, or proven infeasible), then the count of definite answers. Not a test: figures for
the issue notes; the machine it runs on may be shared and noisy.

    .venv/bin/python benchmarks/bench_scaled.py [--time-limit 15] [--only discrete] [--cases 0.6,staff]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from planner.model.problem import Problem, load_problem
from planner.result.plan_result import SolveParams, SolveStatus
from planner.result.validate import validate
from planner.solve.plan import plan

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
FACTORS = (1.0, 0.8, 0.7, 0.6, 0.5, 0.4)
DEFINITE = (SolveStatus.OPTIMAL, SolveStatus.INFEASIBLE)


def scaled(problem: Problem, factor: float) -> Problem:
    """Budget and every yearly cap × factor."""
    budget = problem.budget
    total = None if budget.total is None else round(budget.total * factor, 4)
    caps = {year: round(cap * factor, 4) for year, cap in budget.yearly_caps.items()}
    return problem.replace(budget={"total": total, "yearly_caps": caps})


def staff_halved(problem: Problem) -> Problem:
    """Staff capacity and each of its changes halved (rounded down, at least 1)."""
    staff = problem.staff
    if staff is None:
        return problem
    changes = [
        {"from_period": c.from_period, "capacity": max(1, c.capacity // 2)} for c in staff.changes
    ]
    return problem.replace(staff={"capacity": max(1, staff.capacity // 2), "changes": changes})


def caps_scaled(problem: Problem, factor: float) -> Problem:
    """Only the yearly caps × factor (the total budget as it is)."""
    caps = {year: round(cap * factor, 4) for year, cap in problem.budget.yearly_caps.items()}
    return problem.replace(budget={"total": problem.budget.total, "yearly_caps": caps})


def cases(problem: Problem, wanted: set[str] | None, caps_only: bool) -> list[tuple[str, Problem]]:
    out = [(f"× {f}", scaled(problem, f)) for f in FACTORS]
    out.append(("staff / 2", staff_halved(problem)))
    if caps_only:
        out += [(f"caps × {f}", caps_scaled(problem, f)) for f in (0.9, *FACTORS[1:])]
    if wanted is None:
        return out
    return [
        (name, p)
        for name, p in out
        if name.removeprefix("× ") in wanted or (name == "staff / 2" and "staff" in wanted)
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--time-limit", type=float, default=15.0)
    parser.add_argument("--only", default="", help="scenario names containing this text")
    parser.add_argument("--cases", default="", help="e.g. 0.6,0.4,staff (default: all)")
    parser.add_argument(
        "--caps-only", action="store_true", help="also the yearly caps alone × 0.9 … 0.4"
    )
    args = parser.parse_args()
    wanted = set(args.cases.split(",")) if args.cases else None
    params = SolveParams(time_limit=args.time_limit, workers=2, compare_routes=False)
    print(f"{'scenario':24} {'case':11} {'status':30} {'wall s':>7} {'runtime':>7} definite")
    definite = total = 0
    for path in sorted(SCENARIOS.glob("*.yaml")):
        if args.only not in path.stem:
            continue
        for name, problem in cases(load_problem(path), wanted, args.caps_only):
            began = time.perf_counter()
            result = plan(problem, params)
            wall = time.perf_counter() - began
            ok = result.status in DEFINITE
            if result.roadmap is not None:
                from planner.compile.instance import build_instance

                assert not validate(result.roadmap, build_instance(problem)), path
            definite += ok
            total += 1
            print(
                f"{path.stem:24} {name:11} {result.status.value:30} {wall:7.2f} "
                f"{result.runtime:7.2f} {'yes' if ok else 'NO'}",
                flush=True,
            )
    print(f"definite answers: {definite}/{total}")


if __name__ == "__main__":
    main()
