"""Roadmaps: a problem submitted, solved and stored with its PlanResult."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from api.schemas.common import PageInfo, Versions
from planner.model.problem import Problem
from planner.result.plan_result import PlanResult, SolveParams, SolveStatus


class RoadmapLinks(BaseModel):
    self: str
    report: str = Field(description="HTML report (add ?lang=en for English)")
    problem: str = Field(description="the problem exactly as submitted (JSON or YAML)")
    job: str | None = None
    assessment: str | None = Field(
        default=None, description="the assessment it was planned from, if any"
    )


class RoadmapSummary(BaseModel):
    """A stored roadmap without its problem and result (for lists)."""

    id: str
    name: str
    status: SolveStatus
    current_tier: int | None = None
    target_tier: int | None = None
    target_period: int | None = Field(
        default=None, description="periods from the start until the target tier is reached"
    )
    total_cost: int | None = Field(default=None, description="yuan (万元 × 10,000)")
    runtime: float = Field(
        description="wall seconds the plan took (building, solving, explaining, validating)"
    )
    assessment_id: str | None = Field(
        default=None,
        description="the assessment whose state it starts from (its report shows the assessment)",
    )
    versions: Versions
    created_at: dt.datetime = Field(description="when the problem was submitted (UTC)")
    finished_at: dt.datetime = Field(description="when the solve finished (UTC)")
    links: RoadmapLinks


class RoadmapOut(RoadmapSummary):
    """A stored roadmap: the solve options, the problem (validated) and the PlanResult."""

    params: SolveParams = Field(description="the solver parameters it was planned with")
    problem: Problem
    result: PlanResult


class RoadmapPage(PageInfo):
    data: list[RoadmapSummary]
