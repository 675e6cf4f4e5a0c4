"""``/api/v1/assessments`` onwards: the blank questionnaire, the round trip from an assessment
to a roadmap and its report, planning errors and jobs, the documented examples, and stored
assessments across a restart."""

from __future__ import annotations

import io
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.main import create_app
from api.schemas.common import XLSX
from tests.api.assessment_helpers import BASE, TIME, created, questionnaire
from tests.api.conftest import poll_job, settings_for


@pytest.fixture(scope="module")
def example(service: TestClient) -> dict[str, Any]:
    return created(service, questionnaire())


def test_blank_questionnaire(service: TestClient) -> None:
    blank = service.get("/api/v1/questionnaire?lang=en")
    assert blank.status_code == 200
    assert blank.headers["content-type"].startswith("application/yaml")
    data = yaml.safe_load(blank.text)
    assert data["format"] == "capplan-assessment/1" and data["lang"] == "en"
    scored = service.post(BASE, content=blank.content, headers={"Content-Type": "application/yaml"})
    assert scored.status_code == 201 and scored.json()["tier"] == 0
    workbook = service.get("/api/v1/questionnaire?format=xlsx&industry=energy_supply")
    sheets = load_workbook(io.BytesIO(workbook.content)).sheetnames
    assert "要求" in sheets and "表1" in sheets
    assert "questionnaire-energy_supply-zh.xlsx" in workbook.headers["content-disposition"]
    response = service.get("/api/v1/questionnaire?industry=shipbuilding")
    assert response.status_code == 422 and response.json()["errors"][0]["parameter"] == "industry"
    assert service.get("/api/v1/questionnaire?format=pdf").status_code == 422


# -- planning from an assessment -----------------------------------------------------------------


def test_round_trip_assessment_roadmap_report(service: TestClient, example: dict[str, Any]) -> None:
    # tier 7 with the L2 requirement work and the scope's model takes 38 months at the earliest
    time = {**TIME, "horizon": 42}
    plan = {"time": time, "budget": {"total": 1500}, "staff": {"capacity": 16}}
    response = service.post(f"{example['links']['plan']}?compare_routes=false&wait=30", json=plan)
    assert response.status_code == 201, response.text
    roadmap = response.json()
    assert roadmap["assessment_id"] == example["id"]
    assert roadmap["links"]["assessment"] == example["links"]["self"]
    assert (roadmap["current_tier"], roadmap["target_tier"]) == (example["tier"], 7)
    assert roadmap["name"] == "华东某装备制造集团"
    problem = roadmap["problem"]
    assert problem["organisation"]["units"] == example["state"]["units"]
    assert problem["target"] == {
        "tier": 7,
        "row": None,
        "include": None,
        "exclude": None,
        "alternatives": True,
    }
    assert roadmap["result"]["status"] in ("optimal", "feasible")
    assert service.get(roadmap["links"]["problem"]).json() == plan  # as submitted
    listed = service.get(example["links"]["roadmaps"]).json()
    assert [r["id"] for r in listed["data"]] == [roadmap["id"]]
    for lang in ("zh", "en"):
        page = service.get(f"{roadmap['links']['report']}?lang={lang}").text
        assert '<section id="assessment">' in page
    # the same plan through POST /api/v1/roadmaps shows no assessment
    plain = {
        **plan,
        "name": "plain",
        "target": {"tier": 7},
        "organisation": problem["organisation"],
    }
    other = service.post("/api/v1/roadmaps?compare_routes=false&wait=30", json=plain).json()
    assert other["assessment_id"] is None
    assert other["result"]["objective"] == roadmap["result"]["objective"]
    assert '<section id="assessment">' not in service.get(other["links"]["report"]).text


def test_plan_errors_and_jobs(service: TestClient, example: dict[str, Any]) -> None:
    plan = example["links"]["plan"]
    with_org = {"time": TIME, "organisation": {"industry": "discrete_manufacturing"}}
    response = service.post(plan, json=with_org)
    assert response.status_code == 422
    assert "taken from the assessment" in response.json()["detail"]
    assert service.post(plan, json={"target": {"tier": 7}}).status_code == 422  # no time
    response = service.post(plan, json={"time": TIME, "target": {"tier": 11}})
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/target/tier"
    response = service.post(plan, json={"time": {**TIME, "horizon": 1000}})
    assert response.status_code == 422
    bare = questionnaire()
    del bare["target_tier"]
    untargeted = created(service, bare)
    response = service.post(untargeted["links"]["plan"], json={"time": TIME})
    assert response.status_code == 422 and "请给出目标" in response.json()["detail"]
    yaml_plan = yaml.safe_dump({"time": TIME, "target": {"tier": 5}})
    response = service.post(
        f"{untargeted['links']['plan']}?wait=0&time_limit=1",
        content=yaml_plan.encode(),
        headers={"Content-Type": "application/yaml"},
    )
    assert response.status_code == 202, response.text
    job = poll_job(service, response.json()["id"])
    assert job["state"] == "succeeded"
    roadmap = service.get(job["links"]["result"]).json()
    assert roadmap["assessment_id"] == untargeted["id"]
    assert service.get(roadmap["links"]["problem"]).text == yaml_plan
    # deleting the assessment keeps the roadmap, unlinked, and its report without it
    assert service.delete(untargeted["links"]["self"]).status_code == 204
    kept = service.get(roadmap["links"]["self"]).json()
    assert kept["assessment_id"] is None and kept["result"] == roadmap["result"]
    assert '<section id="assessment">' not in service.get(roadmap["links"]["report"]).text


def test_documented_examples(service: TestClient) -> None:
    document = service.get("/api/v1/openapi.json").json()
    post = document["paths"][BASE]["post"]
    content = post["requestBody"]["content"]
    assert set(content) == {"application/json", "application/yaml", XLSX}
    assert {"201", "413", "415", "422"} <= set(post["responses"])
    assert "QuestionnaireIn" in document["components"]["schemas"]
    for example in content["application/json"]["examples"].values():
        assert created(service, example["value"])["tier"] == 4
    plan = document["paths"][f"{BASE}/{{assessment_id}}/roadmaps"]["post"]
    assert {"201", "202", "404", "413", "422"} <= set(plan["responses"])
    mine = created(service, questionnaire())
    jobs = []
    for name, example in plan["requestBody"]["content"]["application/json"]["examples"].items():
        response = service.post(
            f"{mine['links']['plan']}?wait=0&time_limit=1", json=example["value"]
        )
        assert response.status_code == 202, (name, response.text)
        jobs.append(response.json()["id"])
    for job_id in jobs:
        service.delete(f"/api/v1/jobs/{job_id}")


# -- persistence ---------------------------------------------------------------------------------


def test_stored_assessments_survive_a_restart(fresh_database: str) -> None:
    settings = settings_for(fresh_database, warm_up=False)
    with TestClient(create_app(settings)) as client:
        first = created(client, questionnaire(), "?lang=en")
        xlsx = client.get("/api/v1/questionnaire?format=xlsx").content
        second = client.post(BASE, content=xlsx, headers={"Content-Type": XLSX}).json()
        assert client.delete(second["links"]["self"]).status_code == 204
    with TestClient(create_app(settings)) as client:
        assert client.get(f"{first['links']['self']}?lang=en").json() == first
        page = client.get(BASE).json()
        assert page["count"] == 1 and page["data"][0]["id"] == first["id"]
        assert page["data"][0]["created_at"] == first["created_at"]
        submitted = client.get(first["links"]["questionnaire"]).json()
        assert submitted == questionnaire()
        assert client.get(second["links"]["self"]).status_code == 404
