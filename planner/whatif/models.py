"""The results of what-if analysis: ``Comparison``, ``VariantResult``, ``Sweep`` and their parts.

Everything here is plain, frozen, JSON-serialisable pydantic (``model_dump(mode="json")``),
so a comparison can be written with ``--json``, read back with ``Comparison.model_validate``
and rendered by ``planner.report.render_comparison(comparison, lang)``.

Units, the same as ``planner.result.plan_result.PlanResult``:

- **money spent** (``total_cost``, ``spend_per_year``, step costs) is in whole **yuan**
  (万元 × 10,000, see ``planner.compile.steps.MONEY_SCALE``); divide by 10,000 to show 万元;
- **budgets** (``budget``, ``budget_total``, ``MinimumBudget.budget``) are in **万元**, as the
  user writes them in a problem file;
- **periods** count from the plan start (``time.start``); a ``reached_period`` of 14 means the
  target tier holds at the end of period 14, i.e. on ``reached_date`` (the start of period 15
  after ``time.start``); the period length is ``period`` (month or quarter).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from catalog.models.base import OptionalTextOrStr, Text, TextOrStr
from planner.result.plan_result import InputErrors, SolveStatus
from planner.result.roadmap import Roadmap
from planner.result.violation import Violation

SCHEMA_VERSION = 1
# Fields that depend on the machine and the executor, not on the input (see ``comparable``):
# timings, the executor, and ``message``, whose infeasibility explanation is searched by the
# planner within wall-clock limits (on a loaded machine it may say less).
VOLATILE_FIELDS = frozenset({"runtime", "wall_time", "executor", "workers", "message"})


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TierPoint(_Model):
    """The tier held at the end of one period of a roadmap (recomputed from its steps)."""

    period: int = Field(description="period index, 0 = the first period")
    date: dt.date = Field(description="the date at which the state is read (end of the period)")
    tier: int
    row: str | None = Field(default=None, description="the Table 1 row met, e.g. L3-T6")


class StepRef(_Model):
    """A step of a roadmap, as named in a roadmap difference."""

    id: str
    title: Text
    kind: str = Field(description="decomposition | upgrade | deepening | combination | user")
    start: int = Field(description="start period")
    start_date: dt.date
    cost: int = Field(description="yuan")


class MovedStep(_Model):
    """A step in both roadmaps that starts at a different period in the variant."""

    id: str
    title: Text
    kind: str
    base_start: int
    start: int
    base_start_date: dt.date
    start_date: dt.date
    shift: int = Field(description="periods: positive = later than in the base, negative = earlier")


class RoadmapDiff(_Model):
    """How a variant's roadmap differs from the base roadmap (steps matched by id)."""

    added: tuple[StepRef, ...] = Field(default=(), description="in the variant only")
    removed: tuple[StepRef, ...] = Field(default=(), description="in the base only")
    moved: tuple[MovedStep, ...] = Field(default=(), description="in both, different start")
    unchanged: int = Field(default=0, description="steps in both with the same start")
    route_changed: bool = False
    target_shift: int | None = Field(
        default=None, description="periods: variant reached_period − base reached_period"
    )
    cost_change: int | None = Field(default=None, description="yuan: variant − base total cost")


class SolveSummary(_Model):
    """What every what-if answer says of its solve: a worker's outcome, a variant, a sweep
    point, a tier date. One definition, so each copies the others' summary by name."""

    status: SolveStatus
    message: OptionalTextOrStr = None
    total_cost: int | None = Field(default=None, description="yuan")
    route: str | None = Field(default=None, description="e.g. L3-T6@all_scenarios")
    row: str | None = None
    gap: float | None = Field(default=None, description="optimality gap of the cost, 0–1")
    runtime: float = Field(default=0.0, description="wall seconds of the solve (not compared)")
    validated: bool = Field(
        default=False, description="the roadmap went through the solver-free validator"
    )
    violations: tuple[Violation, ...] = Field(
        default=(), description="validator findings (empty: ok)"
    )

    def summary(self) -> dict[str, Any]:
        """The summary's fields, to build another answer from this one."""
        return {name: getattr(self, name) for name in SolveSummary.model_fields}


class VariantResult(SolveSummary, InputErrors):
    """One solved problem of a comparison: the base (``is_base``) or a named variant."""

    name: str = Field(description="'base' for the base problem, else the variant's name")
    description: Text | None = None
    is_base: bool = False
    changes: tuple[TextOrStr, ...] = Field(
        default=(),
        description="the variant's overrides in words, e.g. {zh: '总预算 = 1050', "
        "en: 'total budget = 1050'}",
    )
    problem_name: str = ""
    current_tier: int | None = None
    target_tier: int | None = None
    tier_reached: int | None = Field(
        default=None, description="highest tier at the end of the roadmap"
    )
    reached_period: int | None = Field(
        default=None, description="periods until the target tier is reached"
    )
    reached_date: dt.date | None = None
    budget_total: float | None = Field(default=None, description="the variant's budget, 万元")
    spend_per_year: dict[int, int] = Field(default_factory=dict, description="yuan per year")
    trajectory: tuple[TierPoint, ...] = Field(default=(), description="one point per period")
    period: Literal["month", "quarter"] = "month"
    start: dt.date | None = Field(default=None, description="the problem's time.start")
    horizon: int | None = None
    roadmap: Roadmap | None = None
    diff: RoadmapDiff | None = Field(
        default=None, description="against the base (None for the base or without roadmaps)"
    )

    @property
    def has_roadmap(self) -> bool:
        return self.roadmap is not None


class SweepPoint(SolveSummary):
    """One solved budget of a sweep: every point is solved, never interpolated."""

    budget: float = Field(description="total budget, 万元")
    yearly_caps: dict[int, float] = Field(default_factory=dict, description="万元 per year")
    source: Literal["grid", "minimum"] = Field(
        default="grid", description="a requested budget, or a probe of the minimum-budget search"
    )
    reached_period: int | None = None
    reached_date: dt.date | None = None
    dominated: bool = Field(
        default=False,
        description="another solved point reaches the target no later for no more budget",
    )

    @property
    def reaches(self) -> bool:
        return self.status.has_roadmap and self.reached_period is not None


class MinimumBudget(_Model):
    """The least total budget with which the target tier is reached within the horizon."""

    budget: float | None = Field(
        default=None, description="万元; None when no budget tried reaches the target"
    )
    below: float | None = Field(
        default=None, description="万元: the largest budget solved and found not to reach it"
    )
    tolerance: float = Field(description="万元: budget − below ≤ tolerance when both are known")
    method: Literal["bisection", "cheapest+bisection"]
    solves: int = 0
    exact: bool = Field(
        default=False, description="proven: a cheapest-cost solve gave the budget directly"
    )
    note: Text | None = None


class TierDate(SolveSummary):
    """The earliest date one tier is reached with a given budget (solved per tier)."""

    tier: int
    reached_period: int | None = None
    reached_date: dt.date | None = None

    @property
    def reaches(self) -> bool:
        return self.status.has_roadmap and self.reached_period is not None


class Sweep(_Model):
    """Budget–time trade-off of one problem: the efficient frontier and the tier dates."""

    problem_name: str
    variant: str = Field(default="base", description="the variant swept")
    target_tier: int | None = None
    current_tier: int | None = None
    period: Literal["month", "quarter"] = "month"
    start: dt.date | None = None
    caps: Literal["scale", "keep", "drop"] = Field(
        default="scale",
        description="yearly caps: scaled with the total budget, kept as given, or dropped",
    )
    budgets: tuple[float, ...] = Field(default=(), description="the requested grid, 万元")
    points: tuple[SweepPoint, ...] = Field(default=(), description="by budget, solved only")
    minimum: MinimumBudget | None = None
    tier_budget: float | None = Field(
        default=None, description="万元: the budget of the per-tier solves (None: unlimited)"
    )
    tiers: tuple[TierDate, ...] = ()
    partial: bool = Field(default=False, description="interrupted: some points are missing")

    def comparable(self) -> dict[str, Any]:
        """The JSON form without volatile fields (see ``Comparison.comparable``)."""
        out: dict[str, Any] = _strip(self.model_dump(mode="json"))
        return out

    @property
    def frontier(self) -> tuple[SweepPoint, ...]:
        """The efficient points: reaching the target and not dominated, by budget."""
        return tuple(p for p in self.points if p.reaches and not p.dominated)


class RunInfo(_Model):
    """How the comparison was computed (not part of the answer: see ``comparable``)."""

    executor: str = "local"
    workers: int = 1
    time_limit: float = 10.0
    seed: int = 0
    solver_workers: int = 1
    wall_time: float = 0.0


class VariantRisk(_Model):
    """Schedule and cost risk of a variant's roadmap (planner.risk; ``compare --risk-runs``)."""

    runs: int
    p50: dt.date | None
    p80: dt.date | None
    cost_p80: float = Field(description="万元")
    p_within_horizon: float


class Comparison(_Model):
    """The answer of ``capplan compare`` / ``capplan sweep``.

    ``variants`` lists the base first (``is_base``), then the variants in file order; it is
    empty when only a sweep was run. ``partial`` is true when the run was interrupted: the
    results present are complete solves, the missing ones were not solved.
    """

    schema_version: int = SCHEMA_VERSION
    problem_name: str = Field(description="the base problem's name")
    source: str | None = Field(default=None, description="the scenario file")
    variants: tuple[VariantResult, ...] = ()
    sweep: Sweep | None = None
    partial: bool = False
    missing: tuple[str, ...] = Field(default=(), description="variants not solved (interrupted)")
    run: RunInfo = RunInfo()
    risk: dict[str, VariantRisk] = Field(
        default_factory=dict, description="P50 / P80 per variant, when asked for"
    )

    @property
    def base(self) -> VariantResult | None:
        return next((v for v in self.variants if v.is_base), None)

    def variant(self, name: str) -> VariantResult:
        for v in self.variants:
            if v.name == name:
                return v
        raise KeyError(name)

    def comparable(self) -> dict[str, Any]:
        """The JSON form without volatile fields (timings, executor, messages).

        Equal whichever executor ran the solves, as long as each solve ends within its time
        limit (the same seed and one CP-SAT worker per solve make each solve deterministic).
        """
        out: dict[str, Any] = _strip(self.model_dump(mode="json"))
        return out


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in VOLATILE_FIELDS}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value
