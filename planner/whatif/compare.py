"""Solve the base and every variant of a scenario, and how each roadmap differs from the base."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from planner.result.plan_result import SolveParams
from planner.result.roadmap import Roadmap, ScheduledStep
from planner.whatif.executor import Outcome, ProgressCallback, Runner, Task
from planner.whatif.models import (
    Comparison,
    MovedStep,
    RoadmapDiff,
    RunInfo,
    StepRef,
    VariantResult,
)
from planner.whatif.pool import ExecutorName, Pool, make_executor
from planner.whatif.scenario import BASE, Scenario, Variant


@dataclass(frozen=True)
class RunOptions:
    """How to solve: per-solve time limit, seed and CP-SAT workers, and the executor."""

    time_limit: float = 10.0
    seed: int = 0
    solver_workers: int = 1  # one CP-SAT worker per solve: deterministic and fits the cores
    executor: ExecutorName = "local"
    workers: int = 2
    scheduler: str | None = None

    def params(self, explain: bool = True) -> SolveParams:
        return SolveParams(
            time_limit=self.time_limit,
            workers=self.solver_workers,
            seed=self.seed,
            compare_routes=False,
            explain=explain,
        )

    def info(self, executor: Pool, wall_time: float) -> RunInfo:
        return RunInfo(
            executor=executor.name,
            workers=executor.workers,
            time_limit=self.time_limit,
            seed=self.seed,
            solver_workers=self.solver_workers,
            wall_time=round(wall_time, 3),
        )


def _ref(step: ScheduledStep) -> StepRef:
    return StepRef(
        id=step.id,
        title=step.title,
        kind=step.kind,
        start=step.start,
        start_date=step.start_date,
        cost=step.cost,
    )


def roadmap_diff(base: Roadmap, other: Roadmap) -> RoadmapDiff:
    """Steps added, removed and moved (by how many periods) from ``base`` to ``other``."""
    before = {s.id: s for s in base.steps}
    after = {s.id: s for s in other.steps}
    moved = [
        MovedStep(
            id=sid,
            title=step.title,
            kind=step.kind,
            base_start=before[sid].start,
            start=step.start,
            base_start_date=before[sid].start_date,
            start_date=step.start_date,
            shift=step.start - before[sid].start,
        )
        for sid, step in after.items()
        if sid in before and step.start != before[sid].start
    ]
    shift = None
    if base.target_period is not None and other.target_period is not None:
        shift = other.target_period - base.target_period
    return RoadmapDiff(
        added=tuple(_ref(s) for sid, s in after.items() if sid not in before),
        removed=tuple(_ref(s) for sid, s in before.items() if sid not in after),
        moved=tuple(sorted(moved, key=lambda m: (m.start, m.id))),
        unchanged=sum(
            1 for sid, s in after.items() if sid in before and s.start == before[sid].start
        ),
        route_changed=base.route != other.route,
        target_shift=shift,
        cost_change=other.total_cost - base.total_cost,
    )


def variant_result(variant: Variant, outcome: Outcome, is_base: bool = False) -> VariantResult:
    problem = variant.problem
    reached = None
    if outcome.target_period is not None:
        reached = problem.time.period_start(outcome.target_period)
    return VariantResult(
        name=variant.name,
        description=variant.description,
        is_base=is_base,
        changes=variant.changes,
        problem_name=problem.name,
        **outcome.summary(),
        errors=outcome.errors,
        error_texts=outcome.error_texts,
        current_tier=outcome.current_tier,
        target_tier=outcome.target_tier,
        tier_reached=outcome.tier_reached,
        reached_period=outcome.target_period,
        reached_date=reached,
        budget_total=problem.budget.total,
        spend_per_year=outcome.spend_per_year,
        trajectory=outcome.trajectory,
        period=problem.time.period,
        start=problem.time.start,
        horizon=problem.time.horizon,
        roadmap=outcome.roadmap,
    )


def _with_diff(result: VariantResult, base: VariantResult | None) -> VariantResult:
    if base is None or base.roadmap is None or result.roadmap is None or result.is_base:
        return result
    return result.model_copy(update={"diff": roadmap_diff(base.roadmap, result.roadmap)})


def compare(
    scenario: Scenario,
    options: RunOptions | None = None,
    executor: Pool | None = None,
    progress: ProgressCallback | None = None,
    only: Sequence[str] | None = None,
) -> Comparison:
    """Solve the base and the variants (``only``: these names) on one executor.

    On KeyboardInterrupt (or one raised by ``progress``) the comparison returned holds the
    solves completed so far and ``partial`` is set; ``missing`` names the others.
    """
    options = options or RunOptions()
    chosen = [v for v in scenario.all() if only is None or v.name in only or v.name == BASE]
    params = options.params()
    tasks = [Task(v.name, v.problem, params) for v in chosen]
    began = time.monotonic()
    own = executor is None
    runner_executor = executor or make_executor(
        options.executor, options.workers, options.scheduler
    )
    try:
        runner = Runner(runner_executor, progress)
        outcomes = runner.run(tasks)
    finally:
        if own:
            runner_executor.shutdown(cancel_futures=True)
    results = [
        variant_result(v, outcomes[v.name], v.name == BASE) for v in chosen if v.name in outcomes
    ]
    base = next((r for r in results if r.is_base), None)
    return Comparison(
        problem_name=scenario.base.name,
        source=scenario.source,
        variants=tuple(_with_diff(r, base) for r in results),
        partial=runner.interrupted,
        missing=tuple(v.name for v in chosen if v.name not in outcomes),
        run=options.info(runner_executor, time.monotonic() - began),
    )
