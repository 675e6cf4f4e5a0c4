"""Gap analysis against a target tier, and the current-vs-target chart data."""

from __future__ import annotations

import pytest

from catalog import Catalog
from catalog.errors import DataError
from planner.assessment import assess
from planner.assessment.assess import situation_of
from planner.assessment.gap import GapResult, gap_analysis, level_chart
from planner.assessment.models import AssessmentResult
from planner.assessment.tier import evaluate
from tests.assessment.conftest import TIER_CASES, for_tier


def deliver(result: AssessmentResult, gap: GapResult, catalog: Catalog) -> int:
    """The tier once everything the gap lists is delivered."""
    s = situation_of(result, catalog)
    s.level = max(s.level, gap.target_level)
    s.items |= {item.clause for sub in gap.subdomains for item in sub.items}  # the items listed
    for u in gap.units:
        s.levels[u.unit], s.stages[u.unit] = u.target_level, u.target_stage
        s.exists.add(u.unit)
        if u.node:
            s.nodes.add(u.unit)
    for module in gap.modules:
        if module.startswith("flow:"):
            s.flows.add(module.removeprefix("flow:"))
        s.network |= module == "network"
        s.ecosystem |= module == "ecosystem"
    return evaluate(s, catalog)[0]


def test_gap_from_tier_four_to_six(catalog: Catalog) -> None:
    result = assess(for_tier(4))
    gap = gap_analysis(result, 6)
    assert not gap.reached
    assert (gap.row, gap.row_level, gap.target_level) == ("L2-T6", "L2", 2)  # lowest level
    subs = {s.subdomain: s for s in gap.subdomains}
    assert len(subs) == 19  # the 3 others have only conditional (advisory) requirements at L2
    assert subs["solution.data"].current == 1 and subs["solution.data"].target == 2
    clauses = [i.clause for i in subs["solution.data"].items]
    assert clauses and all(c.startswith("5.3.4.2 ") for c in clauses)
    assert all(i.answer == "unanswered" for i in subs["solution.data"].items)
    assert gap.scope == "production"  # already at the information-system-integration stage
    units = {u.unit: u for u in gap.units}
    assert set(units) == {
        "dm.production.planning",
        "dm.production.shop_floor",
        "dm.production.production_data",
    }
    assert all(
        (u.level, u.stage, u.target_level, u.target_stage, u.node) == (1, 3, 2, 5, True)
        for u in units.values()
    )
    assert any("Table 1 L2-T6 2)" in t.en for t in gap.table1)
    assert deliver(result, gap, catalog) >= 6


def test_explicit_row_and_modules(catalog: Catalog) -> None:
    result = assess(for_tier(7))
    gap = gap_analysis(result, 6, row="L3-T6")
    assert gap.row == "L3-T6" and gap.target_level == 3
    assert set(gap.modules) == {
        "flow:rnd",
        "flow:production",
        "flow:user_service",
        "flow:operations_management",
        "flow:organisation",
    }
    assert deliver(result, gap, catalog) >= 6
    with pytest.raises(DataError, match="L3-T6 is tier 6, not 7"):
        gap_analysis(result, 7, row="L3-T6")
    with pytest.raises(DataError, match="unknown Table 1 row 'L9-T1'"):
        gap_analysis(result, 7, row="L9-T1")


@pytest.mark.parametrize("start", sorted(TIER_CASES))
def test_delivering_the_gap_reaches_every_higher_tier(start: int, catalog: Catalog) -> None:
    result = assess(for_tier(start))
    for target in range(start + 1, 11):
        gap = gap_analysis(result, target, catalog=catalog)
        assert gap.target_level >= result.level or not gap.subdomains
        assert deliver(result, gap, catalog) >= target, (start, target, gap.row)


def test_reached_target_has_no_gap() -> None:
    result = assess(for_tier(7))
    gap = gap_analysis(result, 5)
    assert gap.reached and gap.subdomains == () and gap.units == ()


def test_conditional_items_show_as_advisory_gaps() -> None:
    gap = gap_analysis(assess(for_tier(5)), 6)
    advisory = [i for s in gap.subdomains for i in s.items if i.advisory]
    assert "5.3.6.2 a 2" in [i.clause for i in advisory]


@pytest.mark.parametrize("tier", [0, 11])
def test_target_out_of_range(tier: int) -> None:
    with pytest.raises(DataError, match="tier must be between 1 and 10"):
        gap_analysis(assess(for_tier(3)), tier)


def test_level_chart_has_current_and_target_per_subdomain() -> None:
    result = assess(for_tier(4))
    bars = level_chart(result, gap_analysis(result, 8))
    assert len(bars) == 22
    assert all(b.target == max(b.current, 3) for b in bars)
    assert {b.current for b in bars} >= {1}
    assert [b.target for b in level_chart(result)] == [s.level for s in result.subdomains]
