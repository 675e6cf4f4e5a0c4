"""Run the risk analysis: N seeded runs in chunks on an executor, then aggregate.

A chunk is plain JSON (the problem, the roadmap, the seed and the run indices); the worker
rebuilds the instance (once per process), draws each run with its own generator and replays
the roadmap (``planner.risk.replay``). Each run's draws depend only on the seed and its index,
so any executor and any chunking give the same result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any, cast

from planner.compile.compiled import compile_problem
from planner.compile.instance import Instance, Route
from planner.model.money import MONEY_SCALE
from planner.model.problem import Problem
from planner.result.roadmap import Roadmap
from planner.risk.models import (
    LEVELS,
    Bin,
    CapRisk,
    Commitment,
    Criticality,
    DateQuantiles,
    MoneyQuantiles,
    RiskResult,
    TierRisk,
    quantile,
)
from planner.risk.replay import completions, replay
from planner.risk.sample import Distribution, sample_steps
from planner.whatif.pool import SerialExecutor, imap  # not the solver: the workers need not

Payload = dict[str, Any]
DEFAULT_RUNS = 500
CHUNK = 25
RiskProgress = Callable[[int, int], None]  # (runs done, runs in all)


@dataclass(frozen=True)
class RiskOptions:
    runs: int = DEFAULT_RUNS
    seed: int = 0
    distribution: Distribution | None = None  # None: the effort model's labelled choice
    chunk: int = CHUNK
    level: float | None = None  # a confidence level to commit to (--risk-target)


def _instance(problem_json: dict[str, Any]) -> Instance:
    """The problem's Instance in this worker process (compiled once, then kept)."""
    return compile_problem(Problem.model_validate(problem_json))


def route_of(instance: Instance, roadmap: Roadmap) -> Route | None:
    return next((r for r in instance.routes if r.id == roadmap.route), None)


def run_chunk(
    instance: Instance, roadmap: Roadmap, seed: int, indices: range, distribution: Distribution
) -> list[dict[str, Any]]:
    """The runs ``indices``, each summarised as plain JSON."""
    route = route_of(instance, roadmap)
    chosen = [s.id for s in roadmap.steps]
    mpp = instance.problem.time.months_per_period
    done = completions(instance)
    out = []
    for index in indices:
        steps = sample_steps(
            instance.steps, chosen, instance.locks.done, seed, index, distribution, mpp
        )
        r = replay(instance, roadmap, route, steps, True, keeps_starts(instance), done)
        out.append(
            {
                "index": index,
                "target": r.target_period,
                "cost": r.total_cost,
                "tiers": [[k, v] for k, v in sorted(r.tier_periods.items())],
                "critical": list(r.critical),
                "caps": list(r.binding_years),
            }
        )
    return out


def risk_payload(payload: Payload) -> Payload:
    """The worker function (JSON in, JSON out)."""
    instance = _instance(payload["problem"])
    roadmap = Roadmap.model_validate(payload["roadmap"])
    first, count = int(payload["first"]), int(payload["count"])
    runs = run_chunk(
        instance,
        roadmap,
        int(payload["seed"]),
        range(first, first + count),
        cast(Distribution, payload["distribution"]),
    )
    return {"runs": runs}


def keeps_starts(instance: Instance) -> bool:
    sampling = instance.catalog.effort.sampling
    return sampling.keep_planned_starts if sampling is not None else True


def distribution_of(instance: Instance, options: RiskOptions) -> Distribution:
    if options.distribution is not None:
        return options.distribution
    sampling = instance.catalog.effort.sampling
    return sampling.distribution if sampling is not None else "triangular"


def analyse(
    instance: Instance,
    roadmap: Roadmap,
    options: RiskOptions = RiskOptions(),
    executor: Executor | None = None,
    progress: RiskProgress | None = None,
) -> RiskResult:
    """The risk of one roadmap of this instance, over ``options.runs`` seeded runs."""
    distribution = distribution_of(instance, options)
    problem_json = instance.problem.model_dump(mode="json")
    roadmap_json = roadmap.model_dump(mode="json")
    payloads = [
        {
            "problem": problem_json,
            "roadmap": roadmap_json,
            "seed": options.seed,
            "first": first,
            "count": min(options.chunk, options.runs - first),
            "distribution": distribution,
        }
        for first in range(0, options.runs, max(1, options.chunk))
    ]
    runs: list[dict[str, Any]] = []
    for _, result in imap(executor or SerialExecutor(), risk_payload, payloads):
        runs.extend(result["runs"])
        if progress is not None:
            progress(len(runs), options.runs)
    runs.sort(key=lambda r: int(r["index"]))
    route, keep = route_of(instance, roadmap), keeps_starts(instance)
    baseline = replay(instance, roadmap, route, instance.steps, True, keep)
    return aggregate(
        instance, roadmap, runs, options, distribution, baseline.target_period,
        baseline.tier_periods,
    )  # fmt: skip


def _dates(instance: Instance, periods: list[float | None]) -> DateQuantiles:
    time = instance.problem.time
    values = {f"p{round(q * 100)}": quantile(periods, q) for q in LEVELS}
    as_int = {k: None if v is None else int(v) for k, v in values.items()}
    dates = {k: None if v is None else time.period_start(v) for k, v in as_int.items()}
    return DateQuantiles(p50=dates["p50"], p80=dates["p80"], p90=dates["p90"], periods=as_int)


def aggregate(
    instance: Instance,
    roadmap: Roadmap,
    runs: list[dict[str, Any]],
    options: RiskOptions,
    distribution: Distribution,
    replay_period: int | None,
    planned_tiers: dict[int, int] | None = None,
) -> RiskResult:
    n = max(1, len(runs))
    time, horizon = instance.problem.time, instance.horizon
    targets: list[float | None] = [r["target"] for r in runs]
    costs = [r["cost"] / MONEY_SCALE for r in runs]
    budget = None if instance.budget is None else instance.budget / MONEY_SCALE
    in_time = [r["target"] is not None and r["target"] <= horizon for r in runs]
    in_budget = [budget is None or c <= budget + 1e-9 for c in costs]
    tiers = sorted({int(k) for r in runs for k, _ in r["tiers"]})
    tier_risk = []
    for k in tiers:
        reach: list[float | None] = [dict(map(tuple, r["tiers"])).get(k) for r in runs]
        within = sum(1 for v in reach if v is not None and v <= horizon)
        planned = (planned_tiers or {}).get(k)
        tier_risk.append(
            TierRisk(
                tier=k,
                probability=within / n,
                dates=_dates(instance, reach),
                planned=None if planned is None else time.period_start(planned),
            )
        )
    critical = Counter(sid for r in runs for sid in r["critical"])
    by_id = {s.id: s for s in roadmap.steps}
    criticality = [
        Criticality(step=sid, title=by_id[sid].title, index=count / n)
        for sid, count in sorted(critical.items(), key=lambda kv: (-kv[1], kv[0]))
        if sid in by_id
    ]
    binding = Counter(year for r in runs for year in r["caps"])
    caps = [
        CapRisk(year=year, cap=cap, binding=binding.get(year, 0) / n)
        for year, cap in sorted(instance.problem.budget.yearly_caps.items())
    ]
    hist = Counter(r["target"] for r in runs if r["target"] is not None)
    sampling = instance.catalog.effort.sampling
    target = _dates(instance, targets)
    commitment = None
    if options.level is not None:
        at = quantile(targets, options.level)
        period = None if at is None else int(at)
        planned = roadmap.target_period
        commitment = Commitment(
            level=options.level,
            period=period,
            date=None if period is None else time.period_start(period),
            buffer_periods=None if period is None or planned is None else period - planned,
        )
    cost_q = [quantile(cast(list[float | None], costs), q) or 0.0 for q in LEVELS]
    return RiskResult(
        runs=len(runs),
        seed=options.seed,
        distribution=distribution,
        distribution_reasoning=sampling.reasoning if sampling is not None else None,
        route=roadmap.route,
        horizon_date=time.period_start(horizon),
        budget=budget,
        planned_period=roadmap.target_period,
        planned_date=None
        if roadmap.target_period is None
        else time.period_start(roadmap.target_period),
        planned_cost=roadmap.total_cost / MONEY_SCALE,
        replay_period=replay_period,
        target=target,
        cost=MoneyQuantiles(p50=cost_q[0], p80=cost_q[1], p90=cost_q[2]),
        p_within_horizon=sum(in_time) / n,
        p_within_budget=None if budget is None else sum(in_budget) / n,
        p_both=None
        if budget is None
        else sum(1 for a, b in zip(in_time, in_budget, strict=True) if a and b) / n,
        tiers=tuple(tier_risk),
        criticality=tuple(criticality),
        caps=tuple(caps),
        histogram=tuple(
            Bin(period=p, date=time.period_start(p), runs=c) for p, c in sorted(hist.items())
        ),
        unplaced=sum(1 for r in runs if r["target"] is None),
        commitment=commitment,
    )
