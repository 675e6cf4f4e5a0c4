"""Every label table is registered with the one lookup (catalog.labels), and each of its
labels has both languages with the same placeholders."""

from __future__ import annotations

import importlib
import string

import pytest

from catalog.labels import TABLES, Labels

MODULES = {  # where each table lives (importing the module registers it)
    "catalog": "catalog.cli_render",
    "report": "planner.report.labels",
    "assessment": "planner.assessment.labels",
    "whatif": "planner.whatif.labels",
    "risk": "planner.risk.labels",
    "deliver": "planner.deliver.words",
}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_each_table_is_registered_and_bilingual(name: str) -> None:
    importlib.import_module(MODULES[name])
    table = TABLES[name]
    assert table
    bad = [
        key
        for key, (zh, en) in table.items()
        if not zh or not en or placeholders(zh) != placeholders(en)
    ]
    assert not bad, f"{name}: labels missing a language or with different placeholders: {bad}"


def test_the_lookup() -> None:
    label = Labels("test-lookup", {"a": ("甲{n}", "A {n}"), "b": ("乙", "B")})
    assert (label("b", "zh"), label("b", "en")) == ("乙", "B")
    assert label("a", "en", n=3) == "A 3" and label("a", "zh", n=3) == "甲3"
    with pytest.raises(KeyError):
        label("c", "zh")
    with pytest.raises(RuntimeError, match="twice"):
        Labels("test-lookup", {})
