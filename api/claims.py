"""Claiming queued jobs exactly once, when several service instances share one database.

A dispatcher takes the oldest queued job with ``SELECT … FOR UPDATE SKIP LOCKED`` (on
PostgreSQL; SQLite serves one process and has no row locks) and marks it running with its
own instance id in the same transaction, so two instances never take the same job. While
an instance runs a job it renews the job's heartbeat; at start-up, a running job is taken
back only when its heartbeat is stale (its instance is gone), never from a live instance.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import uuid
from collections.abc import Collection

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from api.job_texts import HEARTBEAT_LOST, requeued_at_start, service_stopped
from api.models import JobRow, JobState, note_values, utcnow
from api.settings import Settings

log = logging.getLogger("capplan.api")
ACTIVE = (JobState.QUEUED.value, JobState.RUNNING.value)
HEARTBEAT_SECONDS = 5.0
STALE_SECONDS = 30.0  # six missed heartbeats: the instance that ran it is gone


def instance_id() -> str:
    return f"{socket.gethostname()[:20]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def claim_next(sessions: sessionmaker[Session], owner: str) -> tuple[str, str, str] | None:
    """The oldest queued job, now running for ``owner``: (id, kind, payload), or None."""
    with sessions.begin() as session:
        query = (
            select(JobRow)
            .where(JobRow.state == JobState.QUEUED.value)
            .order_by(JobRow.created_at, JobRow.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        job = session.scalars(query).first()
        if job is None:
            return None
        now = utcnow()
        job.state = JobState.RUNNING.value
        job.started_at = now
        job.heartbeat_at = now
        job.owner = owner
        job.attempts = (job.attempts or 0) + 1
        return job.id, job.kind, job.payload


def beat(sessions: sessionmaker[Session], owner: str, job_ids: Collection[str]) -> None:
    """Renew the heartbeat of the jobs this instance is running."""
    if not job_ids:
        return
    with sessions.begin() as session:
        session.execute(
            update(JobRow)
            .where(
                JobRow.id.in_(list(job_ids)),
                JobRow.owner == owner,
                JobRow.state == JobState.RUNNING.value,
            )
            .values(heartbeat_at=utcnow())
        )


def abandoned(job: JobRow, shared: bool, now: dt.datetime) -> bool:
    """Whether a running job found at start-up has no live instance: always on a database
    of one process (SQLite); else when its instance was a process of this machine that is
    gone, or its heartbeat is stale."""
    if not shared or job.heartbeat_at is None or not job.owner:
        return True
    host, _, rest = job.owner.partition(":")
    pid = rest.partition(":")[0]
    if host == socket.gethostname()[:20] and pid.isdigit() and not _process_alive(int(pid)):
        return True
    return (now - job.heartbeat_at).total_seconds() > STALE_SECONDS


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reclaim_stale(sessions: sessionmaker[Session]) -> int:
    """Re-queue running jobs whose instance stopped renewing their heartbeat (it is gone)."""
    limit = utcnow() - dt.timedelta(seconds=STALE_SECONDS)
    with sessions.begin() as session:
        result = session.execute(
            update(JobRow)
            .where(JobRow.state == JobState.RUNNING.value, JobRow.heartbeat_at < limit)
            .values(
                state=JobState.QUEUED.value,
                owner=None,
                started_at=None,
                **note_values(HEARTBEAT_LOST),
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)


def recover_jobs(sessions: sessionmaker[Session], settings: Settings, shared: bool) -> list[str]:
    """Jobs a stop or a crash left active: re-queue them, or fail them with the reason;
    on a shared database, running jobs whose instance is alive are left to it."""
    requeue: list[str] = []
    with sessions.begin() as session:
        rows = session.scalars(
            select(JobRow).where(JobRow.state.in_(ACTIVE)).order_by(JobRow.created_at)
        ).all()
        now = utcnow()
        for job in rows:
            if job.state == JobState.RUNNING and not abandoned(job, shared, now):
                continue  # another instance is running it (its heartbeat is fresh)
            if job.state == JobState.RUNNING:
                stamp = now.isoformat(timespec="seconds")
                if settings.on_restart == "fail" or job.attempts >= settings.max_attempts:
                    job.state = JobState.FAILED.value
                    job.finished_at = now
                    job.set_reason(service_stopped(job.attempts, settings.max_attempts))
                    log.warning("job %s marked failed at start-up: %s", job.id, job.reason)
                    continue
                job.state = JobState.QUEUED.value
                job.started_at = None
                job.set_note(requeued_at_start(stamp, job.attempts))
                log.warning("job %s re-queued: it was running when the service stopped", job.id)
            requeue.append(job.id)
    if requeue:
        log.warning("start-up: %d unfinished job(s) re-queued", len(requeue))
    return requeue
