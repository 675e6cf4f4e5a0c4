"""What-if requests (a base problem and variants; a budget sweep) and their stored results."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.models import JobKind
from api.schemas.common import PageInfo, Versions
from catalog.models.base import Text
from planner.model.problem import Problem
from planner.whatif.models import Comparison
from planner.whatif.scenario import VariantSpec


class ScenarioRequest(BaseModel):
    """A scenario document with its base problem inline (``base_file`` is not accepted).

    The format of ``capplan compare`` scenario files: each variant applies, in order,
    ``unset``, ``set``, ``scale``, ``remove_units``, ``add_units``, ``remove_steps`` and
    ``add_steps`` to the base problem.
    """

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, max_length=200)
    description: Text | str | None = None
    base: Problem
    variants: list[VariantSpec] = Field(default_factory=list)


class SweepRequest(BaseModel):
    """A budget sweep of one problem: the earliest date for each total budget (万元), the
    minimum budget reaching the target, and the earliest date of each tier."""

    model_config = ConfigDict(extra="forbid")

    problem: Problem
    budgets: list[float] = Field(min_length=1, description="total budgets to solve, 万元")
    caps: Literal["scale", "keep", "drop"] = Field(
        default="scale",
        description="yearly caps: scaled with the total budget, kept as given, or dropped",
    )
    minimum: bool = Field(default=True, description="also search the minimum budget")
    tolerance: float | None = Field(
        default=None, gt=0, description="万元: precision of the minimum-budget search"
    )
    tiers: bool = Field(default=True, description="also the earliest date of each tier")
    tier_budget: float | None = Field(
        default=None, ge=0, description="万元 for the per-tier solves (default: the problem's)"
    )


class ComparisonLinks(BaseModel):
    self: str
    report: str = Field(description="HTML report (add ?lang=en for English)")
    submitted: str = Field(description="the request exactly as submitted")
    job: str | None = None


class ComparisonSummary(BaseModel):
    id: str
    kind: JobKind = Field(description="comparison (base + variants) or sweep")
    name: str
    versions: Versions
    created_at: dt.datetime = Field(description="when the request was submitted (UTC)")
    finished_at: dt.datetime
    links: ComparisonLinks


class ComparisonOut(ComparisonSummary):
    """A stored comparison or sweep: the request (validated) and the planner's answer."""

    request: dict[str, Any] = Field(description="the request as the workers received it")
    result: Comparison


class ComparisonPage(PageInfo):
    data: list[ComparisonSummary]
