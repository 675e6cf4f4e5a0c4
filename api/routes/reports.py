"""``/api/v1/reports``: the HTML reports of stored roadmaps, comparisons and assessments."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api import store
from api.deps import ApiKey, CacheDep, ReportLang, SessionDep
from api.errors import ApiError, not_found
from api.models import AssessmentRow, ComparisonRow, RoadmapRow
from api.routes.common import INVALID, NOT_FOUND, Responses, problem, stored
from api.views import assessment_result, stored_gap
from planner.report import AttachedAssessment, render_assessment, render_roadmap
from planner.result.plan_result import PlanResult

router = APIRouter(prefix="/reports", tags=["reports"], dependencies=[ApiKey])
HTML: Responses = {200: {"description": "A self-contained HTML page", "content": {"text/html": {}}}}


@router.get(
    "/roadmaps/{roadmap_id}",
    response_class=HTMLResponse,
    summary="HTML report of a roadmap",
    responses={**HTML, **NOT_FOUND, **INVALID},
)
def roadmap_report(
    roadmap_id: str, session: SessionDep, cache: CacheDep, lang: ReportLang = "zh"
) -> HTMLResponse:
    """Summary, tier trajectory, Gantt chart, spend against caps, steps and assumptions; for
    a roadmap planned from an assessment, the assessment too (levels of the 22 subdomains
    against the target, main gaps). Rendered once per language, then served from memory."""
    if not store.exists(session, RoadmapRow, roadmap_id):
        raise not_found("roadmap", roadmap_id)
    assessment_id = store.roadmap_assessment(session, roadmap_id)

    def make() -> bytes:
        row = stored(session, RoadmapRow, roadmap_id, "roadmap")
        result = PlanResult.model_validate_json(row.result)
        assessed = store.get(session, AssessmentRow, assessment_id or "")
        if assessed is None:
            return render_roadmap(result, lang).encode()
        attached = assessment_result(assessed)
        return render_roadmap(result, lang, assessment=attached).encode()

    return report(cache.get_or_make(("report", roadmap_id, lang, assessment_id), make))


@router.get(
    "/assessments/{assessment_id}",
    response_class=HTMLResponse,
    summary="HTML report of an assessment",
    responses={**HTML, **NOT_FOUND, **INVALID},
)
def assessment_report(
    assessment_id: str, session: SessionDep, cache: CacheDep, lang: ReportLang = "zh"
) -> HTMLResponse:
    """Levels of the 22 subdomains and 5 domains, the tier and why the next is not met, the
    current-vs-target chart and the main gaps, as `capplan assess --html` writes it."""
    if not store.exists(session, AssessmentRow, assessment_id):
        raise not_found("assessment", assessment_id)

    def make() -> bytes:
        row = stored(session, AssessmentRow, assessment_id, "assessment")
        attached = AttachedAssessment(assessment_result(row), stored_gap(row))
        return render_assessment(attached, lang).encode()

    return report(cache.get_or_make(("report", assessment_id, lang), make))


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
def comparison_report(
    comparison_id: str, session: SessionDep, cache: CacheDep, lang: ReportLang = "zh"
) -> HTMLResponse:
    """Variants side by side, the budget–time trade-off curve of a sweep, and the steps that
    differ from the base."""
    if not store.exists(session, ComparisonRow, comparison_id):
        raise not_found("comparison", comparison_id)
    render = comparison_renderer()
    if render is None:
        raise ApiError(
            501,
            "not-implemented",
            "this capplan has no comparison report (planner.report.render_comparison)",
        )
    from api import scenario_work

    def make() -> bytes:
        row = stored(session, ComparisonRow, comparison_id, "comparison")
        comparison: Any = scenario_work.load_comparison(row.result)
        return str(render(comparison, lang)).encode()

    return report(cache.get_or_make(("report", comparison_id, lang), make))


# A report is self-contained (inline styles and SVG, no script): nothing else may load
REPORT_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def report(body: bytes) -> HTMLResponse:
    return HTMLResponse(body, headers=REPORT_HEADERS)
