"""One entry point for every export: the format's bytes, its media type and file name, and
``write_all`` for ``capplan plan --export DIR``."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from catalog import Catalog
from catalog.errors import DataError
from catalog.models.base import Lang
from catalog.yamlio import pydantic_issues
from planner.deliver.context import ExportContext, export_context
from planner.model.extras import require
from planner.result.plan_result import PlanResult

if TYPE_CHECKING:
    from planner.assessment.models import AssessmentResult


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    media_type: str
    write: Callable[[ExportContext], bytes]


def _xlsx(ctx: ExportContext) -> bytes:
    require("openpyxl", "office")  # a clear message when the extra is missing
    from planner.deliver.xlsx import write_xlsx

    return write_xlsx(ctx)


def _pptx(ctx: ExportContext) -> bytes:
    require("pptx", "office")  # a clear message when the extra is missing
    from planner.deliver.pptx_deck import write_pptx

    return write_pptx(ctx)


def _docx(ctx: ExportContext) -> bytes:
    require("docx", "office")  # a clear message when the extra is missing
    from planner.deliver.docx_report import write_docx

    return write_docx(ctx)


def _mspdi(ctx: ExportContext) -> bytes:
    from planner.deliver.mspdi import write_mspdi

    return write_mspdi(ctx)


OOXML = "application/vnd.openxmlformats-officedocument"
FORMATS: dict[str, Format] = {
    "xlsx": Format("xlsx", ".xlsx", f"{OOXML}.spreadsheetml.sheet", _xlsx),
    "pptx": Format("pptx", ".pptx", f"{OOXML}.presentationml.presentation", _pptx),
    "docx": Format("docx", ".docx", f"{OOXML}.wordprocessingml.document", _docx),
    "mspdi": Format("mspdi", ".xml", "application/vnd.ms-project+xml", _mspdi),
}


class NoRoadmap(ValueError):
    """The result has no roadmap to export (infeasible, invalid input, no solution)."""


def export(
    result: PlanResult, fmt: str, lang: Lang = "zh", catalog: Catalog | None = None
) -> bytes:
    """The file of one format; KeyError for an unknown format, NoRoadmap without a roadmap."""
    spec = FORMATS[fmt]
    if result.roadmap is None or result.problem is None:
        raise NoRoadmap(f"status {result.status}: no roadmap to export")
    return spec.write(export_context(result, lang, catalog))


def write_all(
    result: PlanResult,
    out: Path,
    lang: Lang = "zh",
    stem: str = "roadmap",
    assessment: AssessmentResult | None = None,
) -> list[Path]:
    """All four files plus the full HTML report and the executive summary, into ``out``."""
    from planner.deliver.summary import render_executive
    from planner.report import render_roadmap

    if result.roadmap is None or result.problem is None:
        raise NoRoadmap(f"status {result.status}: no roadmap to export")
    out.mkdir(parents=True, exist_ok=True)
    ctx = export_context(result, lang, assessment=assessment)
    written = []
    for spec in FORMATS.values():
        path = out / f"{stem}{spec.suffix}"
        path.write_bytes(spec.write(ctx))
        written.append(path)
    for name, html in (
        (f"{stem}.html", render_roadmap(result, lang, assessment=assessment)),
        (f"{stem}-summary.html", render_executive(result, lang)),
    ):
        path = out / name
        path.write_text(html, encoding="utf-8")
        written.append(path)
    return written


def load_result(path: Path) -> PlanResult | None:
    """A saved result (``capplan plan --json``), or None when the file is not one.

    DataError naming the file when it looks like a result but does not validate.
    """
    if path.suffix.lower() != ".json":
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or "status" not in data:
        return None
    try:
        return PlanResult.model_validate(data)
    except ValidationError as exc:
        raise DataError([i.replace(file=str(path)) for i in pydantic_issues(exc, None)]) from exc
