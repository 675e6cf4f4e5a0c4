"""Back-pressure on submitted work: a per-caller rate limit, a limit on unfinished jobs, and
waits for a result that hold no thread.

A POST that would queue a solve is refused with 429 and ``Retry-After`` when its caller (its
API key, or its address on an open service) has used up its submissions for the minute, or
when the service already has ``max_queued`` unfinished jobs. A POST that waits for its
result returns a ``DeferredResponse``: the route's thread is free as soon as the job is
queued, and the wait happens on the event loop.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope, Send

from api.errors import ApiError
from api.models import JobRow, JobState
from api.settings import Settings
from catalog.models.base import Text

ACTIVE = (JobState.QUEUED.value, JobState.RUNNING.value)


class RateLimiter:
    """A token bucket per caller: ``per_minute`` submissions, refilled continuously."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, caller: str) -> float | None:
        """Take one token: None if allowed, else the seconds until one is free."""
        now = time.monotonic()
        rate = self.per_minute / 60.0
        with self._lock:
            tokens, stamp = self._buckets.get(caller, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - stamp) * rate)
            if tokens >= 1.0:
                self._buckets[caller] = (tokens - 1.0, now)
                if len(self._buckets) > 10_000:  # forget the fullest buckets of idle callers
                    self._forget(now, rate)
                return None
            self._buckets[caller] = (tokens, now)
            return (1.0 - tokens) / rate

    def _forget(self, now: float, rate: float) -> None:
        for caller, (tokens, stamp) in list(self._buckets.items()):
            if tokens + (now - stamp) * rate >= self.per_minute:
                del self._buckets[caller]


def caller_of(request: Request) -> str:
    """Who is submitting: a digest of the API key, or the client address."""
    key = request.headers.get("x-api-key") or request.headers.get("authorization", "")
    if key:
        return "key:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:16]
    client = request.client
    return "address:" + (client.host if client is not None else "unknown")


def too_many(detail: Text, retry_after: float) -> ApiError:
    seconds = max(1, math.ceil(retry_after))
    return ApiError(
        429,
        "too-many-requests",
        detail,
        title=Text(zh="请求过多", en="Too many requests"),
        headers={"Retry-After": str(seconds)},
        extra={"retry_after": seconds},
    )


def check_rate(request: Request, settings: Settings) -> None:
    """429 when the caller has used up its submissions for the minute."""
    limiter: RateLimiter | None = getattr(request.app.state, "rate_limiter", None)
    if limiter is None:
        return
    wait = limiter.take(caller_of(request))
    if wait is not None:
        raise too_many(
            Text(
                zh=f"该调用方每分钟提交超过 {settings.rate_limit} 次（本服务的速率上限，设置项 "
                f"CAPPLAN_RATE_LIMIT）；请在 {math.ceil(wait)} 秒后重试",
                en=f"more than {settings.rate_limit} submissions a minute from this caller (the "
                f"rate limit of this service, setting CAPPLAN_RATE_LIMIT); retry in "
                f"{math.ceil(wait)} s",
            ),
            wait,
        )


def check_queue(session: Session, settings: Settings) -> None:
    """429 when the service already holds ``max_queued`` unfinished jobs."""
    count = session.scalar(select(func.count()).select_from(JobRow).where(JobRow.state.in_(ACTIVE)))
    if int(count or 0) >= settings.max_queued:
        raise too_many(
            Text(
                zh=f"服务已有 {count} 个未完成的作业（本服务的队列上限为 {settings.max_queued}，"
                "设置项 CAPPLAN_MAX_QUEUED）；请稍后重试",
                en=f"the service already has {count} unfinished jobs (the queue limit of this "
                f"service is {settings.max_queued}, setting CAPPLAN_MAX_QUEUED); retry shortly",
            ),
            settings.sync_wait + 5,
        )


class DeferredResponse(Response):
    """A response decided after an asynchronous wait: ``wait()`` on the event loop, then
    ``build()`` in a worker thread (it reads the database) gives the response sent."""

    def __init__(
        self, wait: Callable[[], Awaitable[object]], build: Callable[[], Response]
    ) -> None:
        super().__init__(status_code=202)
        self._wait, self._build = wait, build

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._wait()
        response = await run_in_threadpool(self._build)
        await response(scope, receive, send)
