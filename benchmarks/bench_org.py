"""Benchmark: generated organisations of 30, 100 and 300 units (orggen.py) at real scale.

Each organisation: four main scenarios, prerequisites on foundation units, mixed current
states, and a total budget, yearly caps and staff that bind (set from the cheapest route).
CP-SAT (``plan``, 2 workers, routes not compared) and the greedy baseline solve the same
problem in the same run; the table gives, side by side, the time to target (periods), the
cost (万元), status, bound and gap, and the wall time of each. Targets of the issue: 30 units
proven optimal within 20 s, 100 units a gap ≤ 5% within 60 s, 300 units feasible with a bound
within 60 s, and never worse than the greedy baseline. Not a test: the machine may be shared.

    .venv/bin/python benchmarks/bench_org.py [--sizes 30,100,300] [--limits 20,60,60] [--target 6]
        [--horizon 48] [--no-symmetry]
"""

from __future__ import annotations

import argparse
import time

from orggen import generated_problem, with_binding_limits

from planner.compile.instance import build_instance
from planner.model.money import MONEY_SCALE
from planner.result.plan_result import SolveParams
from planner.result.validate import validate
from planner.solve.baseline import greedy_plan, rank
from planner.solve.plan import plan_instance


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="30,100,300")
    parser.add_argument("--limits", default="20,60,60", help="seconds per size")
    parser.add_argument("--target", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--horizon",
        type=int,
        default=48,
        help="months (48: the order rules of maturity_reading.yaml lengthen the chains)",
    )
    parser.add_argument(
        "--no-symmetry", action="store_true", help="without breaking symmetry between units"
    )
    args = parser.parse_args()
    if args.no_symmetry:
        from planner.solve.cpsat.model import RoadmapModel

        RoadmapModel.symmetry = False
    sizes = [int(s) for s in args.sizes.split(",")]
    limits = [float(s) for s in args.limits.split(",")]
    print(
        f"{'units':>5} {'steps':>5} {'routes':>6} | {'status':10} {'T':>3} {'bound':>5} "
        f"{'cost':>8} {'gap':>6} {'wall s':>6} | {'greedy T':>8} {'cost':>8} {'s':>5} | "
        f"{'T ratio':>7} {'not worse':>9}"
    )
    for size, limit in zip(sizes, limits, strict=True):
        problem = with_binding_limits(generated_problem(size, args.target, args.seed, args.horizon))
        instance = build_instance(problem)
        began = time.perf_counter()
        greedy = greedy_plan(instance)
        greedy_s = time.perf_counter() - began
        params = SolveParams(time_limit=limit, workers=2, compare_routes=False)
        began = time.perf_counter()
        result = plan_instance(instance, params, began=time.monotonic())
        wall = time.perf_counter() - began
        roadmap = result.roadmap
        assert roadmap is None or validate(roadmap, instance) == []
        t = roadmap.target_period if roadmap else None
        gt = greedy.target_period if greedy else None
        cost = (roadmap.total_cost / MONEY_SCALE) if roadmap else 0.0
        gcost = (greedy.total_cost / MONEY_SCALE) if greedy else 0.0
        not_worse = (
            "–"
            if greedy is None
            else str(roadmap is not None and rank(instance, roadmap) <= rank(instance, greedy))
        )
        ratio = f"{t / gt:.2f}" if t and gt else "–"
        print(
            f"{size:5} {len(instance.steps):5} {len(instance.routes):6} | "
            f"{result.status.value[:10]:10} {t!s:>3} {result.bound.target_period!s:>5} "
            f"{cost:8.1f} {result.gap if result.gap is not None else float('nan'):6.3f} "
            f"{wall:6.1f} | {gt!s:>8} {gcost:8.1f} {greedy_s:5.2f} | {ratio:>7} {not_worse:>9}",
            flush=True,
        )


if __name__ == "__main__":
    main()
