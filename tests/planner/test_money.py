"""The one money formatter: yuan (or 万元) as 万元 text."""

from __future__ import annotations

from planner.model.money import MONEY_SCALE, money_text


def test_yuan_as_wan_with_separators_and_digits() -> None:
    assert MONEY_SCALE == 10_000
    assert money_text(12_345_678) == "1,234.57"
    assert money_text(12_345_678, 1) == "1,234.6"
    assert money_text(12_345_678, 0) == "1,235"
    assert money_text(-5_000) == "-0.50"


def test_amounts_already_in_wan_signs_and_unknown() -> None:
    assert money_text(1234.5, in_wan=True) == "1,234.50"
    assert money_text(30_000, signed=True) == "+3.00"
    assert money_text(-30_000, signed=True) == "-3.00"
    assert money_text(None) == money_text(None, 1, in_wan=True) == "–"
