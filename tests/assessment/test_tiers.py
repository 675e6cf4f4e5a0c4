"""Assessed tiers: each tier 1–10 from hand-made answers, and the planner agrees with them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog import Catalog, load_catalog
from planner.assessment import assess, to_problem, to_problem_organisation
from planner.assessment.models import Assessment, GroupAnswer
from planner.assessment.rules import ORGANISATION_BREADTHS, SCENARIO_BREADTHS, ScoringRules
from planner.compile.instance import build_instance
from planner.model.problem import Problem
from planner.result.plan_result import SolveParams, SolveStatus
from planner.result.validate import validate
from planner.solve.plan import plan
from tests.assessment.conftest import TIER_CASES, TIME, for_tier, group, make


def planner_tier(assessment: Assessment, catalog: Catalog) -> int:
    """The planner's current tier of the assessed state (target: the top row, always valid)."""
    problem = to_problem(assess(assessment), {"row": "L5-T10"}, TIME, catalog)
    return build_instance(problem, catalog).current_tier


@pytest.mark.parametrize("tier", sorted(TIER_CASES))
def test_hand_made_assessment_scores_to_its_tier(tier: int, catalog: Catalog) -> None:
    level, _ = TIER_CASES[tier]
    result = assess(for_tier(tier))
    assert result.level == level
    assert result.tier == tier
    assert result.row is not None and catalog.tier_row(result.row.split("/")[0]).tier == tier
    assert planner_tier(for_tier(tier), catalog) == tier
    if tier < 10:
        assert result.tier_reasons, "the next tier's rows explain why they are not met"
        assert all(r.tier == tier + 1 and r.reasons for r in result.tier_reasons)
    else:
        assert result.tier_reasons == ()


def test_nothing_answered_is_tier_zero(catalog: Catalog) -> None:
    result = assess(make(0))
    assert (result.level, result.tier) == (0, 0)
    assert planner_tier(make(0), catalog) == 0
    first = result.tier_reasons[0]
    assert first.row == "L1-T1"
    assert any("L1" in r.en for r in first.reasons)


def test_requirements_cap_the_tier_whatever_table1_says() -> None:
    """Intelligent autonomy everywhere, but only the L1 requirements met: tier 5 at most."""
    result = assess(make(1, TIER_CASES[10][1]))
    assert result.level == 1
    assert result.tier == 5
    reasons = {r.row: r for r in result.tier_reasons}
    assert "overall maturity level is L1; the row needs L2" in [
        t.en for t in reasons["L2-T6"].reasons
    ]


def test_level_below_one_keeps_units_identified_but_unbuilt(catalog: Catalog) -> None:
    result = assess(make(0, {"production": group("main_scenario", "is_integration")}))
    covered = [u for u in result.units if u.exists]
    assert covered and all(u.level == 0 and u.stage == 0 for u in covered)
    organisation = to_problem_organisation(result, catalog)
    assert {u.id for u in organisation.units} == {u.unit for u in covered}
    assert all(u.exists for u in organisation.units)


def test_an_organisation_with_some_main_scenarios(catalog: Catalog) -> None:
    """Units of main scenarios the organisation does not have are left out, as in the planner."""
    table1 = {
        "production": group("main_scenario", "intelligent_autonomy"),
        "operations_management": group("main_scenario", "intelligent_autonomy"),
        "organisation": group("whole_organisation", "intelligent_autonomy"),
    }
    base = make(3, table1)
    scenarios = ("production", "operations_management")
    organisation = base.organisation.model_copy(update={"main_scenarios": scenarios})
    assessment = base.model_copy(update={"organisation": organisation})
    result = assess(assessment)
    assert result.organisation.main_scenarios == scenarios
    assert not any(u.group == "rnd" for u in result.units)
    assert result.tier == 8 == planner_tier(assessment, catalog)


def test_plan_accepts_the_assessed_state(catalog: Catalog) -> None:
    result = assess(for_tier(4))
    problem = to_problem(result, {"tier": 5}, TIME, catalog, budget={"total": 2000})
    assert isinstance(problem, Problem)
    instance = build_instance(problem, catalog)
    assert instance.current_tier == result.tier == 4
    solved = plan(problem, SolveParams(time_limit=10, workers=2, seed=0, compare_routes=False))
    assert solved.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE), solved.errors
    assert solved.current_tier == 4
    assert solved.roadmap is not None
    assert validate(solved.roadmap, instance) == []


DEPTHS = (
    "none",
    "it_application",
    "is_application",
    "is_integration",
    "digital_integration",
    "dynamic_collaboration",
    "intelligent_autonomy",
)
MODELS = (
    "none",
    "is_integration",
    "digital_integration",
    "dynamic_collaboration",
    "intelligent_autonomy",
)


@st.composite
def group_answers(draw: st.DrawFn, breadths: tuple[str, ...]) -> GroupAnswer:
    """Mostly one depth in all three aspects (so high tiers occur), sometimes mixed."""
    base = draw(st.sampled_from(DEPTHS))
    model = base if base in MODELS else "none"
    return GroupAnswer(
        breadth=draw(st.sampled_from(breadths[-2:]) | st.sampled_from(breadths)),
        data_collection=draw(st.just(base) | st.sampled_from(DEPTHS)),
        model=draw(st.just(model) | st.sampled_from(MODELS)),
        business_integration=draw(st.just(base) | st.sampled_from(DEPTHS)),
    )


INDUSTRIES = {i.id: tuple(m.id for m in i.main_scenarios) for i in load_catalog().industries}


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    """Any industry, any level and any Table 1 answers."""
    industry = draw(st.sampled_from(sorted(INDUSTRIES)))
    scenarios = INDUSTRIES[industry]
    if draw(st.booleans()):  # every main scenario alike: the whole-organisation rows occur
        alike = draw(group_answers(SCENARIO_BREADTHS))
        table1 = {s: alike for s in scenarios}
    else:
        table1 = {s: draw(group_answers(SCENARIO_BREADTHS)) for s in scenarios}
    table1["organisation"] = draw(group_answers(ORGANISATION_BREADTHS))
    return make(draw(st.integers(0, 5)), table1, industry=industry)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessment=assessments())
def test_assessed_tier_is_the_planners_current_tier(
    assessment: Assessment, catalog: Catalog, rules: ScoringRules
) -> None:
    """Assessment and planner read Table 1 independently and agree on every state."""
    assert assess(assessment, rules, catalog).tier == planner_tier(assessment, catalog)
