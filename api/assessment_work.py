"""Assessments in the service: reading a questionnaire body (JSON, YAML or Excel), scoring it
with ``planner.assessment``, and its errors as problem details naming the place at fault.

Nothing is scored here that ``capplan assess FILE`` would not score the same way: the YAML
and Excel readers are the assessment package's, fed the request body instead of a file.
"""

from __future__ import annotations

import functools
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from api.errors import ApiError
from api.middleware import YAML_TYPES
from api.schemas.common import XLSX
from api.schemas.problems import FieldError
from api.xlsx_guard import check_xlsx
from catalog import load_catalog
from catalog.errors import DataError
from catalog.yamlio import YamlDocument
from planner.assessment import assess, gap_analysis
from planner.assessment.gap import GapResult
from planner.assessment.models import Assessment, AssessmentResult
from planner.assessment.questionnaire_yaml import parse_questionnaire_yaml
from planner.assessment.xlsx_read import read_questionnaire_xlsx
from planner.compile.state import row_readings

SOURCE = "request body"
XLSX_MAX_BYTES = 20_000_000  # decompressed; the blank questionnaire is about 0.3 MB
XLSX_MAX_CELLS = 50_000  # the blank questionnaire has about 4,000
TARGET_KEYS = ("target_tier", "target_row")
_SHEET = re.compile(
    r"^sheet (?P<sheet>[^,:]+)(?:, row (?P<row>\d+))?"
    r"(?:, column (?P<column>[A-Z]+) \((?P<header>[^)]*)\))?: (?P<msg>.*)$",
    re.S,
)
_PATH = re.compile(r"^(?P<path>[^\s:(][^:]*?)(?: \(line (?P<line>\d+)\))?: (?P<msg>.*)$", re.S)
_LINE = re.compile(r"^line (?P<line>\d+): (?P<msg>.*)$", re.S)


@dataclass(frozen=True)
class Questionnaire:
    """A questionnaire read from a request body, with the target it may carry."""

    assessment: Assessment
    target: dict[str, Any]


def read_questionnaire(raw: bytes, media_type: str) -> Questionnaire:
    """The Assessment of a body; ApiError 415 for another media type, 422 naming the place."""
    if not raw.strip():
        raise invalid(["request body: empty; send a filled questionnaire"])
    if media_type == XLSX:
        return Questionnaire(_read_xlsx(raw), {})
    if media_type in YAML_TYPES or media_type == "application/json" or media_type.endswith("+json"):
        doc = _document(raw, media_type in YAML_TYPES)
        target = _pop_target(doc)
        try:
            return Questionnaire(parse_questionnaire_yaml(doc), target)
        except DataError as exc:
            raise invalid(exc.problems, doc) from exc
    raise ApiError(
        415,
        "unsupported-media-type",
        f"request body: {media_type or 'no Content-Type'} is not a questionnaire; send "
        f"application/json, application/yaml or {XLSX}",
        title="Unsupported media type",
    )


def _document(raw: bytes, is_yaml: bool) -> YamlDocument:
    """The body as a document. JSON is read as JSON; the lines of a JSON body written over
    several lines come from reading the same text as YAML, where that gives the same data."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise invalid([f"{SOURCE}: not UTF-8 text ({exc.reason})"]) from exc
    if is_yaml:
        try:
            return YamlDocument(text, SOURCE)
        except DataError as exc:
            raise invalid(exc.problems) from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise invalid([f"{SOURCE}: invalid JSON: {exc}"]) from exc
    if "\n" in text.strip():
        try:
            doc = YamlDocument(text, SOURCE)
            if doc.data == data:
                return doc
        except DataError:
            pass
    doc = YamlDocument("null", SOURCE)
    doc.data, doc.lines = data, {}
    return doc


def _pop_target(doc: YamlDocument) -> dict[str, Any]:
    """``target_tier`` and ``target_row`` given in the body (not questionnaire sections)."""
    if not isinstance(doc.data, dict):
        return {}
    found = {key: doc.data.pop(key) for key in TARGET_KEYS if key in doc.data}
    tier, row = found.get("target_tier"), found.get("target_row")
    problems = []
    if tier is not None and (isinstance(tier, bool) or not isinstance(tier, int)):
        problems.append(f"{doc.where(('target_tier',))}: must be a whole number 1–10")
    if row is not None and not isinstance(row, str):
        problems.append(f"{doc.where(('target_row',))}: must be a Table 1 row id, e.g. L3-T7")
    if problems:
        raise invalid(problems, doc)
    return {key: value for key, value in found.items() if value is not None}


def _read_xlsx(raw: bytes) -> Assessment:
    check_xlsx(raw, max_bytes=XLSX_MAX_BYTES, max_cells=XLSX_MAX_CELLS)
    with tempfile.TemporaryDirectory(prefix="capplan-questionnaire-") as folder:
        path = Path(folder) / "questionnaire.xlsx"
        path.write_bytes(raw)
        try:
            return read_questionnaire_xlsx(path)
        except DataError as exc:
            problems = [p.replace(str(path), SOURCE) for p in exc.problems]
            raise invalid(problems) from exc


def invalid(problems: list[str], doc: YamlDocument | None = None) -> ApiError:
    """422 listing each problem, with the sheet, row and column of an Excel cell, or the key
    path, JSON pointer and line of a JSON or YAML body."""
    return ApiError(
        422,
        "invalid-questionnaire",
        "; ".join(problems),
        title="The questionnaire is not valid",
        errors=[_field_error(p, doc) for p in problems],
    )


def _field_error(problem: str, doc: YamlDocument | None) -> FieldError:
    text = problem.removeprefix(f"{SOURCE}: ")
    sheet = _SHEET.match(text)
    if sheet is not None:
        return FieldError(
            sheet=sheet["sheet"],
            row=int(sheet["row"]) if sheet["row"] else None,
            column=sheet["column"],
            msg=sheet["msg"],
        )
    syntax = _LINE.match(text)
    if syntax is not None:
        return FieldError(line=int(syntax["line"]), msg=syntax["msg"])
    found = _PATH.match(text) if doc is not None else None
    if doc is None or found is None:
        return FieldError(msg=problem)
    path = found["path"] if found["path"] != "<root>" else ""
    return FieldError(
        field=path or None,
        pointer=pointer_of(doc.data, path),
        line=int(found["line"]) if found["line"] else None,
        msg=found["msg"],
    )


def pointer_of(data: Any, dotted: str) -> str:
    """The JSON pointer of a dotted key path whose keys may contain dots themselves (item
    ids "5.2.2.1 a", subdomains "strategy.value_model"), matched against the data."""
    parts: list[str] = []
    rest, node = dotted, data
    while rest:
        keys = sorted(map(str, node), key=len, reverse=True) if isinstance(node, dict) else []
        key = next((k for k in keys if rest == k or rest.startswith(f"{k}.")), None)
        if key is None:
            parts.append(rest)
            break
        parts.append(key)
        node = node.get(key) if key in node else node.get(_number(key))
        rest = rest[len(key) + 1 :]
    return "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def _number(key: str) -> Any:
    return int(key) if key.isdigit() else key


# -- scoring ------------------------------------------------------------------------------


def score(assessment: Assessment) -> AssessmentResult:
    try:
        return assess(assessment)
    except DataError as exc:
        raise invalid(exc.problems) from exc


def gap_of(
    result: AssessmentResult, target_tier: int | None, target_row: str | None, where: str
) -> GapResult | None:
    """The gap to the target (none without a target); a target row alone names its tier
    (L3-T7: tier 7); 422 naming ``where`` the target came from (query or body) when its row
    does not fit."""
    if target_tier is None:
        if target_row is None:
            return None
        target_tier = row_tiers().get(target_row)
        if target_tier is None:
            raise _target_error("target_row", f"unknown Table 1 row {target_row!r}", where)
    try:
        return gap_analysis(result, target_tier, row=target_row)
    except DataError as exc:
        field = "target_row" if target_row is not None else "target_tier"
        message = "; ".join(p.split(": ", 1)[-1] for p in exc.problems)
        raise _target_error(field, message, where) from exc


@functools.cache
def row_tiers() -> dict[str, int]:
    """The tier of every Table 1 row id and reading key (L3-T7, L1-T4/alt1)."""
    tiers: dict[str, int] = {}
    for reading in row_readings(load_catalog()).values():
        tiers[reading.key] = tiers[reading.row.id] = reading.row.tier
    return dict(sorted(tiers.items()))


def _target_error(field: str, message: str, where: str) -> ApiError:
    error = FieldError(field=field, msg=message)
    if where == "query":
        error.parameter, error.location = field, "query"
    else:
        error.pointer = f"/{field}"
    label = f"query parameter {field}" if where == "query" else field
    return ApiError(
        422,
        "invalid-target",
        f"{label}: {message}",
        title="The target is not valid",
        errors=[error],
    )
