"""RFC 9457 problem details for every error, whatever raised it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from api.db import make_sessions
from api.errors import data_error
from api.main import create_app
from catalog.errors import DataError, Issue, at
from catalog.models.base import Lang
from tests.api.conftest import settings_for

MEMBERS = {"type", "title", "status", "detail", "instance"}
CJK = re.compile(r"[\u4e00-\u9fff]")


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
    assert "查询参数 limit" in body["detail"]  # Chinese by default
    english = service.get("/api/v1/roadmaps?limit=0", headers={"Accept-Language": "en"})
    assert "query parameter limit" in english.json()["detail"]


def test_data_error_issues_become_field_errors() -> None:
    """The edge reads each issue's fields: nothing is parsed back from the message text."""
    error = data_error(
        DataError(
            [
                at("organisation.units[3].id", "未知能力单元 'x'", "unknown unit 'x'"),
                Issue.of(
                    "变体 'v'：太低",
                    "variant 'v': too low: 1: 2",  # colons in the words stay words
                    ("variants", 1, "set", "budget.total"),
                    file="request body",
                    line=14,
                ),
                at("target", "没有路径", "no route can reach the target in this organisation"),
                "a message without a path",
            ]
        ),
        prefix=("base",),
    )
    assert error.status == 422
    first, second, third, fourth = error.errors
    assert (first.field, first.pointer, first.loc, first.msg) == (
        "base.organisation.units[3].id",
        "/base/organisation/units/3/id",
        ["base", "organisation", "units", 3, "id"],
        "未知能力单元 'x'",
    )
    assert first.message is not None and first.message.en == "unknown unit 'x'"
    assert (second.line, second.file) == (14, "request body")
    assert second.pointer == "/base/variants/1/set/budget.total"
    assert second.message is not None and second.message.en == "variant 'v': too low: 1: 2"
    assert third.field == "base.target"
    assert fourth.loc == ["base"] and fourth.msg == "a message without a path"
    assert error.detail_text.en.startswith("base.organisation.units[3].id: unknown unit 'x'; ")


@pytest.mark.parametrize(
    ("header", "query", "lang"),
    [
        ({}, "", "zh"),  # Chinese by default
        ({"Accept-Language": "en"}, "", "en"),
        ({"Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"}, "", "en"),
        ({"Accept-Language": "zh-CN,en;q=0.8"}, "", "zh"),
        ({"Accept-Language": "fr, de;q=0.5"}, "", "zh"),
        ({"Accept-Language": "zh"}, "?lang=en", "en"),  # the query wins
    ],
)
def test_problem_errors_are_in_the_request_language(
    service: TestClient, header: dict[str, str], query: str, lang: Lang
) -> None:
    """A semantic error (unknown unit) of a YAML body: 422 with detail in the request's
    language, and each error's loc, file, line and message in both languages."""
    text = (
        "name: x\norganisation:\n  industry: energy_supply\n  units:\n"
        "    - id: no.such.unit\n      level: 1\ntarget:\n  tier: 6\n"
        "time:\n  start: 2027-01-01\n  horizon: 24\n"
    )
    response = service.post(
        f"/api/v1/roadmaps{query}",
        content=text.encode(),
        headers={"Content-Type": "application/yaml", **header},
    )
    assert response.status_code == 422, response.text
    body = response.json()
    error = next(e for e in body["errors"] if e.get("loc") == ["organisation", "units", 0, "id"])
    assert error["line"] == 5 and error["pointer"] == "/organisation/units/0/id"
    zh, en = error["message"]["zh"], error["message"]["en"]
    assert CJK.search(zh) and not CJK.search(en) and "no.such.unit" in en
    assert error["msg"] == (zh if lang == "zh" else en)
    assert (zh if lang == "zh" else en) in body["detail"]
    assert bool(CJK.search(body["detail"])) == (lang == "zh")
    assert bool(CJK.search(body["title"])) == (lang == "zh")


def test_pydantic_errors_of_a_body_are_in_both_languages(service: TestClient) -> None:
    body = {"name": "x", "time": {"start": "2027-01-01", "horizon": -3}}
    zh = service.post("/api/v1/roadmaps", json=body).json()
    en = service.post("/api/v1/roadmaps", json=body, headers={"Accept-Language": "en"}).json()
    error = next(e for e in zh["errors"] if e["pointer"] == "/time/horizon")
    assert error["message"] == {"zh": "应大于 0", "en": "Input should be greater than 0"}
    assert error["msg"] == "应大于 0" and "time.horizon: 应大于 0" in zh["detail"]
    assert "time.horizon: Input should be greater than 0" in en["detail"]


def test_yaml_body_errors_name_the_line(service: TestClient) -> None:
    text = "name: x\norganisation:\n  industry: energy_supply\ntime:\n  start: 2027-01-01\n"
    text += "  horizon: -3\n"
    response = service.post(
        "/api/v1/roadmaps",
        content=text.encode(),
        headers={"Content-Type": "application/yaml", "Accept-Language": "en"},
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


def test_a_value_out_of_range_is_told_in_both_languages(service: TestClient) -> None:
    body = {
        "name": "x",
        "organisation": {"industry": "energy_supply"},
        "target": {"tier": 6},
        "time": {"start": "2027-01-01", "horizon": 24},
        "budget": {"total": 1e300},
    }
    response = service.post("/api/v1/roadmaps?wait=0", json=body)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["title"] == "有取值超出本服务接受的范围"
    (error,) = problem["errors"]
    assert error["loc"] == ["budget", "total"] and error["pointer"] == "/budget/total"
    assert "超过本服务的上限" in error["message"]["zh"] == error["msg"]
    assert "above this service's limit" in error["message"]["en"]
    assert problem["detail"].startswith("budget.total: 1e+300 超过本服务的上限")
