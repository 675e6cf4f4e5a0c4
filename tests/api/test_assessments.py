"""``/api/v1/assessments`` and ``/api/v1/questionnaire``: a filled questionnaire scored,
stored, read, listed, deleted, planned from; its errors name the place at fault."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from api.schemas.common import XLSX
from catalog import load_catalog
from catalog.models.base import Lang
from catalog.yamlio import YamlDocument
from planner.assessment import assess, load_assessment
from planner.assessment.questionnaire_yaml import parse_questionnaire_yaml
from planner.assessment.rules import load_rules
from planner.assessment.vocab import Vocabulary
from tests.api.assessment_helpers import BASE, EN, TIME, created, questionnaire
from tests.assessment.conftest import for_tier
from tests.assessment.test_questionnaire import fill_workbook

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken_questionnaires"
EXPECTED: dict[str, str] = yaml.safe_load((BROKEN / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def example(service: TestClient) -> dict[str, Any]:
    return created(service, questionnaire())


# -- scoring ----------------------------------------------------------------------------------


def test_scores_levels_tier_reasons_gaps_and_state(example: dict[str, Any]) -> None:
    data = {k: v for k, v in questionnaire().items() if k != "target_tier"}
    expected = assess(parse_questionnaire_yaml(YamlDocument(json.dumps(data), "example")))
    assert (example["level"], example["tier"]) == (expected.level, 4) == (1, 4)
    result = example["result"]
    assert result["row"] == expected.row and result["scope"] == expected.scope
    assert len(result["subdomains"]) == 22 and len(result["domains"]) == 5
    assert {d["level"] for d in result["domains"]} == {1}
    held = result["subdomains"][0]["held_back_by"]
    assert held and re.fullmatch(r"5\.3\.\d\.\d+ \w.*", held[0]["clause"])
    reasons = result["tier_reasons"]
    assert reasons and reasons[0]["tier"] == 5
    assert any("Table 1 L1-T5" in r["en"] for r in reasons[0]["reasons"])  # the clause named
    gap = example["gap"]
    assert (gap["target_tier"], gap["current_tier"], gap["reached"]) == (7, 4, False)
    assert example["target_tier"] == 7 and example["target_row"] == gap["row"]
    assert all(item["clause"] for s in gap["subdomains"] for item in s["items"])
    chart = example["chart"]
    assert len(chart) == 22 and all(b["target"] == max(b["current"], 2) for b in chart)
    state = example["state"]
    assert state["industry"] == "discrete_manufacturing" and state["units"]
    assert (state["name"]["zh"], state["name"]["en"]) == ("华东某装备制造集团",) * 2
    assert example["lang"] is None
    assert result["domains"][0]["name"].keys() >= {"zh", "en"}
    assert example["versions"]["catalog"] == load_catalog().version


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_texts_in_one_language(service: TestClient, example: dict[str, Any], lang: Lang) -> None:
    body = service.get(f"{example['links']['self']}?lang={lang}").json()
    assert body["lang"] == lang
    domain = load_catalog().domains[0]
    assert body["result"]["domains"][0]["name"] == domain.name.get(lang)
    assert isinstance(body["gap"]["subdomains"][0]["items"][0]["text"], str)
    posted = created(service, questionnaire(), f"?lang={lang}")
    assert posted["result"]["domains"][0]["name"] == domain.name.get(lang)


def test_yaml_body_and_target_in_the_query(service: TestClient) -> None:
    data = questionnaire()
    del data["target_tier"]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    response = service.post(
        f"{BASE}?target_tier=5", content=text.encode(), headers={"Content-Type": "application/yaml"}
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["tier"], body["target_tier"], body["gap"]["target_tier"]) == (4, 5, 5)
    submitted = service.get(body["links"]["questionnaire"])
    assert submitted.headers["content-type"].startswith("application/yaml")
    assert submitted.text == text
    no_target = created(service, data)
    assert no_target["gap"] is None and no_target["target_tier"] is None
    assert {b["current"] for b in no_target["chart"]} == {b["target"] for b in no_target["chart"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_excel_body(service: TestClient, lang: Lang, tmp_path: Path) -> None:
    blank = service.get(f"/api/v1/questionnaire?format=xlsx&lang={lang}")
    assert blank.status_code == 200 and blank.headers["content-type"] == XLSX
    path = tmp_path / "filled.xlsx"
    path.write_bytes(blank.content)
    fill_workbook(path, for_tier(7), Vocabulary(load_catalog(), load_rules()), lang)
    raw = path.read_bytes()
    response = service.post(
        f"{BASE}?target_tier=8&lang={lang}", content=raw, headers={"Content-Type": XLSX}
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["tier"], body["name"], body["gap"]["target_tier"]) == (7, "华东某装备制造集团", 8)
    assert body["tier"] == assess(load_assessment(path)).tier
    submitted = service.get(body["links"]["questionnaire"])
    assert submitted.headers["content-type"] == XLSX and submitted.content == raw


# -- errors -------------------------------------------------------------------------------------


def _expected(name: str) -> str:
    """The package's expected message, without the file it names (here: the request body)."""
    return re.sub(r"^.*?\\\.(yaml|xlsx): ", "", EXPECTED[name])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_questionnaires_name_the_place(service: TestClient, name: str) -> None:
    media_type = XLSX if name.endswith(".xlsx") else "application/yaml"
    response = service.post(
        BASE, content=(BROKEN / name).read_bytes(), headers={"Content-Type": media_type, **EN}
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert re.search(_expected(name), problem["detail"], re.MULTILINE), problem["detail"]
    assert str(BROKEN) not in problem["detail"] and "/tmp" not in problem["detail"]
    error = problem.get("errors", [{}])[0]  # YAML syntax: refused before the route
    cell = re.search(r"sheet (\S+), row (\d+)(?:, column ([A-Z]+))?", problem["detail"])
    if cell is not None:
        assert (error["sheet"], error["row"]) == (cell[1], int(cell[2]))
        assert error.get("column") == cell[3]
    line = re.search(r"\(line (\d+)\)", problem["detail"])
    if line is not None:
        assert error["line"] == int(line[1]) and error["pointer"].startswith("/")
    # the same error in Chinese (the default), with the same place
    chinese = service.post(
        BASE, content=(BROKEN / name).read_bytes(), headers={"Content-Type": media_type}
    ).json()
    assert (
        re.search(r"[\u4e00-\u9fff]", chinese["detail"]) and chinese["detail"] != problem["detail"]
    )
    if "errors" in problem:
        zh_error = chinese["errors"][0]
        assert zh_error["message"] == error["message"] and zh_error["msg"] == error["message"]["zh"]
        assert {k: v for k, v in zh_error.items() if k != "msg"} == {
            k: v for k, v in error.items() if k != "msg"
        }


def test_json_errors_carry_a_pointer_to_the_item(service: TestClient) -> None:
    data = questionnaire()
    data["requirements"]["L1"]["strategy.value_model"]["5.2.2.3 a"] = {"answer": "yes!"}
    data["table1"]["rnd"] = {"breadth": "everywhere"}
    response = service.post(BASE, json=data, headers=EN)
    assert response.status_code == 422
    errors = {e["pointer"]: e for e in response.json()["errors"]}
    item = errors["/requirements/L1/strategy.value_model/5.2.2.3 a/answer"]
    assert item["field"] == "requirements.L1.strategy.value_model.5.2.2.3 a.answer"
    assert "invalid answer 'yes!'" in item["msg"] and "line" not in item
    assert "invalid scenario breadth 'everywhere'" in errors["/table1/rnd/breadth"]["msg"]


def test_a_pretty_printed_json_body_gets_lines(service: TestClient) -> None:
    data = questionnaire()
    data["organisation"]["industry"] = "shipbuilding"
    text = json.dumps(data, indent=2, ensure_ascii=False)
    response = service.post(
        BASE, content=text.encode(), headers={"Content-Type": "application/json"}
    )
    error = response.json()["errors"][0]
    assert error["pointer"] == "/organisation/industry"
    assert text.splitlines()[error["line"] - 1].strip().startswith('"industry"')


@pytest.mark.parametrize(
    ("content", "media_type", "status", "text"),
    [
        (b"", "application/json", 422, "empty"),
        (b"[1, 2]", "application/json", 422, "expected a mapping"),
        (b"{not json", "application/json", 422, "invalid JSON"),
        (b"format: capplan-assessment/1", "application/yaml", 422, "missing section organisation"),
        (b"hello", "text/plain", 415, "is not a questionnaire"),
        (b"\xff\xfe", "application/json", 400, "not UTF-8"),
        (b"PK\x03\x04 broken", XLSX, 422, "cannot read the workbook"),
    ],
)
def test_unreadable_bodies(
    service: TestClient, content: bytes, media_type: str, status: int, text: str
) -> None:
    response = service.post(BASE, content=content, headers={"Content-Type": media_type, **EN})
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert text in response.json()["detail"]


def test_bad_targets(service: TestClient, example: dict[str, Any]) -> None:
    response = service.post(f"{BASE}?target_tier=11", json=questionnaire())
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "target_tier"
    response = service.post(f"{BASE}?target_tier=6", json=questionnaire(), headers=EN)
    assert response.status_code == 422 and "give one" in response.json()["detail"]  # body: 7
    data = questionnaire()
    data["target_row"] = "L9-T9"
    response = service.post(BASE, json=data)
    assert response.status_code == 422
    assert response.json()["errors"][0] == {
        "field": "target_row",
        "pointer": "/target_row",
        "msg": "表1中没有 'L9-T9' 这一行",
        "type": "value_error",
        "loc": ["target_row"],
        "message": {"zh": "表1中没有 'L9-T9' 这一行", "en": "unknown Table 1 row 'L9-T9'"},
    }
    data["target_tier"] = "seven"
    assert "须为 1–10 的整数" in service.post(BASE, json=data).json()["detail"]
    response = service.get(f"{example['links']['self']}?target_row=L9-T9")
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"]["en"] == "unknown Table 1 row 'L9-T9'"


def test_a_target_row_alone_names_its_tier(service: TestClient, example: dict[str, Any]) -> None:
    read = service.get(f"{example['links']['self']}?target_row=L3-T8").json()
    assert (read["target_tier"], read["gap"]["target_tier"], read["gap"]["row"]) == (8, 8, "L3-T8")
    data = questionnaire()
    del data["target_tier"]
    data["target_row"] = "L2-T6"
    posted = service.post(BASE, json=data)
    assert posted.status_code == 201, posted.text
    assert (posted.json()["target_tier"], posted.json()["gap"]["row"]) == (6, "L2-T6")


# -- reading, listing, deleting -------------------------------------------------------------------


def test_read_with_another_target(service: TestClient, example: dict[str, Any]) -> None:
    assert service.get(example["links"]["self"]).json() == example
    other = service.get(f"{example['links']['self']}?target_tier=9").json()
    assert (other["target_tier"], other["gap"]["target_tier"]) == (9, 9)
    assert other["result"] == example["result"] and other["state"] == example["state"]
    reached = service.get(f"{example['links']['self']}?target_tier=3").json()
    assert reached["gap"]["reached"] is True


def test_list_page_and_filters(service: TestClient) -> None:
    data = questionnaire()
    data["organisation"]["name"] = "列表 50% Test_Org"
    mine = created(service, data)
    page = service.get(f"{BASE}?limit=1").json()
    assert page["limit"] == 1 and len(page["data"]) == 1 and page["count"] >= 2
    assert page["data"][0]["id"] == mine["id"]  # newest first
    assert "result" not in page["data"][0]
    found = service.get(f"{BASE}?name=50%25 test_").json()
    assert [a["id"] for a in found["data"]] == [mine["id"]]
    assert service.get(f"{BASE}?industry=banking").json()["count"] == 0
    assert service.get(f"{BASE}?offset=1000000").json()["data"] == []
    assert service.get(f"{BASE}?limit=0").status_code == 422


def test_unknown_and_deleted(service: TestClient) -> None:
    mine = created(service, questionnaire())
    for path in ("", "/questionnaire"):
        assert service.get(f"{BASE}/{'0' * 32}{path}").status_code == 404
        assert service.get(f"{BASE}/not-an-id{path}").status_code == 404
    assert service.get(f"/api/v1/reports/assessments/{'0' * 32}").status_code == 404
    assert service.delete(mine["links"]["self"]).status_code == 204
    assert service.get(mine["links"]["self"]).status_code == 404
    assert service.delete(mine["links"]["self"]).status_code == 404
    response = service.post(mine["links"]["plan"], json={"time": TIME})
    assert response.status_code == 404 and response.json()["title"] == "未找到"
    response = service.post(mine["links"]["plan"], json={"time": TIME}, headers=EN)
    assert response.status_code == 404 and response.json()["title"] == "Not found"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_assessment_report(service: TestClient, example: dict[str, Any], lang: Lang) -> None:
    page = service.get(f"{example['links']['report']}?lang={lang}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<section id="assessment">' in page.text and "华东某装备制造集团" in page.text


# -- the blank questionnaire ---------------------------------------------------------------------
