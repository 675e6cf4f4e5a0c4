"""``/api/v1/reports``: the HTML report of a stored roadmap and of a comparison."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.routes.reports import comparison_renderer
from catalog.models.base import Lang
from planner.report.labels import label
from tests.api.conftest import demo, poll_job


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_roadmap_report(service: TestClient, demo_roadmap: dict[str, Any], lang: Lang) -> None:
    response = service.get(f"{demo_roadmap['links']['report']}?lang={lang}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert label("title", lang) in response.text
    assert demo_roadmap["name"] in response.text


def test_report_defaults_to_chinese_and_rejects_other_languages(
    service: TestClient, demo_roadmap: dict[str, Any]
) -> None:
    assert label("title", "zh") in service.get(demo_roadmap["links"]["report"]).text
    response = service.get(f"{demo_roadmap['links']['report']}?lang=de")
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "lang"


def test_unknown_reports_are_404(service: TestClient) -> None:
    assert service.get("/api/v1/reports/roadmaps/nope").status_code == 404
    assert service.get("/api/v1/reports/scenarios/nope").status_code == 404


def test_comparison_report(service: TestClient) -> None:
    request = {"base": demo(), "variants": [{"name": "cheaper", "scale": {"budget.total": 0.9}}]}
    response = service.post("/api/v1/scenarios?time_limit=3&wait=60", json=request)
    if response.status_code == 202:
        job = poll_job(service, response.json()["id"], timeout=60)
        report = job["links"]["report"]
    else:
        report = response.json()["links"]["report"]
    page = service.get(f"{report}?lang=en")
    if comparison_renderer() is None:
        assert page.status_code == 501
        assert page.headers["content-type"] == "application/problem+json"
        assert "render_comparison" in page.json()["detail"]
    else:
        assert page.status_code == 200, page.text
        assert page.headers["content-type"].startswith("text/html")
        assert "cheaper" in page.text
