"""``/api/v1/exports``: each format of a stored roadmap with its media type, and the summary."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pptx import Presentation

from planner.deliver.export import FORMATS

MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "mspdi": "application/vnd.ms-project+xml",
}


def _url(roadmap: dict[str, Any], tail: str) -> str:
    return f"/api/v1/exports/roadmaps/{roadmap['id']}/{tail}"


@pytest.mark.parametrize("fmt", sorted(MEDIA))
def test_each_format_with_its_media_type(
    service: TestClient, demo_roadmap: dict[str, Any], fmt: str
) -> None:
    response = service.get(_url(demo_roadmap, fmt))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == MEDIA[fmt] == FORMATS[fmt].media_type
    suffix = FORMATS[fmt].suffix
    assert response.headers["content-disposition"].endswith(f'{suffix}"')
    body = BytesIO(response.content)
    if fmt == "xlsx":
        assert load_workbook(body).sheetnames[0] == "项目清单"
    elif fmt == "pptx":
        assert len(Presentation(body).slides) == 9
    elif fmt == "docx":
        assert Document(body).paragraphs[0].text.startswith("数字化转型能力建设规划报告")
    else:
        assert b"http://schemas.microsoft.com/project" in response.content


def test_english_and_the_executive_summary(
    service: TestClient, demo_roadmap: dict[str, Any]
) -> None:
    response = service.get(_url(demo_roadmap, "xlsx") + "?lang=en")
    assert load_workbook(BytesIO(response.content)).sheetnames[0] == "Initiatives"
    summary = service.get(_url(demo_roadmap, "summary"))
    assert summary.status_code == 200 and summary.headers["content-type"].startswith("text/html")
    assert "决策摘要" in summary.text
    assert "executive summary" in service.get(_url(demo_roadmap, "summary") + "?lang=en").text


def test_unknown_roadmap_format_or_language(
    service: TestClient, demo_roadmap: dict[str, Any]
) -> None:
    assert service.get("/api/v1/exports/roadmaps/nope/xlsx").status_code == 404
    assert service.get(_url(demo_roadmap, "pdf")).status_code == 422
    assert service.get(_url(demo_roadmap, "xlsx") + "?lang=de").status_code == 422


def test_a_roadmap_without_roadmap_is_409(service: TestClient) -> None:
    from tests.api.conftest import demo

    problem = {**demo(), "budget": {"total": 1}}
    stored = service.post("/api/v1/roadmaps?compare_routes=false&wait=60", json=problem)
    assert stored.status_code == 201, stored.text
    response = service.get(_url(stored.json(), "docx"))
    assert response.status_code == 409
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "没有可导出的路线图" in response.json()["detail"]  # Chinese by default
    english = service.get(_url(stored.json(), "docx"), headers={"accept-language": "en"})
    assert english.status_code == 409 and "no roadmap to export" in english.json()["detail"]
