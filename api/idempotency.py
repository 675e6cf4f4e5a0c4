"""``Idempotency-Key``: a POST that queues work, sent again with the same key (after a lost
answer or a crash), answers with the job of the first instead of queueing a duplicate.

Keys are scoped to the caller (its API key, or its address on an open service) and kept
with the job; the same key with a different body is a 422. A second request racing the
first is caught by the database's unique index and answers with the first's job too.
"""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from api import store
from api.backpressure import caller_of
from api.errors import ApiError
from api.models import JobRow
from api.schemas.problems import FieldError, Message
from catalog.models.base import Text

HEADER = "Idempotency-Key"
MAX_LENGTH = 100


def idempotency_key(request: Request) -> str | None:
    """The caller-scoped key of the request, or None without the header; 400 if invalid."""
    given = request.headers.get(HEADER)
    if given is None:
        return None
    given = given.strip()
    if not given or len(given) > MAX_LENGTH or not given.isprintable():
        raise ApiError(
            400,
            "invalid-idempotency-key",
            Text(
                zh=f"请求头 {HEADER}：须为 1 到 {MAX_LENGTH} 个可打印字符",
                en=f"header {HEADER}: 1 to {MAX_LENGTH} printable characters",
            ),
            errors=[
                FieldError(
                    field=HEADER,
                    parameter=HEADER,
                    location="header",
                    msg=f"1 to {MAX_LENGTH} printable characters",
                    message=Message(
                        zh=f"须为 1 到 {MAX_LENGTH} 个可打印字符",
                        en=f"1 to {MAX_LENGTH} printable characters",
                    ),
                )
            ],
        )
    return f"{caller_of(request)}|{given}"[:200]


def existing_job(session: Session, key: str | None, raw: bytes) -> JobRow | None:
    """The job already queued with this key, if any (422 if its body was another)."""
    if key is None:
        return None
    job = session.scalars(select(JobRow).where(JobRow.idempotency_key == key)).first()
    if job is None:
        return None
    if job.submitted != store.storable(raw.decode("utf-8", errors="replace")):
        raise ApiError(
            422,
            "idempotency-key-reused",
            Text(
                zh=f"请求头 {HEADER}：该键已用于另一个请求体（任务 {job.id}）；新请求请用新键",
                en=f"header {HEADER}: this key was already used for another request body (job "
                f"{job.id}); use a new key for a new request",
            ),
            title=Text(zh="Idempotency-Key 重复使用", en="Idempotency-Key reused"),
        )
    return job
