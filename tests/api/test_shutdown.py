"""Stopping: SIGTERM is bounded while clients wait, solver processes end with their server
(even on kill -9), and cancelling a running solve stops it (its slot is free at once)."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from tests.api.conftest import poll_job, quick, settings_for, slow
from tests.api.live import LiveServer


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    env: dict[str, str | None] = {
        "CAPPLAN_DATABASE_URL": f"sqlite:///{tmp_path / 'capplan.db'}",
        "CAPPLAN_API_KEYS": None,
        "CAPPLAN_POOL_WORKERS": "1",
        "CAPPLAN_SOLVER_WORKERS": "1",
        "CAPPLAN_MAX_WAIT": "60",
        "CAPPLAN_SHUTDOWN_TIMEOUT": "3",
    }
    with LiveServer(tmp_path, env) as live:
        yield live


def running(client: httpx.Client, time_limit: int) -> str:
    posted = client.post(f"/api/v1/roadmaps?wait=0&time_limit={time_limit}", json=slow())
    assert posted.status_code == 202
    job_id: str = posted.json()["id"]
    deadline = time.monotonic() + 60
    while client.get(f"/api/v1/jobs/{job_id}").json()["state"] != "running":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    return job_id


def test_sigterm_is_bounded_while_a_client_waits(server: LiveServer) -> None:
    with server.client() as client:
        running(client, 30)

        def waiter() -> None:
            try:
                with httpx.Client(base_url=server.url, timeout=90) as other:
                    other.post("/api/v1/roadmaps?wait=60", json=quick())
            except httpx.HTTPError:
                pass

        thread = threading.Thread(target=waiter)
        thread.start()
        time.sleep(1.0)
        began = time.monotonic()
        server.stop(timeout=25)
        assert time.monotonic() - began < 15
        thread.join(30)


def test_solver_processes_end_with_a_killed_server(server: LiveServer) -> None:
    with server.client() as client:
        running(client, 60)
    assert server.process is not None
    workers = children(server.process.pid)
    assert workers
    os.kill(server.process.pid, signal.SIGKILL)  # the server alone, not its group
    server.process.wait(10)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:  # do not leave them behind whatever the outcome
        os.kill(pid, signal.SIGKILL)
    assert left == []


def test_cancelling_a_running_solve_frees_its_slot(tmp_path: Path) -> None:
    settings = settings_for(f"sqlite:///{tmp_path / 'c.db'}", sync_wait=0.0, max_time_limit=60)
    with TestClient(create_app(settings)) as client:
        posted = client.post("/api/v1/roadmaps?wait=0&time_limit=60", json=slow())
        job_id = posted.json()["id"]
        deadline = time.monotonic() + 60
        while client.get(f"/api/v1/jobs/{job_id}").json()["state"] != "running":
            assert time.monotonic() < deadline
            time.sleep(0.1)
        before = [pid for pid in children(os.getpid()) if alive(pid)]
        assert client.delete(f"/api/v1/jobs/{job_id}").status_code == 200
        deadline = time.monotonic() + 10
        while all(alive(pid) for pid in before) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not all(alive(pid) for pid in before)  # the process solving it has ended
        began = time.monotonic()
        after = client.post("/api/v1/roadmaps?wait=0&compare_routes=false", json=quick())
        job = poll_job(client, after.json()["id"], timeout=40)
        assert job["state"] == "succeeded"
        assert time.monotonic() - began < 30  # not after the cancelled solve's 60 s
        assert client.get(f"/api/v1/jobs/{job_id}").json()["state"] == "cancelled"
