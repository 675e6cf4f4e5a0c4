"""Database access: jobs and the results they produce (roadmaps and comparisons)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, Select, Update, delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from api.models import (
    Base,
    ComparisonRow,
    JobKind,
    JobRow,
    JobState,
    RoadmapRow,
    new_id,
    utcnow,
)

M = TypeVar("M", bound=Base)


def create_job(
    session: Session,
    kind: JobKind,
    name: str,
    submitted: bytes,
    media_type: str,
    payload: dict[str, Any],
) -> JobRow:
    job = JobRow(
        id=new_id(),
        kind=kind.value,
        state=JobState.QUEUED.value,
        name=storable(name)[:200],
        submitted=storable(submitted.decode("utf-8", errors="replace")),
        media_type=storable(media_type)[:100],
        payload=json.dumps(payload),
        attempts=0,
        created_at=utcnow(),
    )
    session.add(job)
    session.commit()
    return job


def updated(session: Session, statement: Update) -> int:
    """Run an UPDATE and return the number of rows it changed."""
    result = cast(CursorResult[Any], session.execute(statement))
    return int(result.rowcount)


class _Discard(Exception):
    """The job is no longer running (cancelled meanwhile): its result is not stored."""


def complete_job(sessions: sessionmaker[Session], job_id: str, output: dict[str, str]) -> bool:
    """Store a job's result and mark it succeeded, atomically; False if it was discarded."""
    try:
        with sessions.begin() as session:
            job = session.get(JobRow, job_id)
            if job is None or job.state != JobState.RUNNING:
                raise _Discard
            if job.kind == JobKind.ROADMAP:
                result_id = _store_roadmap(session, job, output)
            else:
                result_id = _store_comparison(session, job, output)
            changed = updated(
                session,
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.state == JobState.RUNNING.value)
                .values(state=JobState.SUCCEEDED.value, finished_at=utcnow(), result_id=result_id),
            )
            if not changed:
                raise _Discard
    except _Discard:
        return False
    return True


def _versions(output: dict[str, str]) -> dict[str, str]:
    return {
        key: output.get(key, "unknown")[:40]
        for key in ("capplan_version", "solver_version", "catalog_version")
    }


def _store_roadmap(session: Session, job: JobRow, output: dict[str, str]) -> str:
    payload = json.loads(job.payload)
    text = output["result"]
    result = json.loads(text)
    objective = result.get("objective") or {}
    row = RoadmapRow(
        id=new_id(),
        job_id=job.id,
        name=job.name,
        status=str(result.get("status")),
        submitted=job.submitted,
        media_type=job.media_type,
        problem=json.dumps(payload["problem"]),
        params=json.dumps(payload.get("params") or {}),
        result=text,
        current_tier=result.get("current_tier"),
        target_tier=result.get("target_tier"),
        target_period=objective.get("target_period"),
        total_cost=objective.get("total_cost"),
        runtime=float(result.get("runtime") or 0.0),
        created_at=job.created_at,
        finished_at=utcnow(),
        **_versions(output),
    )
    session.add(row)
    return row.id


def _store_comparison(session: Session, job: JobRow, output: dict[str, str]) -> str:
    row = ComparisonRow(
        id=new_id(),
        job_id=job.id,
        kind=job.kind,
        name=job.name,
        submitted=job.submitted,
        media_type=job.media_type,
        request=job.payload,
        result=output["result"],
        created_at=job.created_at,
        finished_at=utcnow(),
        **_versions(output),
    )
    session.add(row)
    return row.id


@dataclass(frozen=True)
class Page:
    rows: Sequence[Any]
    count: int


def _page(session: Session, query: Select[Any], offset: int, limit: int) -> Page:
    count = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = session.scalars(query.offset(offset).limit(limit)).all()
    return Page(rows, int(count or 0))


def list_roadmaps(
    session: Session,
    *,
    offset: int,
    limit: int,
    status: Sequence[str] = (),
    name: str | None = None,
    created_after: dt.datetime | None = None,
    created_before: dt.datetime | None = None,
) -> Page:
    query = select(RoadmapRow).order_by(RoadmapRow.created_at.desc(), RoadmapRow.id)
    if status:
        query = query.where(RoadmapRow.status.in_(list(status)))
    if name:
        pattern = f"%{_escape_like(storable(name))}%"
        query = query.where(RoadmapRow.name.ilike(pattern, escape="\\"))
    if created_after is not None:
        query = query.where(RoadmapRow.created_at >= created_after)
    if created_before is not None:
        query = query.where(RoadmapRow.created_at < created_before)
    return _page(session, query, offset, limit)


def list_comparisons(session: Session, *, offset: int, limit: int, kind: str | None = None) -> Page:
    query = select(ComparisonRow).order_by(ComparisonRow.created_at.desc(), ComparisonRow.id)
    if kind:
        query = query.where(ComparisonRow.kind == kind)
    return _page(session, query, offset, limit)


def list_jobs(
    session: Session, *, offset: int, limit: int, state: Sequence[str] = (), kind: str | None = None
) -> Page:
    query = select(JobRow).order_by(JobRow.created_at.desc(), JobRow.id)
    if state:
        query = query.where(JobRow.state.in_(list(state)))
    if kind:
        query = query.where(JobRow.kind == kind)
    return _page(session, query, offset, limit)


def delete_roadmap(session: Session, roadmap_id: str) -> bool:
    row = get(session, RoadmapRow, roadmap_id)
    if row is None:
        return False
    if row.job_id:
        session.execute(delete(JobRow).where(JobRow.id == row.job_id))
    session.delete(row)
    session.commit()
    return True


def delete_comparison(session: Session, comparison_id: str) -> bool:
    row = get(session, ComparisonRow, comparison_id)
    if row is None:
        return False
    if row.job_id:
        session.execute(delete(JobRow).where(JobRow.id == row.job_id))
    session.delete(row)
    session.commit()
    return True


def valid_id(ident: str) -> bool:
    """Ids are 32 lowercase hex digits; anything else names nothing (and never reaches SQL)."""
    return len(ident) == 32 and all(c in "0123456789abcdef" for c in ident)


def get(session: Session, model: type[M], ident: str) -> M | None:
    """A row by id, or None (also for a malformed id)."""
    return session.get(model, ident) if valid_id(ident) else None


def storable(text: str) -> str:
    """Text every database accepts: no NUL, no lone surrogates."""
    return text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\ufffd")


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
