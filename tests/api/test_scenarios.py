"""``/api/v1/scenarios``: what-if comparisons and budget sweeps (planner.whatif), stored."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from planner.compile.instance import build_instance
from planner.model.problem import Problem
from planner.result.validate import validate
from planner.whatif.models import Comparison
from tests.api.conftest import demo, poll_job

QUICK = "?time_limit=3&wait=60"


def _result(client: TestClient, response: Any) -> dict[str, Any]:
    if response.status_code == 202:
        job = poll_job(client, response.json()["id"], timeout=60)
        assert job["state"] == "succeeded", job
        response = client.get(job["links"]["result"])
    assert response.status_code in (200, 201), response.text
    body: dict[str, Any] = response.json()
    return body


def test_comparison_of_a_base_and_a_variant(service: TestClient) -> None:
    request = {
        "name": "staff what-if",
        "base": demo(),
        "variants": [{"name": "more-staff", "set": {"staff.capacity": 24}}],
    }
    stored = _result(service, service.post(f"/api/v1/scenarios{QUICK}", json=request))
    assert stored["kind"] == "comparison" and stored["name"] == "staff what-if"
    comparison = Comparison.model_validate(stored["result"])
    assert [v.name for v in comparison.variants] == ["base", "more-staff"]
    base, more = comparison.variants
    assert base.is_base and more.diff is not None
    assert [(c.zh, c.en) for c in more.changes] == [("人力容量 = 24", "staff capacity = 24")]
    for variant, staff in ((base, 16), (more, 24)):
        assert variant.roadmap is not None
        problem = Problem.model_validate(demo()).replace(staff={"capacity": staff})
        assert validate(variant.roadmap, build_instance(problem)) == []
    assert stored["request"]["scenario"]["variants"][0]["set"] == {"staff.capacity": 24}
    again = service.get(stored["links"]["self"]).json()
    assert again == stored
    listed = service.get("/api/v1/scenarios?kind=comparison").json()
    assert stored["id"] in [c["id"] for c in listed["data"]]
    submitted = service.get(stored["links"]["submitted"]).json()
    assert submitted["variants"] == request["variants"]


def test_variant_error_is_422_naming_the_variant_entry(service: TestClient) -> None:
    request = {
        "base": demo(),
        "variants": [
            {"name": "fine", "set": {"staff.capacity": 20}},
            {"name": "broken", "set": {"budget.total": -5}},
        ],
    }
    response = service.post("/api/v1/scenarios", json=request)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "variants[1].set.budget.total" in response.json()["detail"]
    assert "'broken'" in response.json()["detail"]


def test_base_file_is_not_accepted(service: TestClient) -> None:
    response = service.post("/api/v1/scenarios", json={"base_file": "/etc/passwd", "variants": []})
    assert response.status_code == 422
    pointers = [e["pointer"] for e in response.json()["errors"]]
    assert "/base_file" in pointers and "/base" in pointers


def test_yaml_scenario_errors_name_the_line(service: TestClient) -> None:
    lines = ["base:"]
    lines += ["  " + line for line in _yaml_demo().splitlines()]
    lines += ["variants:", "  - name: broken", "    set:", "      budget.total: -5"]
    response = service.post(
        "/api/v1/scenarios",
        content="\n".join(lines).encode(),
        headers={"Content-Type": "application/yaml"},
    )
    assert response.status_code == 422, response.text
    error = response.json()["errors"][0]
    assert error["line"] == len(lines)
    assert error["field"] == "variants[0].set.budget.total"


def _yaml_demo() -> str:
    import yaml

    return yaml.safe_dump(demo(), allow_unicode=True)


def test_budget_sweep(service: TestClient) -> None:
    request = {
        "problem": demo(),
        "budgets": [1500, 3000],
        "minimum": False,
        "tiers": False,
    }
    stored = _result(service, service.post(f"/api/v1/scenarios/sweeps{QUICK}", json=request))
    assert stored["kind"] == "sweep"
    comparison = Comparison.model_validate(stored["result"])
    assert comparison.sweep is not None
    assert [p.budget for p in comparison.sweep.points] == [1500, 3000]
    assert all(p.validated and p.violations == () for p in comparison.sweep.points if p.reaches)
    assert service.get("/api/v1/scenarios?kind=sweep").json()["count"] >= 1
    report = service.get(f"{stored['links']['report']}?lang=en")
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/html")
    assert service.delete(stored["links"]["self"]).status_code == 204
    assert service.get(stored["links"]["self"]).status_code == 404


def test_sweep_limits(service: TestClient) -> None:
    many = {"problem": demo(), "budgets": list(range(100, 3000, 100))}
    response = service.post("/api/v1/scenarios/sweeps", json=many)
    assert response.status_code == 413
    assert response.json()["errors"][0]["pointer"] == "/budgets"
    negative = {"problem": demo(), "budgets": [-1]}
    assert service.post("/api/v1/scenarios/sweeps", json=negative).status_code == 422
    empty = {"problem": demo(), "budgets": []}
    assert service.post("/api/v1/scenarios/sweeps", json=empty).status_code == 422


def test_too_many_variants_is_413(service: TestClient) -> None:
    variants = [{"name": f"v{i}", "set": {"staff.capacity": 10 + i}} for i in range(21)]
    response = service.post("/api/v1/scenarios", json={"base": demo(), "variants": variants})
    assert response.status_code == 413
    assert "本服务最多接受 20 个变体" in response.json()["detail"]
    english = service.post(
        "/api/v1/scenarios?lang=en", json={"base": demo(), "variants": variants}
    ).json()
    assert (
        "at most 20" in english["detail"] and english["errors"][0]["msg"] == "at most 20 variants"
    )
