"""API keys (X-API-Key or Bearer, constant-time), the loud warning when open, CORS."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.middleware import key_matches
from tests.api.conftest import settings_for

KEYS = ["alpha-key", "beta-key"]


@pytest.fixture(scope="module")
def locked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("locked") / "capplan.db"
    settings = settings_for(
        f"sqlite:///{path}",
        api_keys=KEYS,
        cors_origins=["https://intranet.example"],
        warm_up=False,
    )
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.mark.parametrize(
    "path", ["/api/v1/catalog/levels", "/api/v1/roadmaps", "/api/v1/jobs", "/api/v1/scenarios"]
)
def test_a_key_is_required(locked: TestClient, path: str) -> None:
    response = locked.get(path)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["type"] == "urn:capplan:problem:unauthorized"
    assert locked.get(path, headers={"X-API-Key": "wrong"}).status_code == 401
    assert locked.get(path, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert locked.get(path, headers={"X-API-Key": "alpha-key"}).status_code == 200
    assert locked.get(path, headers={"Authorization": "Bearer beta-key"}).status_code == 200


def test_posting_needs_a_key_too(locked: TestClient) -> None:
    assert locked.post("/api/v1/roadmaps", json={}).status_code == 401


def test_health_and_version_stay_open(locked: TestClient) -> None:
    health = locked.get("/api/v1/health")
    assert health.status_code == 200 and health.json()["open"] is False
    assert "risk" not in health.json()  # the activity only for a caller with a key
    keyed = locked.get("/api/v1/health", headers={"X-API-Key": "alpha-key"})
    assert keyed.json()["risk"]["running"] == 0
    assert locked.get("/api/v1/version").status_code == 200


def test_openapi_declares_both_schemes(locked: TestClient) -> None:
    schema = locked.get("/api/v1/openapi.json").json()
    assert set(schema["components"]["securitySchemes"]) == {"APIKeyHeader", "HTTPBearer"}
    assert "401" in schema["paths"]["/api/v1/roadmaps"]["post"]["responses"]
    assert "security" not in schema["paths"]["/api/v1/health"]["get"]


def test_key_comparison() -> None:
    assert key_matches("beta-key", KEYS)
    assert not key_matches("beta-ke", KEYS)
    assert not key_matches("", KEYS)
    assert not key_matches("钥匙", KEYS)


def test_cors(locked: TestClient) -> None:
    preflight = locked.options(
        "/api/v1/roadmaps",
        headers={
            "Origin": "https://intranet.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "X-API-Key, Content-Type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://intranet.example"
    other = locked.options(
        "/api/v1/roadmaps",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in other.headers


def test_open_service_warns_loudly(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="capplan.api")
    app = create_app(settings_for(f"sqlite:///{tmp_path / 'open.db'}", warm_up=False))
    with TestClient(app) as client:
        assert client.get("/api/v1/roadmaps").status_code == 200
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert any("NO API KEYS" in r.getMessage() and "OPEN" in r.getMessage() for r in warnings)


def test_version_hides_python_from_anonymous_callers(locked: TestClient) -> None:
    anonymous = locked.get("/api/v1/version").json()
    assert "python" not in anonymous and anonymous["api"] == "v1"
    known = locked.get("/api/v1/version", headers={"X-API-Key": "alpha-key"}).json()
    assert known["python"].count(".") >= 1


def test_an_open_service_shows_no_python_version(service: TestClient) -> None:
    assert "python" not in service.get("/api/v1/version").json()
