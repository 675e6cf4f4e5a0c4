"""Bodies built to exhaust the service: alias bombs, huge node counts, zip bombs, parsing
before the key check, foreign Host headers and media types the service does not read."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.schemas.common import XLSX
from planner.assessment.xlsx_write import questionnaire_workbook
from tests.api.conftest import settings_for

YAML = {"content-type": "application/yaml", "accept-language": "en"}  # the limits in English


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("attack") / "capplan.db"
    with TestClient(create_app(settings_for(f"sqlite:///{path}", warm_up=False))) as client:
        yield client


@pytest.fixture(scope="module")
def locked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("attack-locked") / "capplan.db"
    settings = settings_for(f"sqlite:///{path}", warm_up=False, api_keys=["k-1"])
    with TestClient(create_app(settings)) as client:
        yield client


def alias_bomb(chars: int = 100_000, uses: int = 2_000) -> bytes:
    """A ~100 KB body whose aliases expand to chars × uses characters (200 MB)."""
    aliases = ", ".join(["*s"] * uses)
    return f"name: &s '{'x' * chars}'\nlist: [{aliases}]\n".encode()


def test_an_alias_bomb_is_refused_by_its_expanded_size_before_it_is_built(
    client: TestClient,
) -> None:
    body = alias_bomb()
    assert len(body) < 120_000
    tracemalloc.start()
    try:
        response = client.post("/api/v1/roadmaps", content=body, headers=YAML)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 413, response.text
    problem = response.json()
    assert problem["type"] == "urn:capplan:problem:body-too-complex"
    assert "expanded-size limit" in problem["detail"]
    assert peak < 30_000_000  # the 200 MB document was never built


def test_nested_aliases_are_counted_as_often_as_they_are_used(client: TestClient) -> None:
    lines = ["a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]"]
    for name, prev in zip("bcdef", "abcde", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    response = client.post("/api/v1/roadmaps", content="\n".join(lines), headers=YAML)
    assert response.status_code == 413
    assert "node limit" in response.json()["detail"]


def test_a_large_alias_free_yaml_names_the_limit_it_hit(client: TestClient) -> None:
    body = ("items:\n" + "- 1\n" * 150_000).encode()
    response = client.post("/api/v1/roadmaps", content=body, headers=YAML)
    assert response.status_code == 413
    detail = response.json()["detail"]
    assert "more than 100000 values (the node limit" in detail
    assert "aliases?" not in detail


def test_deep_yaml_is_refused_naming_the_depth_limit(client: TestClient) -> None:
    body = "a: " + "[" * 200 + "]" * 200
    response = client.post("/api/v1/roadmaps", content=body, headers=YAML)
    assert response.status_code == 413
    assert "depth limit" in response.json()["detail"]


def test_a_recursive_alias_is_a_422(client: TestClient) -> None:
    response = client.post("/api/v1/roadmaps", content="a: &a [1, *a]\n", headers=YAML)
    assert response.status_code == 422
    assert "*a" in response.json()["detail"]


def test_an_ordinary_yaml_problem_still_passes_the_checks(client: TestClient) -> None:
    text = Path("scenarios/discrete_manufacturer.yaml").read_text(encoding="utf-8")
    response = client.post(
        "/api/v1/roadmaps?wait=0&time_limit=1", content=text.encode(), headers=YAML
    )
    assert response.status_code in (201, 202), response.text


# -- the key is checked before the body is read or parsed --------------------------------
def test_without_a_key_a_body_is_not_read(locked: TestClient) -> None:
    for body, headers in (
        (b"a: [1, 2", YAML),  # would be a 422 (invalid YAML) if parsed
        (alias_bomb(), YAML),  # would be a 413 if scanned
        (b"x" * 2_000_000, {"content-type": "application/json"}),  # over the size limit
        (b"hello", {"content-type": "text/plain"}),  # would be a 415
    ):
        response = locked.post("/api/v1/roadmaps", content=body, headers=headers)
        assert response.status_code == 401, (response.status_code, response.text[:200])
        assert response.json()["type"] == "urn:capplan:problem:unauthorized"
    with_key = locked.post(
        "/api/v1/roadmaps", content=b"a: [1, 2", headers={**YAML, "X-API-Key": "k-1"}
    )
    assert with_key.status_code == 422
    bearer = locked.post(
        "/api/v1/roadmaps", content=b"a: [1, 2", headers={**YAML, "Authorization": "Bearer k-1"}
    )
    assert bearer.status_code == 422


# -- media types and size ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("media_type", "body"),
    [
        ("text/plain", b"name: x"),
        ("application/xml", b"<problem/>"),
        ("application/x-www-form-urlencoded", b"name=x"),
        ("multipart/form-data; boundary=x", b"--x--"),
        (XLSX, b"PK\x03\x04"),
    ],
)
def test_unsupported_media_types_are_a_415_naming_the_accepted_ones(
    client: TestClient, media_type: str, body: bytes
) -> None:
    response = client.post("/api/v1/roadmaps", content=body, headers={"content-type": media_type})
    assert response.status_code == 415, response.text
    problem = response.json()
    assert problem["type"] == "urn:capplan:problem:unsupported-media-type"
    assert "application/json, application/yaml" in problem["detail"]
    assert response.headers["accept-post"] == "application/json, application/yaml"


def test_the_assessments_path_accepts_a_workbook(client: TestClient) -> None:
    response = client.post(
        "/api/v1/assessments", content=b"not a zip", headers={"content-type": XLSX}
    )
    assert response.status_code == 422  # read (and found not to be a workbook), not 415
    assert "无法读取工作簿" in response.json()["detail"]


def test_the_size_limit_message_names_the_limit(client: TestClient) -> None:
    body = b"[" + b" " * 1_100_000 + b"]"
    response = client.post("/api/v1/roadmaps", content=body, headers={"accept-language": "en"})
    assert response.status_code == 413
    assert "body-size limit" in response.json()["detail"]
    assert "CAPPLAN_MAX_BODY_BYTES" in response.json()["detail"]
    default = client.post("/api/v1/roadmaps", content=body).json()  # Chinese by default
    assert "请求体大小上限" in default["detail"] and "CAPPLAN_MAX_BODY_BYTES" in default["detail"]


# -- Excel zip bombs ---------------------------------------------------------------------
def workbook(pad_bytes: int = 0, extra_cells: int = 0) -> bytes:
    """The blank questionnaire, its largest sheet padded with whitespace or extra cells."""
    buffer = io.BytesIO()
    questionnaire_workbook("discrete_manufacturing", "en").save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet3.xml":
                cells = b"".join(
                    b'<c r="Z%d" t="n"><v>1</v></c>' % (i + 1) for i in range(extra_cells)
                )
                data = data.replace(b"</sheetData>", b" " * pad_bytes + b"</sheetData>", 1)
                data = data.replace(b"</row>", cells + b"</row>", 1)
            target.writestr(item.filename, data)
    return out.getvalue()


def test_an_xlsx_zip_bomb_is_refused_before_it_is_opened(client: TestClient) -> None:
    bomb = workbook(pad_bytes=100 * 2**20)  # 100 MiB of whitespace
    assert len(bomb) < 1_000_000
    tracemalloc.start()
    try:
        response = client.post(
            "/api/v1/assessments",
            content=bomb,
            headers={"content-type": XLSX, "accept-language": "en"},
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 413, response.text[:300]
    problem = response.json()
    assert problem["type"] == "urn:capplan:problem:workbook-too-large"
    assert "decompressed-size limit" in problem["detail"]
    assert peak < 20_000_000


def test_a_workbook_with_too_many_cells_is_refused(client: TestClient) -> None:
    crowded = workbook(extra_cells=60_000)
    response = client.post(
        "/api/v1/assessments",
        content=crowded,
        headers={"content-type": XLSX, "accept-language": "en"},
    )
    assert response.status_code == 413, response.text[:300]
    assert "cell-count limit" in response.json()["detail"]


def test_the_blank_workbook_passes_the_checks(client: TestClient) -> None:
    response = client.post(
        "/api/v1/assessments", content=workbook(), headers={"content-type": XLSX}
    )
    assert response.status_code in (201, 422), response.text[:300]
    assert response.json().get("type") != "urn:capplan:problem:workbook-too-large"


# -- allowed hosts (DNS rebinding) -------------------------------------------------------
def test_an_open_service_answers_loopback_names_only(tmp_path: Path) -> None:
    settings = settings_for(f"sqlite:///{tmp_path / 'c.db'}", warm_up=False, allowed_hosts=[])
    app = create_app(settings)
    with TestClient(app, base_url="http://attacker.example") as foreign:
        response = foreign.get("/api/v1/catalog/levels")
        assert response.status_code == 400
        assert response.json()["type"] == "urn:capplan:problem:host-not-allowed"
        assert "CAPPLAN_ALLOWED_HOSTS" in response.json()["detail"]
    for base in ("http://127.0.0.1:8000", "http://localhost", "http://[::1]:8000"):
        with TestClient(app, base_url=base) as local:
            assert local.get("/api/v1/catalog/levels").status_code == 200, base


def test_allowed_hosts_are_configurable_and_keys_open_every_host(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    listed = create_app(settings_for(url, warm_up=False, allowed_hosts=["plan.intranet"]))
    with TestClient(listed, base_url="http://plan.intranet") as client:
        assert client.get("/api/v1/health").status_code == 200
    with TestClient(listed, base_url="http://127.0.0.1") as client:
        assert client.get("/api/v1/health").status_code == 400
    keyed = create_app(settings_for(url, warm_up=False, allowed_hosts=[], api_keys=["k"]))
    with TestClient(keyed, base_url="http://plan.example.com") as client:
        assert client.get("/api/v1/health").status_code == 200


def test_garbage_collection_is_back_on_after_a_parse(client: TestClient) -> None:
    import gc

    assert gc.isenabled()
    body = ("items:\n" + "- 1\n" * 1_000).encode()
    client.post("/api/v1/roadmaps", content=body, headers=YAML)
    assert gc.isenabled()


def test_refusals_before_the_body_is_read_speak_the_request_language(client: TestClient) -> None:
    """An alias bomb, a foreign media type and invalid UTF-8: Chinese by default, English
    when asked, each naming what it refused."""
    bomb = "s: &s '" + "x" * 100 + "'\nl: [" + ", ".join(["*s"] * 60_000) + "]\n"
    zh = client.post("/api/v1/roadmaps", content=bomb, headers={"content-type": "application/yaml"})
    assert zh.status_code == 413 and "本服务的" in zh.json()["detail"]
    en = client.post(
        "/api/v1/roadmaps",
        content=bomb,
        headers={"content-type": "application/yaml", "accept-language": "en"},
    )
    assert en.status_code == 413 and "limit of this service" in en.json()["detail"]
    media = client.post("/api/v1/roadmaps", content="x", headers={"content-type": "text/plain"})
    assert media.status_code == 415 and "请求体：text/plain" in media.json()["detail"]
    raw = client.post(
        "/api/v1/roadmaps", content=b"\xff\xfe", headers={"content-type": "application/json"}
    )
    assert raw.status_code == 400 and "UTF-8" in raw.json()["detail"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in raw.json()["detail"])
