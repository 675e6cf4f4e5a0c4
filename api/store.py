"""Database access: jobs and the results they produce (roadmaps and comparisons), and
assessments."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, Select, Update, delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from api.models import (
    AssessmentRow,
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
    idempotency_key: str | None = None,
) -> JobRow:
    job = JobRow(
        idempotency_key=idempotency_key,
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
        assessment_id=payload.get("assessment_id"),
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
    assessment_id: str | None = None,
) -> Page:
    query = select(RoadmapRow).order_by(RoadmapRow.created_at.desc(), RoadmapRow.id)
    if status:
        query = query.where(RoadmapRow.status.in_(list(status)))
    if name:
        query = query.where(_name_contains(RoadmapRow.name, name))
    if assessment_id is not None:
        query = query.where(RoadmapRow.assessment_id == storable(assessment_id))
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


def list_assessments(
    session: Session,
    *,
    offset: int,
    limit: int,
    name: str | None = None,
    industry: str | None = None,
) -> Page:
    query = select(AssessmentRow).order_by(AssessmentRow.created_at.desc(), AssessmentRow.id)
    if name:
        query = query.where(_name_contains(AssessmentRow.name, name))
    if industry:
        query = query.where(AssessmentRow.industry == storable(industry))
    return _page(session, query, offset, limit)


def add(session: Session, row: M) -> M:
    session.add(row)
    session.commit()
    return row


def delete_assessment(session: Session, assessment_id: str) -> bool:
    """Delete an assessment; roadmaps planned from it stay, no longer linked to it."""
    return _delete(session, AssessmentRow, assessment_id)


def delete_roadmap(session: Session, roadmap_id: str) -> bool:
    return _delete(session, RoadmapRow, roadmap_id)


def delete_comparison(session: Session, comparison_id: str) -> bool:
    return _delete(session, ComparisonRow, comparison_id)


def _delete(session: Session, model: type[M], ident: str) -> bool:
    """Delete a stored row with the job that produced it (and unlink what refers to it)."""
    row = get(session, model, ident)
    if row is None:
        return False
    job_id = getattr(row, "job_id", None)
    if job_id:
        session.execute(delete(JobRow).where(JobRow.id == job_id))
    if isinstance(row, AssessmentRow):
        session.execute(
            update(RoadmapRow).where(RoadmapRow.assessment_id == row.id).values(assessment_id=None)
        )
    session.delete(row)
    session.commit()
    return True


def valid_id(ident: str) -> bool:
    """Ids are 32 lowercase hex digits; anything else names nothing (and never reaches SQL)."""
    return len(ident) == 32 and all(c in "0123456789abcdef" for c in ident)


def get(session: Session, model: type[M], ident: str) -> M | None:
    """A row by id, or None (also for a malformed id)."""
    return session.get(model, ident) if valid_id(ident) else None


def exists(session: Session, model: type[M], ident: str) -> bool:
    """Whether a row with this id is stored (a query on the key alone)."""
    if not valid_id(ident):
        return False
    key = model.__table__.c.id
    return session.scalar(select(key).where(key == ident)) is not None


def roadmap_link(session: Session, roadmap_id: str) -> tuple[bool, str | None]:
    """Whether the roadmap is stored, and the assessment id it links to (light query)."""
    if not valid_id(roadmap_id):
        return False, None
    found = session.execute(
        select(RoadmapRow.assessment_id).where(RoadmapRow.id == roadmap_id)
    ).first()
    return (found is not None, found[0] if found is not None else None)


def roadmap_assessment(session: Session, roadmap_id: str) -> str | None:
    """The assessment a stored roadmap was planned from, if it is still stored."""
    assessment_id = session.scalar(
        select(RoadmapRow.assessment_id).where(RoadmapRow.id == roadmap_id)
    )
    if assessment_id and exists(session, AssessmentRow, assessment_id):
        return str(assessment_id)
    return None


def storable(text: str) -> str:
    """Text every database accepts: no NUL, no lone surrogates."""
    return text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\ufffd")


def _name_contains(column: Any, name: str) -> Any:
    """``column`` contains ``name``, case-insensitively (LIKE wildcards taken literally)."""
    return column.ilike(f"%{_escape_like(storable(name))}%", escape="\\")


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
