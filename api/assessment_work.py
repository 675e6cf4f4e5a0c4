"""Assessments in the service: reading a questionnaire body (JSON, YAML or Excel), scoring it
with ``planner.assessment``, and its errors as problem details naming the place at fault.

Nothing is scored here that ``capplan assess FILE`` would not score the same way: the YAML
and Excel readers are the assessment package's, fed the request body instead of a file.
"""

from __future__ import annotations

import functools
import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from api.errors import ApiError, issues_error
from api.middleware import YAML_TYPES
from api.schemas.common import XLSX
from api.schemas.problems import FieldError, Message
from api.xlsx_guard import check_xlsx
from catalog import load_catalog
from catalog.errors import DataError, Issue
from catalog.models.base import Text
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
INVALID = Text(zh="问卷无效", en="The questionnaire is not valid")


@dataclass(frozen=True)
class Questionnaire:
    """A questionnaire read from a request body, with the target it may carry."""

    assessment: Assessment
    target: dict[str, Any]


def read_questionnaire(raw: bytes, media_type: str) -> Questionnaire:
    """The Assessment of a body; ApiError 415 for another media type, 422 naming the place."""
    if not raw.strip():
        raise invalid(
            [
                Issue.of(
                    "为空；请发送填写好的问卷",
                    "empty; send a filled questionnaire",
                    file=SOURCE,
                    code="empty",
                )
            ]
        )
    if media_type == XLSX:
        return Questionnaire(_read_xlsx(raw), {})
    if media_type in YAML_TYPES or media_type == "application/json" or media_type.endswith("+json"):
        doc = _document(raw, media_type in YAML_TYPES)
        target = _pop_target(doc)
        try:
            return Questionnaire(parse_questionnaire_yaml(doc), target)
        except DataError as exc:
            raise invalid(exc.issues) from exc
    sent = media_type or "no Content-Type"
    raise ApiError(
        415,
        "unsupported-media-type",
        Text(
            zh=f"请求体：{media_type or '未给出 Content-Type'} 不是问卷；请发送 "
            f"application/json、application/yaml 或 {XLSX}",
            en=f"request body: {sent} is not a questionnaire; send "
            f"application/json, application/yaml or {XLSX}",
        ),
        title=Text(zh="不支持的媒体类型", en="Unsupported media type"),
    )


def _document(raw: bytes, is_yaml: bool) -> YamlDocument:
    """The body as a document. JSON is read as JSON; the lines of a JSON body written over
    several lines come from reading the same text as YAML, where that gives the same data."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise invalid(
            [
                Issue.of(
                    f"不是 UTF-8 文本（{exc.reason}）",
                    f"not UTF-8 text ({exc.reason})",
                    file=SOURCE,
                    code="encoding",
                )
            ]
        ) from exc
    if is_yaml:
        try:
            return YamlDocument(text, SOURCE)
        except DataError as exc:
            raise invalid(exc.issues) from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise invalid(
            [Issue.of(f"JSON 格式错误：{exc}", f"invalid JSON: {exc}", file=SOURCE, code="json")]
        ) from exc
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
        problems.append(
            doc.issue(("target_tier",), "须为 1–10 的整数", "must be a whole number 1–10")
        )
    if row is not None and not isinstance(row, str):
        problems.append(
            doc.issue(
                ("target_row",),
                "须为表1行的 id，例如 L3-T7",
                "must be a Table 1 row id, e.g. L3-T7",
            )
        )
    if problems:
        raise invalid(problems)
    return {key: value for key, value in found.items() if value is not None}


def _read_xlsx(raw: bytes) -> Assessment:
    check_xlsx(raw, max_bytes=XLSX_MAX_BYTES, max_cells=XLSX_MAX_CELLS)
    with tempfile.TemporaryDirectory(prefix="capplan-questionnaire-") as folder:
        path = Path(folder) / "questionnaire.xlsx"
        path.write_bytes(raw)
        try:
            return read_questionnaire_xlsx(path)
        except DataError as exc:  # the cell, not the temporary file, is what the client sent
            raise invalid([i.replace(file=SOURCE) for i in exc.issues]) from exc


def invalid(issues: Sequence[Issue]) -> ApiError:
    """422 listing each problem, with the sheet, row and column of an Excel cell, or the key
    path, JSON pointer and line of a JSON or YAML body (read from the issues' fields)."""
    return issues_error(issues, "invalid-questionnaire", INVALID)


# -- scoring ------------------------------------------------------------------------------


def score(assessment: Assessment) -> AssessmentResult:
    try:
        return assess(assessment)
    except DataError as exc:
        raise invalid(exc.issues) from exc


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
            raise _target_error(
                "target_row",
                Text(zh=f"未知的表1行 {target_row!r}", en=f"unknown Table 1 row {target_row!r}"),
                where,
            )
    try:
        return gap_analysis(result, target_tier, row=target_row)
    except DataError as exc:
        field = "target_row" if target_row is not None else "target_tier"
        message = Text(
            zh="；".join(i.message.zh for i in exc.issues),
            en="; ".join(i.message.en for i in exc.issues),
        )
        raise _target_error(field, message, where) from exc


@functools.cache
def row_tiers() -> dict[str, int]:
    """The tier of every Table 1 row id and reading key (L3-T7, L1-T4/alt1)."""
    tiers: dict[str, int] = {}
    for reading in row_readings(load_catalog()).values():
        tiers[reading.key] = tiers[reading.row.id] = reading.row.tier
    return dict(sorted(tiers.items()))


def _target_error(field: str, message: Text, where: str) -> ApiError:
    error = FieldError(
        field=field,
        msg=message.zh,
        loc=[field],
        message=Message(zh=message.zh, en=message.en),
    )
    if where == "query":
        error.parameter, error.location = field, "query"
    else:
        error.pointer = f"/{field}"
    query = where == "query"
    return ApiError(
        422,
        "invalid-target",
        Text(
            zh=f"{'查询参数 ' if query else ''}{field}: {message.zh}",
            en=f"{'query parameter ' if query else ''}{field}: {message.en}",
        ),
        title=Text(zh="目标无效", en="The target is not valid"),
        errors=[error],
    )
