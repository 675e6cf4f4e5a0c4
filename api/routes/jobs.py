"""``/api/v1/jobs``: solver work in progress — poll it, list it, cancel it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from api import store
from api.deps import ApiKey, JobsDep, Limit, Offset, SessionDep
from api.errors import ApiError, not_found
from api.jobs import JobConflict
from api.language import request_lang
from api.models import JobKind, JobRow, JobState
from api.routes.common import INVALID, NOT_FOUND, problem, stored
from api.schemas.jobs import JobOut, JobPage
from api.views import job_out
from catalog.models.base import Text

router = APIRouter(prefix="/jobs", tags=["jobs"], dependencies=[ApiKey])


@router.get("", response_model=JobPage, summary="List jobs", responses=INVALID)
def list_jobs(
    request: Request,
    session: SessionDep,
    offset: Offset = 0,
    limit: Limit = 20,
    state: Annotated[list[JobState] | None, Query(description="only these states")] = None,
    kind: Annotated[JobKind | None, Query(description="only this kind")] = None,
) -> JobPage:
    """Newest first."""
    page = store.list_jobs(
        session,
        offset=offset,
        limit=limit,
        state=[s.value for s in state or ()],
        kind=kind.value if kind else None,
    )
    return JobPage(
        data=[job_out(row, request_lang(request)) for row in page.rows],
        count=page.count,
        offset=offset,
        limit=limit,
    )


@router.get("/{job_id}", response_model=JobOut, summary="Poll a job", responses=NOT_FOUND)
def read_job(request: Request, job_id: str, session: SessionDep) -> JobOut:
    """The job's state; once succeeded, `links.result` is the stored result. Why it failed
    or was cancelled (`reason`) is in the request's language, as errors are (`?lang=zh|en`,
    else `Accept-Language`, else Chinese); `reason_text` has both."""
    job = stored(session, JobRow, job_id, "job")
    return job_out(job, request_lang(request))


@router.delete(
    "/{job_id}",
    response_model=JobOut,
    summary="Cancel a job",
    responses={**NOT_FOUND, 409: problem("The job has already finished")},
)
def cancel_job(request: Request, job_id: str, jobs: JobsDep) -> JobOut:
    """Cancel a queued or running job. A solve already running is abandoned: its result is
    discarded when it ends (at the latest at its time limit)."""
    try:
        job = jobs.cancel(job_id)
    except JobConflict as exc:
        raise ApiError(
            409,
            "job-finished",
            Text(
                zh=f"任务 {job_id} 已经结束（{exc.state}），无需取消",
                en=f"job {job_id} has already {exc.state}; nothing to cancel",
            ),
            title=Text(zh="任务已经结束", en="The job has already finished"),
        ) from exc
    if job is None:
        raise not_found("job", job_id)
    return job_out(job, request_lang(request))
