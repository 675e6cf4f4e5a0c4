"""``GET /api/v1/roadmaps/{id}/risk``: the risk of a stored roadmap, deterministic for its seed."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.main import create_app
from tests.api.conftest import quick, settings_for


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
        again = client.get(f"/api/v1/roadmaps/{rid}/risk?runs=60&seed=4")
        assert again.json() == data
        assert client.get(f"/api/v1/roadmaps/{rid}/risk?runs=0").status_code == 422
        assert client.get(f"/api/v1/roadmaps/{rid}/risk?runs=5000").status_code == 422
        assert client.get("/api/v1/roadmaps/nope/risk").status_code == 404
