"""Helpers shared by the routers: problem responses for OpenAPI, submitted bodies, waiting,
and stored results answered as cached bytes with an ETag (304 to ``If-None-Match``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from api import store
from api.backpressure import DeferredResponse, check_queue
from api.cache import BodyCache, Cached, Key
from api.errors import ApiError, not_found
from api.fastpath import CACHE_CONTROL, etag_matches
from api.idempotency import existing_job, idempotency_key
from api.jobs import JobManager
from api.language import request_lang
from api.models import Base, JobKind, JobRow, JobState, RoadmapRow
from api.schemas.jobs import JobOut
from api.settings import Settings
from api.views import job_out
from catalog.models.base import Lang, Text
from planner.result.plan_result import PlanResult

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
ETAG = {
    "ETag": {
        "description": "strong validator of the body: send it in If-None-Match to get 304",
        "schema": {"type": "string"},
    }
}
NOT_MODIFIED: Responses = {
    304: {"description": "Not modified: the If-None-Match ETag is current", "headers": ETAG}
}
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


def stored_plan(session: Session, roadmap_id: str, purpose: Text) -> PlanResult:
    """A stored roadmap's PlanResult that has a roadmap and its problem, or 409 saying there
    is none for ``purpose`` (e.g. 分析 / analyse, 导出 / export)."""
    row = stored(session, RoadmapRow, roadmap_id, "roadmap")
    result = PlanResult.model_validate_json(row.result)
    if result.roadmap is None or result.problem is None:
        status = result.status.describe()
        raise ApiError(
            409,
            "no-roadmap",
            Text(
                zh=f"{roadmap_id!r} 没有可{purpose.zh}的路线图（{status.zh}）",
                en=f"roadmap {roadmap_id!r} has status {result.status}: there is no roadmap "
                f"to {purpose.en}",
            ),
            title=Text(zh="没有路线图", en="No roadmap"),
        )
    return result


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
            return answer_when_done(jobs, created, settings, wait, done, request_lang(request))
    return answer_when_done(jobs, existing, settings, wait, done, request_lang(request))


def answer_when_done(
    jobs: JobManager,
    job: JobRow,
    settings: Settings,
    wait: float | None,
    done: Callable[[Session, JobRow], Response | None],
    lang: Lang = "zh",
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
            return accepted(fresh, lang)

    if seconds <= 0:
        return build()
    return DeferredResponse(lambda: jobs.wait_async(job.id, seconds), build)


def accepted(job: JobRow, lang: Lang = "zh") -> Response:
    """202 with the job to poll (its texts in ``lang``)."""
    location = f"/api/v1/jobs/{job.id}"
    return JSONResponse(
        job_out(job, lang).model_dump(mode="json"), status_code=202, headers={"Location": location}
    )


@dataclass(frozen=True)
class StoredResult(Generic[Row]):
    """A kind of stored result (roadmap, comparison): its table, what a 404 calls it, how a
    row becomes the JSON answered, and the path of its resource. ``key`` is the cache key
    of a stored id (a light query; None if it is not stored); by default (what, id)."""

    model: type[Row]
    what: str
    serialise: Callable[[Row], bytes]
    path: str
    key: Callable[[Session, str], Key | None] | None = None

    def created(self, session: Session, job: JobRow) -> Response | None:
        """201 with the result a finished job stored, or None if it is gone."""
        row = session.get(self.model, job.result_id)
        if row is None:
            return None
        return Response(
            self.serialise(row),
            status_code=201,
            media_type="application/json",
            headers={"Location": f"{self.path}/{job.result_id}"},
        )

    async def read(self, request: Request, cache: BodyCache, ident: str) -> Response:
        """200 with the stored JSON (serialised once, then from memory), or 304."""

        def key(session: Session) -> Key | None:
            if self.key is not None:
                return self.key(session, ident)
            return (self.what, ident) if store.exists(session, self.model, ident) else None

        def make(session: Session) -> bytes:
            return self.serialise(stored(session, self.model, ident, self.what))

        return await cached_response(request, cache, (self.what, ident), key, make)


async def cached_response(
    request: Request,
    cache: BodyCache,
    asked: Key,
    key: Callable[[Session], Key | None],
    make: Callable[[Session], bytes],
    media_type: str = "application/json",
    headers: dict[str, str] | None = None,
) -> Response:
    """A stored result's body from the cache, made by ``make`` the first time; 304 with no
    body when ``If-None-Match`` names its ETag. ``asked`` is (what, id, …) as requested.

    If the row was seen stored within the cache's ``fresh_seconds``, the body is answered
    here on the event loop; otherwise one trip to a worker thread asks the database (``key``
    is the cache key, None if the row is gone: 404) and gets or makes the body."""
    item = cache.recent(asked)
    if item is None:
        sessions = request.app.state.sessions
        generation = cache.generation()

        def work() -> Cached | None:
            with sessions() as session:
                found = key(session)
                if found is None:
                    return None
                made = cache.get_or_make(found, lambda: make(session))
            cache.confirm(asked, found, generation)
            return made

        item = await run_in_threadpool(work)
    if item is None:
        raise not_found(str(asked[0]), str(asked[1]))
    return body_response(request, item, media_type, headers)


def body_response(
    request: Request,
    item: Cached,
    media_type: str = "application/json",
    headers: dict[str, str] | None = None,
) -> Response:
    """A cached body with its ETag, or 304 with no body when ``If-None-Match`` names it."""
    sent = {**(headers or {}), "ETag": item.etag, "Cache-Control": CACHE_CONTROL}
    if etag_matches(request.headers.get("if-none-match"), item.etag):
        return Response(status_code=304, headers=sent)
    return Response(item.body, media_type=media_type, headers=sent)
