"""``/api/v1/roadmaps``: submit a problem, read, list and delete stored roadmaps."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request, Response
from pydantic import BeforeValidator
from sqlalchemy.orm import Session

from api import store
from api.backpressure import check_rate
from api.cache import Key
from api.deps import ApiKey, CacheDep, JobsDep, Limit, Offset, SessionDep, SettingsDep
from api.errors import not_found
from api.examples import problem_examples
from api.jobs import JobManager
from api.limits import check_problem, check_time_limit
from api.models import JobKind, RoadmapRow
from api.routes.common import (
    ETAG,
    INVALID,
    NOT_FOUND,
    NOT_MODIFIED,
    StoredResult,
    body_data,
    created,
    stored,
    submit_job,
    submitted_body,
    submitted_responses,
)
from api.schemas.roadmaps import RoadmapOut, RoadmapPage
from api.settings import Settings
from api.views import roadmap_json, roadmap_summary
from planner.model.problem import Problem
from planner.result.plan_result import SolveParams, SolveStatus

router = APIRouter(prefix="/roadmaps", tags=["roadmaps"], dependencies=[ApiKey])

TimeLimit = Annotated[
    float | None,
    Query(gt=0, description="solver seconds (default and maximum: service settings)"),
]
Seed = Annotated[
    int, Query(ge=0, le=2**31 - 1, description="random seed (same seed, same roadmap)")
]
CompareRoutes = Annotated[
    bool, Query(description="also solve every other Table 1 row, to compare routes")
]
Wait = Annotated[
    float | None,
    Query(
        ge=0,
        le=60,
        description="seconds to wait for the result before answering 202 with a job "
        "(default: the service's sync_wait; at most its max_wait)",
    ),
]


def _iso_only(value: object) -> object:
    """A number is not a date: pydantic would read ``0.5`` as a Unix timestamp."""
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        raise ValueError("must be an ISO 8601 date or date-time, e.g. 2027-01-01T00:00:00Z")
    return value


_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
IsoDateTime = Annotated[dt.datetime, BeforeValidator(_iso_only)]


class SolveQuery:
    """The solve options of a POST that plans a roadmap (query parameters)."""

    def __init__(
        self,
        time_limit: TimeLimit = None,
        seed: Seed = 0,
        compare_routes: CompareRoutes = True,
        wait: Wait = None,
    ) -> None:
        self.time_limit, self.seed = time_limit, seed
        self.compare_routes, self.wait = compare_routes, wait


SolveDep = Annotated[SolveQuery, Depends()]
ROADMAP_CREATED = created(
    "Solved within the wait: the stored roadmap (an infeasible target is a result with "
    "status infeasible, not an error)"
)


@router.post(
    "",
    status_code=201,
    response_model=RoadmapOut,
    summary="Plan a roadmap",
    responses=ROADMAP_CREATED,
)
def create_roadmap(
    request: Request,
    problem: Annotated[
        Problem,
        Body(
            description="The planning problem (JSON, or YAML with Content-Type: "
            "application/yaml — a scenario file as is)",
            openapi_examples=problem_examples(),
        ),
    ],
    settings: SettingsDep,
    session: SessionDep,
    jobs: JobsDep,
    solve: SolveDep,
) -> Response:
    """Validate the problem, queue its solve and wait briefly for the result.

    Answers **201** with the stored roadmap if the solve finishes within `wait` seconds,
    otherwise **202** with a job to poll at `GET /api/v1/jobs/{id}` (cancel it with
    `DELETE`). Invalid input is a **422** naming each field; a problem larger than the
    service's limits is a **413**.
    """
    return plan_roadmap(
        request, problem, settings, session, jobs, solve, raw_problem=body_data(request)
    )


def plan_roadmap(
    request: Request,
    problem: Problem,
    settings: Settings,
    session: Session,
    jobs: JobManager,
    solve: SolveQuery,
    assessment_id: str | None = None,
    raw_problem: Any = None,
) -> Response:
    """Check the problem, queue its solve, answer 201 with the roadmap or 202 with the job."""
    check_rate(request, settings)
    limit = check_time_limit(solve.time_limit, settings)
    check_problem(problem, settings, raw=raw_problem)
    params = SolveParams(
        time_limit=limit,
        workers=settings.solver_workers,
        seed=solve.seed,
        compare_routes=solve.compare_routes,
    )
    payload: dict[str, Any] = {
        "problem": problem.model_dump(mode="json"),
        "params": params.model_dump(),
    }
    if assessment_id is not None:
        payload["assessment_id"] = assessment_id
    job = (JobKind.ROADMAP, problem.name, payload)
    return submit_job(request, session, jobs, settings, job, solve.wait, ROADMAPS.created)


def _roadmap_key(session: Session, roadmap_id: str) -> Key | None:
    """The link to an assessment is cleared when the assessment is deleted: part of the key."""
    found, assessment_id = store.roadmap_link(session, roadmap_id)
    return ("roadmap", roadmap_id, assessment_id) if found else None


ROADMAPS = StoredResult(RoadmapRow, "roadmap", roadmap_json, "/api/v1/roadmaps", _roadmap_key)


@router.get("", response_model=RoadmapPage, summary="List stored roadmaps", responses=INVALID)
def list_roadmaps(
    session: SessionDep,
    offset: Offset = 0,
    limit: Limit = 20,
    status: Annotated[
        list[SolveStatus] | None, Query(description="only these solve statuses")
    ] = None,
    name: Annotated[
        str | None, Query(max_length=200, description="name contains (case-insensitive)")
    ] = None,
    created_after: Annotated[
        IsoDateTime | None,
        Query(description="submitted at or after (ISO 8601; UTC if no zone)"),
    ] = None,
    created_before: Annotated[
        IsoDateTime | None, Query(description="submitted before (ISO 8601; UTC if no zone)")
    ] = None,
    assessment_id: Annotated[
        str | None, Query(max_length=32, description="only those planned from this assessment")
    ] = None,
) -> RoadmapPage:
    """Newest first, without problems and results (read one for those)."""
    page = store.list_roadmaps(
        session,
        offset=offset,
        limit=limit,
        status=[s.value for s in status or ()],
        name=name,
        created_after=_utc(created_after),
        created_before=_utc(created_before),
        assessment_id=assessment_id,
    )
    return RoadmapPage(
        data=[roadmap_summary(row) for row in page.rows],
        count=page.count,
        offset=offset,
        limit=limit,
    )


def _utc(when: dt.datetime | None) -> dt.datetime | None:
    if when is None or when.tzinfo is not None:
        return when
    return when.replace(tzinfo=dt.UTC)


@router.get(
    "/{roadmap_id}",
    response_model=RoadmapOut,
    summary="Read a roadmap",
    responses={200: {"headers": ETAG}, **NOT_MODIFIED, **NOT_FOUND},
)
async def read_roadmap(request: Request, roadmap_id: str, cache: CacheDep) -> Response:
    """The stored roadmap: solve options, problem, PlanResult and the versions that made it.
    Send its `ETag` back in `If-None-Match` to be answered 304 while it is unchanged."""
    return await ROADMAPS.read(request, cache, roadmap_id)


@router.get(
    "/{roadmap_id}/problem",
    summary="The problem as submitted",
    response_class=Response,
    responses=submitted_responses(
        {
            "application/json": {"schema": {"$ref": "#/components/schemas/Problem"}},
            "application/yaml": {"schema": {"$ref": "#/components/schemas/Problem"}},
        }
    ),
)
def read_submitted_problem(roadmap_id: str, session: SessionDep) -> Response:
    row = stored(session, RoadmapRow, roadmap_id, "roadmap")
    return submitted_body(row.submitted, row.media_type)


@router.delete("/{roadmap_id}", status_code=204, summary="Delete a roadmap", responses=NOT_FOUND)
def delete_roadmap(roadmap_id: str, session: SessionDep, cache: CacheDep) -> Response:
    if not store.delete_roadmap(session, roadmap_id):
        raise not_found("roadmap", roadmap_id)
    cache.drop(roadmap_id)
    return Response(status_code=204)
