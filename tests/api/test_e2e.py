"""End to end: the real ``capplan serve`` (uvicorn) on loopback, driven with httpx, on the
default SQLite file and on PostgreSQL; then a crash and a restart lose nothing."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from api.models import JobRow
from tests.api.conftest import assert_valid_result, poll_job, quick, reset_postgres, slow
from tests.api.live import LiveServer

DEMO_FILE = Path(__file__).resolve().parents[2] / "scenarios" / "discrete_manufacturer.yaml"
KEY = "e2e-key"


def _environment(database_url: str) -> dict[str, str | None]:
    env: dict[str, str | None] = {
        "CAPPLAN_API_KEYS": KEY,
        "CAPPLAN_POOL_WORKERS": "1",
        "CAPPLAN_SOLVER_WORKERS": "2",
        "CAPPLAN_DEFAULT_TIME_LIMIT": "5",
        "CAPPLAN_SYNC_WAIT": "0",
        "CAPPLAN_DATABASE_URL": None,  # SQLite: the default file in the working directory
        "DATABASE_URL": None,
    }
    if database_url.startswith("postgresql"):
        env["DATABASE_URL"] = database_url  # the conventional variable works too
    return env


def _use_the_service(client: httpx.Client) -> dict[str, Any]:
    """The main paths over real HTTP; returns the stored roadmap."""
    assert client.get("/api/v1/version").json()["solver"]["name"] == "ortools"
    assert client.get("/api/v1/catalog/tiers?lang=en").status_code == 200
    assert client.get("/api/v1/roadmaps", headers={"X-API-Key": "no"}).status_code == 401
    response = client.post(
        "/api/v1/roadmaps?compare_routes=false&wait=30",
        content=DEMO_FILE.read_bytes(),
        headers={"Content-Type": "application/yaml"},
    )
    assert response.status_code == 201, response.text
    roadmap: dict[str, Any] = response.json()
    assert_valid_result(roadmap["result"])
    assert client.get(response.headers["location"]).json() == roadmap
    report = client.get(f"{roadmap['links']['report']}?lang=en")
    assert report.status_code == 200 and "<html" in report.text
    too_big = client.post(
        "/api/v1/roadmaps", content=b"x" * 2_000_000, headers={"Content-Type": "application/json"}
    )
    assert too_big.status_code == 413
    return roadmap


def _wait_running(client: httpx.Client, job_id: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while client.get(f"/api/v1/jobs/{job_id}").json()["state"] != "running":
        assert time.monotonic() < deadline, "the slow job never started"
        time.sleep(0.05)


def _states(url: str) -> dict[str, tuple[str, int]]:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            return {j.id: (j.state, j.attempts) for j in session.scalars(select(JobRow))}
    finally:
        engine.dispose()


def test_serve_crash_restart_and_nothing_is_lost(tmp_path: Path, database_url: str) -> None:
    sqlite = database_url.startswith("sqlite")
    reset_postgres(database_url)
    env = _environment(database_url)
    first = LiveServer(tmp_path, env)
    with first, first.client() as client:
        client.headers["X-API-Key"] = KEY
        if sqlite:
            assert (tmp_path / "capplan.db").exists()  # the default: created in ./ at start
        stored = _use_the_service(client)
        running = client.post("/api/v1/roadmaps?compare_routes=false&time_limit=2", json=slow())
        queued = client.post("/api/v1/roadmaps?compare_routes=false", json=quick())
        assert running.status_code == queued.status_code == 202
        running_id, queued_id = running.json()["id"], queued.json()["id"]
        _wait_running(client, running_id)
        first.kill()  # a crash: no shutdown code runs, pool workers die too

    url = f"sqlite:///{tmp_path / 'capplan.db'}" if sqlite else database_url
    states = _states(url)
    assert states[running_id] == ("running", 1)
    assert states[queued_id] == ("queued", 0)

    second = LiveServer(tmp_path, env)
    with second, second.client() as client:
        client.headers["Authorization"] = f"Bearer {KEY}"
        assert client.get(stored["links"]["self"]).json() == stored
        requeued = poll_job(client, running_id, timeout=60)
        assert requeued["state"] == "succeeded", requeued
        assert requeued["attempts"] == 2
        assert "启动时重新排队" in requeued["note"]  # Chinese by default
        assert "re-queued at start-up" in requeued["note_text"]["en"]
        assert_valid_result(client.get(requeued["links"]["result"]).json()["result"])
        waited = poll_job(client, queued_id, timeout=60)
        assert waited["state"] == "succeeded" and waited["attempts"] == 1
        assert_valid_result(client.get(waited["links"]["result"]).json()["result"])
        assert client.get("/api/v1/roadmaps").json()["count"] == 3
        assert second.stop()  # graceful this time
    assert "NO API KEYS" not in second.log.read_text(errors="replace")
    assert "re-queued" in second.log.read_text(errors="replace")
