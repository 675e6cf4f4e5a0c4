"""Realistic generated organisations for the scale benchmarks (bench_org.py).

An organisation of N capability units (its own, not the library's) spread over the four main
scenarios of a discrete manufacturer and a few organisation-wide units; every perspective in
each scenario; prerequisites between units of one scenario (a unit builds on one or two
of its scenario's foundation units); a mix of current states (not built, CL1 at IT/IS application, CL1 or CL2 at IS
integration). The limits bind: the total budget and yearly caps are set from the cheapest
route's cost and the staff from the work it needs, so that neither money nor people are
plentiful. Deterministic for a seed.
"""

from __future__ import annotations

import random
from typing import Any

from planner.model.problem import Problem

SCENARIOS = ("rnd", "production", "user_service", "operations_management")
PERSPECTIVES = ("carrier", "process", "object", "partner", "subject", "driving_element")
STATES = (  # (level, depth), weighted
    (0, None),
    (1, "it_application"),
    (1, "is_application"),
    (1, "is_application"),
    (1, "is_integration"),
    (2, "is_integration"),
)


def units(count: int, rng: random.Random) -> list[dict[str, Any]]:
    specs: list[dict[str, Any]] = []
    by_scenario: dict[str, list[str]] = {s: [] for s in SCENARIOS}
    for i in range(count):
        scenario = SCENARIOS[i % len(SCENARIOS)]
        index = len(by_scenario[scenario])
        uid = f"{scenario[:3]}.u{index:03d}"
        level, depth = rng.choice(STATES)
        spec: dict[str, Any] = {
            "id": uid,
            "name": {"zh": f"{scenario}能力单元{index + 1}", "en": f"{scenario} unit {index + 1}"},
            "perspective": PERSPECTIVES[index % len(PERSPECTIVES)],
            "main_scenario": scenario,
            "level": level,
        }
        if depth is not None:
            spec["depth"] = depth
        # the first units of a scenario are its foundations (a data platform, a core system):
        # about half of the later ones build on one or two of them
        foundations = by_scenario[scenario][: max(2, count // 40)]
        if len(foundations) == len(by_scenario[scenario]) and index >= 2:
            foundations = by_scenario[scenario][:2]
        if index >= 2 and rng.random() < 0.5:
            picked = rng.sample(foundations, min(len(foundations), rng.choice((1, 2))))
            spec["prerequisites"] = sorted(picked)
        by_scenario[scenario].append(uid)
        specs.append(spec)
    return specs


def generated_problem(count: int, target: int = 5, seed: int = 1, horizon: int = 48) -> Problem:
    """An organisation of ``count`` units; limits from its cheapest route (see the module).
    48 months: with the order rules applied by default, 36 no longer holds the longest chains
    of 100 units and more (a 100-unit organisation was proven infeasible, 300 ruled out)."""
    rng = random.Random(seed * 1000 + count)
    base = {
        "name": f"generated organisation of {count} units",
        "organisation": {
            "industry": "discrete_manufacturing",
            "use_library": False,
            "units": units(count, rng),
        },
        "target": {"tier": target},
        "time": {"start": "2027-01-01", "period": "month", "horizon": horizon},
    }
    return Problem.model_validate(base)


def with_binding_limits(problem: Problem, tightness: float = 0.7) -> Problem:
    """Budget, yearly caps and staff that bind: from the cheapest route's cost and work.

    The budget is 1.3 × the cheapest route's cost, each year's cap the cost spread evenly over
    ``tightness`` of the horizon's years, staff ``tightness`` × the peak the cheapest route's
    own greedy schedule needs without limits."""
    from planner.compile.instance import build_instance
    from planner.model.money import MONEY_SCALE
    from planner.solve.baseline import greedy_roadmap

    instance = build_instance(problem)
    bounds = [(sum(instance.steps[s].cost for s in r.steps), r) for r in instance.routes]
    cost, cheapest = min(bounds, key=lambda b: (b[0], b[1].id))
    free = greedy_roadmap(instance, cheapest)
    work = sum(instance.steps[s].staff * instance.steps[s].duration for s in cheapest.steps)
    peak = max(free.staff_per_period(instance.horizon)) if free else work // instance.horizon
    years = sorted({problem.time.year_of(t) for t in range(problem.time.horizon)})
    per_year = cost / MONEY_SCALE / (len(years) * tightness)
    return problem.replace(
        budget={
            "total": round(1.3 * cost / MONEY_SCALE),
            "yearly_caps": {y: round(per_year) for y in years},
        },
        staff={"capacity": max(2, round(peak * tightness))},
    )
