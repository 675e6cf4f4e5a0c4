"""``/api/v1/roadmaps/{id}/risk``: the schedule and cost risk of a stored roadmap (planner.risk).

Solver-free and deterministic for its seed: the stored problem is rebuilt and its roadmap
replayed ``runs`` times in this request (at most ``MAX_RUNS``, so that it stays short); its
answer is kept per id, runs, seed and distribution.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.orm import Session

from api import store
from api.cache import Key
from api.deps import ApiKey, CacheDep
from api.models import RoadmapRow
from api.routes.common import (
    ETAG,
    INVALID,
    NOT_FOUND,
    NOT_MODIFIED,
    cached_response,
    problem,
    stored_plan,
)
from catalog.models.base import Text
from planner.compile.compiled import compile_problem
from planner.risk import RiskOptions, RiskResult, analyse

router = APIRouter(prefix="/roadmaps", tags=["risk"], dependencies=[ApiKey])
MAX_RUNS = 1000


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
    },
)
async def roadmap_risk(
    request: Request,
    roadmap_id: str,
    cache: CacheDep,
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
    criticality of the steps and how often each yearly cap binds."""
    asked = ("roadmap", roadmap_id, "risk", runs, seed, distribution)

    def key(session: Session) -> Key | None:
        return asked if store.exists(session, RoadmapRow, roadmap_id) else None

    def make(session: Session) -> bytes:
        result = stored_plan(session, roadmap_id, Text(zh="分析", en="analyse"))
        assert result.roadmap is not None and result.problem is not None
        instance = compile_problem(result.problem)
        options = RiskOptions(runs=runs, seed=seed, distribution=distribution)
        risk: RiskResult = analyse(instance, result.roadmap, options)
        return risk.model_dump_json().encode()

    return await cached_response(request, cache, asked, key, make)
