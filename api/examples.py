"""OpenAPI examples: the bundled scenarios (``scenarios/*.yaml``) as request bodies, and a
filled assessment questionnaire."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

from catalog.errors import DataError
from catalog.yamlio import YamlDocument

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
DEMO = "discrete_manufacturer"

# used when the package is installed without the scenarios folder
FALLBACK: dict[str, Any] = {
    "name": "华东某装备制造集团",
    "organisation": {"industry": "discrete_manufacturing", "current_tier": 4},
    "target": {"tier": 7},
    "time": {"start": "2027-01-01", "period": "month", "horizon": 36},
    "budget": {"total": 1500, "yearly_caps": {"2027": 480, "2028": 650, "2029": 500}},
    "staff": {"capacity": 16},
}


def _jsonable(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


@cache
def scenario(name: str = DEMO) -> dict[str, Any]:
    """A bundled scenario as JSON data."""
    path = SCENARIOS / f"{name}.yaml"
    try:
        data = YamlDocument.from_path(path).data
    except DataError:
        return dict(FALLBACK) if name == DEMO else {}
    loaded: dict[str, Any] = json.loads(json.dumps(data, default=_jsonable))
    return loaded


@cache
def scenario_names() -> tuple[str, ...]:
    names = sorted(p.stem for p in SCENARIOS.glob("*.yaml")) if SCENARIOS.is_dir() else []
    if DEMO in names:
        names.remove(DEMO)
    return (DEMO, *names)


def problem_examples() -> dict[str, dict[str, Any]]:
    """``openapi_examples`` for a problem body: the demo first, then the other scenarios."""
    out: dict[str, dict[str, Any]] = {}
    for name in scenario_names():
        data = scenario(name)
        if not data:
            continue
        out[name] = {
            "summary": f"bundled scenario {name}.yaml" + (" (the demo)" if name == DEMO else ""),
            "value": data,
        }
    return out


EXAMPLE_TARGET = 7
EXAMPLE_INDUSTRY = "discrete_manufacturing"


@cache
def filled_questionnaire() -> dict[str, Any]:
    """The blank questionnaire of the demo's industry, filled: every L1 requirement met, the
    L2 items of the strategy domain partly met, production integrated across its main
    scenario (tier 4); the gaps are measured to tier 7."""
    from planner.assessment.questionnaire_yaml import questionnaire_yaml

    data: dict[str, Any] = YamlDocument(
        questionnaire_yaml(EXAMPLE_INDUSTRY, "en"), "questionnaire"
    ).data
    data["organisation"]["name"] = "华东某装备制造集团"
    for level, answer in (("L1", "met"), ("L2", "partly_met")):
        for subdomain, items in data["requirements"][level].items():
            if level == "L1" or subdomain.startswith("strategy."):
                for item in items:
                    items[item] = {"answer": answer, "evidence": None}
    data["requirements"]["L1"]["strategy.competitive_advantage"]["5.2.2.1 a"]["evidence"] = (
        "ERP and MES since 2019"
    )
    depth = "is_integration"
    data["table1"]["production"] = {
        "breadth": "main_scenario",
        "data_collection": depth,
        "model": depth,
        "business_integration": depth,
        "notes": None,
    }
    data["target_tier"] = EXAMPLE_TARGET
    return data


def questionnaire_examples() -> dict[str, dict[str, Any]]:
    """``openapi_examples`` for a filled questionnaire."""
    return {
        "tier_4_to_7": {
            "summary": "a discrete manufacturer at tier 4, gaps to tier 7",
            "value": filled_questionnaire(),
        }
    }


def plan_examples() -> dict[str, dict[str, Any]]:
    """``openapi_examples`` for planning from an assessment: the demo without organisation."""
    demo = {k: v for k, v in scenario().items() if k not in ("organisation", "name")}
    demo["target"] = {"tier": EXAMPLE_TARGET}
    return {
        "demo_terms": {
            "summary": "tier 7 with the demo's time, budget and staff",
            "value": demo,
        },
        "target_only": {
            "summary": "the assessment's target tier, three years from 2027",
            "value": {"time": {"start": "2027-01-01", "period": "month", "horizon": 36}},
        },
    }
