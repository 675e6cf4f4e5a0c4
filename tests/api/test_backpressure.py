"""Back-pressure: a queue limit and a per-key rate limit (429 with Retry-After), waits that
hold no thread, and /health answering while clients wait and large bodies are parsed
(a real ``capplan serve`` on loopback, bounded request loops)."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from tests.api.conftest import quick, settings_for, slow
from tests.api.live import LiveServer


def out_of_range() -> dict[str, Any]:
    data = quick()
    data["budget"] = {"total": 1e300}  # refused after the rate check, before any solve
    return data


def test_the_rate_limit_is_per_key(tmp_path: Path) -> None:
    settings = settings_for(
        f"sqlite:///{tmp_path / 'c.db'}", warm_up=False, api_keys=["a", "b"], rate_limit=3
    )
    with TestClient(create_app(settings)) as client:
        for _ in range(3):
            response = client.post(
                "/api/v1/roadmaps", json=out_of_range(), headers={"X-API-Key": "a"}
            )
            assert response.status_code == 422
        refused = client.post("/api/v1/roadmaps", json=out_of_range(), headers={"X-API-Key": "a"})
        assert refused.status_code == 429, refused.text
        assert int(refused.headers["retry-after"]) >= 1
        problem = refused.json()
        assert problem["type"] == "urn:capplan:problem:too-many-requests"
        assert "CAPPLAN_RATE_LIMIT" in problem["detail"]
        other = client.post("/api/v1/roadmaps", json=out_of_range(), headers={"X-API-Key": "b"})
        assert other.status_code == 422  # another key has its own allowance
        assert client.get("/api/v1/roadmaps", headers={"X-API-Key": "a"}).status_code == 200


def test_the_queue_limit_refuses_work_beyond_it(tmp_path: Path) -> None:
    settings = settings_for(
        f"sqlite:///{tmp_path / 'c.db'}", warm_up=False, max_queued=1, sync_wait=0.0
    )
    with TestClient(create_app(settings)) as client:
        first = client.post("/api/v1/roadmaps?wait=0&time_limit=2", json=slow())
        assert first.status_code == 202
        refused = client.post("/api/v1/roadmaps?wait=0", json=quick())
        assert refused.status_code == 429, refused.text
        assert refused.headers["retry-after"].isdigit()
        assert "队列上限" in refused.json()["detail"]  # Chinese by default
        sweep = client.post(
            "/api/v1/scenarios/sweeps?wait=0", json={"problem": quick(), "budgets": [100]}
        )
        assert sweep.status_code == 429
        client.delete(f"/api/v1/jobs/{first.json()['id']}")
        assert client.post("/api/v1/roadmaps?wait=0", json=quick()).status_code in (201, 202)


# -- a real server: waiting clients and large bodies do not stall /health -----------------
@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    workdir = tmp_path_factory.mktemp("backpressure")
    env: dict[str, str | None] = {
        "CAPPLAN_DATABASE_URL": f"sqlite:///{workdir / 'capplan.db'}",
        "CAPPLAN_API_KEYS": None,
        "CAPPLAN_POOL_WORKERS": "1",
        "CAPPLAN_SOLVER_WORKERS": "1",
        "CAPPLAN_MAX_QUEUED": "100",
        "CAPPLAN_RATE_LIMIT": "1000",
        "CAPPLAN_MAX_WAIT": "30",
    }
    with LiveServer(workdir, env) as live:
        yield live


def health_latencies(url: str, seconds: float) -> list[float]:
    """/health timed over ``seconds`` (one request at a time, loopback only)."""
    assert url.startswith("http://127.0.0.1:")
    out: list[float] = []
    deadline = time.monotonic() + seconds
    with httpx.Client(base_url=url, timeout=30.0) as client:
        while time.monotonic() < deadline and len(out) < 500:
            started = time.perf_counter()
            assert client.get("/api/v1/health").status_code == 200
            out.append(time.perf_counter() - started)
            time.sleep(0.02)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def test_waiting_clients_hold_no_thread(server: LiveServer) -> None:
    """45 POSTs waiting behind one long solve (more than the 40 threads of the pool)."""
    with server.client() as client:
        long = client.post("/api/v1/roadmaps?wait=0&time_limit=6", json=slow())
        assert long.status_code == 202
    statuses: list[int] = []

    def waiter() -> None:
        with httpx.Client(base_url=server.url, timeout=60.0) as client:
            response = client.post("/api/v1/roadmaps?wait=20&compare_routes=false", json=quick())
            statuses.append(response.status_code)

    threads = [threading.Thread(target=waiter) for _ in range(45)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    latencies = health_latencies(server.url, 3.0)
    for thread in threads:
        thread.join(90)
    assert p95(latencies) < 1.0, latencies  # before: blocked ~16 s (threads held)
    assert len(statuses) == 45 and set(statuses) <= {201, 202}


def test_health_answers_while_large_yaml_bodies_are_parsed(server: LiveServer) -> None:
    body = ("name: big\nitems:\n" + "- 1\n" * 90_000).encode()  # under the node limit
    stop = threading.Event()
    parsed: list[int] = []

    def attacker() -> None:
        with httpx.Client(base_url=server.url, timeout=60.0) as client:
            for _ in range(20):  # bounded
                if stop.is_set():
                    return
                response = client.post(
                    "/api/v1/roadmaps", content=body, headers={"content-type": "application/yaml"}
                )
                refused_for_time = "parse-time limit" in response.text  # a loaded machine
                parsed.append(422 if refused_for_time else response.status_code)

    threads = [threading.Thread(target=attacker) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    latencies = health_latencies(server.url, 3.0)
    stop.set()
    for thread in threads:
        thread.join(60)
    assert p95(latencies) < 0.75, latencies  # before: 2–6 s (parsed on the loop)
    assert parsed and set(parsed) == {422}
