"""The OpenAPI document: complete, with problem details for errors and working examples."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.examples import scenario
from tests.api.conftest import poll_job

METHODS = ("get", "post", "delete")


@pytest.fixture(scope="module")
def document(service: TestClient) -> dict[str, Any]:
    response = service.get("/api/v1/openapi.json")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, item[method])
        for path, item in document["paths"].items()
        for method in METHODS
        if method in item
    ]


def test_every_operation_is_described_and_errors_are_problem_details(
    document: dict[str, Any],
) -> None:
    operations = _operations(document)
    assert len(operations) >= 20
    assert len({op["operationId"] for _, _, op in operations}) == len(operations)
    for path, method, op in operations:
        assert op.get("summary"), (path, method)
        assert op.get("tags"), (path, method)
        for code, response in op["responses"].items():
            if code.startswith(("4", "5")) and path != "/api/v1/health":  # 503: the health
                assert list(response.get("content", {})) == ["application/problem+json"], (
                    path,
                    method,
                    code,
                )
    names = document["components"]["schemas"]
    assert "ProblemDetails" in names and "HTTPValidationError" not in names
    assert "security" not in operations[0][2]  # this instance is open: no auth documented


def test_post_bodies_have_examples_and_accept_yaml(document: dict[str, Any]) -> None:
    for path in ("/api/v1/roadmaps", "/api/v1/scenarios", "/api/v1/scenarios/sweeps"):
        content = document["paths"][path]["post"]["requestBody"]["content"]
        assert set(content) == {"application/json", "application/yaml"}
        assert content["application/json"]["examples"], path
        responses = document["paths"][path]["post"]["responses"]
        assert {"201", "202", "413", "422"} <= set(responses)
    examples = document["paths"]["/api/v1/roadmaps"]["post"]["requestBody"]["content"][
        "application/json"
    ]["examples"]
    assert next(iter(examples)) == "discrete_manufacturer"  # the bundled demo comes first
    assert examples["discrete_manufacturer"]["value"] == scenario()


def test_documented_examples_are_accepted(service: TestClient, document: dict[str, Any]) -> None:
    jobs = []
    for path in ("/api/v1/roadmaps", "/api/v1/scenarios", "/api/v1/scenarios/sweeps"):
        content = document["paths"][path]["post"]["requestBody"]["content"]
        for name, example in content["application/json"]["examples"].items():
            response = service.post(f"{path}?wait=0&time_limit=1", json=example["value"])
            assert response.status_code == 202, (path, name, response.text)
            jobs.append(response.json()["id"])
    for job_id in jobs:  # cancelled: the examples are checked, not solved
        service.delete(f"/api/v1/jobs/{job_id}")
    assert all(poll_job(service, job)["state"] in ("cancelled", "succeeded") for job in jobs)


def test_cross_field_rules_json_schema_can_state_are_in_the_document(
    document: dict[str, Any],
) -> None:
    components = document["components"]["schemas"]
    names = [n for n in components if n.split("-")[0] == "InitiativeSpec"]
    assert names
    for name in names:  # takes steps, units or groups (non-empty), or renames group@level
        assert components[name]["anyOf"] == [
            {"required": ["steps"], "properties": {"steps": {"minItems": 1}}},
            {"required": ["units"], "properties": {"units": {"minItems": 1}}},
            {"required": ["groups"], "properties": {"groups": {"minItems": 1}}},
            {"properties": {"id": {"pattern": "@"}}},
        ]
    target_row = next(
        p
        for p in document["paths"]["/api/v1/assessments/{assessment_id}"]["get"]["parameters"]
        if p["name"] == "target_row"
    )
    rows = target_row["schema"]["enum"]
    assert "L3-T7" in rows and "L1-T4/alt1" in rows and "L9-T9" not in rows


def test_risk_is_served_once_computed_with_an_etag(
    service: TestClient, demo_roadmap: dict[str, Any]
) -> None:
    path = f"{demo_roadmap['links']['self']}/risk?runs=20&seed=3"
    first = service.get(path)
    assert first.status_code == 200 and first.json()["runs"] == 20
    again = service.get(path, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert service.get(path.replace("seed=3", "seed=4")).headers["etag"] != first.headers["etag"]


def test_a_text_that_may_be_a_plain_string_says_so(
    service: TestClient, document: dict[str, Any]
) -> None:
    """A TextOrStr accepts a plain string (both languages): the document says so, and the
    Problem submitted is one schema (#/components/schemas/Problem), not an input and an
    output variant."""
    components = document["components"]["schemas"]
    assert "Problem" in components and not [n for n in components if n.endswith("-Input")]
    reasoning = components["FigureRange"]["properties"]["reasoning"]["anyOf"]
    assert {"type": "string"} in reasoning and {"$ref": "#/components/schemas/Text"} in reasoning
    data = scenario()
    data["extra_steps"] = [
        {
            "id": "x",
            "name": {"zh": "x", "en": "x"},
            "duration": 1,
            "cost": 1,
            "range": {"reasoning": "plain"},
        }
    ]
    checked = service.post("/api/v1/roadmaps?wait=0&compare_routes=false", json=data)
    assert checked.status_code in (201, 202), checked.text
