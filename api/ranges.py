"""The ranges of a problem's numbers and dates that the solver can hold, checked before any
work is queued and published in the OpenAPI document.

The planner's models say what a value means (a cost is not negative); this table says how
large the service lets it be, so that money in whole yuan, staff and durations stay far
inside the solver's 64-bit integers, and dates stay inside the calendar. One table serves
both: ``check_ranges`` walks a validated problem against it (a 422 naming each field), and
``annotate_schema`` writes the same bounds into the OpenAPI components (``maximum``,
``minimum``, ``maxLength``, a year pattern for dates).
"""

from __future__ import annotations

import datetime as dt
import math
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from catalog.models.base import Text
from catalog.yamlio import format_path

MONEY_MAX = 100_000_000.0  # 万元: one trillion yuan, far above any programme
COUNT_MAX = 100_000  # staff (FTE) or units of a resource per period
PERIODS_MAX = 1_000  # periods (months or quarters) of a duration or a progress date
FIRST_YEAR, LAST_YEAR = 1900, 2199
YEAR_PATTERN = r"^(19|20|21)[0-9]{2}"
NAME_MAX = 200


@dataclass(frozen=True)
class Bound:
    low: float | None = None
    high: float | None = None
    max_length: int | None = None
    years: bool = False  # a date (or a year key) between FIRST_YEAR and LAST_YEAR
    keys_are_years: bool = False


MONEY = Bound(0, MONEY_MAX)
COUNT = Bound(0, COUNT_MAX)
PERIODS = Bound(0, PERIODS_MAX)

# (model class name, field) → bound; a dict field's bound applies to each of its values
RANGES: dict[tuple[str, str], Bound] = {
    ("Problem", "name"): Bound(max_length=NAME_MAX),
    ("TimeFrame", "start"): Bound(years=True),
    ("Budget", "total"): MONEY,
    ("Budget", "yearly_caps"): Bound(0, MONEY_MAX, keys_are_years=True),
    ("EffortOverride", "months"): Bound(1, PERIODS_MAX),
    ("EffortOverride", "cost"): MONEY,
    ("EffortOverride", "staff"): COUNT,
    ("Multipliers", "cost"): Bound(None, 100),
    ("Multipliers", "duration"): Bound(None, 100),
    ("Capacity", "capacity"): COUNT,
    ("CapacityChange", "from_period"): PERIODS,
    ("CapacityChange", "capacity"): COUNT,
    ("ExtraStep", "duration"): PERIODS,
    ("ExtraStep", "cost"): MONEY,
    ("ExtraStep", "staff"): COUNT,
    ("ExtraStep", "demands"): COUNT,
    ("DoneStep", "start"): PERIODS,
    ("DoneStep", "end"): PERIODS,
    ("DoneStep", "cost"): MONEY,
    ("StartedStep", "start"): PERIODS,
    ("PlannedStep", "start"): PERIODS,
    ("Progress", "now"): PERIODS,
    ("Stability", "tolerance"): Bound(0, 10),
    ("SweepRequest", "budgets"): MONEY,
    ("SweepRequest", "tolerance"): MONEY,
    ("SweepRequest", "tier_budget"): MONEY,
}


def _bound(model: type[BaseModel], field: str) -> Bound | None:
    for cls in model.__mro__:
        found = RANGES.get((cls.__name__, field))
        if found is not None:
            return found
    return None


Path = tuple[str | int, ...]


def check_ranges(problem: BaseModel) -> list[tuple[Path, Text]]:
    """Every value of the problem outside its range: (path, what is wrong, zh and en)."""
    out: list[tuple[Path, Text]] = []
    for path, model, field, value in _fields(problem, ()):
        bound = _bound(model, field)
        if bound is not None and value is not None:
            out.extend(_check(path, bound, value))
    return out


def _fields(model: BaseModel, path: Path) -> Iterator[tuple[Path, type[BaseModel], str, Any]]:
    for name in type(model).model_fields:
        value = getattr(model, name)
        yield (*path, name), type(model), name, value
        if isinstance(value, BaseModel):
            yield from _fields(value, (*path, name))
        elif isinstance(value, tuple | list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _fields(item, (*path, name, i))


def _check(path: Path, bound: Bound, value: Any) -> list[tuple[Path, Text]]:
    years = f"{FIRST_YEAR}–{LAST_YEAR}"
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            if bound.keys_are_years and not FIRST_YEAR <= int(key) <= LAST_YEAR:
                out.append(
                    (
                        (*path, key),
                        Text(
                            zh=f"年份 {key} 不在 {years} 之内", en=f"year {key} is outside {years}"
                        ),
                    )
                )
            out.extend(_check((*path, key), Bound(bound.low, bound.high), item))
        return out
    if isinstance(value, str):
        if bound.max_length is not None and len(value) > bound.max_length:
            n, most = len(value), bound.max_length
            return [
                (path, Text(zh=f"{n} 个字符；最多 {most} 个", en=f"{n} characters; at most {most}"))
            ]
        return []
    if isinstance(value, dt.date):
        if bound.years and not FIRST_YEAR <= value.year <= LAST_YEAR:
            return [
                (
                    path,
                    Text(zh=f"须为 {years} 年间的日期", en=f"must be a date in the years {years}"),
                )
            ]
        return []
    if isinstance(value, int | float):
        if not math.isfinite(value):
            return [(path, Text(zh="须为有限的数", en="must be a finite number"))]
        if bound.high is not None and value > bound.high:
            high = f"{bound.high:g}"
            return [
                (
                    path,
                    Text(
                        zh=f"{value:g} 超过本服务的上限 {high}",
                        en=f"{value:g} is above this service's limit of {high}",
                    ),
                )
            ]
        if bound.low is not None and value < bound.low:
            low = f"{bound.low:g}"
            return [(path, Text(zh=f"{value:g} 低于 {low}", en=f"{value:g} is below {low}"))]
    return []


def stray_booleans(model: type[BaseModel], data: Any, path: Path = ()) -> list[Path]:
    """Paths where the raw data gives true/false for a number (pydantic would read it as
    1 or 0)."""
    if not isinstance(data, dict):
        return []
    out: list[Path] = []
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        value, kinds = data[name], _kinds(info.annotation)
        if isinstance(value, bool) and bool not in kinds and kinds & {int, float}:
            out.append((*path, name))
        for kind in kinds:
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                if isinstance(value, dict):
                    out.extend(stray_booleans(kind, value, (*path, name)))
                elif isinstance(value, list):
                    for i, item in enumerate(value):
                        out.extend(stray_booleans(kind, item, (*path, name, i)))
    return out


def _kinds(annotation: Any) -> set[Any]:
    """The plain types an annotation admits (through Optional, unions and tuples)."""
    origin = typing.get_origin(annotation)
    if origin is None:
        return {annotation}
    if origin in (typing.Union, types.UnionType, tuple, list):
        found: set[Any] = set()
        for arg in typing.get_args(annotation):
            if arg is not Ellipsis:
                found |= _kinds(arg)
        return found
    if origin is typing.Annotated:
        return _kinds(typing.get_args(annotation)[0])
    return set()


def annotate_schema(components: dict[str, Any]) -> None:
    """Write the bounds into the OpenAPI component schemas of the planner's models."""
    for name, schema in components.items():
        model = name.split("-")[0]
        for field, prop in (schema.get("properties") or {}).items():
            bound = _lookup(model, field)
            if bound is not None:
                _annotate(prop, bound)


def _lookup(model: str, field: str) -> Bound | None:
    if (model, field) in RANGES:
        return RANGES[(model, field)]
    if model in ("Staff", "Resource") and field == "capacity":
        return RANGES[("Capacity", "capacity")]
    return None


def _annotate(prop: dict[str, Any], bound: Bound) -> None:
    branches = prop.get("anyOf") or [prop]
    for branch in branches:
        nested = {"object": "additionalProperties", "array": "items"}.get(branch.get("type", ""))
        target = branch.get(nested) if nested else branch
        if branch.get("type") == "object" and bound.keys_are_years:
            branch["propertyNames"] = {"pattern": YEAR_PATTERN + "$"}
        if not isinstance(target, dict):
            continue
        kind = target.get("type")
        if kind in ("number", "integer"):
            if bound.high is not None:
                target["maximum"] = bound.high
            if bound.low is not None and "exclusiveMinimum" not in target:
                target["minimum"] = max(bound.low, target.get("minimum", bound.low))
        elif kind == "string" and bound.max_length is not None:
            target["maxLength"] = bound.max_length
        elif kind == "string" and bound.years:
            target["pattern"] = YEAR_PATTERN
    if bound.years or bound.high is not None or bound.max_length is not None:
        note = _note(bound)
        prop["description"] = f"{prop.get('description', '')} ({note})".strip()


def _note(bound: Bound) -> str:
    if bound.years:
        return f"years {FIRST_YEAR}–{LAST_YEAR}"
    if bound.max_length is not None:
        return f"at most {bound.max_length} characters"
    high = bound.high or 0
    shown = f"{high:,.0f}" if high == int(high) else f"{high:g}"
    return f"at most {shown} in this service"


def message(path: Path, what: str) -> str:
    return f"{format_path(path)}: {what}"
