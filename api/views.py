"""Database rows as API schemas (and, for large stored results, as ready JSON bytes)."""

from __future__ import annotations

import json
from typing import Any

from pydantic_core import to_json

from api.localize import localize
from api.models import AssessmentRow, ComparisonRow, JobKind, JobRow, JobState, RoadmapRow
from api.schemas.assessments import (
    AssessmentLinks,
    AssessmentOut,
    AssessmentSummary,
    AssessmentVersions,
)
from api.schemas.common import Versions
from api.schemas.jobs import JobLinks, JobOut
from api.schemas.problems import Message
from api.schemas.roadmaps import RoadmapLinks, RoadmapSummary
from api.schemas.scenarios import ComparisonLinks, ComparisonSummary
from catalog.models.base import Lang
from planner.assessment import to_problem_organisation
from planner.assessment.gap import GapResult, level_chart
from planner.assessment.models import AssessmentResult
from planner.result.plan_result import SolveStatus

PREFIX = "/api/v1"


def result_path(kind: str, result_id: str) -> str:
    if kind == JobKind.ROADMAP:
        return f"{PREFIX}/roadmaps/{result_id}"
    return f"{PREFIX}/scenarios/{result_id}"


def report_path(kind: str, result_id: str) -> str:
    if kind == JobKind.ROADMAP:
        return f"{PREFIX}/reports/roadmaps/{result_id}"
    return f"{PREFIX}/reports/scenarios/{result_id}"


def job_out(job: JobRow, lang: Lang = "zh") -> JobOut:
    """The job, its reason and note in ``lang`` (and both languages beside them)."""
    done = job.state == JobState.SUCCEEDED and job.result_id is not None
    reason, note = job.reason_text, job.note_text
    return JobOut(
        id=job.id,
        kind=JobKind(job.kind),
        state=JobState(job.state),
        name=job.name,
        attempts=job.attempts,
        reason=None if reason is None else reason.get(lang),
        reason_text=None if reason is None else Message(zh=reason.zh, en=reason.en),
        note=None if note is None else note.get(lang),
        note_text=None if note is None else Message(zh=note.zh, en=note.en),
        result_id=job.result_id,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        links=JobLinks(
            self=f"{PREFIX}/jobs/{job.id}",
            result=result_path(job.kind, job.result_id) if done and job.result_id else None,
            report=report_path(job.kind, job.result_id) if done and job.result_id else None,
        ),
    )


def versions_of(row: RoadmapRow | ComparisonRow) -> Versions:
    return Versions(
        capplan=row.capplan_version, solver=row.solver_version, catalog=row.catalog_version
    )


def roadmap_summary(row: RoadmapRow) -> RoadmapSummary:
    return RoadmapSummary(
        id=row.id,
        name=row.name,
        status=SolveStatus(row.status),
        current_tier=row.current_tier,
        target_tier=row.target_tier,
        target_period=row.target_period,
        total_cost=row.total_cost,
        runtime=row.runtime,
        assessment_id=row.assessment_id,
        versions=versions_of(row),
        created_at=row.created_at,
        finished_at=row.finished_at,
        links=RoadmapLinks(
            self=f"{PREFIX}/roadmaps/{row.id}",
            report=f"{PREFIX}/reports/roadmaps/{row.id}",
            problem=f"{PREFIX}/roadmaps/{row.id}/problem",
            job=f"{PREFIX}/jobs/{row.job_id}" if row.job_id else None,
            assessment=f"{PREFIX}/assessments/{row.assessment_id}" if row.assessment_id else None,
        ),
    )


def roadmap_json(row: RoadmapRow) -> bytes:
    """RoadmapOut as JSON, splicing the stored problem and result texts (no re-parse)."""
    head = roadmap_summary(row).model_dump(mode="json")
    head["params"] = json.loads(row.params)
    text = json.dumps(head, ensure_ascii=False)
    return f'{text[:-1]},"problem":{row.problem},"result":{row.result}}}'.encode()


def comparison_summary(row: ComparisonRow) -> ComparisonSummary:
    return ComparisonSummary(
        id=row.id,
        kind=JobKind(row.kind),
        name=row.name,
        versions=versions_of(row),
        created_at=row.created_at,
        finished_at=row.finished_at,
        links=ComparisonLinks(
            self=f"{PREFIX}/scenarios/{row.id}",
            report=f"{PREFIX}/reports/scenarios/{row.id}",
            submitted=f"{PREFIX}/scenarios/{row.id}/submitted",
            job=f"{PREFIX}/jobs/{row.job_id}" if row.job_id else None,
        ),
    )


def comparison_json(row: ComparisonRow) -> bytes:
    """ComparisonOut as JSON, splicing the stored request and result texts."""
    head = comparison_summary(row).model_dump(mode="json")
    text = json.dumps(head, ensure_ascii=False)
    return f'{text[:-1]},"request":{row.request},"result":{row.result}}}'.encode()


def assessment_summary(row: AssessmentRow) -> AssessmentSummary:
    own = f"{PREFIX}/assessments/{row.id}"
    return AssessmentSummary(
        id=row.id,
        name=row.name,
        industry=row.industry,
        level=row.level,
        tier=row.tier,
        target_tier=row.target_tier,
        target_row=row.target_row,
        versions=AssessmentVersions(capplan=row.capplan_version, catalog=row.catalog_version),
        created_at=row.created_at,
        links=AssessmentLinks(
            self=own,
            report=f"{PREFIX}/reports/assessments/{row.id}",
            questionnaire=f"{own}/questionnaire",
            plan=f"{own}/roadmaps",
            roadmaps=f"{PREFIX}/roadmaps?assessment_id={row.id}",
        ),
    )


def assessment_result(row: AssessmentRow) -> AssessmentResult:
    return AssessmentResult.model_validate_json(row.result)


def stored_gap(row: AssessmentRow) -> GapResult | None:
    return GapResult.model_validate_json(row.gap) if row.gap else None


def assessment_json(
    row: AssessmentRow,
    lang: Lang | None,
    result: AssessmentResult | None = None,
    gap: GapResult | None = None,
) -> bytes:
    """AssessmentOut as JSON (texts in ``lang``, or both): the stored result and gap (or
    ``gap``, measured to another target), the chart and the planner's current state."""
    result = result or assessment_result(row)
    summary = assessment_summary(row)
    if gap is not None:
        summary.target_tier, summary.target_row = gap.target_tier, gap.row
    else:
        gap = stored_gap(row)
    out = AssessmentOut(
        **dict(summary),
        lang=lang,
        result=result,
        gap=gap,
        chart=list(level_chart(result, gap)),
        state=to_problem_organisation(result),
    )
    data: Any = out.model_dump(mode="json") if lang is None else localize(out, lang)
    return to_json(data)
