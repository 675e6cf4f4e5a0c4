"""``/api/v1/health`` and ``/api/v1/version`` (open, even when API keys are configured)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import asdict

import anyio
import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from api.db import database_ok
from api.middleware import key_given
from api.versions import (
    API_VERSION,
    SOLVER,
    capplan_version,
    catalog_version,
    python_version,
    solver_version,
)

router = APIRouter(tags=["health"])


class RiskActivity(BaseModel):
    """The risk analyses of this instance (``GET /roadmaps/{id}/risk``)."""

    running: int = Field(description="analyses running or waiting for a process now")
    started: int = Field(description="analyses started since start-up")
    joined: int = Field(description="requests that shared an analysis already under way")
    limit: int = Field(description="analyses at once (CAPPLAN_MAX_RISK_QUEUED)")


class Health(BaseModel):
    status: str = Field(description="ok, or degraded when a part is down (then HTTP 503)")
    database: bool
    jobs: bool = Field(description="the job dispatcher is running")
    executor: str = Field(description="local (process pool) or dask")
    open: bool = Field(description="true when no API key is configured (anyone may call)")
    risk: RiskActivity | None = Field(
        default=None, description="on an open service, or for a caller with a valid API key"
    )


class Solver(BaseModel):
    name: str
    version: str


class Version(BaseModel):
    capplan: str
    api: str
    solver: Solver
    catalog: str = Field(description="catalogue version (catalog.CATALOG_VERSION)")
    python: str | None = Field(
        default=None, description="Python version: only for a caller with a valid API key"
    )


@router.get(
    "/health",
    response_model=Health,
    summary="Is the service working?",
    responses={503: {"model": Health, "description": "A part of the service is down"}},
)
async def health(request: Request) -> JSONResponse:
    """Answered on the event loop (no thread needed); the database is probed at most once
    a second, so health checks stay fast while solves and reports run."""
    state = request.app.state
    db = await _database_ok(state)
    jobs = state.jobs.alive()
    keys = state.settings.api_keys
    shown = not keys or key_given(request.headers, keys)
    body = Health(
        status="ok" if db and jobs else "degraded",
        database=db,
        jobs=jobs,
        executor=state.settings.executor,
        open=not keys,
        risk=RiskActivity(**asdict(state.risk.stats())) if shown else None,
    )
    code = 200 if db and jobs else 503
    return JSONResponse(body.model_dump(exclude_none=True), status_code=code)


PROBE_SECONDS = 1.0
# the probe's own thread token: it never queues behind renders and solves' waits in the
# shared pool of worker threads
_PROBES = anyio.CapacityLimiter(1)


async def _database_ok(state: object) -> bool:
    """The last database probe if it is under a second old, else a new one (in a thread);
    requests that arrive while a probe runs wait for that one rather than start their own."""
    checked: tuple[float, bool] | None = getattr(state, "database_probe", None)
    now = time.monotonic()
    if checked is not None and now - checked[0] < PROBE_SECONDS:
        return checked[1]
    running: asyncio.Future[bool] | None = getattr(state, "database_probing", None)
    if running is None or running.done():
        running = asyncio.ensure_future(_probe(state))
        state.database_probing = running  # type: ignore[attr-defined]
    return await asyncio.shield(running)


async def _probe(state: object) -> bool:
    engine = state.engine  # type: ignore[attr-defined]
    ok = await anyio.to_thread.run_sync(database_ok, engine, limiter=_PROBES)
    state.database_probe = (time.monotonic(), ok)  # type: ignore[attr-defined]
    return ok


@router.get(
    "/version", response_model=Version, response_model_exclude_none=True, summary="Versions"
)
async def version(request: Request) -> Version:
    """capplan, the API, the solver (OR-Tools CP-SAT) and the catalogue; the Python version
    only for a caller with a valid API key (never on an open service)."""
    keys = request.app.state.settings.api_keys
    known = bool(keys) and key_given(request.headers, keys)
    return Version(
        capplan=capplan_version(),
        api=API_VERSION,
        solver=Solver(name=SOLVER, version=solver_version()),
        catalog=catalog_version(),
        python=python_version() if known else None,
    )
