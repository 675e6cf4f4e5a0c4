"""Fixtures of the service tests: apps on real SQLite files and a real PostgreSQL schema."""

from __future__ import annotations

import copy
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from api.examples import scenario
from api.main import create_app
from api.settings import Settings
from planner.compile.instance import build_instance
from planner.model.problem import Problem
from planner.result.plan_result import PlanResult
from planner.result.validate import validate

PG_ENV = "CAPPLAN_TEST_DATABASE_URL"


def demo() -> dict[str, Any]:
    """The bundled demo problem (scenarios/discrete_manufacturer.yaml) as JSON data."""
    return copy.deepcopy(scenario())


def quick() -> dict[str, Any]:
    """A problem solved in a few milliseconds (tier 2 to 3)."""
    return {
        "name": "quick: tier 2 to 3",
        "organisation": {"industry": "discrete_manufacturing", "current_tier": 2},
        "target": {"tier": 3},
        "time": {"start": "2027-01-01", "horizon": 24},
    }


def slow() -> dict[str, Any]:
    """A feasible problem whose solve runs to its time limit (optimality not proven)."""
    data = copy.deepcopy(scenario("construction_group"))
    data["name"] = "slow: tier 8 over eight years"
    data["target"] = {"tier": 8}
    data["time"] = {"start": "2027-01-01", "period": "month", "horizon": 96}
    data["budget"] = {}
    data["staff"] = {"capacity": 40}
    return data


def settings_for(url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": url,
        "default_time_limit": 5.0,
        "max_time_limit": 30.0,
        "sync_wait": 20.0,
        "pool_workers": 1,
        "solver_workers": 2,
        "allowed_hosts": ["testserver", "127.0.0.1", "localhost"],
    }
    values.update(overrides)
    return Settings(**values)


def assert_valid_result(result: dict[str, Any]) -> PlanResult:
    """A stored result read back, and its roadmap through the solver-free validator."""
    plan_result = PlanResult.model_validate(result)
    if plan_result.roadmap is not None:
        assert plan_result.problem is not None
        assert validate(plan_result.roadmap, build_instance(plan_result.problem)) == []
    return plan_result


def poll_job(
    client: TestClient | httpx.Client, job_id: str, timeout: float = 30.0
) -> dict[str, Any]:
    """Poll a job until it is finished; return its last state."""
    deadline = time.monotonic() + timeout
    while True:
        job: dict[str, Any] = client.get(f"/api/v1/jobs/{job_id}").json()
        if job["state"] in ("succeeded", "failed", "cancelled"):
            return job
        assert time.monotonic() < deadline, f"job {job_id} still {job['state']}"
        time.sleep(0.1)


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One service for the router tests (its process pool is started once)."""
    path = tmp_path_factory.mktemp("service") / "capplan.db"
    app = create_app(settings_for(f"sqlite:///{path}"))
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="session")
def demo_roadmap(service: TestClient) -> dict[str, Any]:
    """The demo solved once and stored (201 within the wait)."""
    response = service.post("/api/v1/roadmaps?compare_routes=false&wait=30", json=demo())
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


# -- PostgreSQL ------------------------------------------------------------------------------
LOCAL_POSTGRES = "postgresql+psycopg://capplan:capplan@127.0.0.1:5432/capplan_test"  # as .ci/run


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh schema in the test PostgreSQL (CAPPLAN_TEST_DATABASE_URL, else the local one
    .ci/run creates); skipped visibly when no server is reachable."""
    url = os.environ.get(PG_ENV) or LOCAL_POSTGRES
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # pragma: no cover - depends on the machine
        engine.dispose()
        safe = make_url(url).render_as_string(hide_password=True)
        pytest.skip(f"PostgreSQL tests skipped: no server reachable at {safe} ({PG_ENV}): {exc}")
    schema = f"capplan_test_{uuid.uuid4().hex[:10]}"
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield scoped.render_as_string(hide_password=False)
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each persistence test runs on a new SQLite file and on the PostgreSQL test schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'capplan.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


def reset_postgres(url: str) -> None:
    """Empty the tables of the test schema (tests on PostgreSQL share one schema)."""
    if not url.startswith("postgresql"):
        return
    engine = create_engine(url)
    with engine.begin() as connection:
        for table in ("assessments", "comparisons", "roadmaps", "jobs", "alembic_version"):
            connection.execute(text(f"DROP TABLE IF EXISTS {table}"))
    engine.dispose()


@pytest.fixture
def fresh_database(database_url: str) -> str:
    reset_postgres(database_url)
    return database_url


def problem_of(data: dict[str, Any]) -> Problem:
    return Problem.model_validate(data)
