"""Persistence on a real SQLite file and a real PostgreSQL: migrations, storage, recovery."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from api import store
from api.db import make_engine, make_sessions, migrate
from api.jobs import JobManager
from api.models import Base, JobKind, JobRow, JobState, RoadmapRow, utcnow
from api.settings import Settings
from tests.api.conftest import demo

TABLES = {"alembic_version", "jobs", "roadmaps", "comparisons", "assessments"}


def test_migrations_create_the_schema_and_are_idempotent(fresh_database: str) -> None:
    engine = make_engine(Settings(database_url=fresh_database))
    try:
        migrate(engine)
        migrate(engine)
        assert set(inspect(engine).get_table_names()) >= TABLES
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
                ("0004",)
            ]
    finally:
        engine.dispose()


def test_models_and_migrations_agree(fresh_database: str) -> None:
    engine = make_engine(Settings(database_url=fresh_database))
    try:
        migrate(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_sqlite_file_is_created_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "capplan.db"
    engine = make_engine(Settings(database_url=f"sqlite:///{path}"))
    try:
        migrate(engine)
        assert path.exists()
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        engine.dispose()


def _job(sessions: sessionmaker[Session], name: str = "stored") -> JobRow:
    payload = {"problem": demo(), "params": {"time_limit": 1.0}}
    with sessions() as session:
        return store.create_job(session, JobKind.ROADMAP, name, b"{}", "application/json", payload)


def _output() -> dict[str, str]:
    result = {"status": "optimal", "objective": {"target_period": 12, "total_cost": 5}}
    return {
        "result": json.dumps(result),
        "capplan_version": "1",
        "solver_version": "2",
        "catalog_version": "3",
    }


def _running(sessions: sessionmaker[Session], job_id: str, attempts: int = 1) -> None:
    with sessions.begin() as session:
        job = session.get(JobRow, job_id)
        assert job is not None
        job.state = JobState.RUNNING.value
        job.attempts = attempts
        job.started_at = utcnow()


def test_store_round_trip_and_late_results(fresh_database: str) -> None:
    engine = make_engine(Settings(database_url=fresh_database))
    sessions = make_sessions(engine)
    try:
        migrate(engine)
        job = _job(sessions, "名称 with 100% _underscores_")
        assert not store.complete_job(sessions, job.id, _output())  # not running yet
        _running(sessions, job.id)
        assert store.complete_job(sessions, job.id, _output())
        with sessions() as session:
            done = session.get(JobRow, job.id)
            assert done is not None and done.state == JobState.SUCCEEDED
            row = session.get(RoadmapRow, done.result_id)
            assert row is not None
            assert row.created_at == done.created_at
            assert row.created_at.tzinfo is not None
            assert abs(row.created_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
            assert (row.target_period, row.total_cost, row.solver_version) == (12, 5, "2")
            page = store.list_roadmaps(session, offset=0, limit=10, name="100% _under")
            assert [r.id for r in page.rows] == [row.id]
            assert store.list_roadmaps(session, offset=0, limit=10, name="1000").count == 0
            # what no database accepts never reaches SQL
            assert store.list_roadmaps(session, offset=0, limit=10, name="\x00").count == 0
            assert store.get(session, RoadmapRow, "nul\x00") is None
            assert store.get(session, RoadmapRow, row.id) is row
        # a cancelled job's late result is discarded
        late = _job(sessions)
        _running(sessions, late.id)
        with sessions.begin() as session:
            session.execute(
                update(JobRow).where(JobRow.id == late.id).values(state=JobState.CANCELLED.value)
            )
        assert not store.complete_job(sessions, late.id, _output())
        with sessions() as session:
            assert session.scalar(select(RoadmapRow).where(RoadmapRow.job_id == late.id)) is None
    finally:
        engine.dispose()


def test_recovery_requeues_or_fails_with_a_reason(fresh_database: str) -> None:
    settings = Settings(database_url=fresh_database, max_attempts=2)
    engine = make_engine(settings)
    sessions = make_sessions(engine)
    try:
        migrate(engine)
        queued = _job(sessions, "queued")
        running = _job(sessions, "running")
        exhausted = _job(sessions, "exhausted")
        finished = _job(sessions, "finished")
        _running(sessions, running.id, attempts=1)
        _running(sessions, exhausted.id, attempts=2)
        _running(sessions, finished.id)
        store.complete_job(sessions, finished.id, _output())

        requeued = JobManager(settings, sessions).recover()
        assert requeued == [queued.id, running.id]
        with sessions() as session:
            states = {j.name: j for j in session.scalars(select(JobRow))}
        assert states["queued"].state == JobState.QUEUED and states["queued"].note is None
        assert states["running"].state == JobState.QUEUED
        assert "re-queued at start-up" in (states["running"].note or "")
        assert states["exhausted"].state == JobState.FAILED
        assert "stopped while this job was running" in (states["exhausted"].reason or "")
        assert states["exhausted"].finished_at is not None
        assert states["finished"].state == JobState.SUCCEEDED

        _running(sessions, running.id, attempts=1)
        strict = Settings(database_url=fresh_database, on_restart="fail")
        assert JobManager(strict, sessions).recover() == [queued.id]
        with sessions() as session:
            job = session.get(JobRow, running.id)
            assert job is not None and job.state == JobState.FAILED
    finally:
        engine.dispose()
