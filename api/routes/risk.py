"""``/api/v1/roadmaps/{id}/risk``: the schedule and cost risk of a stored roadmap (planner.risk).

Solver-free and deterministic for its seed: the stored roadmap is replayed ``runs`` times (at
most ``MAX_RUNS``) in a process of the risk pool, never in the request's thread
(``api.risk_work``): the request awaits it on the event loop, as a report GET awaits its
rendering. The answer is kept per id, runs, seed and distribution, with a strong ETag.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import Future
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api import store
from api.backpressure import check_rate
from api.cache import Cached
from api.deps import ApiKey, CacheDep, SettingsDep
from api.errors import not_found
from api.models import RoadmapRow
from api.risk_work import RiskRunner, still_running
from api.routes.common import (
    ETAG,
    INVALID,
    NOT_FOUND,
    NOT_MODIFIED,
    body_response,
    problem,
    stored_plan,
)
from catalog.models.base import Text
from planner.risk import RiskResult

router = APIRouter(prefix="/roadmaps", tags=["risk"], dependencies=[ApiKey])
MAX_RUNS = 1000
RETRY_AFTER = {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}}


@router.get(
    "/{roadmap_id}/risk",
    response_model=RiskResult,
    summary="Schedule and cost risk of a roadmap (P50 / P80 / P90)",
    responses={
        200: {"headers": ETAG},
        **NOT_MODIFIED,
        **NOT_FOUND,
        **INVALID,
        409: problem("The stored result has no roadmap"),
        429: {
            **problem("Too many risk analyses under way, or this caller's rate limit"),
            "headers": RETRY_AFTER,
        },
        503: {
            **problem("Not finished within CAPPLAN_RISK_WAIT: it goes on; ask again later"),
            "headers": RETRY_AFTER,
        },
    },
)
async def roadmap_risk(
    request: Request,
    roadmap_id: str,
    cache: CacheDep,
    settings: SettingsDep,
    runs: Annotated[int, Query(ge=1, le=MAX_RUNS, description="Monte Carlo runs")] = 200,
    seed: Annotated[int, Query(ge=0, le=2**31 - 1, description="seed of the runs")] = 0,
    distribution: Annotated[
        Literal["triangular", "pert"] | None,
        Query(description="default: the effort model's labelled choice"),
    ] = None,
) -> Response:
    """Draw each step's months, cost and staff from its range and replay the roadmap in its
    order under every rule; quantiles of the tier dates and the cost (dates as ISO dates),
    the probabilities of reaching the target within the horizon and the budget, the
    criticality of the steps and how often each yearly cap binds.

    The analysis runs in a worker process (seconds for many runs), and this request waits for
    it like a report request waits for its rendering: 200 with the answer, kept in memory
    with its `ETag` (send it back in `If-None-Match` for a 304). Identical requests made
    while it runs share it. If it takes longer than `CAPPLAN_RISK_WAIT` seconds (60 by
    default), the answer is 503 with `Retry-After`: the analysis goes on, and asking again
    with the same parameters gets its result. At most `CAPPLAN_MAX_RISK_QUEUED` analyses
    run or wait at once, and starting one counts against the caller's rate limit (beyond
    either: 429 with `Retry-After`)."""
    asked = ("roadmap", roadmap_id, "risk", runs, seed, distribution)
    item = cache.recent(asked)
    if item is None:
        runner: RiskRunner = request.app.state.risk
        sessions = request.app.state.sessions
        generation = cache.generation()

        def look() -> Cached | Future[Cached] | None:
            """The answer kept, the flight computing it, or a new flight (None: no such id)."""
            with sessions() as session:
                if not store.exists(session, RoadmapRow, roadmap_id):
                    return None
                found = cache.get(asked) or runner.joined(asked)
                if found is not None:
                    return found
                stored_plan(session, roadmap_id, Text(zh="分析", en="analyse"))  # or 409
                row = session.get(RoadmapRow, roadmap_id)
                assert row is not None
                text = row.result
            check_rate(request, settings)
            payload = {"result": text, "runs": runs, "seed": seed, "distribution": distribution}
            return runner.start(asked, json.dumps(payload))

        got = await run_in_threadpool(look)
        if got is None:
            raise not_found("roadmap", roadmap_id)
        if isinstance(got, Future):
            waiting = asyncio.shield(asyncio.wrap_future(got))  # a timeout leaves it running
            try:
                got = await asyncio.wait_for(waiting, settings.risk_wait)
            except TimeoutError:
                raise still_running(settings) from None
        item = got
        cache.confirm(asked, asked, generation)
    return body_response(request, item)
