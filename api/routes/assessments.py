"""``/api/v1/assessments``: score a filled questionnaire, store it, plan roadmaps from it.

The questionnaire is read and scored by ``planner.assessment`` exactly as ``capplan assess
FILE`` does; a roadmap planned from an assessment starts from its state
(``planner.assessment.to_problem``), and its HTML report shows the assessment, as
``capplan plan --assessment --html`` does.
"""

from __future__ import annotations

from typing import Annotated, Any, cast

from fastapi import APIRouter, Body, Query, Request, Response
from pydantic import ValidationError

from api import store
from api.assessment_work import gap_of, read_questionnaire, row_tiers, score
from api.deps import ApiKey, CacheDep, JobsDep, LangQuery, Limit, Offset, SessionDep, SettingsDep
from api.errors import ApiError, not_found, validation_errors, validation_problem
from api.examples import plan_examples, questionnaire_examples
from api.models import AssessmentRow, new_id, utcnow
from api.ranges import NAME_MAX
from api.routes.common import (
    INVALID,
    LOCATION,
    NOT_FOUND,
    TOO_LARGE,
    problem,
    stored,
    submitted_body,
    submitted_responses,
)
from api.routes.roadmaps import ROADMAP_CREATED, SolveDep, plan_roadmap
from api.schemas.assessments import (
    AssessmentOut,
    AssessmentOutLocalized,
    AssessmentPage,
    AssessmentPlanRequest,
    QuestionnaireIn,
)
from api.schemas.common import XLSX
from api.schemas.problems import FieldError, Message
from api.schemas.roadmaps import RoadmapOut
from api.versions import capplan_version, catalog_version
from api.views import assessment_json, assessment_result, assessment_summary
from catalog.models.base import Text
from planner.assessment import to_problem

router = APIRouter(prefix="/assessments", tags=["assessments"], dependencies=[ApiKey])

TargetTier = Annotated[
    int | None,
    Query(ge=1, le=10, description="target tier 1–10: measure the gaps to it"),
]
TargetRow = Annotated[
    str | None,
    Query(
        max_length=40,
        description="the Table 1 row of the target tier to measure the gaps against, e.g. "
        "L3-T7 (default: the row the gap analysis picks); alone, it names its tier",
        json_schema_extra={"enum": list(row_tiers())},
    ),
]
Output = AssessmentOut | AssessmentOutLocalized
SCHEMA_REF = {"$ref": f"#/components/schemas/{QuestionnaireIn.__name__}"}


def _questionnaire_body() -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "description": "A filled questionnaire: JSON or YAML (Content-Type: "
            "application/yaml), as `capplan questionnaire --yaml` writes it and `capplan "
            "assess FILE` reads it; or the filled Excel sheet as the body (Content-Type: "
            f"{XLSX}). `target_tier` and `target_row` may be given in a JSON or YAML body "
            "instead of the query.",
            "content": {
                "application/json": {
                    "schema": SCHEMA_REF,
                    "examples": questionnaire_examples(),
                },
                "application/yaml": {"schema": SCHEMA_REF},
                XLSX: {"schema": {"type": "string", "format": "binary"}},
            },
        }
    }


@router.post(
    "",
    status_code=201,
    response_model=Output,
    summary="Assess a filled questionnaire",
    responses={
        201: {"description": "Scored and stored", "headers": LOCATION},
        415: problem("The body is not JSON, YAML or an Excel workbook"),
        **TOO_LARGE,
        **INVALID,
    },
    openapi_extra=_questionnaire_body(),
)
def create_assessment(
    request: Request,
    session: SessionDep,
    target_tier: TargetTier = None,
    target_row: TargetRow = None,
    lang: LangQuery = None,
) -> Response:
    """Score the questionnaire against T/AIITRE 10004—2023: the level of each of the 22
    subdomains and 5 evaluation domains, the overall level, the tier and Table 1 row reached,
    why the next tier is not met (with clause numbers), the gaps to `target_tier`, and the
    planner's current state derived from it. Stored: plan from it with
    `POST /api/v1/assessments/{id}/roadmaps`.

    A questionnaire that cannot be read is a **422** whose `errors` name each place at
    fault: key path, JSON pointer and line of a JSON or YAML body, or sheet, row and column
    of an Excel one.
    """
    state = request.scope.get("state") or {}
    raw: bytes = state.get("raw_body") or b""
    media_type = str(state.get("media_type") or "application/json")
    read = read_questionnaire(raw, media_type)
    named = read.assessment.organisation.name or ""
    if len(named) > NAME_MAX:
        raise ApiError(
            422,
            "out-of-range",
            Text(
                zh=f"organisation.name：{len(named)} 个字符；最多 {NAME_MAX} 个",
                en=f"organisation.name: {len(named)} characters; at most {NAME_MAX}",
            ),
            title=Text(
                zh="有取值超出本服务接受的范围",
                en="A value is outside the range this service accepts",
            ),
            errors=[
                FieldError(
                    field="organisation.name",
                    pointer="/organisation/name",
                    msg=f"at most {NAME_MAX} characters",
                    type="out_of_range",
                )
            ],
        )
    tier = _one("target_tier", target_tier, read.target.get("target_tier"))
    row_id = _one("target_row", target_row, read.target.get("target_row"))
    where = "body" if "target_tier" in read.target or "target_row" in read.target else "query"
    result = score(read.assessment)
    gap = gap_of(result, tier, row_id, where)
    org = result.organisation
    row = store.add(
        session,
        AssessmentRow(
            id=new_id(),
            name=store.storable(org.name or org.industry)[:200],
            industry=org.industry,
            level=result.level,
            tier=result.tier,
            target_tier=gap.target_tier if gap is not None else tier,
            target_row=gap.row if gap is not None else None,
            submitted=raw,
            media_type=media_type[:100],
            result=result.model_dump_json(),
            gap=gap.model_dump_json() if gap is not None else None,
            capplan_version=capplan_version()[:40],
            catalog_version=catalog_version()[:40],
            created_at=utcnow(),
        ),
    )
    return Response(
        assessment_json(row, lang, result),
        status_code=201,
        media_type="application/json",
        headers={"Location": f"/api/v1/assessments/{row.id}"},
    )


def _one(name: str, query: Any, body: Any) -> Any:
    if query is not None and body is not None and query != body:
        raise ApiError(
            422,
            "invalid-target",
            Text(
                zh=f"{name}：查询参数为 {query!r}，请求体中为 {body!r}；请只给出一个",
                en=f"{name}: {query!r} in the query but {body!r} in the body; give one",
            ),
            title=Text(zh="目标无效", en="The target is not valid"),
            errors=[
                FieldError(
                    field=name,
                    parameter=name,
                    location="query",
                    msg="conflicts with body",
                    message=Message(zh="与请求体中的值冲突", en="conflicts with body"),
                )
            ],
        )
    return query if query is not None else body


@router.get("", response_model=AssessmentPage, summary="List assessments", responses=INVALID)
def list_assessments(
    session: SessionDep,
    offset: Offset = 0,
    limit: Limit = 20,
    name: Annotated[
        str | None, Query(max_length=200, description="name contains (case-insensitive)")
    ] = None,
    industry: Annotated[str | None, Query(max_length=100, description="industry id")] = None,
) -> AssessmentPage:
    """Newest first, without the details (read one for those)."""
    page = store.list_assessments(session, offset=offset, limit=limit, name=name, industry=industry)
    return AssessmentPage(
        data=[assessment_summary(row) for row in page.rows],
        count=page.count,
        offset=offset,
        limit=limit,
    )


@router.get(
    "/{assessment_id}",
    response_model=Output,
    summary="Read an assessment",
    responses={**NOT_FOUND, **INVALID},
)
def read_assessment(
    assessment_id: str,
    session: SessionDep,
    target_tier: TargetTier = None,
    target_row: TargetRow = None,
    lang: LangQuery = None,
) -> Response:
    """The stored assessment; with `target_tier` the gaps are measured to that tier instead
    of the one it was submitted with."""
    row = stored(session, AssessmentRow, assessment_id, "assessment")
    if target_tier is None and target_row is None:
        return Response(assessment_json(row, lang), media_type="application/json")
    result = assessment_result(row)
    gap = gap_of(result, target_tier, target_row, "query")
    return Response(assessment_json(row, lang, result, gap), media_type="application/json")


@router.get(
    "/{assessment_id}/questionnaire",
    summary="The questionnaire as submitted",
    response_class=Response,
    responses=submitted_responses(
        {
            "application/json": {"schema": SCHEMA_REF},
            "application/yaml": {"schema": SCHEMA_REF},
            XLSX: {"schema": {"type": "string", "format": "binary"}},
        }
    ),
)
def read_submitted_questionnaire(assessment_id: str, session: SessionDep) -> Response:
    row = stored(session, AssessmentRow, assessment_id, "assessment")
    if row.media_type == XLSX:
        disposition = f'attachment; filename="questionnaire-{row.id}.xlsx"'
        return Response(
            row.submitted, media_type=XLSX, headers={"Content-Disposition": disposition}
        )
    return submitted_body(row.submitted, row.media_type)


@router.delete(
    "/{assessment_id}", status_code=204, summary="Delete an assessment", responses=NOT_FOUND
)
def delete_assessment(assessment_id: str, session: SessionDep, cache: CacheDep) -> Response:
    """Roadmaps planned from it stay (their `assessment_id` is cleared, their reports no
    longer show it)."""
    if not store.delete_assessment(session, assessment_id):
        raise not_found("assessment", assessment_id)
    cache.drop(assessment_id)
    return Response(status_code=204)


@router.post(
    "/{assessment_id}/roadmaps",
    status_code=201,
    response_model=RoadmapOut,
    summary="Plan a roadmap from an assessment",
    responses={**ROADMAP_CREATED, **NOT_FOUND},
)
def plan_from_assessment(
    assessment_id: str,
    request: Request,
    body: Annotated[
        AssessmentPlanRequest,
        Body(
            description="The problem without its organisation (JSON, or YAML with "
            "Content-Type: application/yaml): target, time, budget, staff …",
            openapi_examples=plan_examples(),
        ),
    ],
    settings: SettingsDep,
    session: SessionDep,
    jobs: JobsDep,
    solve: SolveDep,
) -> Response:
    """Plan as `POST /api/v1/roadmaps` does, starting from the assessed state: the
    organisation, its capability units with their levels and depth stages, and the modules
    formed. `target` defaults to the assessment's target tier. The stored roadmap links to
    the assessment, and its HTML report shows it (levels against the target, main gaps)."""
    row = stored(session, AssessmentRow, assessment_id, "assessment")
    data: dict[str, Any] = body.model_dump(mode="json", exclude_unset=True)
    target = data.pop("target", None)
    if target is None and row.target_tier is not None:
        target = {"tier": row.target_tier}
    try:  # no target: Problem says what is missing (or plans max-tier)
        result = assessment_result(row)
        planned = to_problem(result, cast(dict[str, Any], target), data.pop("time"), **data)
    except ValidationError as exc:
        raised = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        raise validation_problem(validation_errors(raised)) from exc
    return plan_roadmap(request, planned, settings, session, jobs, solve, row.id)
