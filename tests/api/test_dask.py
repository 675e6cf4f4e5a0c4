"""Solves on a Dask cluster when configured (a local cluster on loopback here)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from tests.api.conftest import assert_valid_result, demo, settings_for
from tests.api.test_risk import in_process


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    distributed: Any = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    )
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


def test_roadmap_solved_on_dask(scheduler: str, tmp_path: Path) -> None:
    settings = settings_for(
        f"sqlite:///{tmp_path / 'capplan.db'}", executor="dask", dask_scheduler=scheduler
    )
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/v1/health").json()["executor"] == "dask"
        response = client.post("/api/v1/roadmaps?compare_routes=false&wait=60", json=demo())
        assert response.status_code == 201, response.text
        assert_valid_result(response.json()["result"])
        risk = client.get(f"/api/v1/roadmaps/{response.json()['id']}/risk?runs=20&seed=2")
        assert risk.status_code == 200, risk.text  # analysed on the cluster, as the solves
        assert risk.json() == in_process(response.json(), 20, 2)


def test_dask_needs_a_scheduler(tmp_path: Path) -> None:
    settings = settings_for(f"sqlite:///{tmp_path / 'capplan.db'}", executor="dask")
    with (
        pytest.raises(ValueError, match="CAPPLAN_DASK_SCHEDULER"),
        TestClient(create_app(settings)),
    ):
        pass
