"""``/api/v1/health`` and ``/api/v1/version``."""

from __future__ import annotations

from importlib import metadata

from fastapi.testclient import TestClient

from catalog import CATALOG_VERSION


def test_health(service: TestClient) -> None:
    response = service.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": True,
        "jobs": True,
        "executor": "local",
        "open": True,
        "risk": response.json()["risk"],
    }
    assert set(response.json()["risk"]) == {"running", "started", "joined", "limit"}


def test_version(service: TestClient) -> None:
    body = service.get("/api/v1/version").json()
    assert body["capplan"] == metadata.version("capplan")
    assert body["solver"] == {"name": "ortools", "version": metadata.version("ortools")}
    assert body["catalog"] == CATALOG_VERSION
    assert body["api"] == "v1"
