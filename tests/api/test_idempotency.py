"""``Idempotency-Key``: a retried POST answers with the first request's job, never a
duplicate; the same key with another body is refused; keys are scoped to the caller."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from tests.api.conftest import quick, settings_for


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path: Path = tmp_path_factory.mktemp("idempotency") / "capplan.db"
    settings = settings_for(f"sqlite:///{path}", warm_up=False, api_keys=["a", "b"])
    with TestClient(create_app(settings)) as client:
        yield client


def test_a_retry_with_the_same_key_returns_the_first_job(client: TestClient) -> None:
    headers = {"X-API-Key": "a", "Idempotency-Key": "order-42"}
    first = client.post(
        "/api/v1/roadmaps?wait=0&compare_routes=false", json=quick(), headers=headers
    )
    again = client.post(
        "/api/v1/roadmaps?wait=0&compare_routes=false", json=quick(), headers=headers
    )
    assert first.status_code == again.status_code == 202
    assert first.json()["id"] == again.json()["id"]
    jobs = client.get("/api/v1/jobs?limit=100", headers={"X-API-Key": "a"}).json()
    assert [j["id"] for j in jobs["data"]].count(first.json()["id"]) == 1
    assert jobs["count"] == 1
    done = client.post(
        "/api/v1/roadmaps?wait=30&compare_routes=false", json=quick(), headers=headers
    )
    assert done.status_code == 201  # once solved, the retry answers with the roadmap
    assert done.json()["links"]["job"].endswith(first.json()["id"])


def test_the_same_key_with_another_body_is_refused(client: TestClient) -> None:
    headers = {"X-API-Key": "a", "Idempotency-Key": "order-43"}
    assert client.post("/api/v1/roadmaps?wait=0", json=quick(), headers=headers).is_success
    other = quick()
    other["name"] = "another"
    refused = client.post("/api/v1/roadmaps?wait=0", json=other, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["type"] == "urn:capplan:problem:idempotency-key-reused"


def test_keys_are_scoped_to_the_caller(client: TestClient) -> None:
    mine = client.post(
        "/api/v1/roadmaps?wait=0", json=quick(), headers={"X-API-Key": "a", "Idempotency-Key": "k"}
    )
    theirs = client.post(
        "/api/v1/roadmaps?wait=0", json=quick(), headers={"X-API-Key": "b", "Idempotency-Key": "k"}
    )
    assert mine.json()["id"] != theirs.json()["id"]


def test_an_invalid_key_is_a_400(client: TestClient) -> None:
    response = client.post(
        "/api/v1/roadmaps", json=quick(), headers={"X-API-Key": "a", "Idempotency-Key": "x" * 101}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "Idempotency-Key"


def test_the_openapi_document_names_the_header_and_the_429(client: TestClient) -> None:
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/roadmaps"]["post"]
    assert "Idempotency-Key" in [p["name"] for p in operation["parameters"]]
    assert {"415", "429"} <= set(operation["responses"])
