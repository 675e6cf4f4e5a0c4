"""Benchmark: solve every bundled example with 2 workers; compare with a greedy baseline.

Prints, per example: status, time to target (periods), cost (万元), solve time, and the same
for a greedy serial schedule-generation baseline (earliest-start, longest-path priority) on
the route the planner chose, with ratios in the same run. Not a test: figures for the note.

    .venv/bin/python benchmarks/bench_examples.py [--time-limit 30]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import networkx as nx

from planner.instance import Instance, Route, build_instance
from planner.plan import plan_instance
from planner.problem import load_problem
from planner.result import SolveParams
from planner.roadmap import Roadmap, schedule
from planner.steps import MONEY_SCALE
from planner.validate import validate

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def greedy(instance: Instance, route: Route) -> Roadmap | None:
    """Serial SGS: steps of the route in topological order by longest tail first, each at the
    earliest period where precedence, staff and yearly caps allow."""
    graph = instance.graph.subgraph(route.steps)
    tail: dict[str, int] = {}
    for sid in reversed(list(nx.topological_sort(graph))):
        succ = [tail[s] for s in graph.successors(sid)]
        tail[sid] = instance.steps[sid].duration + (max(succ) if succ else 0)
    h = instance.horizon
    staff_used = [0] * h
    spend = [0] * h
    starts: dict[str, int] = {}
    ready = {s for s in graph if graph.in_degree(s) == 0}
    while ready:
        sid = min(ready, key=lambda s: (-tail[s], s))
        ready.remove(sid)
        step = instance.steps[sid]
        earliest = max(
            (starts[p] + instance.steps[p].duration for p in graph.predecessors(sid)), default=0
        )
        placed = None
        for t in range(earliest, h - step.duration + 1):
            if _fits(instance, step.staff, step.rate, t, step.duration, staff_used, spend):
                placed = t
                break
        if placed is None:
            return None
        starts[sid] = placed
        for u in range(placed, placed + step.duration):
            staff_used[u] += step.staff
            spend[u] += step.rate
        for succ_id in graph.successors(sid):
            if all(p in starts for p in graph.predecessors(succ_id)):
                ready.add(succ_id)
    return schedule(instance, route, starts)


def _fits(
    inst: Instance, staff: int, rate: int, t: int, dur: int, used: list[int], spend: list[int]
) -> bool:
    if inst.staff_profile is not None and any(
        used[u] + staff > inst.staff_profile[u] for u in range(t, t + dur)
    ):
        return False
    for w in inst.years:
        if w.cap is None:
            continue
        overlap = max(0, min(t + dur, w.last) - max(t, w.first))
        if overlap and sum(spend[w.first : w.last]) + overlap * rate > w.cap:
            return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--time-limit", type=float, default=30.0)
    args = parser.parse_args()
    params = SolveParams(time_limit=args.time_limit, workers=2, compare_routes=False)
    header = f"{'example':28} {'status':9} {'T':>4} {'cost 万元':>10} {'solve s':>8} | {'greedy T':>8} {'greedy cost':>11} {'greedy s':>8} | {'T ratio':>7}"
    print(header)
    print("-" * len(header))
    for path in sorted(SCENARIOS.glob("*.yaml")):
        instance = build_instance(load_problem(path))
        began = time.perf_counter()
        result = plan_instance(instance, params)
        solve_s = time.perf_counter() - began
        roadmap = result.roadmap
        g_t = g_cost = "–"
        ratio = "–"
        g_s = 0.0
        if roadmap is not None:
            assert validate(roadmap, instance) == []
            route = next(r for r in instance.routes if r.id == roadmap.route)
            began = time.perf_counter()
            base = greedy(instance, route)
            g_s = time.perf_counter() - began
            if base is not None and not validate(base, instance):
                g_t, g_cost = str(base.target_period), f"{base.total_cost / MONEY_SCALE:,.1f}"
                ratio = f"{(roadmap.target_period or 0) / max(1, base.target_period or 1):.2f}"
            else:
                g_t = "fails"
        cost = (
            "–"
            if result.objective.total_cost is None
            else f"{result.objective.total_cost / MONEY_SCALE:,.1f}"
        )
        print(
            f"{path.stem:28} {result.status.value[:9]:9} {result.objective.target_period!s:>4} "
            f"{cost:>10} {solve_s:8.2f} | {g_t:>8} {g_cost:>11} {g_s:8.3f} | {ratio:>7}"
        )


if __name__ == "__main__":
    main()
