"""The budgets of a sweep and its points: the grid as written (``--budgets``), a problem at a
budget (its yearly caps scaled, kept or dropped), dominance on the frontier, and the points
the search left undecided settled by feasibility's monotonicity in the budget."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from catalog.errors import DataError, at
from catalog.models.base import Text
from planner.model.money import money_text
from planner.model.problem import Problem
from planner.result.plan_result import SolveStatus
from planner.whatif.models import SweepPoint

CapsMode = Literal["scale", "keep", "drop"]
SETTLED_FIELDS = ("reached_period", "reached_date", "total_cost", "route", "row", "validated")


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
                        zh=f"时限内未完成求解；预算{money_text(q.budget, 2, in_wan=True)}万元下的路线图同样满足此预算",
                        en=f"not solved within the time limit; the roadmap found with "
                        f"{money_text(q.budget, 2, in_wan=True)} 万元 fits this budget too",
                    ),
                    **{k: getattr(q, k) for k in SETTLED_FIELDS},
                }
            )
        elif above:
            out[budget] = p.model_copy(
                update={
                    "status": SolveStatus.INFEASIBLE,
                    "message": Text(
                        zh=f"预算{money_text(min(above), 2, in_wan=True)}万元都无法达成，此预算更不能",
                        en=f"not reachable with {money_text(min(above), 2, in_wan=True)} 万元, so not with less",
                    ),
                }
            )
    return out
