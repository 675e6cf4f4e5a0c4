"""``/api/v1/jobs``: 202 and polling, listing, cancelling queued and running work."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from tests.api.conftest import assert_valid_result, poll_job, quick, settings_for, slow


@pytest.fixture(scope="module")
def queue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A service with one worker, answering 202 at once."""
    path = tmp_path_factory.mktemp("jobs") / "capplan.db"
    settings = settings_for(f"sqlite:///{path}", sync_wait=0.0, pool_workers=1)
    with TestClient(create_app(settings)) as client:
        yield client


def _submit(client: TestClient, data: dict[str, Any], query: str = "") -> dict[str, Any]:
    response = client.post(f"/api/v1/roadmaps?compare_routes=false{query}", json=data)
    assert response.status_code == 202, response.text
    assert response.headers["location"] == f"/api/v1/jobs/{response.json()['id']}"
    job: dict[str, Any] = response.json()
    return job


def test_202_then_poll_to_the_result(queue: TestClient) -> None:
    job = _submit(queue, quick())
    assert job["kind"] == "roadmap" and job["state"] in ("queued", "running")
    assert job["links"]["result"] is None
    done = poll_job(queue, job["id"])
    assert done["state"] == "succeeded", done
    assert done["attempts"] == 1 and done["finished_at"] is not None
    roadmap = queue.get(done["links"]["result"]).json()
    assert roadmap["id"] == done["result_id"]
    assert roadmap["links"]["job"] == done["links"]["self"]
    assert_valid_result(roadmap["result"])
    assert queue.get(done["links"]["report"]).status_code == 200


def _wait_until_running(client: TestClient, job_id: str) -> None:
    """Poll the job's state until it is running (the timeout only stops a hung test)."""
    deadline = time.monotonic() + 120
    while client.get(f"/api/v1/jobs/{job_id}").json()["state"] != "running":
        assert time.monotonic() < deadline, f"job {job_id} never started"
        time.sleep(0.05)


def test_cancel_queued_and_running_jobs(queue: TestClient) -> None:
    # a time limit far longer than the few requests between "running" and the cancel, so the
    # cancel cannot lose a race against the solve on a loaded machine
    running = _submit(queue, slow(), "&time_limit=8")
    waiting = _submit(queue, quick())
    _wait_until_running(queue, running["id"])
    assert queue.get(f"/api/v1/jobs/{waiting['id']}").json()["state"] == "queued"

    cancelled = queue.delete(f"/api/v1/jobs/{waiting['id']}")
    assert cancelled.status_code == 200
    assert cancelled.json()["state"] == "cancelled"
    assert cancelled.json()["reason"] == "已被客户端取消"  # Chinese by default
    assert cancelled.json()["reason_text"] == {
        "zh": "已被客户端取消",
        "en": "cancelled by a client",
    }
    english = queue.get(f"/api/v1/jobs/{waiting['id']}?lang=en").json()
    assert english["reason"] == "cancelled by a client"

    stopped = queue.delete(f"/api/v1/jobs/{running['id']}").json()
    assert stopped["state"] == "cancelled"
    again = queue.delete(f"/api/v1/jobs/{running['id']}")
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"

    # the abandoned solve ends at its time limit; its result is discarded
    after = _submit(queue, quick())  # runs once the worker is free again
    assert poll_job(queue, after["id"], timeout=120)["state"] == "succeeded"
    final = queue.get(f"/api/v1/jobs/{running['id']}").json()
    assert final["state"] == "cancelled" and final["result_id"] is None
    names = [r["name"] for r in queue.get("/api/v1/roadmaps?limit=100").json()["data"]]
    assert slow()["name"] not in names
    assert queue.get(f"/api/v1/jobs/{waiting['id']}").json()["started_at"] is None


def test_list_jobs_with_filters(queue: TestClient) -> None:
    job = _submit(queue, quick())
    poll_job(queue, job["id"])
    page = queue.get("/api/v1/jobs?state=succeeded&kind=roadmap&limit=100").json()
    assert page["count"] >= 1
    assert {j["state"] for j in page["data"]} == {"succeeded"}
    assert job["id"] in [j["id"] for j in page["data"]]
    cancelled = queue.get("/api/v1/jobs?state=cancelled").json()["data"]
    assert all(j["state"] == "cancelled" for j in cancelled)
    assert queue.get("/api/v1/jobs?state=sleeping").status_code == 422


def test_unknown_job(queue: TestClient) -> None:
    assert queue.get("/api/v1/jobs/nope").status_code == 404
    assert queue.delete("/api/v1/jobs/nope").status_code == 404


def test_a_worker_that_dies_is_replaced_and_its_job_retried(tmp_path: Path) -> None:
    settings = settings_for(
        f"sqlite:///{tmp_path / 'capplan.db'}", sync_wait=0.0, pool_workers=1, warm_up=False
    )
    before = {p.pid for p in multiprocessing.active_children()}
    with TestClient(create_app(settings)) as client:
        job = _submit(client, slow(), "&time_limit=6")  # long enough to be killed mid-solve
        _wait_until_running(client, job["id"])
        workers = [p for p in multiprocessing.active_children() if p.pid not in before]
        assert workers
        for process in workers:
            process.kill()  # SIGKILL: the solver process dies mid-solve
        done = poll_job(client, job["id"], timeout=120)
        assert done["state"] == "succeeded", done
        assert done["attempts"] == 2
        assert "意外终止" in done["note"]  # Chinese by default
        assert "stopped unexpectedly" in done["note_text"]["en"]
        after = _submit(client, quick())  # the pool was replaced
        assert poll_job(client, after["id"])["state"] == "succeeded"
