"""Budget–time trade-off: the efficient frontier, the minimum budget and per-tier dates.

Every point is a solve (never an interpolation). For each total budget of the grid the
earliest date the target tier is reached; points that another point beats on both budget and
date are marked ``dominated``. The minimum budget that reaches the target at all is found by
search over solves. A cheapest-cost solve without a total budget (objective ``cheapest``; its
yearly caps dropped when they scale with the budget) is a relaxation: its cost is a lower
bound, and the minimum itself when a solve at that budget reaches the target, which is always
so when the caps do not scale. Otherwise the bracket between a budget that does not reach the
target and one that does is narrowed to ``tolerance`` by rounds of three probes (quartering;
the same probes whatever the executor, so the answer does not depend on it). Without the
``cheapest`` objective the search starts from the grid alone.
Feasibility is monotone in the budget: a roadmap within a budget is within any larger one.
Finally the earliest date of each tier from the current one up to the target, with one budget.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args

from catalog.errors import DataError, at
from catalog.models.base import Text
from planner.instance import build_instance
from planner.problem import Problem
from planner.result import SolveStatus
from planner.roadmap import wan_at_least
from planner.whatif.compare import RunOptions
from planner.whatif.executor import (
    Executor,
    Outcome,
    ProgressCallback,
    Runner,
    Task,
    make_executor,
)
from planner.whatif.models import MinimumBudget, Sweep, SweepPoint, TierDate

CapsMode = Literal["scale", "keep", "drop"]
Source = Literal["grid", "minimum"]
SETTLED_FIELDS = ("reached_period", "reached_date", "total_cost", "route", "row", "validated")
PROBES = 3  # budgets solved per round of the minimum-budget search
MAX_DOUBLINGS = 6


def _bad_budgets(text: str, zh: str, en: str) -> DataError:
    return DataError([at(("--budgets",), f"{text}：{zh}", f"{text}: {en}", code="option")])


def parse_budgets(text: str) -> tuple[float, ...]:
    """``500:5000:250`` (start:stop:step, stop included) or ``500,800,1200`` (万元)."""
    try:
        if ":" in text:
            parts = [float(p) for p in text.split(":")]
            if len(parts) != 3:
                raise ValueError
            start, stop, step = parts
            if step <= 0 or stop < start:
                raise _bad_budgets(
                    text, "须满足 起点 ≤ 终点 且步长为正", "need start ≤ stop and a positive step"
                )
            count = math.floor((stop - start) / step + 1e-9) + 1
            values = [round(start + i * step, 4) for i in range(count)]
        else:
            values = [float(p) for p in text.split(",") if p.strip()]
    except DataError:
        raise
    except ValueError as exc:
        raise _bad_budgets(
            text,
            "应为 起点:终点:步长 或以逗号分隔的列表，单位万元",
            "expected start:stop:step or a comma-separated list, in CNY 10k (万元)",
        ) from exc
    if not values or any(v < 0 for v in values):
        raise _bad_budgets(text, "预算须 ≥ 0（万元）", "budgets must be ≥ 0 (CNY 10k)")
    if len(values) > 1000:
        raise _bad_budgets(
            text, f"{len(values)} 个点，最多 1000 个", f"{len(values)} points; at most 1000"
        )
    return tuple(sorted(set(values)))


def with_budget(problem: Problem, budget: float | None, caps: CapsMode) -> Problem:
    """The problem with this total budget (None: unlimited); yearly caps per ``caps``."""
    given = dict(problem.budget.yearly_caps)
    if caps == "drop" or (budget is None and caps == "scale"):
        yearly: dict[int, float] = {}
    elif caps == "keep":
        yearly = given
    else:
        reference = problem.budget.total or sum(given.values())
        ratio = budget / reference if reference and budget is not None else 1.0
        yearly = {year: round(cap * ratio, 4) for year, cap in given.items()}
    return problem.replace(budget={"total": budget, "yearly_caps": yearly})


def dominance(points: Sequence[SweepPoint]) -> tuple[SweepPoint, ...]:
    """Points by budget, each reaching one marked dominated if a cheaper budget is no later."""
    out = []
    best: int | None = None  # earliest period among strictly smaller budgets that reach
    for budget in sorted({p.budget for p in points}):
        group = [p for p in points if p.budget == budget]
        for p in group:
            dominated = p.reaches and best is not None and best <= (p.reached_period or 0)
            out.append(p.model_copy(update={"dominated": dominated}))
        periods = [p.reached_period for p in group if p.reaches and p.reached_period is not None]
        if periods:
            best = min(periods) if best is None else min(best, *periods)
    return tuple(out)


def _cheapest_available() -> bool:
    annotation = Problem.model_fields["objective"].annotation
    return "cheapest" in get_args(annotation)


def settle(points: dict[float, SweepPoint]) -> dict[float, SweepPoint]:
    """Budgets the search left undecided take what feasibility's monotonicity gives: a
    roadmap within a smaller budget is one within this budget (its caps no lower); no roadmap
    within a larger budget means none within this one."""
    out = dict(points)
    for budget, p in sorted(points.items()):
        if p.status != SolveStatus.NO_SOLUTION:
            continue
        below = [q for b, q in points.items() if b < budget and q.reaches]
        above = [b for b, q in points.items() if b > budget and q.status == SolveStatus.INFEASIBLE]
        if below:
            q = max(below, key=lambda x: x.budget)
            out[budget] = p.model_copy(
                update={
                    "status": SolveStatus.FEASIBLE,
                    "message": Text(
                        zh=f"时限内未完成求解；预算{q.budget:,.2f}万元下的路线图同样满足此预算",
                        en=f"not solved within the time limit; the roadmap found with "
                        f"{q.budget:,.2f} 万元 fits this budget too",
                    ),
                    **{k: getattr(q, k) for k in SETTLED_FIELDS},
                }
            )
        elif above:
            out[budget] = p.model_copy(
                update={
                    "status": SolveStatus.INFEASIBLE,
                    "message": Text(
                        zh=f"预算{min(above):,.2f}万元都无法达成，此预算更不能",
                        en=f"not reachable with {min(above):,.2f} 万元, so not with less",
                    ),
                }
            )
    return out


@dataclass
class _Search:
    problem: Problem
    caps: CapsMode
    options: RunOptions
    runner: Runner
    points: dict[float, SweepPoint] = field(default_factory=dict)
    solves: int = 0
    unproven: bool = False

    def point(self, budget: float, outcome: Outcome, source: Source) -> SweepPoint:
        problem = with_budget(self.problem, budget, self.caps)
        reached = None
        if outcome.target_period is not None and outcome.status.has_roadmap:
            reached = problem.time.period_start(outcome.target_period)
        return SweepPoint(
            budget=budget,
            yearly_caps=problem.budget.yearly_caps,
            source=source,
            status=outcome.status,
            message=outcome.message,
            reached_period=outcome.target_period if reached is not None else None,
            reached_date=reached,
            total_cost=outcome.total_cost,
            route=outcome.route,
            row=outcome.row,
            gap=outcome.gap,
            runtime=outcome.runtime,
            validated=outcome.validated,
            violations=outcome.violations,
        )

    def solve(self, budgets: Sequence[float], source: Source) -> None:
        """Solve the budgets not solved yet (one batch on the executor)."""
        todo = [b for b in dict.fromkeys(budgets) if b not in self.points]
        params = self.options.params(explain=False)
        tasks = [
            Task(f"budget={b:g}", with_budget(self.problem, b, self.caps), params) for b in todo
        ]
        outcomes = self.runner.run(tasks)
        for b, task in zip(todo, tasks, strict=True):
            if task.key in outcomes:
                self.points[b] = self.point(b, outcomes[task.key], source)
                self.solves += 1
        self.points = settle(self.points)
        self.unproven = any(p.status == SolveStatus.NO_SOLUTION for p in self.points.values())

    def reaching(self) -> list[float]:
        return sorted(b for b, p in self.points.items() if p.reaches)

    def failing_below(self, budget: float) -> float | None:
        below = [b for b, p in self.points.items() if not p.reaches and b < budget]
        return max(below) if below else None


def _round_budget(value: float) -> float:
    return round(value, 2)  # 0.01 万元 = 100 yuan: finer probes cannot change a roadmap much


@dataclass(frozen=True)
class _Bound:
    """What a cheapest-cost solve (no total budget) says about the minimum budget."""

    cost: float | None = None  # 万元
    proven: bool = False
    unreachable: bool = False


def _cheapest_bound(search: _Search) -> _Bound:
    """A relaxation: no total budget (and no caps if they scale with it), lowest cost first.

    Its cost is a lower bound of the minimum budget, and the minimum itself when a solve at
    that budget reaches the target; if it is infeasible, no budget reaches the target.
    """
    if not _cheapest_available():
        return _Bound()
    problem = with_budget(search.problem, None, search.caps).replace(objective="cheapest")
    search.runner.expect(1)
    outcome = search.runner.run(
        [Task("cheapest", problem, search.options.params(explain=False))]
    ).get("cheapest")
    if outcome is None:
        return _Bound()
    search.solves += 1
    if outcome.status == SolveStatus.INFEASIBLE:
        return _Bound(unreachable=True)
    if outcome.total_cost is None or not outcome.status.has_roadmap:
        return _Bound()
    # rounded up to the 0.01 万元 of the probes, so the stated minimum is itself a budget that suffices
    return _Bound(wan_at_least(outcome.total_cost), outcome.status == SolveStatus.OPTIMAL)


UNREACHABLE = Text(
    zh="在所试预算内均无法在期限内达到目标档次。",
    en="No budget tried reaches the target tier within the horizon.",
)
UNREACHABLE_ANY = Text(
    zh="即使不限总预算，也无法在期限内达到目标档次。",
    en="The target tier cannot be reached within the horizon at any total budget.",
)
UNPROVEN = Text(
    zh="部分预算在时限内未找到方案，按“未达到”处理；加大时限可能得到更低的最低预算。",
    en="Some budgets found no solution within the time limit and count as not reaching the "
    "target; a longer time limit may give a lower minimum.",
)


def minimum_budget(search: _Search, tolerance: float | None) -> MinimumBudget:
    """The least budget reaching the target: every budget reported is a solved point."""
    runner = search.runner
    bound = _cheapest_bound(search)
    method: Literal["bisection", "cheapest+bisection"] = "bisection"
    if bound.unreachable or bound.cost is not None:
        method = "cheapest+bisection"
    tol = tolerance if tolerance is not None else 1.0
    if bound.unreachable:
        return MinimumBudget(
            tolerance=tol, method=method, solves=search.solves, note=UNREACHABLE_ANY
        )
    if bound.cost is not None:
        runner.expect(1)
        search.solve([bound.cost], "minimum")
    top = max([*search.points, search.problem.budget.total or 0.0, 1.0])
    for _ in range(MAX_DOUBLINGS):  # grow until some budget reaches the target
        if search.reaching() or runner.interrupted:
            break
        top = _round_budget(top * 2)
        runner.expect(1)
        search.solve([top], "minimum")
    reaching = search.reaching()
    if not reaching:
        below = max(search.points) if search.points else None
        return MinimumBudget(
            below=below, tolerance=tol, method=method, solves=search.solves, note=UNREACHABLE
        )
    high = reaching[0]
    tol = tolerance if tolerance is not None else max(1.0, round(high * 0.01, 2))
    if bound.cost is not None and bound.proven and high == bound.cost:
        below = search.failing_below(high)
        return MinimumBudget(
            budget=high, below=below, tolerance=tol, method=method, solves=search.solves, exact=True
        )
    low = search.failing_below(high) or 0.0
    while high - low > tol and not runner.interrupted:
        step = (high - low) / (PROBES + 1)
        probes = [
            b
            for b in sorted({_round_budget(low + step * k) for k in range(1, PROBES + 1)})
            if low < b < high
        ]
        if not probes:
            break
        runner.expect(len(probes))
        search.solve(probes, "minimum")
        high = min(b for b in search.reaching() if b <= high)
        low = search.failing_below(high) or low
    return MinimumBudget(
        budget=high,
        below=search.failing_below(high),
        tolerance=tol,
        method=method,
        solves=search.solves,
        note=UNPROVEN if search.unproven else None,
    )


def _tiers(problem: Problem) -> tuple[int | None, int | None]:
    """(current tier, target tier) of a problem, None where it has none or does not compile."""
    if problem.target is None or problem.organisation is None:
        return None, None
    try:
        instance = build_instance(problem)
    except DataError:
        return None, None
    target = problem.target
    tier = target.tier
    if tier is None and target.row is not None:
        reading = instance.readings.get(target.row.split("/")[0])
        tier = reading.row.tier if reading is not None else None
    return instance.current_tier, tier


def tier_dates(
    problem: Problem, budget: float | None, caps: CapsMode, options: RunOptions, runner: Runner
) -> tuple[TierDate, ...]:
    """The earliest date of each tier above the current one, up to the target, at one budget."""
    current, top = _tiers(problem)
    if current is None or top is None:
        return ()
    base = with_budget(problem, budget, caps) if budget != problem.budget.total else problem
    tasks = []
    for tier in range(current + 1, top + 1):
        variant = base if tier == top else base.replace(target={"tier": tier})
        tasks.append(Task(f"tier={tier}", variant, options.params()))
    outcomes = runner.run(tasks)
    out = []
    for task in tasks:
        o = outcomes.get(task.key)
        if o is None:
            continue
        reached = None
        if o.target_period is not None and o.status.has_roadmap:
            reached = task.problem.time.period_start(o.target_period)
        out.append(
            TierDate(
                tier=int(task.key.split("=")[1]),
                status=o.status,
                message=o.message,
                reached_period=o.target_period if reached is not None else None,
                reached_date=reached,
                total_cost=o.total_cost,
                route=o.route,
                row=o.row,
                runtime=o.runtime,
                validated=o.validated,
                violations=o.violations,
            )
        )
    return tuple(out)


def sweep(
    problem: Problem,
    budgets: Sequence[float],
    options: RunOptions | None = None,
    *,
    caps: CapsMode = "scale",
    minimum: bool = True,
    tolerance: float | None = None,
    tiers: bool = True,
    tier_budget: float | Literal["problem"] | None = "problem",
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
    variant: str = "base",
) -> Sweep:
    """Solve the budget grid, then the minimum budget, then the per-tier dates.

    ``tier_budget``: the budget of the per-tier solves ("problem": the problem's own). On
    KeyboardInterrupt (or one raised by ``progress``) the sweep holds the points solved so
    far and ``partial`` is set.
    """
    options = options or RunOptions()
    own = executor is None
    ex = executor or make_executor(options.executor, options.workers, options.scheduler)
    runner = Runner(ex, progress)
    search = _Search(problem, caps, options, runner)
    grid = tuple(sorted(set(budgets)))
    per_tier_budget = problem.budget.total if tier_budget == "problem" else tier_budget
    found: MinimumBudget | None = None
    current, target = _tiers(problem)
    tier_results: tuple[TierDate, ...] = ()
    try:
        runner.expect(len(grid) + (max(0, (target or 0) - (current or 0)) if tiers else 0))
        search.solve(grid, "grid")
        if minimum and not runner.interrupted:
            found = minimum_budget(search, tolerance)
        if tiers and not runner.interrupted:
            tier_results = tier_dates(problem, per_tier_budget, caps, options, runner)
    finally:
        if own:
            ex.close()
    return Sweep(
        problem_name=problem.name,
        variant=variant,
        target_tier=target,
        current_tier=current,
        period=problem.time.period,
        start=problem.time.start,
        caps=caps,
        budgets=grid,
        points=dominance(list(search.points.values())),
        minimum=found,
        tier_budget=per_tier_budget,
        tiers=tier_results,
        partial=runner.interrupted,
    )
