"""Stored results are served as the bytes made from the stored row, with a strong ETag;
``If-None-Match`` with it is answered 304 without a body, and a deleted result is a 404."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient

from api import store
from api.cache import BodyCache, Cached
from api.fastpath import etag_matches
from api.models import ComparisonRow, RoadmapRow
from api.views import comparison_json, roadmap_json
from tests.api.conftest import poll_job, quick


def _row(service: TestClient, model: type[RoadmapRow] | type[ComparisonRow], ident: str) -> Any:
    with service.app.state.sessions() as session:  # type: ignore[attr-defined]
        row = store.get(session, model, ident)
        assert row is not None
        return row


def _revalidates(service: TestClient, path: str) -> str:
    """The GET at ``path`` has an ETag, and 304 answers it (exact, weak, ``*``, in a list)."""
    first = service.get(path)
    assert first.status_code == 200
    etag: str = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 2
    assert first.headers["cache-control"] == "private, no-cache"
    for sent in (etag, f"W/{etag}", "*", f'"other", {etag}'):
        again = service.get(path, headers={"If-None-Match": sent})
        assert again.status_code == 304, sent
        assert again.content == b""
        assert again.headers["etag"] == etag
    changed = service.get(path, headers={"If-None-Match": '"not-this-one"'})
    assert changed.status_code == 200 and changed.content == first.content
    return etag


def test_a_stored_roadmap_is_served_as_its_stored_bytes_with_an_etag(
    service: TestClient,
) -> None:
    posted = service.post("/api/v1/roadmaps?compare_routes=false&wait=30", json=quick())
    assert posted.status_code == 201, posted.text
    ident = posted.json()["id"]
    path = f"/api/v1/roadmaps/{ident}"
    served = service.get(path)
    row = _row(service, RoadmapRow, ident)
    assert served.content == roadmap_json(row) == posted.content
    assert served.content.endswith(f',"result":{row.result}}}'.encode())  # spliced, not re-made
    assert json.loads(served.content)["problem"] == json.loads(row.problem)
    etag = _revalidates(service, path)
    report = f"/api/v1/reports/roadmaps/{ident}?lang=en"
    report_etag = _revalidates(service, report)
    assert report_etag != etag
    assert service.get(report, headers={"If-None-Match": etag}).status_code == 200
    assert service.delete(path).status_code == 204
    assert service.get(path, headers={"If-None-Match": etag}).status_code == 404
    assert service.get(report, headers={"If-None-Match": report_etag}).status_code == 404


def test_a_stored_comparison_is_served_as_its_stored_bytes_with_an_etag(
    service: TestClient,
) -> None:
    request = {"name": "etag", "base": quick(), "variants": [{"name": "v", "set": {}}]}
    posted = service.post("/api/v1/scenarios?time_limit=3&wait=30", json=request)
    if posted.status_code == 202:
        job = poll_job(service, posted.json()["id"], timeout=60)
        assert job["state"] == "succeeded", job
        ident = job["result_id"]
    else:
        assert posted.status_code == 201, posted.text
        ident = posted.json()["id"]
    path = f"/api/v1/scenarios/{ident}"
    served = service.get(path)
    assert served.content == comparison_json(_row(service, ComparisonRow, ident))
    etag = _revalidates(service, path)
    assert service.delete(path).status_code == 204
    assert service.get(path, headers={"If-None-Match": etag}).status_code == 404


def test_etags_differ_between_stored_roadmaps(service: TestClient) -> None:
    tags = set()
    for name in ("one", "two"):
        posted = service.post(
            "/api/v1/roadmaps?compare_routes=false&wait=30", json={**quick(), "name": name}
        )
        assert posted.status_code == 201, posted.text
        tags.add(service.get(posted.json()["links"]["self"]).headers["etag"])
    assert len(tags) == 2


def test_if_none_match_comparison() -> None:
    assert etag_matches('"a"', '"a"')
    assert etag_matches('W/"a"', '"a"')
    assert etag_matches(' "b" , W/"a" ', '"a"')
    assert etag_matches("*", '"a"')
    assert not etag_matches(None, '"a"')
    assert not etag_matches("", '"a"')
    assert not etag_matches('"ab"', '"a"')
    assert not etag_matches('"a', '"a"')


def test_a_deletion_by_another_instance_is_honoured_within_fresh_seconds(
    service: TestClient,
) -> None:
    now = [0.0]
    app: Any = service.app
    kept = app.state.bodies
    app.state.bodies = BodyCache(fresh_seconds=1.0, clock=lambda: now[0])
    try:
        posted = service.post("/api/v1/roadmaps?compare_routes=false&wait=30", json=quick())
        assert posted.status_code == 201, posted.text
        path = posted.json()["links"]["self"]
        assert service.get(path).status_code == 200  # seen stored at 0.0
        with app.state.sessions() as session:  # as another instance would: no cache drop
            assert store.delete_roadmap(session, posted.json()["id"])
        now[0] = 0.9
        assert service.get(path).status_code == 200  # within the second: from memory
        now[0] = 1.0
        assert service.get(path).status_code == 404
        now[0] = 1.1
        assert service.get(path).status_code == 404
    finally:
        app.state.bodies = kept


def test_a_drop_voids_confirmations_made_by_lookups_begun_before_it() -> None:
    cache = BodyCache(clock=lambda: 0.0)
    asked, key = ("roadmap", "a"), ("roadmap", "a", None)
    cache.get_or_make(key, lambda: b"{}")
    begun = cache.generation()
    cache.drop("b")  # any deletion while the lookup ran
    cache.confirm(asked, key, begun)
    assert cache.recent(asked) is None
    cache.confirm(asked, key, cache.generation())
    assert cache.recent(asked) == Cached.of(b"{}")
    cache.drop("a")
    assert cache.recent(asked) is None
