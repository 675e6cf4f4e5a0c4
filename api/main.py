"""The application factory: ``create_app(settings) -> FastAPI``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.backpressure import RateLimiter
from api.bodycheck import BodyLimits
from api.cache import BodyCache
from api.db import make_sessions, prepare_database, safe_url
from api.docs import install_docs
from api.errors import install_error_handlers
from api.fastpath import FastPath
from api.jobs import JobManager
from api.middleware import BodyLimitMiddleware
from api.openapi import install_openapi
from api.risk_work import RiskRunner
from api.routes import (
    assessments,
    catalog,
    exports,
    health,
    jobs,
    questionnaire,
    reports,
    risk,
    roadmaps,
    scenarios,
)
from api.settings import Settings
from api.versions import capplan_version

log = logging.getLogger("capplan.api")
API_PREFIX = "/api/v1"

DESCRIPTION = """
Capability-building roadmaps for digital transformation, planned with CP-SAT on
T/AIITRE 10004—2023 (maturity model) and T/AIITRE 20001—2021 (capability units).

* **catalog** — both standards and capplan's labelled assumptions (`?lang=zh|en`);
* **roadmaps** — submit a problem, get a stored roadmap (PlanResult);
* **assessments** — score a filled questionnaire against 10004 (levels, tier, gaps to a
  target), then plan a roadmap from the assessed state;
* **scenarios** — what-if comparisons (base + variants) and budget sweeps;
* **jobs** — solves that take longer than the short wait: poll or cancel them;
* **reports** — self-contained HTML reports (`?lang=zh|en`), rendered once and kept;
* **risk** — Monte Carlo schedule and cost risk of a stored roadmap, computed in a worker
  process while the request waits (like a report), then kept; 503 with `Retry-After` if it
  takes longer than `CAPPLAN_RISK_WAIT` (it goes on: ask again);
* **health** — health and versions.

Money in results is in **yuan** (万元 × 10,000); budgets in problems are in **万元**.
Errors are RFC 9457 problem details (`application/problem+json`). When API keys are
configured, send one as `X-API-Key` or `Authorization: Bearer` (a body sent without one is
refused unread). Without keys, only loopback host names are answered (`CAPPLAN_ALLOWED_HOSTS`
to change it). Submissions are limited per caller and by the queue (429 with `Retry-After`);
an `Idempotency-Key` header makes a POST safe to retry.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """A configured service; the database is migrated and jobs recovered at start-up."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = prepare_database(settings)
        sessions = make_sessions(engine)
        manager = JobManager(settings, sessions)
        app.state.engine = engine
        app.state.sessions = sessions
        app.state.jobs = manager
        manager.start()
        log.info(
            "capplan %s service ready: database %s, executor %s",
            capplan_version(),
            safe_url(engine),
            settings.executor,
        )
        if not settings.api_keys:
            log.warning(
                "NO API KEYS CONFIGURED: the service is OPEN — anyone who can reach it can "
                "submit work and read every roadmap. Set CAPPLAN_API_KEYS to require a key."
            )
        try:
            yield
        finally:
            app.state.risk.stop()
            manager.stop()
            engine.dispose()

    app = FastAPI(
        title="capplan",
        version=capplan_version(),
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # served below, with the Swagger UI assets of this package
        redoc_url=f"{API_PREFIX}/redoc",
    )
    app.state.settings = settings
    app.state.rate_limiter = RateLimiter(settings.rate_limit)
    app.state.bodies = BodyCache()
    app.state.fast_path = FastPath(app.state.bodies, health.health)
    app.state.risk = RiskRunner(settings, app.state.bodies)  # its pool starts on first use
    install_error_handlers(app)
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        api_keys=settings.api_keys,
        allowed_hosts=settings.hosts(),
        limits=BodyLimits(
            max_nodes=settings.max_body_nodes,
            max_chars=4 * settings.max_body_bytes,
            max_depth=settings.max_body_depth,
            max_seconds=settings.max_parse_seconds,
        ),
        fast_path=app.state.fast_path,
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type"],
            expose_headers=["Location"],
        )
    api = APIRouter(prefix=API_PREFIX)
    modules = (health, catalog, roadmaps, assessments, questionnaire, scenarios, jobs, reports)
    for module in modules:
        api.include_router(module.router)
    api.include_router(risk.router)  # planner.risk: GET /roadmaps/{id}/risk
    api.include_router(exports.router)
    app.include_router(api)
    install_openapi(app, secured=bool(settings.api_keys))
    install_docs(app, f"{API_PREFIX}/docs", f"{API_PREFIX}/openapi.json")
    return app
