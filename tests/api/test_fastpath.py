"""The fast path (api.fastpath): a GET of a stored result confirmed recently is answered by
the middleware with exactly what the route answers, and never past the host or key check."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.cache import BodyCache
from api.fastpath import FastPath
from api.main import create_app
from tests.api.conftest import quick, settings_for

KEY = "fast-path-test-key"
AUTH = {"X-API-Key": KEY}


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("fastpath") / "capplan.db"
    app = create_app(settings_for(f"sqlite:///{path}", api_keys=[KEY]))
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="module")
def roadmap_id(keyed: TestClient) -> str:
    posted = keyed.post("/api/v1/roadmaps?compare_routes=false&wait=30", json=quick(), headers=AUTH)
    assert posted.status_code == 201, posted.text
    ident: str = posted.json()["id"]
    return ident


def _parts(service: TestClient) -> tuple[BodyCache, FastPath]:
    state = service.app.state  # type: ignore[attr-defined]
    return state.bodies, state.fast_path


def _answer(
    service: TestClient, path: str, fast: bool, **headers: str
) -> tuple[int, dict[str, str], bytes]:
    """The answer to a GET by the route (``fast`` False: nothing counts as confirmed) or by
    the fast path (``fast`` True: after one GET has confirmed the row); checks which ran."""
    cache, fast_path = _parts(service)
    cache.fresh_seconds = 3600.0 if fast else 0.0
    service.get(path, headers=AUTH)  # confirms the row (or not, at 0 s)
    before = fast_path.served
    response = service.get(path, headers={**AUTH, **headers})
    assert fast_path.served == before + (1 if fast else 0), path
    return response.status_code, dict(response.headers), response.content


@pytest.mark.parametrize(
    "suffix",
    ["/api/v1/roadmaps/{}", "/api/v1/reports/roadmaps/{}", "/api/v1/reports/roadmaps/{}?lang=en"],
)
def test_the_fast_path_answers_what_the_route_answers(
    keyed: TestClient, roadmap_id: str, suffix: str
) -> None:
    path = suffix.format(roadmap_id)
    slow = _answer(keyed, path, fast=False)
    fast = _answer(keyed, path, fast=True)
    assert slow[0] == fast[0] == 200
    assert fast == slow
    etag = slow[1]["etag"]
    slow_304 = _answer(keyed, path, fast=False, **{"If-None-Match": etag})
    fast_304 = _answer(keyed, path, fast=True, **{"If-None-Match": f'"x", W/{etag}'})
    assert slow_304[0] == fast_304[0] == 304
    assert fast_304 == slow_304 and fast_304[2] == b""
    if "reports" in path:  # the report's own headers, from memory too
        assert fast[1]["x-content-type-options"] == "nosniff"
        assert fast[1]["content-security-policy"].startswith("default-src 'none'")
        assert fast[1]["content-type"] == "text/html; charset=utf-8"


def test_the_fast_path_never_passes_the_host_or_key_check(
    keyed: TestClient, roadmap_id: str
) -> None:
    path = f"/api/v1/roadmaps/{roadmap_id}"
    cache, fast_path = _parts(keyed)
    cache.fresh_seconds = 3600.0
    assert keyed.get(path, headers=AUTH).status_code == 200
    before = fast_path.served
    assert keyed.get(path).status_code == 401
    assert keyed.get(path, headers={"X-API-Key": "wrong"}).status_code == 401
    assert keyed.get(path, headers={"Authorization": "Basic " + KEY}).status_code == 401
    assert keyed.get(path, headers={**AUTH, "Host": "evil.example"}).status_code == 400
    assert fast_path.served == before
    assert keyed.get(path, headers={"Authorization": f"Bearer {KEY}"}).status_code == 200
    assert fast_path.served == before + 1


def test_a_request_the_route_may_read_otherwise_goes_to_the_route(
    keyed: TestClient, roadmap_id: str
) -> None:
    cache, fast_path = _parts(keyed)
    cache.fresh_seconds = 3600.0
    report = f"/api/v1/reports/roadmaps/{roadmap_id}"
    assert keyed.get(report, headers=AUTH).status_code == 200
    before = fast_path.served
    assert keyed.get(report + "?lang=fr", headers=AUTH).status_code == 422
    assert keyed.get(report + "?lang=en&x=1", headers=AUTH).status_code == 200
    assert keyed.head(report, headers=AUTH).status_code == 405  # as the route answers
    assert keyed.get(f"/api/v1/roadmaps/{roadmap_id}/problem", headers=AUTH).status_code == 200
    assert fast_path.served == before


def test_a_deleted_roadmap_is_not_answered_from_memory(keyed: TestClient) -> None:
    posted = keyed.post("/api/v1/roadmaps?compare_routes=false&wait=30", json=quick(), headers=AUTH)
    assert posted.status_code == 201, posted.text
    path = f"/api/v1/roadmaps/{posted.json()['id']}"
    cache, fast_path = _parts(keyed)
    cache.fresh_seconds = 3600.0
    assert keyed.get(path, headers=AUTH).status_code == 200
    before = fast_path.served
    assert keyed.get(path, headers=AUTH).status_code == 200
    assert fast_path.served == before + 1
    assert keyed.delete(path, headers=AUTH).status_code == 204
    assert keyed.get(path, headers=AUTH).status_code == 404
    assert fast_path.served == before + 1


def test_health_is_answered_by_the_fast_path_as_the_route_answers_it(
    keyed: TestClient,
) -> None:
    _, fast_path = _parts(keyed)
    for headers in ({}, AUTH):  # risk activity only with a valid key
        before = fast_path.served
        fast = keyed.get("/api/v1/health", headers=headers)
        assert fast_path.served == before + 1
        routed = keyed.get("/api/v1/health?from=route", headers=headers)
        assert fast_path.served == before + 1
        assert fast.status_code == routed.status_code == 200
        assert fast.json() == routed.json() and dict(fast.headers) == dict(routed.headers)
        assert ("risk" in fast.json()) is bool(headers)
    before = fast_path.served
    assert keyed.get("/api/v1/health", headers={"Host": "evil.example"}).status_code == 400
    assert fast_path.served == before
