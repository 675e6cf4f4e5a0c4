"""``/api/v1/roadmaps``: submit, read, list, filter, delete; errors and limits."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.errors import ApiError
from api.limits import check_problem
from api.main import create_app
from api.settings import Settings
from api.versions import capplan_version, solver_version
from catalog import CATALOG_VERSION
from planner.model.problem import Problem
from tests.api.conftest import assert_valid_result, demo, quick, settings_for

DEMO_FILE = Path(__file__).resolve().parents[2] / "scenarios" / "discrete_manufacturer.yaml"


def test_post_answers_201_with_the_stored_roadmap(
    service: TestClient, demo_roadmap: dict[str, Any]
) -> None:
    result = assert_valid_result(demo_roadmap["result"])
    assert demo_roadmap["status"] == result.status == "optimal"
    assert demo_roadmap["name"] == Problem.model_validate(demo()).name  # name: {zh, en} → zh
    assert demo_roadmap["target_tier"] == 7
    assert demo_roadmap["total_cost"] == result.objective.total_cost
    wanted = {"time_limit": 5.0, "workers": 2, "seed": 0, "compare_routes": False}
    assert demo_roadmap["params"] | wanted == demo_roadmap["params"]
    assert demo_roadmap["versions"] == {
        "capplan": capplan_version(),
        "solver": solver_version(),
        "catalog": CATALOG_VERSION,
    }
    again = service.get(demo_roadmap["links"]["self"])
    assert again.status_code == 200
    assert again.json() == demo_roadmap


def test_yaml_body_is_planned_and_kept_exactly_as_submitted(service: TestClient) -> None:
    raw = DEMO_FILE.read_bytes()
    response = service.post(
        "/api/v1/roadmaps?compare_routes=false&wait=30",
        content=raw,
        headers={"Content-Type": "application/yaml"},
    )
    assert response.status_code == 201, response.text
    assert response.headers["location"] == response.json()["links"]["self"]
    assert_valid_result(response.json()["result"])
    submitted = service.get(response.json()["links"]["problem"])
    assert submitted.headers["content-type"].startswith("application/yaml")
    assert submitted.content == raw


def test_json_body_kept_as_submitted(service: TestClient) -> None:
    raw = json.dumps(quick(), indent=1).encode()
    response = service.post(
        "/api/v1/roadmaps?compare_routes=false&wait=30",
        content=raw,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 201, response.text
    assert service.get(response.json()["links"]["problem"]).content == raw


def test_infeasible_target_is_a_result_not_an_error(service: TestClient) -> None:
    data = demo()
    data["name"] = "no money"
    data["budget"] = {"total": 10}
    response = service.post("/api/v1/roadmaps?compare_routes=false&wait=30", json=data)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "infeasible"
    assert body["result"]["roadmap"] is None
    assert body["result"]["message"]


def test_list_pages_and_filters(service: TestClient, demo_roadmap: dict[str, Any]) -> None:
    everything = service.get("/api/v1/roadmaps?limit=100").json()
    assert everything["count"] >= 1
    assert demo_roadmap["id"] in [r["id"] for r in everything["data"]]
    assert "result" not in everything["data"][0]
    created = [r["created_at"] for r in everything["data"]]
    assert created == sorted(created, reverse=True)  # newest first

    first = service.get("/api/v1/roadmaps?limit=1&offset=0").json()
    assert len(first["data"]) == 1 and first["count"] == everything["count"]
    beyond = service.get(f"/api/v1/roadmaps?offset={everything['count']}").json()
    assert beyond["data"] == []

    by_status = service.get("/api/v1/roadmaps?status=optimal&limit=100").json()["data"]
    assert by_status and {r["status"] for r in by_status} == {"optimal"}
    both = service.get("/api/v1/roadmaps?status=optimal&status=infeasible&limit=100").json()
    assert both["count"] >= by_status.__len__()

    by_name = service.get("/api/v1/roadmaps", params={"name": "装备制造"}).json()["data"]
    assert demo_roadmap["id"] in [r["id"] for r in by_name]
    assert service.get("/api/v1/roadmaps", params={"name": "%_"}).json()["count"] == 0

    when = dt.datetime.fromisoformat(demo_roadmap["created_at"])
    window = {
        "created_after": (when - dt.timedelta(seconds=1)).isoformat(),
        "created_before": (when + dt.timedelta(seconds=1)).isoformat(),
    }
    ids = [r["id"] for r in service.get("/api/v1/roadmaps", params=window).json()["data"]]
    assert demo_roadmap["id"] in ids
    later = {"created_after": (when + dt.timedelta(days=1)).replace(tzinfo=None).isoformat()}
    assert service.get("/api/v1/roadmaps", params=later).json()["count"] == 0


def test_delete(service: TestClient) -> None:
    data = quick()
    data["name"] = "to delete"
    created = service.post("/api/v1/roadmaps?compare_routes=false&wait=30", json=data).json()
    assert service.delete(created["links"]["self"]).status_code == 204
    gone = service.get(created["links"]["self"])
    assert gone.status_code == 404
    assert gone.headers["content-type"] == "application/problem+json"
    assert service.delete(created["links"]["self"]).status_code == 404
    assert service.get(created["links"]["job"]).status_code == 404


def test_unknown_roadmap_is_a_404_problem(service: TestClient) -> None:
    response = service.get("/api/v1/roadmaps/nope")
    assert response.status_code == 404
    assert response.json() == {
        "type": "urn:capplan:problem:not-found",
        "title": "未找到",
        "status": 404,
        "detail": "没有 id 为 'nope' 的路线图",
        "instance": "/api/v1/roadmaps/nope",
    }
    english = service.get("/api/v1/roadmaps/nope", headers={"Accept-Language": "en"}).json()
    assert (english["title"], english["detail"]) == ("Not found", "no roadmap with id 'nope'")


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"time": {"start": "2027-01-01", "horizon": 0}}, "/time/horizon"),
        ({"target": {"tier": 11}}, "/target/tier"),
        ({"budget": {"total": -1}}, "/budget/total"),
        (
            {"organisation": {"industry": "energy_supply", "units": [{"level": 2}]}},
            "/organisation/units/0/id",
        ),
        ({"surprise": 1}, "/surprise"),
    ],
)
def test_invalid_problem_is_422_naming_the_field(
    service: TestClient, change: dict[str, Any], pointer: str
) -> None:
    data = demo() | change
    response = service.post("/api/v1/roadmaps", json=data)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "urn:capplan:problem:validation-error"
    assert pointer in [e["pointer"] for e in body["errors"]]
    field = pointer.strip("/").replace("/0/", "[0].").replace("/", ".")
    assert field in body["detail"]


def test_problem_the_planner_rejects_is_422_with_its_message(service: TestClient) -> None:
    data = demo()
    data["organisation"] = {"industry": "shipbuilding", "current_tier": 4}
    response = service.post("/api/v1/roadmaps", json=data)
    assert response.status_code == 422
    body = response.json()
    assert body["type"] == "urn:capplan:problem:invalid-problem"
    assert body["errors"][0]["field"] == "organisation.industry"
    assert "shipbuilding" in body["errors"][0]["msg"]


def test_yaml_syntax_error_names_the_line(service: TestClient) -> None:
    response = service.post(
        "/api/v1/roadmaps",
        content=b"name: x\ntime: [unclosed\n",
        headers={"Content-Type": "application/yaml"},
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "request body: 第 3 行: YAML 格式错误" in response.json()["detail"]
    assert response.json()["errors"][0]["line"] == 3


def test_yaml_alias_bomb_is_refused(service: TestClient) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 12)
    ]
    response = service.post(
        "/api/v1/roadmaps",
        content="\n".join(lines).encode(),
        headers={"Content-Type": "application/yaml"},
    )
    assert response.status_code == 413
    assert "节点数上限" in response.json()["detail"]  # Chinese by default


def test_malformed_json_is_422(service: TestClient) -> None:
    response = service.post(
        "/api/v1/roadmaps", content=b'{"name": ', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A service with small limits."""
    path = tmp_path_factory.mktemp("strict") / "capplan.db"
    settings = settings_for(
        f"sqlite:///{path}",
        max_body_bytes=20_000,
        max_horizon=48,
        max_time_limit=10.0,
        max_units=20,
        max_steps=300,
        warm_up=False,  # nothing is solved here
    )
    with TestClient(create_app(settings)) as client:
        yield client


def test_body_over_the_limit_is_413_from_content_length(strict: TestClient) -> None:
    big = demo() | {"description": {"zh": "长" * 20_000, "en": "x"}}
    response = strict.post("/api/v1/roadmaps", json=big)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert "上限为 20000 字节" in response.json()["detail"]  # Chinese by default


def test_streamed_body_over_the_limit_is_413(strict: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"name": "'
        for _ in range(100):
            yield b"x" * 1000
        yield b'"}'

    response = strict.post(
        "/api/v1/roadmaps", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert "发送了超过 20000 字节" in response.json()["detail"]


def test_horizon_and_time_limit_limits_are_422(strict: TestClient) -> None:
    data = demo()
    data["time"] = {"start": "2027-01-01", "horizon": 60}
    response = strict.post("/api/v1/roadmaps", json=data)
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/time/horizon"
    assert "48" in response.json()["detail"]
    response = strict.post("/api/v1/roadmaps?time_limit=11", json=demo())
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "time_limit"


def test_units_and_steps_limits_are_413(strict: TestClient) -> None:
    data = demo()  # the library gives the demo about 30 units
    data["time"]["horizon"] = 48  # within this service's horizon limit: the units are at fault
    response = strict.post("/api/v1/roadmaps", json=data)
    assert response.status_code == 413, response.text
    body = response.json()
    assert body["type"] == "urn:capplan:problem:problem-too-large"
    assert body["errors"][0]["field"] == "organisation.units"
    steps = check_size_error(Settings(max_steps=50))
    assert steps.status == 413
    assert "roadmap steps" in steps.detail and "at most 50" in steps.detail


def check_size_error(settings: Settings) -> ApiError:
    with pytest.raises(ApiError) as caught:
        check_problem(Problem.model_validate(demo()), settings)
    return caught.value
