"""Benchmark: what each redundant part of the CP-SAT model is worth, measured in one run.

Cases from bench_scaled (bundled scenarios with budget, caps or staff scaled) that the search
itself has to decide, each planned with every redundant part, without each one, and without
all: status and wall time. The parts: the pre-check's route bounds (routes ruled out, lower
bounds on the target period) and the yearly spends adding up to the total cost.

    .venv/bin/python benchmarks/bench_redundant.py [--time-limit 15]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench_scaled import caps_scaled, scaled, staff_halved

from planner.model.problem import Problem, load_problem
from planner.result.plan_result import SolveParams
from planner.solve.cpsat.model import RoadmapModel
from planner.solve.plan import plan

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
PARTS = frozenset({"routes", "spend"})


def problems() -> list[tuple[str, Problem]]:
    def load(name: str) -> Problem:
        return load_problem(SCENARIOS / f"{name}.yaml")

    return [
        ("discrete caps × 0.9", caps_scaled(load("discrete_manufacturer"), 0.9)),
        ("discrete caps × 0.7", caps_scaled(load("discrete_manufacturer"), 0.7)),
        ("discrete caps × 0.6", caps_scaled(load("discrete_manufacturer"), 0.6)),
        ("discrete × 0.8", scaled(load("discrete_manufacturer"), 0.8)),
        ("construction caps × 0.8", caps_scaled(load("construction_group"), 0.8)),
        ("energy × 0.8", scaled(load("energy_supplier"), 0.8)),
        ("financial caps × 0.8", caps_scaled(load("financial_services"), 0.8)),
        ("process staff / 2", staff_halved(load("process_manufacturer"))),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--time-limit", type=float, default=15.0)
    args = parser.parse_args()
    params = SolveParams(time_limit=args.time_limit, workers=2, compare_routes=False)
    variants = {
        "all": PARTS,
        **{f"without {p}": PARTS - {p} for p in sorted(PARTS)},
        "none": frozenset(),
    }
    print(f"{'case':26}" + "".join(f" {v:>24}" for v in variants))
    for name, problem in problems():
        cells = []
        for parts in variants.values():
            RoadmapModel.redundant = parts
            began = time.perf_counter()
            result = plan(problem, params)
            cells.append(f"{result.status.value[:10]} {time.perf_counter() - began:6.2f}s")
        print(f"{name:26}" + "".join(f" {c:>24}" for c in cells), flush=True)
    RoadmapModel.redundant = PARTS


if __name__ == "__main__":
    main()
