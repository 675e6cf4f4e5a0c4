"""RFC 9457 problem details for every error, whatever raised it."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from api.db import make_sessions
from api.errors import data_error
from api.main import create_app
from catalog.errors import DataError
from tests.api.conftest import settings_for

MEMBERS = {"type", "title", "status", "detail", "instance"}


def test_unknown_route_is_a_problem(service: TestClient) -> None:
    response = service.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert set(response.json()) >= MEMBERS
    assert response.json()["type"] == "about:blank"


def test_wrong_method_is_a_problem(service: TestClient) -> None:
    response = service.put("/api/v1/roadmaps")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 405


def test_query_validation_names_the_parameter(service: TestClient) -> None:
    response = service.get("/api/v1/roadmaps?limit=0&offset=-1")
    assert response.status_code == 422
    body = response.json()
    assert {e["parameter"] for e in body["errors"]} == {"limit", "offset"}
    assert all(e["location"] == "query" for e in body["errors"])
    assert "query parameter limit" in body["detail"]


def test_data_error_messages_become_field_errors() -> None:
    error = data_error(
        DataError(
            [
                "organisation.units[3].id: unknown unit 'x'",
                "request body: variants[1].set.budget.total (line 14): variant 'v': too low",
                "target: no route can reach the target in this organisation (a: b)",
                "a message without a path",
            ]
        )
    )
    assert error.status == 422
    first, second, third, fourth = error.errors
    assert (first.field, first.pointer, first.msg) == (
        "organisation.units[3].id",
        "/organisation/units/3/id",
        "unknown unit 'x'",
    )
    assert (second.field, second.line) == ("variants[1].set.budget.total", 14)
    assert second.pointer is not None and second.pointer.startswith("/variants/1/set/")
    assert third.field == "target"
    assert fourth.field is None and fourth.msg == "a message without a path"


def test_yaml_body_errors_name_the_line(service: TestClient) -> None:
    text = "name: x\norganisation:\n  industry: energy_supply\ntime:\n  start: 2027-01-01\n"
    text += "  horizon: -3\n"
    response = service.post(
        "/api/v1/roadmaps", content=text.encode(), headers={"Content-Type": "application/yaml"}
    )
    assert response.status_code == 422
    error = next(e for e in response.json()["errors"] if e["pointer"] == "/time/horizon")
    assert error["line"] == 6
    assert "time.horizon (line 6)" in response.json()["detail"]


def test_database_down_is_503(tmp_path: Path) -> None:
    settings = settings_for(f"sqlite:///{tmp_path / 'capplan.db'}", warm_up=False)
    app = create_app(settings)
    with TestClient(app) as client:
        unreachable = create_engine(f"sqlite:///{tmp_path / 'missing' / 'dir' / 'x.db'}")
        app.state.sessions = make_sessions(unreachable)
        response = client.get("/api/v1/roadmaps")
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["retry-after"] == "5"
        unreachable.dispose()
