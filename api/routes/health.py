"""``/api/v1/health`` and ``/api/v1/version`` (open, even when API keys are configured)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from api.db import database_ok
from api.versions import (
    API_VERSION,
    SOLVER,
    capplan_version,
    catalog_version,
    python_version,
    solver_version,
)

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str = Field(description="ok, or degraded when a part is down (then HTTP 503)")
    database: bool
    jobs: bool = Field(description="the job dispatcher is running")
    executor: str = Field(description="local (process pool) or dask")
    open: bool = Field(description="true when no API key is configured (anyone may call)")


class Solver(BaseModel):
    name: str
    version: str


class Version(BaseModel):
    capplan: str
    api: str
    solver: Solver
    catalog: str = Field(description="catalogue version (catalog.CATALOG_VERSION)")
    python: str


@router.get(
    "/health",
    response_model=Health,
    summary="Is the service working?",
    responses={503: {"model": Health, "description": "A part of the service is down"}},
)
def health(request: Request) -> JSONResponse:
    state = request.app.state
    db = database_ok(state.engine)
    jobs = state.jobs.alive()
    body = Health(
        status="ok" if db and jobs else "degraded",
        database=db,
        jobs=jobs,
        executor=state.settings.executor,
        open=not state.settings.api_keys,
    )
    return JSONResponse(body.model_dump(), status_code=200 if db and jobs else 503)


@router.get("/version", response_model=Version, summary="Versions", responses={})
def version() -> Version:
    """capplan, the API, the solver (OR-Tools CP-SAT) and the catalogue."""
    return Version(
        capplan=capplan_version(),
        api=API_VERSION,
        solver=Solver(name=SOLVER, version=solver_version()),
        catalog=catalog_version(),
        python=python_version(),
    )
