"""Solve parameters, status and the PlanResult returned by ``plan``."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, computed_field

from catalog.errors import Issue
from catalog.models.base import Lang, OptionalTextOrStr, Text, TextOrStr
from planner.model.problem import Problem
from planner.result.account import ItemAccount
from planner.result.critical import ChainLink
from planner.result.family import Family
from planner.result.roadmap import Roadmap, TrajectoryPoint
from planner.result.violation import Violation


class SolveStatus(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    INVALID_INPUT = "invalid_input"
    NO_SOLUTION = "no_solution_within_time_limit"

    @property
    def has_roadmap(self) -> bool:
        return self in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)

    def describe(self) -> Text:
        return {
            SolveStatus.OPTIMAL: Text(zh="已证明最优", en="proven optimal"),
            SolveStatus.FEASIBLE: Text(zh="可行（未证明最优）", en="feasible, not proven optimal"),
            SolveStatus.INFEASIBLE: Text(zh="无法达成目标", en="target cannot be reached"),
            SolveStatus.INVALID_INPUT: Text(zh="输入有误", en="invalid input"),
            SolveStatus.NO_SOLUTION: Text(
                zh="时限内未找到方案", en="no solution within the time limit"
            ),
        }[self]


class SolveParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    time_limit: float = Field(default=30.0, gt=0, description="seconds for the whole solve")
    workers: int = Field(default=2, ge=1, le=64)
    seed: int = Field(default=0, ge=0)
    compare_routes: bool = Field(default=True, description="also solve each other Table 1 row")
    deterministic: bool = Field(
        default=True,
        description="pick one roadmap among equal optima with a single-worker stage, so that "
        "the same input and seed give the same roadmap (costs one extra short solve)",
    )
    explain: bool = Field(
        default=True,
        description="when the target cannot be reached, explain why and what would help "
        "(a few more solves)",
    )
    explain_time_limit: float | None = Field(
        default=None,
        gt=0,
        description="seconds for the whole explanation, shared by its solves "
        "(default: time_limit); plan() takes at most time_limit + explain_time_limit",
    )
    greedy_hint: bool = Field(
        default=True, description="warm-start CP-SAT from the greedy baseline's roadmap"
    )


YUAN_NOTE = "yuan (元), an integer; the *_wan field gives it in 万元, the unit of the inputs"


def _wan(yuan: int | None) -> float | None:
    return None if yuan is None else yuan / 10_000


class RouteComparison(BaseModel):
    model_config = ConfigDict(frozen=True)

    row: str
    route: str | None
    status: SolveStatus
    target_period: int | None = None
    total_cost: int | None = Field(default=None, description="total cost in " + YUAN_NOTE)
    chosen: bool = False
    note: str | None = None

    @computed_field(description="total cost in 万元 (10,000 CNY), as budgets are given")  # type: ignore[prop-decorator]
    @property
    def total_cost_wan(self) -> float | None:
        return _wan(self.total_cost)


class Objective(BaseModel):
    model_config = ConfigDict(frozen=True)

    target_period: int | None = None  # periods from the start until the target tier is reached
    total_cost: int | None = Field(default=None, description="total cost in " + YUAN_NOTE)
    tier: int | None = None  # tier reached (the max-tier objective's first stage)

    @computed_field(description="total cost in 万元 (10,000 CNY), as budgets are given")  # type: ignore[prop-decorator]
    @property
    def total_cost_wan(self) -> float | None:
        return _wan(self.total_cost)


class Explanation(BaseModel):
    """Why a target cannot be reached, and what would make it reachable."""

    model_config = ConfigDict(frozen=True)

    conflicting: tuple[Family, ...] = Field(
        default=(),
        description="the constraint families that together make the target unreachable "
        "(kind, subject, label in zh and en)",
    )
    text: Text
    min_budget: int | None = Field(
        default=None, description="the least total budget reaching the target, in " + YUAN_NOTE
    )
    earliest_period: int | None = None  # with the given budget, if the horizon were longer
    earliest_date: str | None = None
    highest_tier: int | None = None  # reachable as things stand
    highest_row: str | None = None

    @computed_field(description="min_budget in 万元 (10,000 CNY), as budgets are given")  # type: ignore[prop-decorator]
    @property
    def min_budget_wan(self) -> float | None:
        return _wan(self.min_budget)


class MoveChange(StrEnum):
    """How a step changed against the previous roadmap."""

    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"


class Move(BaseModel):
    """How a step changed against the previous roadmap in re-planning, and why."""

    model_config = ConfigDict(frozen=True)

    step: str
    change: MoveChange
    previous_start: int | None = None
    start: int | None = None
    reason: TextOrStr


class InputErrors(BaseModel):
    """Invalid input of a solve: English lines (as they always were) and the same in zh/en."""

    model_config = ConfigDict(frozen=True)

    errors: tuple[str, ...] = ()  # invalid input, in English (as it always was)
    error_texts: tuple[Text, ...] = Field(
        default=(), description="the same errors in Chinese and English"
    )

    def errors_in(self, lang: Lang) -> list[str]:
        """The input errors in one language (English strings of older results as they are)."""
        if len(self.error_texts) == len(self.errors):
            return [t.get(lang) for t in self.error_texts]
        return list(self.errors)


class SolveOutcome(BaseModel):
    """What a solver backend decides: status, the roadmap and its objective, the bound, the
    route comparison and, when it did not prove optimality, why. ``assemble`` (planner.result
    .assemble) turns it into the PlanResult with everything recomputed without the solver."""

    model_config = ConfigDict(frozen=True)

    status: SolveStatus
    objective: Objective = Objective()
    bound: Objective = Objective()
    gap: float | None = None
    roadmap: Roadmap | None = None
    routes: tuple[RouteComparison, ...] = ()
    message: Text | None = None


class PlanResult(InputErrors):
    """What ``plan`` returns: never raises on bad input or an unreachable target."""

    model_config = ConfigDict(frozen=True)

    status: SolveStatus
    objective: Objective = Objective()
    bound: Objective = Objective()
    gap: float | None = None
    runtime: float = Field(
        default=0.0,
        description="wall seconds the user waited: building, solving, explaining, validating",
    )
    roadmap: Roadmap | None = None
    message: OptionalTextOrStr = None
    issues: tuple[Issue, ...] = Field(
        default=(), description="the same errors as values: key path, message (zh, en), file, line"
    )

    current_tier: int | None = None
    target_tier: int | None = None
    derived_state: Text | None = None
    routes: tuple[RouteComparison, ...] = ()
    skipped_rows: dict[str, TextOrStr] = Field(
        default_factory=dict, description="Table 1 rows not compared, and why"
    )
    harder_rows: dict[str, str] = Field(
        default_factory=dict,
        description="of the rows not compared, those that ask at least as much as another "
        "candidate row on scope, level, depth and form: row → that row",
    )
    violations: tuple[Violation, ...] = Field(
        default=(), description="what the solver-free validator found (empty: the roadmap holds)"
    )
    problem: Problem | None = None
    trajectory: tuple[TrajectoryPoint, ...] = ()
    spend_per_year: dict[int, int] = Field(default_factory=dict)
    spend_per_period: tuple[int, ...] = ()
    staff_per_period: tuple[int, ...] = ()
    explanation: Explanation | None = None
    moves: tuple[Move, ...] = ()
    requirements: tuple[ItemAccount, ...] = Field(
        default=(),
        description="every 10004 requirement item of the claimed level and below, and how it is met",
    )
    derived_items: Text | None = None
    critical_chain: tuple[ChainLink, ...] = Field(
        default=(),
        description="the steps that set the target date, first step first, each with the "
        "periods it waited after its latest predecessor ended (planner.result.critical)",
    )
