"""``capplan catalog``: every view renders in both languages, JSON is complete, bad input fails."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from catalog import Catalog
from catalog.cli import app
from catalog.models.base import Lang, texts_of

runner = CliRunner(env={"COLUMNS": "120"})

COMMANDS: tuple[tuple[str, ...], ...] = (
    ("levels",),
    ("tiers",),
    ("subdomains",),
    ("subdomains", "--level", "L3"),
    ("subdomains", "--subdomain", "capability.carrier"),
    ("priorities", "CL1"),
    ("priorities", "CL4"),
    ("units", "--industry", "discrete_manufacturing"),
    ("units",),
    ("system",),
    ("effort",),
)

# (command, language) -> texts the table output must contain; each checked against the data below.
EXPECTED: dict[tuple[str, str], tuple[str, ...]] = {
    ("levels", "zh"): ("规范级", "职能驱动", "5.1.1 a", "CL5", "8.6.1"),
    ("levels", "en"): ("Normative", "Function-driven", "5.1.5 c", "CL1", "8.2.1"),
    ("tiers", "zh"): ("L3-T7", "信息系统集成", "或", "6.1 注", "capplan 假设"),
    ("tiers", "en"): ("L5-T10", "Information system integration", "or:", "ASSUMPTION"),
    ("system", "zh"): ("6.2 a", "6.4.5", "7.4.5", "driving_element", "能力生态"),
    ("system", "en"): ("6.2 f", "6.3.2", "7.2.2", "Independent-type"),
    ("effort", "zh"): ("capplan 假设", "CL5", "智能自主"),
    ("effort", "en"): ("ASSUMPTION", "Upgrade CL3", "Intelligent"),
}


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def run_json(*args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c))
def test_every_command_renders(command: tuple[str, ...], lang: Lang) -> None:
    result = run(*command, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert result.output.strip()
    expected = EXPECTED.get((command[0], lang), ()) if len(command) == 1 else ()
    for text in expected:
        assert text in result.output, text


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c))
def test_default_language_is_chinese(command: tuple[str, ...]) -> None:
    assert run(*command).output == run(*command, "--lang", "zh").output


def test_expected_texts_are_in_the_data(catalog: Catalog) -> None:
    assert catalog.depth("is_integration").name.zh == "信息系统集成"
    assert catalog.depth("is_integration").name.en == "Information system integration"
    assert {"L3-T7", "L5-T10"} <= {row.id for row in catalog.tier_rows}
    assert any(req.alternatives for row in catalog.tier_rows for req in row.key_requirements)
    assert catalog.breadth_notes[0].clause == "6.1 注"
    assert catalog.level("L1").operating_mode.zh == "职能驱动"


def test_tiers_show_every_row_and_marks_alternatives(catalog: Catalog) -> None:
    for lang, marker in (("zh", "或："), ("en", "or: ")):
        output = run("tiers", "--lang", lang).output
        for tier_row in catalog.tier_rows:
            assert tier_row.id in output
        assert marker in output
        first_alternative = next(
            req.alternatives[1]
            for tier_row in catalog.tier_rows
            for req in tier_row.key_requirements
            if req.alternatives
        )
        # the second alternative starts its own line, right after the marker
        assert marker + first_alternative.get("zh" if lang == "zh" else "en")[:6] in output


def test_assumption_tables_are_labelled() -> None:
    for command in (("tiers",), ("units", "--industry", "mining"), ("effort",)):
        assert "capplan 假设（非标准内容）" in run(*command).output
        assert "capplan ASSUMPTION" in run(*command, "--lang", "en").output


def test_subdomains_level_shows_requirement_items(catalog: Catalog) -> None:
    output = run("subdomains", "--level", "L2").output
    reqs = catalog.requirements_of("L2")
    assert reqs.general.clause in output
    item = reqs.subdomain("strategy.competitive_advantage").items[0]
    assert item.clause in output
    assert "注：" in output


def test_subdomains_list_shows_clause_per_level(catalog: Catalog) -> None:
    output = run("subdomains", "--lang", "en").output
    for sub in catalog.subdomains():
        assert sub.id in output
        for clause in sub.clauses.values():
            assert clause in output


def test_priorities_show_nested_bullets_and_summaries(catalog: Catalog) -> None:
    output = run("priorities", "cl2", "--lang", "en").output
    prio = catalog.priorities_of("CL2")
    area = prio.dimension("process").sub_areas[0]
    assert area.clause in output
    assert area.items[0].items[0].clause in output  # a nested • bullet
    assert "Appendix A.2.1" in output  # 8.3.2 points to Appendix A
    assert "8.3.4" in output


def test_units_list_the_industry(catalog: Catalog) -> None:
    output = run("units", "--industry", "construction", "--lang", "en").output
    for unit in catalog.units_for("construction"):
        assert unit.id in output
    for scenario in catalog.industry("construction").main_scenarios:
        assert scenario.name.en in output
    by_name = run("units", "--industry", "建筑行业企业", "--json")
    assert json.loads(by_name.stdout)["industry"]["id"] == "construction"


def test_json_levels() -> None:
    data = run_json("levels")
    assert len(data["maturity_levels"]) == 5
    assert len(data["capability_levels"]) == 5
    assert data["maturity_levels"][0]["requirements"][0]["clause"] == "5.1.1 a"
    assert data["capability_levels"][4]["id"] == "CL5"


def test_json_tiers() -> None:
    data = run_json("tiers")
    assert len(data["tier_rows"]) == 15
    assert len(data["breadths"]) == 7
    assert len(data["depths"]) == 6
    assert len(data["tier_mapping"]["breadth_scopes"]) == 7
    assert len(data["tier_mapping"]["level_forms"]) == 5
    assert len(data["tier_mapping"]["depth_stages"]) == 6


def test_json_subdomains(catalog: Catalog) -> None:
    data = run_json("subdomains")
    assert len(data["domains"]) == 5
    assert sum(len(d["subdomains"]) for d in data["domains"]) == 22
    assert "requirements" not in data
    data = run_json("subdomains", "--level", "L4")
    assert [block["level"] for block in data["requirements"]] == ["L4"]
    assert data["requirements"][0] == catalog.requirements_of("L4").model_dump(mode="json")
    data = run_json("subdomains", "--subdomain", "capability.carrier")
    assert [block["level"] for block in data["requirements"]] == ["L1", "L2", "L3", "L4", "L5"]
    for block in data["requirements"]:
        subs = [s["subdomain"] for d in block["domains"] for s in d["subdomains"]]
        assert subs == ["capability.carrier"]
    data = run_json("subdomains", "--subdomain", "governance")
    assert len(data["domains"]) == 1
    assert len(data["domains"][0]["subdomains"]) == 5


def test_json_priorities(catalog: Catalog) -> None:
    data = run_json("priorities", "CL3")
    assert data["level"] == "CL3"
    assert len(data["priorities"]["dimensions"]) == 3
    assert len(data["dimension_summaries"]) == 3
    assert data["priorities"] == catalog.priorities_of("CL3").model_dump(mode="json")


def test_json_units(catalog: Catalog) -> None:
    data = run_json("units", "--industry", "services")
    assert data["industry"]["id"] == "services"
    assert len(data["units"]) == len(catalog.units_for("services"))
    assert len(data["industry"]["main_scenarios"]) == 3
    assert "assumption" in data
    data = run_json("units")
    assert len(data["industries"]) == len(catalog.industries)


def test_json_system_and_effort() -> None:
    data = run_json("system")
    system = data["capability_system"]
    assert len(system["perspectives"]) == 6
    assert len(system["paradigms"]["items"]) == 4
    assert len(system["decomposition_combination"]["steps"]) == 6
    assert len(data["dimensions"]["dimensions"]) == 3
    effort = run_json("effort")
    assert sorted(effort["upgrade"]) == ["CL1", "CL2", "CL3", "CL4", "CL5"]
    assert len(effort["deepening"]) == 6


@pytest.mark.parametrize(("lang", "other"), [("zh", "en"), ("en", "zh")])
def test_assumption_texts_are_shown_in_the_chosen_language_only(
    catalog: Catalog, lang: Lang, other: Lang
) -> None:
    wide = CliRunner(env={"COLUMNS": "400"})  # table cells are not folded

    def squash(text: str) -> str:  # captions wrap: compare without whitespace
        return "".join(text.split())

    def shown(*args: str) -> str:
        return squash(wide.invoke(app, [*args, "--lang", lang]).output)

    effort = shown("effort")
    texts = [text for _, text in texts_of(catalog.effort)]
    # header, decomposition, upgrades (plan, element, evaluate), deepening, combinations, each
    # with its range; requirement work (4 domains × 5 levels), scope models and their per-unit
    # share; scope work (CL2–CL5); then the default range, the sampling choice and the size
    # scaling
    assert len(texts) == 1 + 2 * (1 + 5 * 3 + 6 + 4) + 4 * 5 + 3 + 1 + 4 + 3
    cases = [
        (shown("tiers"), catalog.tier_mapping.assumption),
        (shown("units", "--industry", "mining"), catalog.unit_library.assumption),
        *((effort, text) for text in texts),
    ]
    for output, text in cases:
        assert squash(text.get(lang)) in output
        assert squash(text.get(other)) not in output


def test_json_keeps_chinese_unescaped() -> None:
    result = run("levels", "--json")
    assert "规范级" in result.stdout
    assert "\\u" not in result.stdout
    assert result.stdout.startswith("{\n  ")


def test_unknown_industry_names_the_known_ones(catalog: Catalog) -> None:
    result = run("units", "--industry", "shipbuilding")
    assert result.exit_code == 2
    assert "shipbuilding" in result.output
    for industry in catalog.industries:
        assert industry.id in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("levels", "--lang", "fr"),
        ("tiers", "--lang", "EN"),
        ("units", "--industry", "mining", "--lang", "de"),
        ("priorities", "CL1", "--lang", "jp"),
    ],
)
def test_bad_language_is_rejected(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "--lang" in result.output
    assert "不支持的语言" in result.output and "not a supported language" in result.output


@pytest.mark.parametrize(
    ("args", "known"),
    [
        (("priorities", "CL9"), "CL5"),
        (("subdomains", "--level", "L7"), "L5"),
        (("subdomains", "--subdomain", "nope"), "capability.carrier"),
    ],
)
def test_bad_ids_are_rejected(args: tuple[str, ...], known: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert known in result.output


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("levels", "tiers", "subdomains", "priorities", "units", "system", "effort"):
        assert command in result.output


def test_units_show_department_step_and_chains(catalog: Catalog) -> None:
    output = run("units", "--industry", "discrete_manufacturing").output
    vocabulary = catalog.unit_library.breadth
    names = {e.id: e.name.zh for e in vocabulary.departments}
    names |= {c.id: c.name.zh for c in vocabulary.chains}
    for unit in catalog.units_for("discrete_manufacturing"):
        assert unit.department is not None and names[unit.department] in output, unit.id
        for chain in unit.chains:
            assert names[chain] in output, (unit.id, chain)
    # the chains table: each chain with its steps in order
    assert "销售与订单 → 风险审核 → 计划调度" in output
    data = run_json("units", "--industry", "discrete_manufacturing")
    shop_floor = next(u for u in data["units"] if u["id"] == "dm.production.shop_floor")
    assert (shop_floor["department"], shop_floor["process_step"]) == ("production", "production")
    assert shop_floor["chains"] == ["order_delivery", "supply", "rnd_design"]
    assert [c["id"] for c in data["breadth"]["chains"]] == [c.id for c in vocabulary.chains]


def test_tiers_show_the_breadth_rules_by_department_and_step() -> None:
    for lang, words in (
        ("zh", ("一个部门", "相邻两个")),
        ("en", ("one department", "two neighbouring")),
    ):
        output = " ".join(run("tiers", "--lang", lang).output.split())
        for word in words:
            assert word in output, word
    rules = {b["breadth"]: b["rule"] for b in run_json("tiers")["tier_mapping"]["breadth_scopes"]}
    assert rules["single_department"] == "one_department_or_step"
    assert rules["cross_department"] == "departments_and_steps_on_chain"
