"""Risk analyses off the request thread: one flight per question, a bounded number at once.

``GET /roadmaps/{id}/risk`` replays a roadmap hundreds of times (seconds of CPU). It runs in
a process pool of its own (``api.executors.make_risk_executor``: ``risk_workers`` local
processes, or the Dask cluster of the solves), never in the service's process, so the event
loop and other requests go on. The request awaits the analysis on the event loop, as a report
GET awaits its rendering: 200 with the answer, or, after ``risk_wait`` seconds, 503 with
``Retry-After`` while the analysis goes on; its answer is kept in the body cache, so asking
again gets it.

Requests asking the same question (id, runs, seed, distribution) while it is being answered
share its one flight; at most ``max_risk_queued`` distinct analyses run or wait at once
(beyond: 429 with ``Retry-After``). ``stats`` counts them (shown by ``/health``).
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Executor, Future, InvalidStateError
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from api.backpressure import too_many
from api.cache import BodyCache, Cached, Key
from api.errors import ApiError
from api.executors import make_risk_executor
from api.settings import Settings
from api.worker import analyse_risk
from catalog.models.base import Text
from planner.whatif.pool import stop_executor

log = logging.getLogger("capplan.api")
RETRY_SECONDS = 5  # what a 503 of an analysis still running suggests


@dataclass(frozen=True)
class RiskStats:
    running: int  # analyses running or waiting for a process now
    started: int  # analyses started since start-up
    joined: int  # requests that shared an analysis another request had started
    limit: int  # max_risk_queued


class RiskRunner:
    """The flights of risk analyses, keyed by their cache key; answers go into ``cache``."""

    def __init__(self, settings: Settings, cache: BodyCache) -> None:
        self.settings = settings
        self.cache = cache
        self._executor: Executor | None = None
        self._flights: dict[Key, Future[Cached]] = {}
        self._lock = threading.Lock()
        self._started = 0
        self._joined = 0
        self._closing = False

    def stop(self) -> None:
        """End running analyses now; their waiting requests are answered 503."""
        with self._lock:
            self._closing = True
            executor, self._executor = self._executor, None
            flights = list(self._flights.values())
            self._flights.clear()
        if executor is not None:
            stop_executor(executor)
        for flight in flights:
            settle(flight, None, stopping())

    def stats(self) -> RiskStats:
        with self._lock:
            return RiskStats(
                len(self._flights), self._started, self._joined, self.settings.max_risk_queued
            )

    def joined(self, key: Key) -> Future[Cached] | None:
        """The flight answering ``key`` now, if any (this request shares it)."""
        with self._lock:
            flight = self._flights.get(key)
            if flight is not None:
                self._joined += 1
            return flight

    def start(self, key: Key, payload: str) -> Future[Cached]:
        """A flight answering ``key``: one already under way (or just landed in the cache),
        else a new analysis of ``payload``; 429 when ``max_risk_queued`` are under way."""
        with self._lock:
            if self._closing:
                raise stopping()
            flight = self._flights.get(key)
            if flight is not None:
                self._joined += 1
                return flight
            landed: Future[Cached] = Future()
            landed.set_running_or_notify_cancel()  # answered only here: never cancelled
            found = self.cache.get(key)  # it landed since this request looked
            if found is not None:
                landed.set_result(found)
                return landed
            if len(self._flights) >= self.settings.max_risk_queued:
                raise busy(len(self._flights), self.settings)
            self._flights[key] = landed
            self._started += 1
        try:
            executor = self._pool()
            try:
                work = executor.submit(analyse_risk, payload)
            except (BrokenProcessPool, RuntimeError):  # a worker died since the last one
                log.warning("the risk pool was broken; starting a new one")
                executor = self._renewed(executor)
                work = executor.submit(analyse_risk, payload)
        except Exception as exc:
            with self._lock:
                if self._flights.get(key) is landed:
                    del self._flights[key]
            settle(landed, None, exc)
            raise
        work.add_done_callback(lambda done: self._landed(key, landed, done))
        return landed

    def _landed(self, key: Key, landed: Future[Cached], work: Future[str]) -> None:
        """Keep the answer in the cache before the flight ends (so no request misses both)."""
        error = stopping() if work.cancelled() else work.exception()
        item = None
        with self._lock:
            if error is None:
                item = Cached.of(work.result().encode())
                self.cache.put(key, item)
            if self._flights.get(key) is landed:
                del self._flights[key]
        if isinstance(error, BrokenProcessPool):  # the next analysis starts a new pool
            log.warning("a risk analysis process stopped unexpectedly: %s", error)
            error = stopping() if self._closing else crashed()
        settle(landed, item, error)

    def _pool(self) -> Executor:
        """The risk pool, made on first use, outside the lock (a Dask client connects)."""
        with self._lock:
            if self._executor is not None:
                return self._executor
        made = make_risk_executor(self.settings)
        with self._lock:
            if self._executor is None and not self._closing:
                self._executor = made
                return made
            other = self._executor
        stop_executor(made)  # another request made one first, or the service stopped
        if other is None:
            raise stopping()
        return other

    def _renewed(self, broken: Executor) -> Executor:
        """A new pool in place of ``broken`` (unless another request renewed it already)."""
        with self._lock:
            if self._executor is broken:
                self._executor = None
        stop_executor(broken)
        return self._pool()


def settle(flight: Future[Cached], item: Cached | None, error: BaseException | None) -> None:
    """Answer a flight once (the service may have answered it already: it stopped)."""
    try:
        if error is not None:
            flight.set_exception(error)
        elif item is not None:
            flight.set_result(item)
    except InvalidStateError:
        pass


def busy(count: int, settings: Settings) -> ApiError:
    most = settings.max_risk_queued
    return too_many(
        Text(
            zh=f"服务已有 {count} 个风险分析在进行（本服务的上限为 {most}，设置项 "
            "CAPPLAN_MAX_RISK_QUEUED）；请稍后重试",
            en=f"the service already has {count} risk analyses under way (the limit of this "
            f"service is {most}, setting CAPPLAN_MAX_RISK_QUEUED); retry shortly",
        ),
        RETRY_SECONDS,
    )


def still_running(settings: Settings) -> ApiError:
    waited = f"{settings.risk_wait:g}"
    return ApiError(
        503,
        "analysis-running",
        Text(
            zh=f"风险分析在 {waited} 秒内未完成（设置项 CAPPLAN_RISK_WAIT）；分析仍在进行，结果"
            f"会被保留：请在 {RETRY_SECONDS} 秒后以相同参数重试",
            en=f"the risk analysis did not finish within {waited} s (setting CAPPLAN_RISK_WAIT); "
            f"it goes on and its answer is kept: ask again with the same parameters in "
            f"{RETRY_SECONDS} s",
        ),
        title=Text(zh="风险分析仍在进行", en="The risk analysis is still running"),
        headers={"Retry-After": str(RETRY_SECONDS)},
        extra={"retry_after": RETRY_SECONDS},
    )


def stopping() -> ApiError:
    return ApiError(
        503,
        "service-stopping",
        Text(
            zh="服务正在停止，风险分析已中止；请稍后重试",
            en="the service is stopping and the risk analysis was ended; retry later",
        ),
        title=Text(zh="服务正在停止", en="The service is stopping"),
        headers={"Retry-After": str(RETRY_SECONDS)},
    )


def crashed() -> ApiError:
    return ApiError(
        503,
        "analysis-failed",
        Text(
            zh="风险分析进程意外终止；请重试",
            en="the risk analysis process stopped unexpectedly; retry",
        ),
        title=Text(zh="风险分析失败", en="The risk analysis failed"),
        headers={"Retry-After": str(RETRY_SECONDS)},
    )
