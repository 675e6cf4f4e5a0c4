"""Database tables (SQLAlchemy 2). API schemas live in ``api.schemas``; these are storage only.

Every table keeps what was submitted exactly as received, the JSON given to the solver, the
result, the versions that produced it and UTC timestamps. Schema changes go through Alembic
(``api/migrations``); never edit a table here without a new migration.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from catalog.models.base import Text as TextPair


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_id() -> str:
    return uuid.uuid4().hex


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class JobKind(StrEnum):
    ROADMAP = "roadmap"
    COMPARISON = "comparison"
    SWEEP = "sweep"


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def final(self) -> bool:
        return self in (JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED)


class Base(DeclarativeBase):
    pass


class JobRow(Base):
    """A unit of solver work: what to run, its state, and where its result went."""

    __tablename__ = "jobs"
    __table_args__ = (UniqueConstraint("idempotency_key", name="uq_jobs_idempotency_key"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(200))
    submitted: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(100))
    payload: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # why it failed or was cancelled, and a note (e.g. re-queued): English and Chinese; rows
    # stored before migration 0004 have only the English column (``reason_text`` shows it
    # in both languages)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    reason_zh: Mapped[str | None] = mapped_column(Text, default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)
    note_zh: Mapped[str | None] = mapped_column(Text, default=None)
    result_id: Mapped[str | None] = mapped_column(String(32), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    owner: Mapped[str | None] = mapped_column(String(40), default=None)
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    idempotency_key: Mapped[str | None] = mapped_column(String(200), default=None)

    @property
    def reason_text(self) -> TextPair | None:
        return bilingual(self.reason, self.reason_zh)

    @property
    def note_text(self) -> TextPair | None:
        return bilingual(self.note, self.note_zh)

    def set_reason(self, reason: TextPair) -> None:
        self.reason, self.reason_zh = reason.en, reason.zh

    def set_note(self, note: TextPair) -> None:
        self.note, self.note_zh = note.en, note.zh


def reason_values(reason: TextPair) -> dict[str, str]:
    """The columns of a job's reason, for an ``update().values(...)``."""
    return {"reason": reason.en, "reason_zh": reason.zh}


def note_values(note: TextPair) -> dict[str, str]:
    return {"note": note.en, "note_zh": note.zh}


def bilingual(en: str | None, zh: str | None) -> TextPair | None:
    """A stored pair of columns as a text; an old row's one text in both languages."""
    if en is None and zh is None:
        return None
    return TextPair(zh=zh if zh is not None else en or "", en=en if en is not None else zh or "")


class RoadmapRow(Base):
    """A stored roadmap: the problem as submitted and the PlanResult."""

    __tablename__ = "roadmaps"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    job_id: Mapped[str | None] = mapped_column(String(32), index=True, default=None)
    name: Mapped[str] = mapped_column(String(200), index=True)
    status: Mapped[str] = mapped_column(String(40), index=True)
    submitted: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(100))
    problem: Mapped[str] = mapped_column(Text)
    params: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(Text)
    current_tier: Mapped[int | None] = mapped_column(Integer, default=None)
    target_tier: Mapped[int | None] = mapped_column(Integer, default=None)
    target_period: Mapped[int | None] = mapped_column(Integer, default=None)
    total_cost: Mapped[int | None] = mapped_column(BigInteger, default=None)
    runtime: Mapped[float] = mapped_column(Float, default=0.0)
    assessment_id: Mapped[str | None] = mapped_column(String(32), index=True, default=None)
    capplan_version: Mapped[str] = mapped_column(String(40))
    solver_version: Mapped[str] = mapped_column(String(40))
    catalog_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    finished_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ComparisonRow(Base):
    """A stored what-if comparison (base + variants) or budget sweep."""

    __tablename__ = "comparisons"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    job_id: Mapped[str | None] = mapped_column(String(32), index=True, default=None)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    submitted: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(100))
    request: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(Text)
    capplan_version: Mapped[str] = mapped_column(String(40))
    solver_version: Mapped[str] = mapped_column(String(40))
    catalog_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    finished_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class AssessmentRow(Base):
    """A stored assessment: the questionnaire as submitted, its scored result and the gap."""

    __tablename__ = "assessments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), index=True)
    industry: Mapped[str] = mapped_column(String(100), index=True)
    level: Mapped[int] = mapped_column(Integer)
    tier: Mapped[int] = mapped_column(Integer)
    target_tier: Mapped[int | None] = mapped_column(Integer, default=None)
    target_row: Mapped[str | None] = mapped_column(String(40), default=None)
    submitted: Mapped[bytes] = mapped_column(LargeBinary)
    media_type: Mapped[str] = mapped_column(String(100))
    result: Mapped[str] = mapped_column(Text)
    gap: Mapped[str | None] = mapped_column(Text, default=None)
    capplan_version: Mapped[str] = mapped_column(String(40))
    catalog_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
