"""Benchmark: generated large instances — a group of 20 subsidiaries with ≥ 1,000 units.

Each subsidiary contributes units in every main scenario of a discrete manufacturer (their
own units, not the library's), at mixed current states. CP-SAT (2 workers, 60 s) and the
greedy baseline solve the same problem in the same run; the table gives time to target,
cost, status, gap and solve time side by side.

    .venv/bin/python benchmarks/bench_large.py [--subsidiaries 20] [--units 50] [--time-limit 60]
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Any

from planner.compile.instance import build_instance
from planner.model.money import MONEY_SCALE
from planner.model.problem import Problem
from planner.result.plan_result import SolveParams
from planner.result.validate import validate
from planner.solve.baseline import greedy_plan
from planner.solve.plan import plan_instance

SCENARIOS = ("rnd", "production", "user_service", "operations_management")
PERSPECTIVES = ("carrier", "process", "object", "partner", "subject", "driving_element")


def group_problem(subsidiaries: int, units: int, target: int, seed: int = 7) -> Problem:
    rng = random.Random(seed)
    specs: list[dict[str, Any]] = []
    for s in range(subsidiaries):
        for u in range(units):
            level = rng.choice((1, 1, 1, 2))
            depth = rng.choice(("is_application", "is_integration"))
            specs.append(
                {
                    "id": f"s{s:02d}.u{u:03d}",
                    "name": {
                        "zh": f"子公司{s + 1}能力单元{u + 1}",
                        "en": f"Subsidiary {s + 1} unit {u + 1}",
                    },
                    "perspective": PERSPECTIVES[u % len(PERSPECTIVES)],
                    "main_scenario": SCENARIOS[(u // len(PERSPECTIVES)) % len(SCENARIOS)],
                    "level": level,
                    "depth": depth,
                }
            )
    total = subsidiaries * units
    return Problem.model_validate(
        {
            "name": f"group of {subsidiaries} subsidiaries, {total} units",
            "organisation": {
                "industry": "discrete_manufacturing",
                "use_library": False,
                "units": specs,
            },
            "target": {"tier": target},
            "time": {"start": "2027-01-01", "period": "month", "horizon": 60},
            "budget": {"total": 60 * total, "yearly_caps": {2027: 15 * total, 2028: 25 * total}},
            "staff": {"capacity": total // 4},
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subsidiaries", type=int, default=20)
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--targets", default="4,5")
    args = parser.parse_args()
    for target in (int(t) for t in args.targets.split(",")):
        problem = group_problem(args.subsidiaries, args.units, target)
        began = time.perf_counter()
        instance = build_instance(problem)
        build_s = time.perf_counter() - began
        began = time.perf_counter()
        greedy = greedy_plan(instance)
        greedy_s = time.perf_counter() - began
        params = SolveParams(time_limit=args.time_limit, workers=2, compare_routes=False)
        began = time.perf_counter()
        result = plan_instance(instance, params)
        solve_s = time.perf_counter() - began
        roadmap = result.roadmap
        ok = roadmap is not None and validate(roadmap, instance) == []
        print(
            f"{problem.name}, target tier {target}: {len(instance.steps)} steps, "
            f"{len(instance.routes)} routes, build {build_s:.1f}s"
        )
        if roadmap is not None:
            print(
                f"  CP-SAT : {result.status.value}, T={roadmap.target_period}, "
                f"cost={roadmap.total_cost / MONEY_SCALE:,.0f} 万元, gap={result.gap or 0:.3f}, "
                f"{solve_s:.1f}s, valid={ok}"
            )
        else:
            print(
                f"  CP-SAT : {result.status.value}, {solve_s:.1f}s {result.message.en if result.message else ''}"
            )
        if greedy is not None:
            print(
                f"  greedy : T={greedy.target_period}, cost={greedy.total_cost / MONEY_SCALE:,.0f} 万元, "
                f"{greedy_s:.2f}s, valid={validate(greedy, instance) == []}"
            )
            if roadmap is not None and roadmap.target_period and greedy.target_period:
                print(
                    f"  ratio T CP-SAT/greedy: {roadmap.target_period / greedy.target_period:.2f}"
                )
        else:
            print(f"  greedy : no roadmap, {greedy_s:.2f}s")


if __name__ == "__main__":
    main()
