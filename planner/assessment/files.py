"""Questionnaire files: YAML or Excel, chosen by the file's suffix."""

from __future__ import annotations

from pathlib import Path

from catalog import Catalog
from catalog.errors import DataError, Issue
from catalog.models.base import Lang
from planner.assessment.models import Assessment
from planner.assessment.questionnaire_yaml import questionnaire_yaml, read_questionnaire_yaml
from planner.assessment.rules import ScoringRules
from planner.assessment.xlsx_read import read_questionnaire_xlsx
from planner.assessment.xlsx_write import write_questionnaire_xlsx

EXCEL = (".xlsx", ".xlsm")


def load_assessment(
    path: str | Path, catalog: Catalog | None = None, rules: ScoringRules | None = None
) -> Assessment:
    """Read a filled questionnaire (.xlsx, or YAML/JSON otherwise); DataError when broken."""
    path = Path(path)
    if not path.is_file():
        raise DataError([Issue.of("文件不存在", "no such file", file=str(path))])
    if path.suffix.lower() in EXCEL:
        return read_questionnaire_xlsx(path, catalog, rules)
    return read_questionnaire_yaml(path, catalog, rules)


def write_questionnaire(
    path: str | Path,
    industry: str,
    lang: Lang = "zh",
    catalog: Catalog | None = None,
    rules: ScoringRules | None = None,
    assessment: Assessment | None = None,
) -> None:
    """Write a blank (or pre-filled) questionnaire as .xlsx or YAML, by suffix."""
    path = Path(path)
    if path.suffix.lower() in EXCEL:
        write_questionnaire_xlsx(path, industry, lang, catalog, rules, assessment)
    else:
        text = questionnaire_yaml(industry, lang, catalog, rules, assessment)
        path.write_text(text, encoding="utf-8")
