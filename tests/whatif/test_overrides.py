"""Dotted-path overrides on plain problem data."""

from __future__ import annotations

from typing import Any

import pytest

from planner.whatif.overrides import (
    PathError,
    merge,
    parse_path,
    scale_path,
    set_path,
    unset_path,
)


def data() -> dict[str, Any]:
    return {
        "budget": {"total": 1000.0, "yearly_caps": {2027: 300.0, 2028: 400.0}},
        "staff": None,
        "organisation": {"units": [{"id": "dm.rnd.x", "level": 1}, {"id": "y"}]},
        "time": {"horizon": 36},
    }


def test_paths_split_on_dots_and_keep_brackets_whole() -> None:
    tokens = parse_path("organisation.units[dm.rnd.x].level")
    assert [t.text for t in tokens] == ["organisation", "units", "dm.rnd.x", "level"]
    assert [t.text for t in parse_path("a[0][1].b")] == ["a", "0", "1", "b"]


@pytest.mark.parametrize("bad", ["", ".a", "a.", "a..b", "a[", "a[]", "a]b", "a[0]b"])
def test_malformed_paths_are_rejected(bad: str) -> None:
    with pytest.raises(PathError):
        parse_path(bad)


def test_set_replaces_scalars_and_merges_mappings() -> None:
    d = data()
    assert set_path(d, "budget.total", 700) == ("budget", "total")
    assert d["budget"]["total"] == 700
    set_path(d, "budget", {"yearly_caps": {2029: 100}})
    assert d["budget"]["yearly_caps"] == {2027: 300.0, 2028: 400.0, 2029: 100}
    assert d["budget"]["total"] == 700


def test_set_matches_integer_keys_and_creates_missing_mappings() -> None:
    d = data()
    assert set_path(d, "budget.yearly_caps.2028", 10) == ("budget", "yearly_caps", 2028)
    assert d["budget"]["yearly_caps"][2028] == 10
    set_path(d, "staff.capacity", 20)
    assert d["staff"] == {"capacity": 20}


def test_list_elements_by_index_or_id() -> None:
    d = data()
    assert set_path(d, "organisation.units[dm.rnd.x].level", 2) == (
        "organisation",
        "units",
        0,
        "level",
    )
    assert set_path(d, "organisation.units.1.level", 3) == ("organisation", "units", 1, "level")
    assert d["organisation"]["units"][0]["level"] == 2
    assert d["organisation"]["units"][1]["level"] == 3
    # a missing id is created (a library unit given a state)
    set_path(d, "organisation.units[ops.hr].level", 1)
    assert d["organisation"]["units"][2] == {"id": "ops.hr", "level": 1}
    with pytest.raises(PathError, match="out of range"):
        set_path(d, "organisation.units.7.level", 1)


def test_unset_and_scale() -> None:
    d = data()
    unset_path(d, "budget.yearly_caps")
    assert "yearly_caps" not in d["budget"]
    with pytest.raises(PathError, match="not set"):
        unset_path(d, "budget.yearly_caps")
    d = data()
    scale_path(d, "budget", 0.7)
    assert d["budget"] == {"total": 700.0, "yearly_caps": {2027: 210.0, 2028: 280.0}}
    with pytest.raises(PathError, match="no number"):
        scale_path(d, "organisation.units[y]", 2)
    with pytest.raises(PathError, match="single value"):
        set_path(d, "time.horizon.x", 1)


def test_merge_does_not_share_structure() -> None:
    new = {"a": [1, 2]}
    out = merge({"b": 1}, new)
    out["a"].append(3)
    assert new == {"a": [1, 2]}
