"""``--risk-target``: among candidate roadmaps, the one whose date at that confidence is earliest.

Candidates are the solver's roadmap and, for the other routes, the greedy baseline's roadmap
(``planner.solve.baseline``; solver-free). Each is analysed with the same runs and seed; ties go to
the lower cost at that confidence, then to the solver's roadmap. The chosen result carries
the commitment date and buffer at the level.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import replace

from planner.compile.instance import Instance
from planner.result.roadmap import Roadmap
from planner.risk.engine import RiskOptions, RiskProgress, analyse
from planner.risk.models import Candidate, RiskResult, quantile_key
from planner.solve.baseline import greedy_roadmap, rank

MAX_CANDIDATES = 5


def candidates(instance: Instance, roadmap: Roadmap) -> list[Roadmap]:
    """The solver's roadmap first, then the best greedy roadmaps of other routes."""
    others = []
    for route in instance.routes:
        if route.id == roadmap.route:
            continue
        greedy = greedy_roadmap(instance, route)
        if greedy is not None:
            others.append(greedy)
    others.sort(key=lambda r: (rank(instance, r), r.route or ""))
    return [roadmap, *others[: MAX_CANDIDATES - 1]]


def choose(
    instance: Instance,
    roadmap: Roadmap,
    options: RiskOptions,
    executor: Executor | None = None,
    progress: RiskProgress | None = None,
) -> RiskResult:
    level = options.level if options.level is not None else 0.8
    options = replace(options, level=level)
    results = [
        analyse(instance, r, options, executor, progress) for r in candidates(instance, roadmap)
    ]
    best = min(
        range(len(results)),
        key=lambda i: (quantile_key(results[i], level), results[i].cost.p80, i),
    )
    listed = tuple(
        Candidate(
            route=r.route,
            planned_date=r.planned_date,
            planned_cost=r.planned_cost,
            at_level=r.commitment.date if r.commitment else None,
            cost_p80=r.cost.p80,
            chosen=i == best,
        )
        for i, r in enumerate(results)
    )
    return results[best].model_copy(update={"candidates": listed})
