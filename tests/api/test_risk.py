"""``GET /api/v1/roadmaps/{id}/risk``: the risk of a stored roadmap, deterministic for its seed,
computed in a worker process (one flight per question, a bounded number at once) while the
service goes on answering."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from planner.compile.compiled import compile_problem
from planner.result.plan_result import PlanResult
from planner.risk import RiskOptions, analyse
from tests.api.conftest import quick, settings_for
from tests.api.live import LiveServer

SLOW = 1000  # runs: seconds of CPU on the quick problem


def in_process(created: dict[str, Any], runs: int, seed: int) -> dict[str, Any]:
    """The analysis as the endpoint made it before, in the request's own thread."""
    result = PlanResult.model_validate(created["result"])
    assert result.roadmap is not None and result.problem is not None
    risk = analyse(compile_problem(result.problem), result.roadmap, RiskOptions(runs, seed))
    answer: dict[str, Any] = risk.model_dump(mode="json")
    return answer


def risk_stats(client: TestClient | httpx.Client) -> dict[str, int]:
    stats: dict[str, int] = client.get("/api/v1/health").json()["risk"]
    return stats


def wait_running(client: TestClient | httpx.Client, count: int = 1) -> None:
    deadline = time.monotonic() + 30
    while risk_stats(client)["running"] < count:
        assert time.monotonic() < deadline, "the analysis did not start"
        time.sleep(0.02)


def test_risk_of_a_stored_roadmap(tmp_path: Path) -> None:
    settings = settings_for(f"sqlite:///{tmp_path / 'capplan.db'}")
    with TestClient(create_app(settings)) as client:
        created = client.post("/api/v1/roadmaps?compare_routes=false&wait=30", json=quick())
        assert created.status_code == 201, created.text
        rid = created.json()["id"]
        first = client.get(f"/api/v1/roadmaps/{rid}/risk?runs=60&seed=4")
        assert first.status_code == 200, first.text
        data = first.json()
        assert data["runs"] == 60 and set(data["target"]) >= {"p50", "p80", "p90"}
        assert data["target"]["p50"][:2] == "20"  # an ISO date
        assert data == in_process(created.json(), 60, 4)  # the same answer as in the thread
        again = client.get(f"/api/v1/roadmaps/{rid}/risk?runs=60&seed=4")
        assert again.json() == data and again.headers["etag"] == first.headers["etag"]
        unchanged = client.get(
            f"/api/v1/roadmaps/{rid}/risk?runs=60&seed=4",
            headers={"If-None-Match": first.headers["etag"]},
        )
        assert unchanged.status_code == 304 and unchanged.content == b""
        assert risk_stats(client)["started"] == 1  # the second and third came from memory
        other = client.get(f"/api/v1/roadmaps/{rid}/risk?runs=60&seed=5")
        assert other.json() != data and other.json() == in_process(created.json(), 60, 5)
        assert client.get(f"/api/v1/roadmaps/{rid}/risk?runs=0").status_code == 422
        assert client.get(f"/api/v1/roadmaps/{rid}/risk?runs=5000").status_code == 422
        assert client.get("/api/v1/roadmaps/nope/risk").status_code == 404


def test_identical_requests_share_one_analysis(tmp_path: Path) -> None:
    settings = settings_for(f"sqlite:///{tmp_path / 'capplan.db'}", warm_up=False)
    with TestClient(create_app(settings)) as client:
        created = client.post("/api/v1/roadmaps?compare_routes=false&wait=30", json=quick())
        rid = created.json()["id"]
        url = f"/api/v1/roadmaps/{rid}/risk?runs={SLOW}&seed=7"
        answers: list[httpx.Response] = []
        first = threading.Thread(target=lambda: answers.append(client.get(url)))
        first.start()
        wait_running(client)
        second = client.get(url)  # while the first request's analysis runs
        first.join(120)
        assert second.status_code == 200 and answers[0].status_code == 200, second.text
        assert second.content == answers[0].content
        assert second.headers["etag"] == answers[0].headers["etag"]
        stats = risk_stats(client)
        assert (stats["started"], stats["joined"], stats["running"]) == (1, 1, 0), stats


def test_a_long_analysis_answers_503_then_its_kept_result(tmp_path: Path) -> None:
    """Past CAPPLAN_RISK_WAIT: 503 with Retry-After (zh by default, en asked), the analysis
    goes on and is answered from memory; beyond CAPPLAN_MAX_RISK_QUEUED: 429."""
    settings = settings_for(
        f"sqlite:///{tmp_path / 'capplan.db'}", warm_up=False, risk_wait=0.3, max_risk_queued=1
    )
    with TestClient(create_app(settings)) as client:
        created = client.post("/api/v1/roadmaps?compare_routes=false&wait=30", json=quick())
        rid = created.json()["id"]
        url = f"/api/v1/roadmaps/{rid}/risk?runs={SLOW}&seed=3"
        late = client.get(url)
        assert late.status_code == 503, late.text
        assert late.headers["retry-after"].isdigit()
        problem = late.json()
        assert problem["type"] == "urn:capplan:problem:analysis-running"
        assert "CAPPLAN_RISK_WAIT" in problem["detail"] and "仍在进行" in problem["detail"]
        refused = client.get(f"/api/v1/roadmaps/{rid}/risk?runs={SLOW}&seed=4")
        assert refused.status_code == 429, refused.text
        assert int(refused.headers["retry-after"]) >= 1
        assert "CAPPLAN_MAX_RISK_QUEUED" in refused.json()["detail"]
        assert "风险分析" in refused.json()["detail"]  # Chinese by default
        english = client.get(url + "&lang=en")
        if english.status_code == 503:
            assert "did not finish within 0.3 s" in english.json()["detail"]
        deadline = time.monotonic() + 120
        while (answer := client.get(url)).status_code == 503:
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert answer.status_code == 200, answer.text
        assert answer.json()["runs"] == SLOW
        assert risk_stats(client)["started"] == 1  # every retry waited for the one analysis


def test_starting_an_analysis_counts_against_the_rate_limit(tmp_path: Path) -> None:
    settings = settings_for(f"sqlite:///{tmp_path / 'capplan.db'}", warm_up=False, rate_limit=2)
    with TestClient(create_app(settings)) as client:
        created = client.post("/api/v1/roadmaps?compare_routes=false&wait=30", json=quick())
        url = f"/api/v1/roadmaps/{created.json()['id']}/risk?runs=10"
        assert client.get(url).status_code == 200  # the second submission of the minute
        assert client.get(url).status_code == 200  # from memory: not a submission
        refused = client.get(url + "&seed=1")
        assert refused.status_code == 429, refused.text
        assert "CAPPLAN_RATE_LIMIT" in refused.json()["detail"]
        assert int(refused.headers["retry-after"]) >= 1


def test_a_risk_process_that_dies_is_replaced(tmp_path: Path) -> None:
    settings = settings_for(f"sqlite:///{tmp_path / 'capplan.db'}", warm_up=False)
    with TestClient(create_app(settings)) as client:
        created = client.post("/api/v1/roadmaps?compare_routes=false&wait=30", json=quick())
        rid = created.json()["id"]
        solvers = {p.pid for p in multiprocessing.active_children()}
        answers: list[httpx.Response] = []
        url = f"/api/v1/roadmaps/{rid}/risk?runs={SLOW}"
        thread = threading.Thread(target=lambda: answers.append(client.get(url)))
        thread.start()
        wait_running(client)
        deadline = time.monotonic() + 30
        while not (risk := [p for p in multiprocessing.active_children() if p.pid not in solvers]):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        for process in risk:
            process.kill()  # SIGKILL mid-analysis
        thread.join(60)
        assert answers[0].status_code == 503, answers[0].text
        assert answers[0].json()["type"] == "urn:capplan:problem:analysis-failed"
        assert "意外终止" in answers[0].json()["detail"] and answers[0].headers["retry-after"]
        again = client.get(f"/api/v1/roadmaps/{rid}/risk?runs=30&seed=1")
        assert again.status_code == 200, again.text  # a new pool
        assert again.json() == in_process(created.json(), 30, 1)
        assert risk_stats(client)["running"] == 0


# -- a real server: the analysis runs in another process ------------------------------------
@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    workdir = tmp_path_factory.mktemp("risk")
    env: dict[str, str | None] = {
        "CAPPLAN_DATABASE_URL": f"sqlite:///{workdir / 'capplan.db'}",
        "CAPPLAN_API_KEYS": None,
        "CAPPLAN_POOL_WORKERS": "1",
        "CAPPLAN_SOLVER_WORKERS": "1",
        "CAPPLAN_RISK_WAIT": "120",
    }
    with LiveServer(workdir, env) as live:
        yield live


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of one process (not its children), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_health_answers_while_an_analysis_runs_elsewhere(server: LiveServer) -> None:
    assert server.process is not None
    with server.client() as client:
        created = client.post("/api/v1/roadmaps?compare_routes=false&wait=30", json=quick())
        assert created.status_code == 201, created.text
        url = f"/api/v1/roadmaps/{created.json()['id']}/risk?runs={SLOW}&seed=11"
        client.get(url.replace(f"runs={SLOW}", "runs=1"))  # the risk process is started
        answers: list[httpx.Response] = []
        before = cpu_seconds(server.process.pid)
        started = time.monotonic()
        thread = threading.Thread(target=lambda: answers.append(client.get(url)))
        thread.start()
        latencies: list[float] = []
        while thread.is_alive() and len(latencies) < 2000:
            sent = time.perf_counter()
            health = httpx.get(f"{server.url}/api/v1/health", timeout=30)
            latencies.append(time.perf_counter() - sent)
            assert health.status_code == 200
            time.sleep(0.02)
        thread.join(120)
        wall = time.monotonic() - started
        used = cpu_seconds(server.process.pid) - before
    assert answers and answers[0].status_code == 200, answers
    assert len(latencies) >= 10, latencies  # the analysis took a while
    assert sorted(latencies)[int(0.95 * len(latencies))] < 1.0, latencies  # p95
    # before: the thousand replays ran in the service's own process (CPU ≈ wall time)
    assert used < 0.3 * wall, (used, wall)


def test_sigterm_ends_a_running_analysis(tmp_path: Path) -> None:
    from tests.api.test_shutdown import alive, children

    env: dict[str, str | None] = {
        "CAPPLAN_DATABASE_URL": f"sqlite:///{tmp_path / 'capplan.db'}",
        "CAPPLAN_API_KEYS": None,
        "CAPPLAN_POOL_WORKERS": "1",
        "CAPPLAN_WARM_UP": "false",  # the only child process is then the risk pool's
        "CAPPLAN_SHUTDOWN_TIMEOUT": "2",
    }
    with LiveServer(tmp_path, env) as live, live.client() as client:
        assert live.process is not None
        created = client.post("/api/v1/roadmaps?compare_routes=false&wait=30", json=quick())
        url = f"/api/v1/roadmaps/{created.json()['id']}/risk?runs={SLOW}"
        statuses: list[int] = []

        def waiter() -> None:
            try:
                with httpx.Client(base_url=live.url, timeout=90) as other:
                    statuses.append(other.get(url).status_code)
            except httpx.HTTPError:
                statuses.append(0)  # the connection closed by the stop

        thread = threading.Thread(target=waiter)
        thread.start()
        wait_running(client)
        before = set(children(live.process.pid))
        assert before
        started = time.monotonic()
        assert live.stop(timeout=30)
        assert time.monotonic() - started < 15
        thread.join(30)
        assert statuses and statuses[0] in (0, 503), statuses
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in before):
            assert time.monotonic() < deadline, "a risk process outlived its server"
            time.sleep(0.1)
