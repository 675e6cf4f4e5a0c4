"""Column letters of the Excel questionnaire, computed without openpyxl (the xlsx extra)."""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from planner.assessment.xlsx_layout import column_letter


def test_column_letters_match_excel() -> None:
    assert [column_letter(i) for i in (1, 2, 26, 27, 52, 53, 702, 703)] == [
        "A", "B", "Z", "AA", "AZ", "BA", "ZZ", "AAA"
    ]  # fmt: skip
    assert all(column_letter(i) == get_column_letter(i) for i in range(1, 2000))
