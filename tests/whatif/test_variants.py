"""Scenario documents: base + variants, derived and re-validated; errors name path and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.errors import DataError
from planner.compile.instance import build_instance
from planner.model.problem import load_problem
from planner.whatif.variants import derive, load_scenario, parse_scenario
from tests.whatif.conftest import SCENARIOS, WHATIF

WHATIF_FILES = sorted(WHATIF.glob("*.yaml"))


@pytest.mark.parametrize("path", WHATIF_FILES, ids=[p.stem for p in WHATIF_FILES])
def test_bundled_whatif_files_load_on_the_unchanged_problem(path: Path) -> None:
    scenario = load_scenario(path)
    assert scenario.base == load_problem(SCENARIOS / path.name)
    assert len(scenario.variants) >= 2
    for variant in scenario.variants:
        assert variant.problem != scenario.base
        assert variant.description is not None and variant.description.en
        assert variant.changes


def test_a_plain_problem_file_is_a_scenario_without_variants() -> None:
    scenario = load_scenario(SCENARIOS / "discrete_manufacturer.yaml")
    assert scenario.variants == ()
    assert [v.name for v in scenario.all()] == ["base"]


def test_overrides_apply_in_order_and_leave_the_base_untouched() -> None:
    base = load_problem(SCENARIOS / "discrete_manufacturer.yaml")
    variant = derive(
        base,
        {
            "name": "v",
            "unset": ["budget.yearly_caps"],
            "set": {"budget": {"total": 2000}, "target.tier": 8, "staff.capacity": 20},
            "scale": {"budget.total": 0.5},
        },
    )
    assert variant.problem.budget.total == 1000
    assert variant.problem.budget.yearly_caps == {}
    assert variant.problem.target is not None and variant.problem.target.tier == 8
    assert variant.problem.staff is not None and variant.problem.staff.capacity == 20
    assert base.budget.total == 6600 and base.budget.yearly_caps
    assert [c.en for c in variant.changes] == [
        "yearly caps back to default",
        "total budget = 2000",
        "target tier = 8",
        "staff capacity = 20",
        "total budget × 0.5",
    ]
    assert [c.zh for c in variant.changes] == [
        "年度投入上限：恢复默认",
        "总预算 = 2000",
        "目标档次 = 8",
        "人力容量 = 20",
        "总预算 × 0.5",
    ]


def test_a_mapping_set_whole_is_said_key_by_key_not_as_a_python_dict() -> None:
    base = load_problem(SCENARIOS / "discrete_manufacturer.yaml")
    freeze = {"capacity": 10, "changes": [{"from_period": 6, "capacity": 12}]}
    for staff, en, zh in (
        (
            {"capacity": 10, "changes": []},
            "staff capacity = 10; staff capacity changes = none",
            "人力容量 = 10；人力容量变化 = 无",
        ),
        (
            freeze,
            "staff capacity = 10; staff capacity changes = (from_period 6, capacity 12)",
            "人力容量 = 10；人力容量变化 = (from_period 6，capacity 12)",
        ),
    ):
        variant = derive(base, {"name": "freeze", "set": {"staff": staff}})
        assert [(c.en, c.zh) for c in variant.changes] == [(en, zh)]
        assert "{" not in en and "[" not in en


def test_changes_name_units_steps_and_yearly_caps_in_each_language() -> None:
    base = load_problem(SCENARIOS / "discrete_manufacturer.yaml")
    variant = derive(
        base,
        {
            "name": "v",
            "set": {"budget.yearly_caps.2027": 300},
            "add_steps": [{"id": "erp-upgrade", "duration": 2}],
        },
    )
    assert [(c.zh, c.en) for c in variant.changes] == [
        ("2027年度投入上限 = 300", "2027 yearly cap = 300"),
        ("新增步骤 erp-upgrade", "+ step erp-upgrade"),
    ]


def test_removing_a_library_unit_lists_the_others() -> None:
    base = load_problem(SCENARIOS / "discrete_manufacturer.yaml")
    before = build_instance(base).org.units
    variant = derive(base, {"name": "v", "remove_units": ["dm.production.logistics"]})
    org = variant.problem.organisation
    assert org is not None and not org.use_library
    after = build_instance(variant.problem).org.units
    assert set(before) - set(after) == {"dm.production.logistics"}
    assert [u for u in before if u != "dm.production.logistics"] == list(after)


def test_removing_a_prerequisite_names_its_dependants() -> None:
    base = load_problem(SCENARIOS / "discrete_manufacturer.yaml")
    with pytest.raises(DataError, match=r"variants\[0\]\.remove_units\[0\].*prerequisite of"):
        derive(base, {"name": "v", "remove_units": ["ops.procurement"]})
    with pytest.raises(DataError, match=r"remove_units\[0\].*not a unit"):
        derive(base, {"name": "v", "remove_units": ["nope"]})


def test_adding_a_unit_and_a_step(small_text: str) -> None:
    scenario = parse_scenario(small_text, "small.yaml")
    unit = {
        "id": "e",
        "name": {"zh": "戊", "en": "E"},
        "perspective": "subject",
        "main_scenario": "rnd",
    }
    variant = derive(
        scenario.base,
        {"name": "v", "add_units": [unit], "add_steps": [{"id": "erp", "duration": 2, "cost": 30}]},
    )
    assert "e" in build_instance(variant.problem).org.units
    assert [s.id for s in variant.problem.extra_steps] == ["erp"]
    removed = derive(variant.problem, {"name": "w", "remove_steps": ["erp"]})
    assert removed.problem.extra_steps == ()


def test_an_invalid_override_names_the_variant_path_and_line() -> None:
    text = """\
base_file: discrete_manufacturer.yaml
variants:
  - name: fine
    set: {budget.total: 1000}
  - name: cheap
    set:
      budget.total: 900
  - name: broken
    set:
      budget.total: -5
"""
    with pytest.raises(DataError) as info:
        parse_scenario(text, "w.yaml", SCENARIOS)
    assert info.value.problems == [
        "w.yaml: variants[2].set.budget.total (line 10): variant 'broken': "
        "Input should be greater than or equal to 0"
    ]
    (issue,) = info.value.issues  # a value: the place in the scenario file, both languages
    assert (issue.file, issue.loc, issue.line) == (
        "w.yaml",
        ("variants", 2, "set", "budget.total"),
        10,
    )
    assert issue.message.zh == "变体 'broken'：应大于或等于 0"
    assert issue.message.en == "variant 'broken': Input should be greater than or equal to 0"
    assert info.value.get("zh") == [
        "w.yaml: variants[2].set.budget.total（第 10 行）: " + issue.message.zh
    ]


def test_a_variant_that_does_not_compile_is_told_at_its_override_in_both_languages() -> None:
    """The derived problem's own error (an unknown unit) is moved to the variant's entry that
    caused it, keeping the place in the problem in brackets; every fault of an override is
    bilingual too."""
    text = """\
base_file: discrete_manufacturer.yaml
variants:
  - name: ghost
    set:
      organisation.units[no.such.unit].level: 2
  - name: bad-path
    set:
      budget.total[: 5
"""
    with pytest.raises(DataError) as info:
        parse_scenario(text, "w.yaml", SCENARIOS)
    (issue,) = info.value.issues
    assert issue.loc[:3] == ("variants", 0, "set") and issue.line == 5
    assert issue.message.zh.startswith("变体 'ghost'：未知能力单元 'no.such.unit'")
    assert issue.message.en.startswith("variant 'ghost': unknown unit 'no.such.unit'")
    with pytest.raises(DataError) as info:
        parse_scenario(
            text.replace("no.such.unit].level: 2", "dm.rnd.product_design].level: 2"),
            "w.yaml",
            SCENARIOS,
        )
    (issue,) = info.value.issues
    assert (issue.loc, issue.line) == (("variants", 1, "set", "budget.total["), 8)
    assert issue.message.zh == "路径 'budget.total[' 中的 '[' 没有闭合"
    assert issue.message.en == "unclosed '[' in path 'budget.total['"


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        (
            "{name: v, set: {budget: {total: -1}}}",
            r"variants\[0\]\.set\.budget \(line 3\).*\[budget\.total\]",
        ),
        ("{name: v, set: {budgett.total: 1}}", r"variants\[0\]\.set\.budgett\.total.*Extra inputs"),
        (
            "{name: v, set: {time.horizon.x: 1}}",
            r"variants\[0\]\.set\.time\.horizon\.x.*single value",
        ),
        (
            "{name: v, scale: {budget.total: 0.5}, sett: {}}",
            r"variants\[0\]\.sett \(line 3\).*Extra",
        ),
        (
            "{name: v, set: {'organisation.units[zz].level': 2}}",
            r"set\.organisation\.units\[zz\]\.level.*unknown unit 'zz'",
        ),
        ("{name: base}", r"variants\[0\]\.name.*duplicate variant name 'base'"),
    ],
)
def test_invalid_variants(variant: str, expected: str) -> None:
    text = f"base_file: discrete_manufacturer.yaml\nvariants:\n  - {variant}\n"
    with pytest.raises(DataError, match=expected):
        parse_scenario(text, "w.yaml", SCENARIOS)


def test_document_errors() -> None:
    with pytest.raises(DataError, match="either inline"):
        parse_scenario("variants: []\n", "w.yaml", SCENARIOS)
    with pytest.raises(DataError, match="cannot read"):
        parse_scenario("base_file: missing.yaml\n", "w.yaml", SCENARIOS)
    with pytest.raises(DataError, match="is a scenario, not a problem"):
        parse_scenario("base_file: whatif/energy_supplier.yaml\n", "w.yaml", SCENARIOS)
    with pytest.raises(DataError, match=r"base\.time\.horizon \(line 5\)"):
        parse_scenario(
            "base:\n  organisation: {industry: discrete_manufacturing}\n  target: {tier: 5}\n"
            "  time:\n    horizon: -1\n    start: 2027-01-01\n",
            "w.yaml",
        )


def test_unknown_variant_name(small_text: str) -> None:
    scenario = parse_scenario(small_text, "small.yaml")
    with pytest.raises(DataError, match=r"no variant 'x'.*known: base, lean"):
        scenario.variant("x")
