"""Questionnaires: generated from the catalogue, filled, read back, scored."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from catalog import Catalog
from catalog.models.base import Lang
from planner.assessment import Assessment, assess
from planner.assessment.files import load_assessment, write_questionnaire
from planner.assessment.items import requirement_items
from planner.assessment.questionnaire_yaml import questionnaire_yaml
from planner.assessment.rules import ASPECTS, ScoringRules
from planner.assessment.vocab import Vocabulary
from tests.assessment.conftest import INDUSTRY, SCENARIOS, for_tier


def fill_workbook(path: Path, assessment: Assessment, vocab: Vocabulary, lang: Lang) -> None:
    """Fill a blank Excel questionnaire cell by cell, as a planner would."""
    wb = load_workbook(path)
    requirements = wb["要求" if lang == "zh" else "Requirements"]
    for row in requirements.iter_rows(min_row=2):
        given = assessment.answers.get(str(row[3].value))
        if given is not None and given.answer is not None:
            row[5].value = vocab.label("answer", given.answer, lang)
            row[6].value = f"证据 {row[3].value}"
    table1 = wb["表1" if lang == "zh" else "Table 1"]
    for row in table1.iter_rows(min_row=2):
        answer = assessment.table1.get(str(row[0].value))
        if answer is None:
            continue
        row[2].value = vocab.label(
            vocab.kind_of(str(row[0].value), "breadth"), answer.breadth, lang
        )
        for cell, aspect in zip(row[3:6], ASPECTS, strict=True):
            cell.value = vocab.label(aspect, getattr(answer, aspect), lang)
    organisation = wb["组织" if lang == "zh" else "Organisation"]
    organisation["C4"] = "华东某装备制造集团"
    wb.save(path)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_excel_round_trip(
    lang: Lang, tmp_path: Path, catalog: Catalog, rules: ScoringRules
) -> None:
    path = tmp_path / f"questionnaire-{lang}.xlsx"
    write_questionnaire(path, INDUSTRY, lang)
    blank = load_assessment(path)
    assert assess(blank).tier == 0
    original = for_tier(7)
    fill_workbook(path, original, Vocabulary(catalog, rules), lang)
    read = load_assessment(path)
    assert read.organisation.name == "华东某装备制造集团"
    assert read.organisation.main_scenarios == SCENARIOS
    given = {k: v.answer for k, v in read.answers.items() if v.answer is not None}
    assert given == {k: v.answer for k, v in original.answers.items()}
    assert read.answers["5.2.2.1 a"].evidence == "证据 5.2.2.1 a"
    assert read.table1["production"] == original.table1["production"]
    expected, result = assess(original), assess(read)
    assert expected.tier == 7
    assert (result.level, result.tier, result.row) == (expected.level, 7, expected.row)
    assert result.subdomains == expected.subdomains


def test_excel_questionnaire_layout(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "q.xlsx"
    write_questionnaire(path, INDUSTRY)  # Chinese by default
    wb = load_workbook(path)
    assert wb.sheetnames == ["说明", "组织", "要求", "表1", "选项"]
    sheet = wb["要求"]
    clauses = {str(r[3].value) for r in sheet.iter_rows(min_row=2)}
    assert {i.id for i in requirement_items(catalog)} <= clauses
    assert [c.value for c in sheet[1]] == [
        "等级",
        "评价域",
        "子域",
        "条款",
        "要求",
        "答复",
        "证据/说明",
    ]
    assert sheet.data_validations.dataValidation, "answers are chosen from a list"
    groups = [r[0].value for r in wb["表1"].iter_rows(min_row=2)]
    assert groups == [*SCENARIOS, "organisation"]
    english = tmp_path / "q-en.xlsx"
    write_questionnaire(english, INDUSTRY, "en")
    assert load_workbook(english).sheetnames == [
        "Guide",
        "Organisation",
        "Requirements",
        "Table 1",
        "Options",
    ]


def test_labels_of_either_language_and_ids_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "q.xlsx"
    write_questionnaire(path, INDUSTRY)
    wb = load_workbook(path)
    sheet = wb["要求"]
    for row in sheet.iter_rows(min_row=2):
        if row[3].value == "5.2.2.1 a":
            row[5].value = "Partly met"
        elif row[3].value == "5.2.2.1 b":
            row[5].value = "not_met"
    wb["表1"]["C2"] = "Main scenario"
    wb["表1"]["D2"] = "信息系统集成"  # the depth category's own name
    wb.save(path)
    read = load_assessment(path)
    assert read.answers["5.2.2.1 a"].answer == "partly_met"
    assert read.answers["5.2.2.1 b"].answer == "not_met"
    assert (read.table1["rnd"].breadth, read.table1["rnd"].data_collection) == (
        "main_scenario",
        "is_integration",
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_yaml_round_trip(lang: Lang, tmp_path: Path) -> None:
    blank = tmp_path / "blank.yaml"
    write_questionnaire(blank, INDUSTRY, lang)
    assert assess(load_assessment(blank)).unanswered == 407
    original = for_tier(9)
    filled = tmp_path / "filled.yaml"
    filled.write_text(questionnaire_yaml(INDUSTRY, lang, assessment=original), encoding="utf-8")
    read = load_assessment(filled)
    assert {k: v for k, v in read.answers.items() if v.answer} == original.answers
    assert read.table1 == original.table1
    assert assess(read).tier == 9


def test_yaml_questionnaire_shows_the_requirements_in_chinese_by_default() -> None:
    text = questionnaire_yaml(INDUSTRY)
    assert "处于规范级的组织，应构建和形成的竞争合作优势包括但不限于" in text
    assert '"5.2.6.2 e 3": {answer: null, evidence: null}' in text
    assert "〔建议项〕有条件的组织" in text
    english = questionnaire_yaml(INDUSTRY, "en")
    assert "[advisory] Organisations where conditions permit" in english


def test_shorthand_answers_in_yaml(tmp_path: Path) -> None:
    text = questionnaire_yaml(INDUSTRY).replace(
        '"5.2.2.1 a": {answer: null, evidence: null}', '"5.2.2.1 a": 满足'
    )
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_assessment(path).answers["5.2.2.1 a"].answer == "met"
