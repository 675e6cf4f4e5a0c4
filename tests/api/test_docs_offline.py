"""The docs page works offline: Swagger UI's files come from the service, not a CDN; reports
carry a content security policy and nosniff."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def test_swagger_ui_is_served_by_the_service(service: TestClient) -> None:
    page = service.get("/api/v1/docs")
    assert page.status_code == 200
    assert "/api/v1/docs/assets/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower()
    script = service.get("/api/v1/docs/assets/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000
    assert service.get("/api/v1/docs/assets/swagger-ui.css").status_code == 200


def test_reports_carry_csp_and_nosniff(service: TestClient, demo_roadmap: dict[str, Any]) -> None:
    for lang in ("zh", "en"):
        report = service.get(f"/api/v1/reports/roadmaps/{demo_roadmap['id']}?lang={lang}")
        assert report.status_code == 200
        assert report.headers["x-content-type-options"] == "nosniff"
        policy = report.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src" not in policy


def test_a_cached_report_follows_a_delete(
    service: TestClient, demo_roadmap: dict[str, Any]
) -> None:
    posted = service.post(
        "/api/v1/roadmaps?compare_routes=false&wait=30", json=demo_roadmap["problem"]
    )
    assert posted.status_code == 201
    ident = posted.json()["id"]
    first = service.get(f"/api/v1/reports/roadmaps/{ident}")
    assert first.status_code == 200
    assert service.get(f"/api/v1/reports/roadmaps/{ident}").content == first.content
    assert service.get(f"/api/v1/roadmaps/{ident}").status_code == 200
    assert service.delete(f"/api/v1/roadmaps/{ident}").status_code == 204
    assert service.get(f"/api/v1/reports/roadmaps/{ident}").status_code == 404
    assert service.get(f"/api/v1/roadmaps/{ident}").status_code == 404
    bodies = service.app.state.bodies  # type: ignore[attr-defined]
    assert bodies.get_or_make(("roadmap", ident, None), lambda: b"gone").body == b"gone"
