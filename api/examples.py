"""OpenAPI examples: the bundled scenarios (``scenarios/*.yaml``) as request bodies."""

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
