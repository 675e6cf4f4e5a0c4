"""Solving off the request thread: a queue of jobs, a dispatcher, an executor, the database.

The database is the source of truth. A job is ``queued`` until the dispatcher hands it to
the executor (at most ``pool_workers`` at a time), then ``running``, then ``succeeded``
(its result stored in the same transaction), ``failed`` (with a reason) or ``cancelled``.
State changes are conditional updates (``WHERE state = …``), so a late result never
overwrites a cancellation. At start-up, jobs left ``queued`` or ``running`` by a stop or a
crash are re-queued (or marked failed with the reason), never dropped.

Several instances may share a PostgreSQL database: the dispatcher claims queued jobs from
the database exactly once (``api.claims``), and start-up takes back only running jobs whose
heartbeat is stale.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import CancelledError, Executor, Future
from concurrent.futures.process import BrokenProcessPool

from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from api import store
from api.claims import (
    HEARTBEAT_SECONDS,
    beat,
    claim_next,
    instance_id,
    reclaim_stale,
    recover_jobs,
)
from api.executors import make_executor
from api.job_texts import (
    CANCELLED_BY_CLIENT,
    NOT_STARTED,
    NOT_STORED,
    REQUEUED_AFTER_CRASH,
    REQUEUED_FOR_CANCEL,
    SOLVE_CANCELLED,
    SOLVER_STOPPED,
    failure_reason,
)
from api.models import JobRow, JobState, note_values, reason_values, utcnow
from api.retry import with_backoff
from api.settings import Settings
from api.worker import run_job, warm_up
from catalog.models.base import Text
from planner.whatif.pool import stop_executor

log = logging.getLogger("capplan.api")
ACTIVE = (JobState.QUEUED.value, JobState.RUNNING.value)
POLL_SECONDS = 1.0  # the dispatcher looks for queued jobs at least this often


class JobConflict(Exception):
    """The job is already finished: it cannot be cancelled."""

    def __init__(self, job_id: str, state: str) -> None:
        super().__init__(f"job {job_id} already {state}")
        self.state = state


class JobManager:
    def __init__(
        self,
        settings: Settings,
        sessions: sessionmaker[Session],
        executor_factory: Callable[[Settings], Executor] = make_executor,
    ) -> None:
        self.settings = settings
        self.sessions = sessions
        self._factory = executor_factory
        self._executor: Executor | None = None
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._slots = threading.Semaphore(settings.pool_workers)
        self._lock = threading.Lock()
        self._events: dict[str, threading.Event] = {}
        self._waiters: dict[str, list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]]] = {}
        self._futures: dict[str, Future[dict[str, str]]] = {}
        self._closing = False
        self._stopping = threading.Event()
        self._unstored: dict[str, dict[str, str]] = {}  # finished, not yet in the database
        self._spared: set[str] = set()  # running when the pool was restarted for a cancel
        self.owner = instance_id()
        self._last_beat = 0.0
        self._next: tuple[str, str, str] | None = None
        self._thread = threading.Thread(target=self._dispatch, name="capplan-jobs", daemon=True)

    # -- life cycle ----------------------------------------------------------------------
    def start(self) -> None:
        self._executor = self._factory(self.settings)
        if self.settings.executor == "local" and self.settings.warm_up:
            for _ in range(self.settings.pool_workers):
                self._executor.submit(warm_up)
        recovered = self.recover()
        self._thread.start()
        for job_id in recovered:
            self.enqueue(job_id)

    def stop(self) -> None:
        """Stop dispatching; solves in progress are abandoned and recovered at next start."""
        self._closing = True
        self._stopping.set()
        self._queue.put(None)
        self._slots.release()
        if self._executor is not None:
            stop_executor(self._executor)
        self._thread.join(timeout=5)
        with self._lock:
            for event in self._events.values():
                event.set()
            for job_id in list(self._waiters):
                self._wake(job_id)

    def recover(self) -> list[str]:
        """Jobs a stop or a crash left active: re-queue them, or fail them with the reason
        (running jobs of a live instance on a shared database are left to it)."""
        return recover_jobs(self.sessions, self.settings, self._shared_database())

    def _shared_database(self) -> bool:
        bind = self.sessions.kw.get("bind")
        return bind is not None and bind.dialect.name != "sqlite"

    # -- submitting, waiting, cancelling --------------------------------------------------
    def enqueue(self, job_id: str) -> None:
        with self._lock:
            self._events.setdefault(job_id, threading.Event())
        self._queue.put(job_id)

    def wait(self, job_id: str, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the job to finish; True if it has."""
        with self._lock:
            event = self._events.get(job_id)
        if event is None:
            return True
        return event.wait(timeout)

    async def wait_async(self, job_id: str, timeout: float) -> bool:
        """Wait on the event loop (no thread held) up to ``timeout`` s; True if finished."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        with self._lock:
            event = self._events.get(job_id)
            if event is None or event.is_set():
                return True
            self._waiters.setdefault(job_id, []).append((loop, future))
        try:
            await asyncio.wait_for(future, timeout)
            return True
        except TimeoutError:
            return False
        finally:
            with self._lock:
                waiting = self._waiters.get(job_id, [])
                if (loop, future) in waiting:
                    waiting.remove((loop, future))
                if not waiting:
                    self._waiters.pop(job_id, None)

    def _wake(self, job_id: str) -> None:
        """Wake the asynchronous waiters of a job (called with ``_lock`` held)."""
        for loop, future in self._waiters.pop(job_id, []):
            loop.call_soon_threadsafe(_resolve, future)

    def cancel(self, job_id: str) -> JobRow | None:
        """Cancel a queued or running job. A running solve's result is discarded."""
        if not store.valid_id(job_id):
            return None
        with self.sessions.begin() as session:
            changed = store.updated(
                session,
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.state.in_(ACTIVE))
                .values(
                    state=JobState.CANCELLED.value,
                    finished_at=utcnow(),
                    **reason_values(CANCELLED_BY_CLIENT),
                ),
            )
            job = session.get(JobRow, job_id)
        if job is None:
            return None
        if not changed:
            raise JobConflict(job_id, job.state)
        with self._lock:
            future = self._futures.get(job_id)
            event = self._events.pop(job_id, None)
            self._wake(job_id)
        if future is not None and not future.cancel() and self.settings.executor == "local":
            self._restart_pool(job_id)  # a running local solve ends only with its process
        if event is not None:
            event.set()
        return job

    # -- the dispatcher ----------------------------------------------------------------
    def _dispatch(self) -> None:
        """Claim queued jobs from the database (the queue only wakes it; it also looks every
        second, for jobs submitted to other instances). Never ends on an error: database
        faults are retried with back-off, anything else fails that job alone."""
        while True:
            try:
                token = self._queue.get(timeout=POLL_SECONDS)
            except queue.Empty:
                token = ""
            if token is None or self._closing:
                return
            self._heartbeat()
            if not self._slots.acquire(timeout=POLL_SECONDS):
                continue
            if self._closing:
                return
            self._next = None
            claimed = with_backoff(self._claim, "claiming a queued job", self._stopping)
            if not claimed or self._next is None:
                self._slots.release()
                continue
            job_id, kind, payload = self._next
            try:
                self._begin(job_id, kind, payload)
                self._queue.put("")  # there may be more
            except Exception:
                log.exception("could not start job %s", job_id)
                self._slots.release()
                self._fail(job_id, NOT_STARTED)

    def _claim(self) -> None:
        self._next = claim_next(self.sessions, self.owner)

    def _heartbeat(self) -> None:
        now = time.monotonic()
        if now - self._last_beat < HEARTBEAT_SECONDS:
            return
        self._last_beat = now
        with self._lock:
            running = list(self._futures)
        try:
            beat(self.sessions, self.owner, running)
            if self._shared_database() and reclaim_stale(self.sessions):
                self._queue.put("")
        except SQLAlchemyError as exc:
            log.warning("could not renew the heartbeat of running jobs: %s", exc)

    def _begin(self, job_id: str, kind: str, payload: str) -> None:
        future = self._submit(kind, payload)
        with self._lock:
            self._futures[job_id] = future
        future.add_done_callback(lambda done: self._finished(job_id, done))

    def _restart_pool(self, cancelled: str) -> None:
        """Stop the local pool (ending the cancelled solve now) and start a new one; other
        solves it was running are re-queued without counting the attempt."""
        with self._lock:
            self._spared.update(j for j in self._futures if j != cancelled)
            old, self._executor = self._executor, self._factory(self.settings)
        log.info("job %s cancelled while running: its solver process is stopped", cancelled)
        if old is not None:
            stop_executor(old)

    def _submit(self, kind: str, payload: str) -> Future[dict[str, str]]:
        assert self._executor is not None
        try:
            return self._executor.submit(run_job, kind, payload)
        except (BrokenProcessPool, RuntimeError):
            log.warning("the solver pool was broken; starting a new one")
            stop_executor(self._executor)
            self._executor = self._factory(self.settings)
            return self._executor.submit(run_job, kind, payload)

    def _finished(self, job_id: str, future: Future[dict[str, str]]) -> None:
        self._slots.release()
        with self._lock:
            self._futures.pop(job_id, None)
        try:
            output = future.result()
        except CancelledError:
            if not self._closing:
                self._fail(job_id, SOLVE_CANCELLED, JobState.CANCELLED)
            return
        except BrokenProcessPool as exc:
            if self._closing:
                return  # still 'running' in the database: recovered at the next start
            with self._lock:
                spared = job_id in self._spared
                self._spared.discard(job_id)
            if spared:
                self._requeue_spared(job_id)
            else:
                self._crashed(job_id, exc)
            return
        except Exception as exc:
            log.exception("job %s failed", job_id)
            self._fail(job_id, failure_reason(exc))
            return
        self._store(job_id, output)

    def _store(self, job_id: str, output: dict[str, str]) -> None:
        """Store a result; while the database is down, keep it and retry in the background
        (with back-off) until it is stored or the service stops."""
        try:
            store.complete_job(self.sessions, job_id, output)
        except SQLAlchemyError as exc:
            log.warning("could not store the result of job %s yet (%s); retrying", job_id, exc)
            with self._lock:
                self._unstored[job_id] = output
            threading.Thread(
                target=self._store_later, args=(job_id,), name=f"capplan-store-{job_id[:8]}",
                daemon=True,
            ).start()  # fmt: skip
            return
        except Exception:
            log.exception("could not store the result of job %s", job_id)
            self._fail(job_id, NOT_STORED)
            return
        self._notify(job_id)

    def _store_later(self, job_id: str) -> None:
        output = self._unstored[job_id]
        stored = with_backoff(
            lambda: store.complete_job(self.sessions, job_id, output),
            f"storing the result of job {job_id}",
            self._stopping,
        )
        with self._lock:
            self._unstored.pop(job_id, None)
        if stored:
            log.info("the result of job %s is stored", job_id)
            self._notify(job_id)

    def _requeue_spared(self, job_id: str) -> None:
        with self.sessions.begin() as session:
            store.updated(
                session,
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.state == JobState.RUNNING.value)
                .values(
                    state=JobState.QUEUED.value,
                    attempts=JobRow.attempts - 1,
                    **note_values(REQUEUED_FOR_CANCEL),
                ),
            )
        self._queue.put(job_id)

    def _crashed(self, job_id: str, exc: BaseException) -> None:
        """A worker process died: retry while attempts remain, else fail with the reason."""
        with self.sessions.begin() as session:
            job = session.get(JobRow, job_id)
            retry = job is not None and job.attempts < self.settings.max_attempts
            if job is not None and job.state == JobState.RUNNING and retry:
                job.state = JobState.QUEUED.value
                job.set_note(REQUEUED_AFTER_CRASH)
        log.warning("the solver process of job %s stopped unexpectedly: %s", job_id, exc)
        if retry and not self._closing:
            self._queue.put(job_id)
            return
        self._fail(job_id, SOLVER_STOPPED)

    def _fail(self, job_id: str, reason: Text, state: JobState = JobState.FAILED) -> None:
        def mark() -> None:
            with self.sessions.begin() as session:
                store.updated(
                    session,
                    update(JobRow)
                    .where(JobRow.id == job_id, JobRow.state.in_(ACTIVE))
                    .values(state=state.value, finished_at=utcnow(), **reason_values(reason)),
                )

        with_backoff(mark, f"marking job {job_id} {state.value}", self._stopping)
        self._notify(job_id)

    def _notify(self, job_id: str) -> None:
        with self._lock:
            event = self._events.pop(job_id, None)
            self._wake(job_id)
        if event is not None:
            event.set()

    # -- introspection -------------------------------------------------------------------
    @property
    def executor_name(self) -> str:
        return self.settings.executor

    def alive(self) -> bool:
        return self._thread.is_alive() and not self._closing

    def unstored(self) -> list[str]:
        """Jobs whose result is kept in memory until the database takes it."""
        with self._lock:
            return sorted(self._unstored)


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
