"""Database faults while jobs run (a real PostgreSQL whose role is locked out, then let
back in): the dispatcher survives, a result finished during the outage is kept and stored
when the database is back; permanent faults are told from transient ones."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from api.main import create_app
from tests.api.conftest import LOCAL_POSTGRES, PG_ENV, poll_job, quick, settings_for, slow


class Outage:
    """A database of its own, owned by a role of its own that can be locked out."""

    def __init__(self, admin: Engine, role: str, url: str) -> None:
        self.admin, self.role, self.url = admin, role, url

    def begin(self) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'ALTER ROLE "{self.role}" NOLOGIN'))
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :r"),
                {"r": self.role},
            )

    def end(self) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'ALTER ROLE "{self.role}" LOGIN'))


@pytest.fixture
def outage() -> Iterator[Outage]:
    url = os.environ.get(PG_ENV) or LOCAL_POSTGRES
    admin = create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # pragma: no cover - depends on the machine
        admin.dispose()
        pytest.skip(f"PostgreSQL fault tests skipped: no server reachable ({PG_ENV}): {exc}")
    name = f"capplan_fault_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f"CREATE ROLE \"{name}\" LOGIN PASSWORD 'fault'"))
        connection.execute(text(f'CREATE DATABASE "{name}" OWNER "{name}"'))
    own = make_url(url).set(username=name, password="fault", database=name)
    try:
        yield Outage(admin, name, own.render_as_string(hide_password=False))
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'ALTER ROLE "{name}" LOGIN'))
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d"),
                {"d": name},
            )
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
        admin.dispose()


def wait_until(check: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_result_finished_during_an_outage_is_stored_when_the_database_is_back(
    outage: Outage,
) -> None:
    settings = settings_for(outage.url, sync_wait=0.0, warm_up=True)
    app = create_app(settings)
    with TestClient(app) as client:
        posted = client.post(
            "/api/v1/roadmaps?wait=0&time_limit=3&compare_routes=false", json=slow()
        )
        assert posted.status_code == 202
        job_id = posted.json()["id"]
        wait_until(
            lambda: client.get(f"/api/v1/jobs/{job_id}").json()["state"] == "running",
            60,
            "the job to run",
        )
        outage.begin()
        try:
            wait_until(lambda: app.state.jobs.unstored() == [job_id], 30, "the kept result")
            time.sleep(1.1)  # past the health probe's cache
            assert client.get("/api/v1/health").status_code == 503
        finally:
            outage.end()
        job = poll_job(client, job_id, timeout=60)
        assert job["state"] == "succeeded", job
        assert client.get(f"/api/v1/roadmaps/{job['result_id']}").status_code == 200
        assert app.state.jobs.unstored() == []
        after = client.post("/api/v1/roadmaps?wait=20&compare_routes=false", json=quick())
        assert after.status_code == 201, after.text  # the dispatcher is still there
        wait_until(lambda: client.get("/api/v1/health").status_code == 200, 10, "health")


def test_jobs_submitted_before_an_outage_start_after_it(outage: Outage) -> None:
    settings = settings_for(outage.url, sync_wait=0.0, warm_up=False)
    app = create_app(settings)
    with TestClient(app) as client:
        outage.begin()
        try:
            app.state.jobs.enqueue("0" * 32)  # the dispatcher meets the outage at once
            time.sleep(1.0)
            assert app.state.jobs.alive()
        finally:
            outage.end()
        posted = client.post("/api/v1/roadmaps?wait=30&compare_routes=false", json=quick())
        assert posted.status_code == 201, posted.text


# -- permanent faults --------------------------------------------------------------------
def test_a_read_only_database_is_a_permanent_fault(tmp_path: Path) -> None:
    path = tmp_path / "capplan.db"
    with TestClient(create_app(settings_for(f"sqlite:///{path}", warm_up=False))):
        pass  # created and migrated
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    with TestClient(create_app(settings_for(read_only, warm_up=False))) as client:
        health = client.get("/api/v1/health")
        assert health.status_code == 503 and health.json()["database"] is False
        response = client.post("/api/v1/roadmaps?wait=0", json=quick())
        assert response.status_code == 503
        problem = response.json()
        assert problem["type"] == "urn:capplan:problem:database-fault"
        assert "will not pass by itself" in problem["detail"]
        assert "retry-after" not in response.headers


CAPPLAN = Path(__import__("sys").executable).with_name("capplan")


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("sqlite://", "in-memory SQLite"),
        ("sqlite:///:memory:", "in-memory SQLite"),
        ("sqlite:////proc/capplan-cannot/capplan.db", "cannot use the database"),
    ],
)
def test_start_up_on_an_unusable_database_fails_with_one_line(url: str, words: str) -> None:
    import subprocess

    env = {**os.environ, "CAPPLAN_DATABASE_URL": url}
    done = subprocess.run(
        [str(CAPPLAN), "serve", "--port", "1"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and words in lines[0], done.stderr


def test_failure_reasons_do_not_expose_internal_exception_text() -> None:
    from api.job_texts import failure_reason
    from catalog.errors import DataError

    internal = failure_reason(OverflowError("cannot convert float infinity to integer"))
    for words in (internal.zh, internal.en):
        assert "infinity" not in words and "OverflowError" not in words
    assert "internal error" in internal.en and "内部错误" in internal.zh
    ours = failure_reason(DataError(["target: no route can reach tier 9"]))
    assert "no route can reach tier 9" in ours.en and ours.zh.startswith("无法求解该问题")
