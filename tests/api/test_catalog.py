"""``/api/v1/catalog``: both shapes (bilingual, one language), filters and their errors."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from catalog import CATALOG_VERSION, Catalog

ENDPOINTS = ("", "/levels", "/tiers", "/subdomains", "/priorities", "/units", "/effort")


def _texts(value: Any) -> list[dict[str, Any]]:
    """Every object carrying both zh and en."""
    found = []
    if isinstance(value, dict):
        if "zh" in value and "en" in value:
            found.append(value)
        for item in value.values():
            found += _texts(item)
    elif isinstance(value, list):
        for item in value:
            found += _texts(item)
    return found


@pytest.mark.parametrize("path", ENDPOINTS)
def test_bilingual_by_default_and_flattened_with_lang(service: TestClient, path: str) -> None:
    both = service.get(f"/api/v1/catalog{path}")
    assert both.status_code == 200, both.text
    assert both.json()["catalog_version"] == CATALOG_VERSION
    assert both.json()["lang"] is None
    assert _texts(both.json()), "bilingual texts expected"
    for lang in ("zh", "en"):
        one = service.get(f"/api/v1/catalog{path}?lang={lang}").json()
        assert one["lang"] == lang
        assert _texts(one) == [], f"{path}?lang={lang} still has zh/en pairs"


def test_levels_match_the_catalogue(service: TestClient, catalog: Catalog) -> None:
    body = service.get("/api/v1/catalog/levels?lang=en").json()
    assert [lv["id"] for lv in body["maturity_levels"]] == [lv.id for lv in catalog.levels]
    assert body["maturity_levels"][0]["name"] == catalog.levels[0].name.en
    first = body["maturity_levels"][0]["requirements"][0]
    assert first["text"] == catalog.levels[0].requirements[0].en  # an Item keeps its clause
    assert first["clause"] == catalog.levels[0].requirements[0].clause
    zh = service.get("/api/v1/catalog/levels?lang=zh").json()
    assert zh["maturity_levels"][0]["name"] == catalog.levels[0].name.zh
    both = service.get("/api/v1/catalog/levels").json()
    assert both["maturity_levels"][0]["name"] == catalog.levels[0].name.model_dump(mode="json")


def test_tier_filters(service: TestClient, catalog: Catalog) -> None:
    rows = service.get("/api/v1/catalog/tiers?tier=7").json()["tier_rows"]
    assert sorted(r["id"] for r in rows) == sorted(r.id for r in catalog.tier_rows if r.tier == 7)
    assert len(rows) == 3  # L2, L3 and L4 each reach tier 7
    rows = service.get("/api/v1/catalog/tiers?level=L1&lang=en").json()["tier_rows"]
    assert {r["level"] for r in rows} == {"L1"}
    body = service.get("/api/v1/catalog/tiers").json()
    assert body["tier_mapping"]["assumption"]  # labelled as capplan's assumption


def test_subdomains_filters(service: TestClient, catalog: Catalog) -> None:
    body = service.get("/api/v1/catalog/subdomains?level=L3").json()
    assert [r["level"] for r in body["requirements"]] == ["L3"]
    assert sum(len(d["subdomains"]) for d in body["domains"]) == 22
    domain = catalog.domains[0].id
    body = service.get(f"/api/v1/catalog/subdomains?domain={domain}&lang=en").json()
    assert [d["id"] for d in body["domains"]] == [domain]
    for block in body["requirements"]:
        assert [d["domain"] for d in block["domains"]] == [domain]


def test_priorities_and_units_filters(service: TestClient, catalog: Catalog) -> None:
    body = service.get("/api/v1/catalog/priorities?level=CL3").json()
    assert [p["level"] for p in body["priorities"]] == ["CL3"]
    body = service.get("/api/v1/catalog/units?industry=energy_supply&lang=en").json()
    assert [i["id"] for i in body["industries"]] == ["energy_supply"]
    assert [b["industry"] for b in body["by_industry"]] == ["energy_supply"]
    listed = {u["id"] for u in body["common"]} | {
        u["id"] for b in body["by_industry"] for u in b["units"]
    }
    assert listed == {u.id for u in catalog.units_for("energy_supply")}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("/units?industry=shipbuilding", "industry"),
        ("/subdomains?domain=nowhere", "domain"),
        ("/levels?lang=fr", "lang"),
        ("/tiers?tier=11", "tier"),
        ("/priorities?level=CL9", "level"),
    ],
)
def test_bad_filters_are_422_naming_the_parameter(
    service: TestClient, query: str, field: str
) -> None:
    response = service.get(f"/api/v1/catalog{query}")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422
    assert body["instance"] == f"/api/v1/catalog{query.split('?')[0]}"
    assert [e["parameter"] for e in body["errors"]] == [field]
    assert field in body["detail"]
