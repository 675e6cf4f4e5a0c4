"""Assessment defects found in review (issue 12), each with a case that failed before its fix."""

from __future__ import annotations

from catalog import load_catalog
from planner.assessment import Assessment, assess, gap_analysis
from planner.assessment.rules import load_rules
from planner.assessment.table1 import build_situation
from planner.assessment.tier import explain, key_requirement_text
from planner.compile.state import row_readings
from tests.assessment.conftest import TIER_CASES, for_tier, make


def test_an_alternative_reading_quotes_its_own_key_requirement() -> None:
    readings = row_readings(load_catalog())
    alt = key_requirement_text(readings["L1-T5/alt1"], "model")
    row = key_requirement_text(readings["L1-T5"], "model")
    assert alt is not None and row is not None
    assert "跨部门且跨业务环节的局部知识模型" in alt.zh and "全组织" not in alt.zh
    assert "全组织（企业）信息模型" in row.zh and "局部知识模型" not in row.zh


def test_no_breadth_reason_when_the_answered_breadth_is_wide_enough() -> None:
    catalog, rules = load_catalog(), load_rules()
    level, table1 = TIER_CASES[3]  # cross-department in operations management, tier 3
    result = assess(make(level, table1))
    s = build_situation(make(level, table1), result.level, catalog, rules)
    s.items = frozenset()  # the reasons below are about breadth only
    for key in ("L1-T3", "L1-T2", "L1-T1"):
        reasons = explain(s, row_readings(catalog)[key], catalog, rules).reasons
        for r in reasons:
            assert not r.en.startswith("breadth short"), (key, r.en)
    wider = explain(s, row_readings(catalog)["L1-T4"], catalog, rules).reasons
    assert any(r.en.startswith("breadth short") and "needs 'Main scenario'" in r.en for r in wider)


def test_one_unmet_governance_item_keeps_each_units_own_level() -> None:
    level, table1 = TIER_CASES[7]  # L2, production at intelligent autonomy
    result = assess(make(level, table1, changes={"5.3.5.6 a": "not_met"}))
    assert result.level == 1  # the governance domain holds the organisation at L1
    production = [u for u in result.units if u.group == "production" and u.exists]
    assert production and all(u.level == 2 and u.node for u in production)
    assert result.tier < 7  # L2 rows fail on the item, by the tier definition (a)
    gap = gap_analysis(result, 7)
    assert not gap.units  # nothing to upgrade: the units are there already
    items = [i.clause for s in gap.subdomains for i in s.items]
    assert "5.3.5.6 a" in items


def test_a_blank_questionnaire_earns_no_level_from_advisory_items() -> None:
    blank = Assessment(
        organisation={"name": "空白", "industry": "discrete_manufacturing"}, answers={}, table1={}
    )
    result = assess(blank)
    assert result.level == 0
    assert {s.subdomain: s.level for s in result.subdomains if s.level} == {}


def test_advisory_levels_are_credited_at_the_overall_level() -> None:
    result = assess(for_tier(6))  # everything met up to L2
    levels = {s.subdomain: s.level for s in result.subdomains}
    assert levels["business.integration"] == 2  # its L1/L2 items are advisory only
    assert result.level == 2
