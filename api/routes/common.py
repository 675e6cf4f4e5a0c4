"""Helpers shared by the routers: problem responses for OpenAPI, submitted bodies, waiting."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api import store
from api.backpressure import DeferredResponse, check_queue
from api.errors import not_found
from api.idempotency import existing_job, idempotency_key
from api.jobs import JobManager
from api.models import Base, JobKind, JobRow, JobState
from api.schemas.jobs import JobOut
from api.settings import Settings
from api.views import job_out

Responses = dict[int | str, dict[str, Any]]
Row = TypeVar("Row", bound=Base)


def problem(description: str) -> dict[str, Any]:
    """An OpenAPI response documented as problem details."""
    return {
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}
        },
    }


NOT_FOUND: Responses = {404: problem("No such resource")}
TOO_LARGE: Responses = {413: problem("The body or the problem is larger than this service accepts")}
INVALID: Responses = {422: problem("A field or parameter is not valid; `errors` names each one")}
LOCATION = {"Location": {"schema": {"type": "string"}}}


def created(description: str) -> Responses:
    """The responses of a POST that queues a solve: 201 with the result, or 202 with a job."""
    return {
        201: {"description": description, "headers": LOCATION},
        202: {
            "model": JobOut,
            "description": "Still solving: poll the job in Location",
            "headers": LOCATION,
        },
        **TOO_LARGE,
        **INVALID,
    }


def submitted_responses(content: dict[str, Any]) -> Responses:
    """The OpenAPI responses of a GET of a body as it was submitted."""
    return {
        200: {"description": "The request body exactly as it was received", "content": content},
        **NOT_FOUND,
    }


def stored(session: Session, model: type[Row], ident: str, what: str) -> Row:
    """A stored row by id, or 404 naming what was asked for."""
    row = store.get(session, model, ident)
    if row is None:
        raise not_found(what, ident)
    return row


def submitted_body(body: str | bytes, media_type: str) -> Response:
    """A stored request body, answered as JSON or YAML as it came."""
    raw = body.encode() if isinstance(body, str) else body
    kind = "application/yaml" if "yaml" in media_type else "application/json"
    return Response(raw, media_type=kind)


def submitted(request: Request, fallback: Any) -> tuple[bytes, str]:
    """The request body exactly as received, and its media type (kept by the middleware)."""
    state = request.scope.get("state") or {}
    raw = state.get("raw_body")
    if isinstance(raw, bytes) and raw:
        return raw, str(state.get("media_type") or "application/json")
    return json.dumps(fallback, ensure_ascii=False).encode(), "application/json"


def body_data(request: Request) -> Any:
    """The request body as data (JSON, or the YAML document the middleware read), for checks
    that need what was sent rather than what validation made of it; None if unreadable."""
    state = request.scope.get("state") or {}
    doc = state.get("yaml_doc")
    if doc is not None:
        return getattr(doc, "data", None)
    raw = state.get("raw_body")
    if not isinstance(raw, bytes) or not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def submit_job(
    request: Request,
    session: Session,
    jobs: JobManager,
    settings: Settings,
    job: tuple[JobKind, str, dict[str, Any]],
    wait: float | None,
    done: Callable[[Session, JobRow], Response | None],
) -> Response:
    """Queue a job (kind, name, payload) for the request body, or answer with the job an
    earlier request with the same Idempotency-Key queued; then wait as ``answer_when_done``."""
    kind, name, payload = job
    raw, media_type = submitted(request, payload)
    key = idempotency_key(request)
    existing = existing_job(session, key, raw)
    if existing is None:
        check_queue(session, settings)
        try:
            created = store.create_job(session, kind, name, raw, media_type, payload, key)
        except IntegrityError:  # the same key, submitted at the same moment
            session.rollback()
            existing = existing_job(session, key, raw)
            if existing is None:
                raise
        else:
            jobs.enqueue(created.id)
            return answer_when_done(jobs, created, settings, wait, done)
    return answer_when_done(jobs, existing, settings, wait, done)


def answer_when_done(
    jobs: JobManager,
    job: JobRow,
    settings: Settings,
    wait: float | None,
    done: Callable[[Session, JobRow], Response | None],
) -> Response:
    """Wait for the job (``wait`` seconds, default sync_wait, at most max_wait) on the event
    loop, holding no thread, then answer ``done(session, job)`` (201 with the result) or 202."""
    seconds = min(settings.sync_wait if wait is None else wait, settings.max_wait)

    def build() -> Response:
        with jobs.sessions() as session:
            fresh = session.get(JobRow, job.id) or job
            if fresh.state == JobState.SUCCEEDED and fresh.result_id:
                found = done(session, fresh)
                if found is not None:
                    return found
            return accepted(fresh)

    if seconds <= 0:
        return build()
    return DeferredResponse(lambda: jobs.wait_async(job.id, seconds), build)


def accepted(job: JobRow) -> Response:
    """202 with the job to poll."""
    location = f"/api/v1/jobs/{job.id}"
    return JSONResponse(
        job_out(job).model_dump(mode="json"), status_code=202, headers={"Location": location}
    )
