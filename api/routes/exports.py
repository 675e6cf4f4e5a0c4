"""``/api/v1/exports``: a stored roadmap as Excel, PowerPoint, Word, MS Project XML or its
executive summary (HTML), each with its own media type."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path
from fastapi.responses import HTMLResponse, Response

from api.deps import ApiKey, ReportLang, SessionDep
from api.routes.common import INVALID, NOT_FOUND, Responses, problem, stored_plan
from catalog.models.base import Text
from planner.deliver.export import FORMATS, export
from planner.result.plan_result import PlanResult

router = APIRouter(prefix="/exports", tags=["exports"], dependencies=[ApiKey])
FormatName = Literal["xlsx", "pptx", "docx", "mspdi"]
NO_ROADMAP: Responses = {409: problem("The stored result has no roadmap to export")}
FILES: Responses = {
    200: {
        "description": "The file",
        "content": {spec.media_type: {} for spec in FORMATS.values()},
    }
}


def _result(session: SessionDep, roadmap_id: str) -> PlanResult:
    return stored_plan(session, roadmap_id, Text(zh="导出", en="export"))


@router.get(
    "/roadmaps/{roadmap_id}/summary",
    response_class=HTMLResponse,
    summary="Executive summary of a roadmap (printable HTML, A4 landscape)",
    responses={**NOT_FOUND, **INVALID, **NO_ROADMAP},
)
def executive_summary(
    roadmap_id: str, session: SessionDep, lang: ReportLang = "zh"
) -> HTMLResponse:
    """Current and target tier, the date, investment against caps, waves and initiatives,
    the route and why, main risks and the alternatives considered, in 2–3 pages."""
    from planner.deliver.summary import render_executive

    return HTMLResponse(render_executive(_result(session, roadmap_id), lang))


@router.get(
    "/roadmaps/{roadmap_id}/{fmt}",
    response_class=Response,
    summary="A roadmap as xlsx, pptx, docx or MS Project XML (mspdi)",
    responses={**FILES, **NOT_FOUND, **INVALID, **NO_ROADMAP},
)
def export_file(
    roadmap_id: str,
    fmt: Annotated[FormatName, Path(description="xlsx | pptx | docx | mspdi")],
    session: SessionDep,
    lang: ReportLang = "zh",
) -> Response:
    """Initiatives, annual plan, investment estimate, steps and requirement items; the deck;
    the planning report; or the MS Project plan, with the assumptions they rest on."""
    spec = FORMATS[fmt]
    data = export(_result(session, roadmap_id), fmt, lang)
    name = f"capplan-{roadmap_id}{spec.suffix}"
    return Response(
        data,
        media_type=spec.media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
