"""Every deliberately broken questionnaire is rejected with an error naming where it is wrong.

tests/data/broken_questionnaires/expected.yaml maps each file (YAML: file, key path and line;
Excel: sheet, row and column) to a regular expression its error must match.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from catalog.errors import DataError
from planner.assessment.files import load_assessment

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken_questionnaires"
EXPECTED: dict[str, str] = yaml.safe_load((BROKEN / "expected.yaml").read_text(encoding="utf-8"))
FILES = sorted(p.name for p in BROKEN.iterdir() if p.name != "expected.yaml")


def test_every_file_has_its_expectation() -> None:
    assert sorted(EXPECTED) == FILES
    kinds = {name.split("_", 1)[0] for name in FILES}
    assert kinds == {"yaml", "xlsx"}


@pytest.mark.parametrize("name", FILES)
def test_broken_questionnaire_is_rejected_with_a_clear_error(name: str) -> None:
    with pytest.raises(DataError) as info:
        load_assessment(BROKEN / name)
    message = str(info.value)
    assert re.search(EXPECTED[name], message, re.MULTILINE), (
        f"{name}: /{EXPECTED[name]}/ not in:\n{message}"
    )
    # the error is about the defect, not a cascade: one problem per broken file
    assert len(info.value.problems) == 1, message
