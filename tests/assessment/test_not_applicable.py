"""An item answered not applicable (with a required reason), in YAML and Excel, carried into
the assessment's items not applicable and into the planner state it hands over; and the
hand-off's items met under the scoring rules actually used."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from catalog.errors import DataError
from catalog.loader import DATA_DIR
from catalog.models.base import Lang
from planner.assessment import Assessment, ItemAnswer, assess, load_rules, to_problem
from planner.assessment.files import load_assessment, write_questionnaire
from planner.assessment.questionnaire_yaml import questionnaire_yaml
from planner.compile.instance import build_instance
from tests.assessment.conftest import INDUSTRY, TIME, for_tier, make

ITEM = "5.2.2.3 b"  # strategy.value_model at L1 (two items)
REASON = "本组织为非营利机构，不涉及该价值模式"


def _with_na(reason: str | None = REASON) -> Assessment:
    base = for_tier(5)
    answers = dict(base.answers)
    answers[ITEM] = ItemAnswer(answer="not_applicable", reason=reason)
    return base.model_copy(update={"answers": answers})


def test_not_applicable_never_counts_as_met_nor_holds_a_level_back() -> None:
    result = assess(_with_na())
    assert (result.level, result.tier) == (1, 5)
    assert [(n.clause, n.reason) for n in result.not_applicable] == [(ITEM, REASON)]
    assert result.items_met is not None and ITEM not in result.items_met
    not_met = assess(make(1, for_tier(5).table1, {ITEM: "not_met"}))
    assert not_met.level == 0  # answered not met, the same item holds L1 back


def test_the_hand_off_declares_it_not_applicable() -> None:
    result = assess(_with_na())
    problem = to_problem(result, {"tier": 6}, TIME)
    assert problem.organisation is not None
    spec = problem.organisation.requirements
    assert [(n.item, n.reason) for n in spec.not_applicable] == [(ITEM, REASON)]
    assert ITEM not in spec.met
    instance = build_instance(problem)
    assert ITEM in instance.maturity.not_applicable
    assert ITEM not in instance.state.items  # never counted as met
    assert instance.current_tier == result.tier == 5


def test_not_applicable_without_a_reason_is_refused() -> None:
    with pytest.raises(DataError, match=rf"answers\.{ITEM}: answered not applicable without"):
        assess(_with_na(reason="  "))


def test_yaml_not_applicable_round_trip_and_missing_reason(tmp_path: Path) -> None:
    filled = tmp_path / "filled.yaml"
    filled.write_text(questionnaire_yaml(INDUSTRY, "en", assessment=_with_na()), "utf-8")
    text = filled.read_text("utf-8")
    assert f'"{ITEM}": {{answer: "not_applicable", evidence: null, reason: "{REASON}"}}' in text
    read = load_assessment(filled)
    assert read.answers[ITEM] == ItemAnswer(answer="not_applicable", reason=REASON)
    assert [n.clause for n in assess(read).not_applicable] == [ITEM]
    broken = tmp_path / "broken.yaml"
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.strip().startswith(f'"{ITEM}"'))
    broken.write_text(text.replace(f', reason: "{REASON}"', ""), "utf-8")
    with pytest.raises(DataError) as err:
        load_assessment(broken)
    message = "\n".join(map(str, err.value.problems))
    assert f"(line {line}): answered not applicable without a reason" in message


@pytest.mark.parametrize(("lang", "label"), [("zh", "不适用"), ("en", "not applicable")])
def test_excel_not_applicable_with_the_reason_in_the_evidence_column(
    lang: Lang, label: str, tmp_path: Path
) -> None:
    path = tmp_path / "q.xlsx"
    write_questionnaire(path, INDUSTRY, lang, assessment=_with_na())
    read = load_assessment(path)
    assert read.answers[ITEM].answer == "not_applicable"
    assert read.answers[ITEM].reason == REASON
    wb = load_workbook(path)
    sheet = wb["要求" if lang == "zh" else "Requirements"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[3].value == ITEM)
    assert row[5].value == label
    row[6].value = None  # the reason left out
    wb.save(path)
    with pytest.raises(DataError) as err:
        load_assessment(path)
    message = "\n".join(map(str, err.value.problems))
    assert f"row {row[0].row}, column G" in message and "without a reason" in message


def test_the_hand_off_uses_the_scoring_rules_actually_used(tmp_path: Path) -> None:
    """With partly met items counting whenever none is not met (min_met_share 0), one partly
    met item of a two-item section lets L1 hold, so the planner state counts it as met; the
    bundled rules (0.8) would not."""
    text = (DATA_DIR / "assumptions" / "assessment_scoring.yaml").read_text("utf-8")
    assert text.count("min_met_share: 0.8") == 1
    lenient_file = tmp_path / "scoring.yaml"
    lenient_file.write_text(text.replace("min_met_share: 0.8", "min_met_share: 0.0"), "utf-8")
    lenient = load_rules(lenient_file)
    assessment = make(1, for_tier(5).table1, {ITEM: "partly_met"})
    assert assess(assessment).level == 0  # bundled rules: L1 does not hold
    result = assess(assessment, lenient)
    assert (result.level, result.tier) == (1, 5)
    problem = to_problem(result, {"tier": 6}, TIME)
    assert problem.organisation is not None
    assert ITEM in problem.organisation.requirements.met
    assert build_instance(problem).current_tier == 5


def test_capplan_assess_names_the_item_and_its_reason(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from planner.cli import app

    filled = tmp_path / "filled.yaml"
    filled.write_text(questionnaire_yaml(INDUSTRY, "zh", assessment=_with_na()), "utf-8")
    out = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["assess", str(filled)])
    assert out.exit_code == 0, out.output
    assert f"不适用：{ITEM}（理由：{REASON}）" in out.output
