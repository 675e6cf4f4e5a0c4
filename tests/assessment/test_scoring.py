"""Levels per subdomain, domain and overall, and the requirement items named as reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog import Catalog
from catalog.errors import DataError
from planner.assessment import assess
from planner.assessment.items import items_by_id, requirement_items, section_of
from planner.assessment.models import Assessment
from planner.assessment.rules import RULES_FILE, ScoringRules, load_rules
from tests.assessment.conftest import TIER_CASES, everywhere, make


def test_every_requirement_item_of_every_level_is_asked(catalog: Catalog) -> None:
    items = requirement_items(catalog)
    assert len(items) == len({i.id for i in items}) == 407
    by_id = items_by_id(catalog)
    assert by_id["5.3.4.2 a"].subdomain == "solution.data"
    assert by_id["5.2.6.2 e 3"].level == "L1"  # nested items are answered, their heading not
    assert "5.2.6.2 e" not in by_id
    assert by_id["5.3.6.3"].text.zh.startswith("有条件的组织")  # a clause without items
    assert len({(i.level, i.subdomain) for i in items}) == 5 * 22


def test_all_met_up_to_a_level_gives_that_level(catalog: Catalog) -> None:
    result = assess(make(3))
    assert result.level == 3
    assert {d.level for d in result.domains} == {3}
    assert min(s.level for s in result.subdomains) == 3
    assert result.held_back_by == ("strategy", "capability", "solution", "governance", "business")
    up_to_l3 = sum(1 for i in requirement_items(catalog) if i.level in ("L1", "L2", "L3"))
    assert (result.answered, result.unanswered) == (up_to_l3, 407 - up_to_l3)
    data = result.subdomain("solution.data")
    assert data.level == 3
    assert [i.clause for i in data.held_back_by][:2] == ["5.5.4.2 a", "5.5.4.2 b"]
    assert {i.answer for i in data.held_back_by} == {"unanswered"}


def test_one_unmet_item_lowers_the_level_and_is_named() -> None:
    table1 = everywhere("intelligent_autonomy", "whole_organisation")
    before = assess(make(3, table1))
    assert (before.level, before.tier) == (3, 8)
    result = assess(make(3, table1, {"5.3.4.2 a": "not_met"}))
    data = result.subdomain("solution.data")
    assert data.level == 1  # L2 fails, and L3 cannot hold without L2 (cumulative)
    assert [(i.clause, i.answer) for i in data.held_back_by] == [("5.3.4.2 a", "not_met")]
    assert result.domain("solution").level == 1
    assert result.domain("solution").held_back_by == ("solution.data",)
    assert result.domain("strategy").level == 3
    assert (result.level, result.held_back_by) == (1, ("solution",))
    assert result.tier == 5  # Table 1 unchanged, but only the L1 rows hold
    why = {r.row: r for r in result.tier_reasons}
    assert "overall maturity level is L1; the row needs L2" in [t.en for t in why["L2-T6"].reasons]


def test_a_blank_answer_counts_as_not_met_and_says_so() -> None:
    result = assess(make(2, changes={"5.2.2.1 b": None}))
    sub = result.subdomain("strategy.competitive_advantage")
    assert sub.level == 0
    assert [(i.clause, i.answer) for i in sub.held_back_by] == [("5.2.2.1 b", "unanswered")]


def test_partly_met_counts_above_the_threshold(rules: ScoringRules, catalog: Catalog) -> None:
    technology = [i.id for i in section_of(catalog, "L1", "solution.technology").items]
    assert len(technology) == 5 and rules.partly_met_counts is not None
    assert rules.partly_met_counts.min_met_share == 0.8
    one_partly = make(1, changes={technology[4]: "partly_met"})
    assert assess(one_partly).subdomain("solution.technology").level == 1  # 4 of 5 met
    two_partly = make(1, changes={technology[3]: "partly_met", technology[4]: "partly_met"})
    sub = assess(two_partly).subdomain("solution.technology")
    assert sub.level == 0
    assert [(i.clause, i.answer) for i in sub.held_back_by] == [
        (technology[3], "partly_met"),
        (technology[4], "partly_met"),
    ]
    strict = rules.model_copy(update={"partly_met_counts": None})
    assert assess(one_partly, strict).subdomain("solution.technology").level == 0
    not_met_too = make(1, changes={technology[3]: "not_met", technology[4]: "partly_met"})
    assert assess(not_met_too).subdomain("solution.technology").level == 0


def test_conditional_items_are_advisory_by_default(rules: ScoringRules) -> None:
    assert rules.conditional_items.policy == "advisory"
    assessment = make(2, changes={"5.3.6.2 a 2": "not_met"})
    assert assess(assessment).subdomain("business.digitalisation").level == 2
    required = rules.model_copy(
        update={
            "conditional_items": rules.conditional_items.model_copy(update={"policy": "required"})
        }
    )
    sub = assess(assessment, required).subdomain("business.digitalisation")
    assert sub.level == 1
    assert [i.clause for i in sub.held_back_by] == ["5.3.6.2 a 2"]


def test_the_conditional_list_is_every_conditional_requirement(
    rules: ScoringRules, catalog: Catalog
) -> None:
    conditional = {i.id for i in requirement_items(catalog) if "有条件的组织" in i.text.zh}
    assert set(rules.conditional_items.clauses) == conditional


def test_domain_and_overall_levels_are_minima() -> None:
    result = assess(make(4, TIER_CASES[9][1], {"5.5.5.2 a": "not_met", "5.4.2.1 b": "partly_met"}))
    for domain in result.domains:
        assert domain.level == min(s.level for s in result.subdomains if s.domain == domain.domain)
    assert result.level == min(d.level for d in result.domains) == 2
    assert result.held_back_by == ("strategy",)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"answers": {"5.2.2.1 z": {"answer": "met"}}}, "unknown requirement item '5.2.2.1 z'"),
        ({"answers": {"5.2.6.2 e": {"answer": "met"}}}, "unknown requirement item '5.2.6.2 e'"),
        ({"organisation": {"industry": "shipbuilding"}}, "unknown industry 'shipbuilding'"),
        ({"table1": {"mining_production": {}}}, "unknown main scenario 'mining_production'"),
        ({"table1": {"rnd": {"breadth": "ecosystem"}}}, "table1.rnd.breadth: invalid breadth"),
        ({"table1": {"rnd": {"model": "is_application"}}}, "table1.rnd.model: invalid answer"),
    ],
)
def test_assessments_built_in_code_are_checked(changes: dict[str, object], message: str) -> None:
    data = make(1).model_dump()
    data.update(changes)
    with pytest.raises(DataError, match=message.replace(".", r"\.").replace("(", r"\(")):
        assess(Assessment.model_validate(data))


def test_the_scoring_file_can_be_overridden(tmp_path: Path) -> None:
    text = RULES_FILE.read_text(encoding="utf-8")
    changed = text.replace("  policy: advisory", "  policy: required").replace(
        "partly_met_counts:\n  min_met_share: 0.8", "partly_met_counts:\n  min_met_share: 0.6"
    )
    path = tmp_path / "scoring.yaml"
    path.write_text(changed, encoding="utf-8")
    rules = load_rules(path)
    assert rules.conditional_items.policy == "required"
    assert rules.partly_met_counts is not None and rules.partly_met_counts.min_met_share == 0.6
    assert assess(make(2, changes={"5.3.6.2 a 2": "not_met"}), rules).level == 1


def test_the_scoring_assumption_is_bilingual_and_a_plain_string_still_loads(
    tmp_path: Path,
) -> None:
    bundled = load_rules().assumption
    assert "计分" in bundled.zh and "scoring" in bundled.en
    text = RULES_FILE.read_text(encoding="utf-8")
    start, end = text.index("assumption:\n"), text.index("\n\n# The three answers")
    path = tmp_path / "scoring.yaml"
    path.write_text(text[:start] + "assumption: our own scoring" + text[end:], encoding="utf-8")
    plain = load_rules(path).assumption  # a file written before it became bilingual
    assert (plain.zh, plain.en) == ("our own scoring", "our own scoring")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "min_met_share: 0.8",
            "min_met_share: 1.5",
            r"partly_met_counts\.min_met_share \(line \d+\)",
        ),
        (
            '    - "5.4.6.5"',
            '    - "5.4.6.9"',
            r"conditional_items\.clauses\[\d+\] \(line \d+\): unknown requirement item '5\.4\.6\.9'",
        ),
        (
            "rows: [L2-T5, L3-T6, L4-T7]}",
            "rows: [L2-T6]}",
            r"'L2-T6' is not a Table 1 row of depth 'digital_integration'",
        ),
        ("  policy: advisory", "  policy: sometimes", r"conditional_items\.policy \(line \d+\)"),
    ],
)
def test_a_broken_scoring_file_names_key_and_line(
    old: str, new: str, message: str, tmp_path: Path
) -> None:
    text = RULES_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "scoring.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=message) as info:
        load_rules(path)
    assert "scoring.yaml" in str(info.value)
