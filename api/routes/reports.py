"""``/api/v1/reports``: the HTML reports of stored roadmaps, comparisons and assessments."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from api import store
from api.cache import BodyCache, Key
from api.deps import ApiKey, CacheDep, ReportLang
from api.errors import ApiError
from api.fastpath import REPORT_HEADERS
from api.models import AssessmentRow, ComparisonRow, RoadmapRow
from api.routes.common import (
    ETAG,
    INVALID,
    NOT_FOUND,
    NOT_MODIFIED,
    Responses,
    cached_response,
    problem,
    stored,
)
from api.views import assessment_result, stored_gap
from catalog.models.base import Text
from planner.report import AttachedAssessment, render_assessment, render_roadmap
from planner.result.plan_result import PlanResult

router = APIRouter(prefix="/reports", tags=["reports"], dependencies=[ApiKey])
HTML: Responses = {
    200: {
        "description": "A self-contained HTML page",
        "content": {"text/html": {}},
        "headers": ETAG,
    },
    **NOT_MODIFIED,
}


@router.get(
    "/roadmaps/{roadmap_id}",
    response_class=HTMLResponse,
    summary="HTML report of a roadmap",
    responses={**HTML, **NOT_FOUND, **INVALID},
)
async def roadmap_report(
    request: Request, roadmap_id: str, cache: CacheDep, lang: ReportLang = "zh"
) -> Response:
    """Summary, tier trajectory, Gantt chart, spend against caps, steps and assumptions; for
    a roadmap planned from an assessment, the assessment too (levels of the 22 subdomains
    against the target, main gaps). Rendered once per language, then served from memory
    (send its `ETag` back in `If-None-Match` to be answered 304)."""

    def key(session: Session) -> Key | None:
        if not store.exists(session, RoadmapRow, roadmap_id):
            return None
        return ("report", roadmap_id, lang, store.roadmap_assessment(session, roadmap_id))

    def make(session: Session) -> bytes:
        row = stored(session, RoadmapRow, roadmap_id, "roadmap")
        result = PlanResult.model_validate_json(row.result)
        assessed = store.get(session, AssessmentRow, row.assessment_id or "")
        if assessed is None:
            return render_roadmap(result, lang).encode()
        attached = assessment_result(assessed)
        return render_roadmap(result, lang, assessment=attached).encode()

    return await report(request, cache, ("roadmap", roadmap_id, "report", lang), key, make)


@router.get(
    "/assessments/{assessment_id}",
    response_class=HTMLResponse,
    summary="HTML report of an assessment",
    responses={**HTML, **NOT_FOUND, **INVALID},
)
async def assessment_report(
    request: Request, assessment_id: str, cache: CacheDep, lang: ReportLang = "zh"
) -> Response:
    """Levels of the 22 subdomains and 5 domains, the tier and why the next is not met, the
    current-vs-target chart and the main gaps, as `capplan assess --html` writes it."""

    def key(session: Session) -> Key | None:
        if not store.exists(session, AssessmentRow, assessment_id):
            return None
        return ("report", assessment_id, lang)

    def make(session: Session) -> bytes:
        row = stored(session, AssessmentRow, assessment_id, "assessment")
        attached = AttachedAssessment(assessment_result(row), stored_gap(row))
        return render_assessment(attached, lang).encode()

    return await report(request, cache, ("assessment", assessment_id, "report", lang), key, make)


def comparison_renderer() -> Callable[..., str] | None:
    """``planner.report.render_comparison`` if the planner has it."""
    try:
        module = importlib.import_module("planner.report")
    except ImportError:  # pragma: no cover
        return None
    renderer: Callable[..., str] | None = getattr(module, "render_comparison", None)
    return renderer


@router.get(
    "/scenarios/{comparison_id}",
    response_class=HTMLResponse,
    summary="HTML report of a comparison or budget sweep",
    responses={
        **HTML,
        **NOT_FOUND,
        **INVALID,
        501: problem("This capplan has no comparison report"),
    },
)
async def comparison_report(
    request: Request, comparison_id: str, cache: CacheDep, lang: ReportLang = "zh"
) -> Response:
    """Variants side by side, the budget–time trade-off curve of a sweep, and the steps that
    differ from the base."""
    render = comparison_renderer()
    if render is None:
        raise ApiError(
            501,
            "not-implemented",
            Text(
                zh="此 capplan 没有比较报告（planner.report.render_comparison）",
                en="this capplan has no comparison report (planner.report.render_comparison)",
            ),
        )
    from api import scenario_work

    def key(session: Session) -> Key | None:
        if not store.exists(session, ComparisonRow, comparison_id):
            return None
        return ("report", comparison_id, lang)

    def make(session: Session) -> bytes:
        row = stored(session, ComparisonRow, comparison_id, "comparison")
        comparison: Any = scenario_work.load_comparison(row.result)
        return str(render(comparison, lang)).encode()

    return await report(request, cache, ("comparison", comparison_id, "report", lang), key, make)


async def report(
    request: Request,
    cache: BodyCache,
    asked: Key,
    key: Callable[[Session], Key | None],
    make: Callable[[Session], bytes],
) -> Response:
    """The cached HTML (rendered by ``make`` the first time), with the report headers;
    ``asked`` is (what, id, "report", lang)."""
    return await cached_response(
        request, cache, asked, key, make, "text/html; charset=utf-8", REPORT_HEADERS
    )
