"""Two service instances on one PostgreSQL: every job is claimed and solved exactly once,
and an instance starting up does not take the running jobs of a live one."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from tests.api.conftest import quick, reset_postgres, slow
from tests.api.live import LiveServer


def env_for(url: str) -> dict[str, str | None]:
    return {
        "CAPPLAN_DATABASE_URL": url,
        "CAPPLAN_API_KEYS": None,
        "CAPPLAN_POOL_WORKERS": "1",
        "CAPPLAN_SOLVER_WORKERS": "1",
        "CAPPLAN_SYNC_WAIT": "0",
    }


def finished(client: httpx.Client, job_ids: list[str], timeout: float) -> dict[str, str]:
    deadline = time.monotonic() + timeout
    states: dict[str, str] = {}
    while time.monotonic() < deadline:
        states = {j: client.get(f"/api/v1/jobs/{j}").json()["state"] for j in job_ids}
        if all(s in ("succeeded", "failed", "cancelled") for s in states.values()):
            return states
        time.sleep(0.2)
    raise AssertionError(f"jobs not finished: {states}")


def test_two_instances_solve_each_job_once(tmp_path: Path, postgres_url: str) -> None:
    reset_postgres(postgres_url)
    first = LiveServer(tmp_path, env_for(postgres_url)).start()
    try:
        second = LiveServer(tmp_path, env_for(postgres_url)).start()
        try:
            with first.client() as a, second.client() as b:
                long = a.post("/api/v1/roadmaps?wait=0&time_limit=60", json=slow())
                assert long.status_code == 202, long.text
                job_ids = [long.json()["id"]]
                for i in range(8):
                    client = a if i % 2 else b
                    posted = client.post(
                        "/api/v1/roadmaps?wait=0&compare_routes=false", json=quick()
                    )
                    assert posted.status_code == 202, posted.text
                    job_ids.append(posted.json()["id"])
                # a third instance starts while the long job runs: it must not take it
                deadline = time.monotonic() + 60
                while a.get(f"/api/v1/jobs/{job_ids[0]}").json()["state"] != "running":
                    assert time.monotonic() < deadline
                    time.sleep(0.1)
                third = LiveServer(tmp_path, env_for(postgres_url)).start()
                time.sleep(1.0)
                still = a.get(f"/api/v1/jobs/{job_ids[0]}").json()
                third.stop()
                assert still["state"] == "running" and still["attempts"] == 1, still
                assert a.delete(f"/api/v1/jobs/{job_ids[0]}").status_code == 200
                states = finished(a, job_ids, 120)
                assert states.pop(job_ids[0]) == "cancelled"
                assert set(states.values()) == {"succeeded"}, states
        finally:
            second.stop()
    finally:
        first.stop()
    engine = create_engine(postgres_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT id, attempts, owner FROM jobs WHERE id = ANY(:ids)"),
                {"ids": job_ids},
            ).all()
            solved = connection.execute(
                text("SELECT job_id, count(*) FROM roadmaps GROUP BY job_id")
            ).all()
    finally:
        engine.dispose()
    assert {row.id: row.attempts for row in rows} == dict.fromkeys(job_ids, 1)
    assert len({row.owner for row in rows}) == 2  # both instances took work
    assert sorted(count for _, count in solved) == [1] * (len(job_ids) - 1)
