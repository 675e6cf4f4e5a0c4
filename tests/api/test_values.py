"""Values the solver cannot hold are a 422 naming the field, at the schema and never a 500:
infinite and huge money, huge staff and durations, far dates, long names, booleans for
numbers, lone surrogates, deep nesting, cyclic precedences, unknown units in overrides."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.ranges import COUNT_MAX, MONEY_MAX, NAME_MAX
from tests.api.conftest import quick, settings_for

Change = Callable[[dict[str, Any]], None]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("values") / "capplan.db"
    settings = settings_for(f"sqlite:///{path}", warm_up=False, sync_wait=0.0)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def post(client: TestClient, data: dict[str, Any]) -> Any:
    body = json.dumps(data, allow_nan=True)  # Infinity as Python's json writes it
    return client.post(
        "/api/v1/roadmaps?wait=0",
        content=body,
        headers={"content-type": "application/json", "accept-language": "en"},
    )


def extra(**fields: Any) -> Change:
    return lambda p: p.update(extra_steps=[{"id": "x", "duration": 2, **fields}])


CASES: list[tuple[str, Change, str]] = [
    ("infinite budget", lambda p: p.update(budget={"total": float("inf")}), "budget.total"),
    ("1e308 budget", lambda p: p.update(budget={"total": 1e308}), "budget.total"),
    (
        "1e308 yearly cap",
        lambda p: p.update(budget={"yearly_caps": {"2027": 1e308}}),
        "budget.yearly_caps[2027]",
    ),
    (
        "year 9999 cap",
        lambda p: p.update(budget={"yearly_caps": {"9999": 10}}),
        "budget.yearly_caps[9999]",
    ),
    (
        "far start",
        lambda p: p.update(time={"start": "9999-01-01", "horizon": 120}),
        "time.start",
    ),
    ("step cost 1e18", extra(cost=1e18), "extra_steps[0].cost"),
    (
        "duration 1e9",
        lambda p: p.update(extra_steps=[{"id": "x", "duration": 10**9}]),
        "extra_steps[0].duration",
    ),
    ("staff 2**63", lambda p: p.update(staff={"capacity": 2**63}), "staff.capacity"),
    (
        "staff change 2**63",
        lambda p: p.update(
            staff={"capacity": 5, "changes": [{"from_period": 1, "capacity": 2**63}]}
        ),
        "staff.changes[0].capacity",
    ),
    (
        "effort cost",
        lambda p: p.update(overrides={"effort": [{"cost": 1e300}]}),
        "overrides.effort[0].cost",
    ),
    (
        "multiplier",
        lambda p: p.update(overrides={"multipliers": {"cost": 1e300}}),
        "overrides.multipliers.cost",
    ),
    ("long name", lambda p: p.update(name="名" * 10_000), "name"),
    ("false budget", lambda p: p.update(budget={"total": False}), "budget.total"),
    ("true horizon", lambda p: p["time"].update(horizon=True), "time.horizon"),
]


@pytest.mark.parametrize(("label", "change", "field"), CASES, ids=[c[0] for c in CASES])
def test_values_out_of_range_are_a_422_naming_the_field(
    client: TestClient, label: str, change: Change, field: str
) -> None:
    data = quick()
    change(data)
    response = post(client, data)
    assert response.status_code == 422, (label, response.status_code, response.text[:300])
    problem = response.json()
    assert problem["type"] == "urn:capplan:problem:out-of-range"
    assert [e["field"] for e in problem["errors"]] == [field]
    assert "connection" not in response.headers or response.headers["connection"] != "close"


def test_values_at_the_limits_are_accepted(client: TestClient) -> None:
    data = quick()
    data["name"] = "n" * NAME_MAX
    data["budget"] = {"total": MONEY_MAX, "yearly_caps": {"2027": MONEY_MAX}}
    data["staff"] = {"capacity": COUNT_MAX}
    response = post(client, data)
    assert response.status_code in (201, 202), response.text[:300]


def test_a_lone_surrogate_in_a_name_is_a_422(client: TestClient) -> None:
    body = json.dumps(quick()).replace('"quick: tier 2 to 3"', '"a\\ud800b"')
    response = client.post(
        "/api/v1/roadmaps", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["type"] == "urn:capplan:problem:invalid-text"
    assert "name：含孤立代理项" in response.json()["detail"]  # Chinese by default
    paired = body.replace("\\ud800", "\\ud83d\\ude00")
    response = client.post(
        "/api/v1/roadmaps?wait=0", content=paired, headers={"content-type": "application/json"}
    )
    assert response.status_code in (201, 202)


@pytest.mark.parametrize("path", ["/api/v1/assessments", "/api/v1/roadmaps"])
def test_deeply_nested_json_is_refused_not_a_500(client: TestClient, path: str) -> None:
    body = '{"a": ' * 5000 + "1" + "}" * 5000
    headers = {"content-type": "application/json", "accept-language": "en"}
    response = client.post(path, content=body, headers=headers)
    assert response.status_code == 413, response.text[:200]
    assert "depth limit" in response.json()["detail"]


def test_sweep_budgets_are_bounded(client: TestClient) -> None:
    body = {"problem": quick(), "budgets": [100, 1e308]}
    response = client.post("/api/v1/scenarios/sweeps?wait=0", json=body)
    assert response.status_code == 422
    assert "budgets" in response.json()["detail"]


# -- cycles and unknown references (planner/compile/userwork.py) ---------------------------------
def test_cyclic_precedences_are_a_422_naming_the_cycle(client: TestClient) -> None:
    data = quick()
    data["extra_steps"] = [{"id": "a", "duration": 1}, {"id": "b", "duration": 1}]
    data["precedences"] = [{"before": "a", "after": "b"}, {"before": "b", "after": "a"}]
    response = post(client, data)
    assert response.status_code == 422, response.text[:300]
    assert "precedences: cycle" in response.json()["detail"]
    assert "a -> b -> a" in response.json()["detail"] or "b -> a -> b" in response.json()["detail"]


def test_a_precedence_against_a_predecessor_is_a_cycle(client: TestClient) -> None:
    data = quick()
    data["extra_steps"] = [
        {"id": "a", "duration": 1},
        {"id": "b", "duration": 1, "predecessors": ["a"]},
    ]
    data["precedences"] = [{"before": "b", "after": "a"}]
    response = post(client, data)
    assert response.status_code == 422
    assert "precedences: cycle" in response.json()["detail"]


def test_an_unknown_unit_in_an_effort_override_is_rejected(client: TestClient) -> None:
    data = quick()
    data["overrides"] = {"effort": [{"unit": "no_such_unit", "cost": 5}]}
    response = post(client, data)
    assert response.status_code == 422
    fields = [e.get("field") for e in response.json()["errors"]]
    assert "overrides.effort[0].unit" in fields
    assert "no_such_unit" in response.json()["detail"]


# -- the OpenAPI document and query parameters -------------------------------------------
def test_the_openapi_document_shows_the_limits(client: TestClient) -> None:
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    total = schemas["Budget"]["properties"]["total"]["anyOf"][0]
    assert total["maximum"] == MONEY_MAX
    caps = schemas["Budget"]["properties"]["yearly_caps"]
    assert caps["additionalProperties"]["maximum"] == MONEY_MAX
    assert "pattern" in caps["propertyNames"]
    assert schemas["Problem"]["properties"]["name"]["maxLength"] == NAME_MAX
    assert schemas["ExtraStep"]["properties"]["duration"]["maximum"] == 1000
    assert schemas["Staff"]["properties"]["capacity"]["maximum"] == COUNT_MAX
    assert schemas["TimeFrame"]["properties"]["start"]["pattern"].startswith("^(19|20|21)")
    assert schemas["SweepRequest"]["properties"]["budgets"]["items"]["maximum"] == MONEY_MAX


def test_the_submitted_problem_is_documented_as_a_problem(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    content = paths["/api/v1/roadmaps/{roadmap_id}/problem"]["get"]["responses"]["200"]["content"]
    for media_type in ("application/json", "application/yaml"):
        assert content[media_type]["schema"] == {"$ref": "#/components/schemas/Problem"}


@pytest.mark.parametrize("value", ["0.5", "1700000000", "1e5"])
def test_a_number_is_not_a_date(client: TestClient, value: str) -> None:
    response = client.get("/api/v1/roadmaps", params={"created_before": value})
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "created_before"
    assert client.get("/api/v1/roadmaps", params={"created_before": "2027-01-01"}).is_success


def test_an_over_long_organisation_name_in_a_questionnaire_is_refused(client: TestClient) -> None:
    from tests.api.assessment_helpers import questionnaire

    data = questionnaire()
    data["organisation"]["name"] = "名" * (NAME_MAX + 1)
    response = client.post("/api/v1/assessments", json=data)
    assert response.status_code == 422, response.text[:200]
    assert response.json()["errors"][0]["field"] == "organisation.name"
    data["organisation"]["name"] = "名" * NAME_MAX
    assert client.post("/api/v1/assessments", json=data).status_code == 201
