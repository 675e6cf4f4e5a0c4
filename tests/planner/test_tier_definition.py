"""The one tier definition: a row's maturity level (5.2.1–5.6.1) and its breadth × depth.

Hand-made cases where the old reading (units alone) would claim a tier and the standard's does
not, the requirement work a roadmap holds, its order, and the account of every item.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from catalog import load_catalog
from planner.compile.instance import build_instance
from planner.compile.maturity import Maturity
from planner.compile.state import evaluate_tier
from planner.model.problem import Problem, load_problem
from planner.result.plan_result import SolveParams, SolveStatus
from planner.result.roadmap import ScheduledStep, state_at
from planner.result.validate import validate
from planner.solve.plan import plan
from tests.planner.conftest import TINY
from tests.scenarios.test_bundled import FILES

PARAMS = SolveParams(time_limit=20, workers=2, seed=0)
# the management dimension (A.x.3) and A.x.1.1 a / e: organisation-wide priorities
ORGANISATION_WIDE = re.compile(r"^A\.\d\.3( |\.|$)|^A\.\d\.1\.1 [ae]|^A\.1\.1 a")


def two_units(**requirements: Any) -> Problem:
    """Two units of one main scenario, of two departments on two neighbouring steps of the
    industry chain, at CL2 with a knowledge model: breadth × depth of L1-T5's '或' reading
    (cross-department local knowledge model) holds, but nothing says that any requirement item
    of 10004 is met."""
    data: dict[str, Any] = {
        "name": "two units",
        "organisation": {
            "industry": "discrete_manufacturing",
            "main_scenarios": ["production"],
            "use_library": False,
            "units": [
                {
                    "id": u,
                    "name": {"zh": u, "en": u},
                    "perspective": p,
                    "main_scenario": "production",
                    "level": 2,
                    "depth": "dynamic_collaboration",
                    "department": u,
                    "process_step": {"purchase": "procurement"}.get(u, u),
                    "chains": ["industry"],
                }
                for u, p in (("purchase", "partner"), ("sales", "object"))
            ]
            + [
                {
                    "id": "plant",
                    "name": {"zh": "车间", "en": "plant"},
                    "perspective": "process",
                    "main_scenario": "production",
                }
            ],
            "requirements": {"derive": False, **requirements},
        },
        "target": {"tier": 5},
        "time": {"start": "2027-01-01", "period": "month", "horizon": 48},
    }
    return Problem.model_validate(data)


def test_two_units_cannot_make_an_organisation_tier_5() -> None:
    instance = build_instance(two_units())
    old = evaluate_tier(instance.state, instance.org, instance.readings, None)
    assert (old.tier, old.row) == (5, "L1-T5/alt1")  # the units-only reading would claim it
    assert instance.current_tier == 0  # no level holds: no strategy, governance … item met
    assert instance.maturity.level(instance.state.items) == 0


def test_the_roadmap_to_tier_5_holds_the_l1_requirement_work() -> None:
    result = plan(two_units(), PARAMS)
    assert result.status == SolveStatus.OPTIMAL and result.roadmap is not None
    instance = build_instance(two_units())
    assert validate(result.roadmap, instance) == []
    work = {s.subdomain for s in result.roadmap.steps if s.kind == "requirement"}
    reading = load_catalog().maturity_reading
    assert work == {
        s
        for s in reading.requirement_work.subdomains
        if s.startswith(("strategy", "solution", "governance"))
    }
    # every item of L1 is accounted for, none left unmet
    account = {a.clause: a for a in result.requirements}
    assert set(account) == {i.id for i in instance.maturity.up_to(1)}
    assert all(a.status != "not_met" for a in account.values())
    by_step = [a for a in account.values() if a.status == "met_by_step"]
    assert by_step and all(a.steps[0].startswith("require:") for a in by_step)
    end = state_at(result.roadmap, instance, result.roadmap.target_period or 0)
    assert evaluate_tier(end, instance.org, instance.readings, instance.maturity).tier >= 5


def test_items_already_met_need_no_work() -> None:
    maturity = Maturity(load_catalog())
    met = tuple(maturity.counted_up_to(1))
    instance = build_instance(two_units(met=met).replace(target={"tier": 6}))
    assert instance.current_tier == 5  # L1 holds now, and the units meet L1-T5's '或' reading
    assert not any(sid.endswith(":L1") for sid in instance.steps if sid.startswith("require:"))


def test_a_roadmap_without_its_requirement_work_is_caught() -> None:
    result = plan(two_units(), PARAMS)
    assert result.roadmap is not None
    instance = build_instance(two_units())
    dropped = next(s for s in result.roadmap.steps if s.id == "require:governance.culture:L1")
    broken = result.roadmap.model_copy(
        update={"steps": tuple(s for s in result.roadmap.steps if s is not dropped)}
    )
    violations = validate(broken, instance)
    rules = {(v.rule, v.subject) for v in violations}
    assert ("route", "require:governance.culture:L1") in rules
    assert any(v.rule == "tier" for v in violations)  # the level no longer holds


def test_a_requirement_step_that_meets_nothing_does_not_count() -> None:
    result = plan(two_units(), PARAMS)
    assert result.roadmap is not None
    instance = build_instance(two_units())
    hollow = tuple(
        s.model_copy(update={"meets": ()}) if s.id == "require:strategy.value_model:L1" else s
        for s in result.roadmap.steps
    )
    violations = validate(result.roadmap.model_copy(update={"steps": hollow}), instance)
    assert any(v.rule == "tier" for v in violations)


def _tiny_to_l2() -> Problem:
    return Problem.model_validate(TINY).replace(target={"row": "L2-T5"})


def test_order_of_the_work() -> None:
    """Strategy first within a level; lower level first; governance before a unit's evaluation."""
    result = plan(_tiny_to_l2(), PARAMS)
    assert result.status == SolveStatus.OPTIMAL and result.roadmap is not None
    steps: dict[str, ScheduledStep] = {s.id: s for s in result.roadmap.steps}
    strategy = [s for s in steps.values() if s.subdomain and s.subdomain.startswith("strategy")]
    others = [s for s in steps.values() if s.kind == "requirement" and s not in strategy]
    assert strategy and others
    assert min(o.start for o in others) >= max(s.end for s in strategy)
    plans = [s for s in steps.values() if s.kind == "upgrade" and s.phase == "plan"]
    assert plans and min(p.start for p in plans) >= max(s.end for s in strategy)
    governance = [s for s in others if s.subdomain and s.subdomain.startswith("governance")]
    evaluations = [s for s in steps.values() if s.kind == "upgrade" and s.phase == "evaluate"]
    assert min(e.start for e in evaluations) >= max(g.end for g in governance)
    graph = build_instance(_tiny_to_l2()).graph
    assert graph.has_edge("require:strategy.value_model:L2", "require:governance.culture:L2")


def test_lower_level_first_within_a_subdomain() -> None:
    instance = build_instance(two_units().replace(target={"row": "L2-T5"}))
    assert instance.graph.has_edge("require:solution.data:L1", "require:solution.data:L2")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_bundled_roadmaps_hold_requirement_work_once_per_level(path: Any) -> None:
    problem = load_problem(path)
    result = plan(problem, SolveParams(time_limit=20, workers=2, seed=0, compare_routes=False))
    assert result.roadmap is not None and result.violations == ()
    steps = result.roadmap.steps
    requirement = [s for s in steps if s.kind == "requirement"]
    assert requirement, "a higher level needs strategy, governance … work"
    assert len({(s.subdomain, s.maturity_level) for s in requirement}) == len(requirement)
    # organisation-wide priorities once per level: no unit step carries the management dimension
    for s in steps:
        if s.kind == "upgrade":
            assert not any(ORGANISATION_WIDE.match(p) for p in s.priorities), s.id
            assert s.phase != "management"
    governance = [p for s in steps for p in s.priorities if p.startswith("A.2.3.1 a")]
    assert len(governance) <= 1
    instance = build_instance(problem)
    level = int((result.roadmap.row or "L0")[1])
    account = {a.clause for a in result.requirements}
    assert account == {i.id for i in instance.maturity.up_to(level)}
    assert all(a.status != "not_met" for a in result.requirements)


def test_problem_states_items_met_and_not_applicable() -> None:
    problem = two_units(
        subdomain_levels={"strategy.competitive_advantage": 1},
        met=["5.2.2.2 a"],
        not_applicable=[{"item": "5.2.4.3 a", "reason": "无自有设备 / no equipment of its own"}],
    )
    instance = build_instance(problem)
    items = instance.state.items
    assert {"5.2.2.1 a", "5.2.2.2 a"} <= items
    assert "5.2.4.3 a" not in instance.maturity.section("solution.technology", 1).items
    result = plan(problem, PARAMS)
    na = next(a for a in result.requirements if a.clause == "5.2.4.3 a")
    assert (
        na.status == "not_applicable" and na.reason is not None and "no equipment" in na.reason.en
    )
    assert "require:strategy.competitive_advantage:L1" not in instance.steps


@pytest.mark.parametrize(
    ("requirements", "message"),
    [
        ({"met": ["5.9.9 z"]}, "organisation.requirements.met[0]: unknown requirement item"),
        ({"not_met": ["x"]}, "organisation.requirements.not_met[0]: unknown requirement item"),
        ({"subdomain_levels": {"strategy.nope": 1}}, "subdomain_levels.strategy.nope: unknown"),
        ({"subdomain_levels": {"strategy.value_model": 7}}, "level must be 0–5"),
        (
            {"not_applicable": [{"item": "q", "reason": "r"}]},
            "not_applicable[0].item: unknown requirement item",
        ),
    ],
)
def test_bad_requirement_lists_name_the_field(requirements: dict[str, Any], message: str) -> None:
    result = plan(two_units(**requirements), PARAMS)
    assert result.status == SolveStatus.INVALID_INPUT
    assert any(message in e for e in result.errors), result.errors


def test_the_derived_default_is_stated() -> None:
    instance = build_instance(Problem.model_validate(TINY))
    assert instance.derived_items is not None
    assert "L1" in instance.derived_items.zh and "L1" in instance.derived_items.en
    assert instance.maturity.level(instance.state.items) == 1


def test_advisory_items_are_the_assessments_conditional_items() -> None:
    from planner.assessment.rules import load_rules

    catalog_list = load_catalog().maturity_reading.advisory_items.clauses
    assert tuple(load_rules().conditional_items.clauses) == catalog_list


def test_assessment_plan_and_reassessment_round_trip() -> None:
    """Assess (tier 4, L1), plan to tier 6 from the assessed state, re-evaluate the end state
    with the assessment's own tier function: the claimed tier, with the L2 items met."""
    from planner.assessment import assess, to_problem
    from planner.assessment.tier import evaluate
    from tests.assessment.conftest import TIME, for_tier

    catalog = load_catalog()
    result = assess(for_tier(4))
    problem = to_problem(result, {"tier": 6}, TIME, catalog)
    instance = build_instance(problem)
    assert instance.current_tier == result.tier == 4  # no retyping: the same state
    assert instance.state.items  # the assessment's items are handed over
    planned = plan(problem, PARAMS)
    assert planned.status == SolveStatus.OPTIMAL and planned.roadmap is not None
    assert planned.violations == ()
    end = state_at(planned.roadmap, instance, planned.roadmap.target_period or 0)
    from planner.assessment.assess import situation_of

    again = situation_of(result, catalog)
    again.levels, again.stages = dict(end.levels), dict(end.stages)
    again.exists, again.nodes, again.flows = set(end.exists), set(end.nodes), set(end.flows)
    again.network, again.ecosystem, again.items = end.network, end.ecosystem, end.items
    assert evaluate(again, catalog)[0] == 6
    assert instance.maturity.level(end.items) >= 2


def test_a_model_stage_includes_one_step_building_the_scopes_model() -> None:
    """L2-T5 over rnd asks the main-scenario digital model: one step after both deepenings."""
    problem = _tiny_to_l2()
    result = plan(problem, PARAMS)
    assert result.status == SolveStatus.OPTIMAL and result.roadmap is not None
    steps = {s.id: s for s in result.roadmap.steps}
    model = steps["model:digital_integration:rnd"]
    assert [s for s in steps.values() if s.kind == "model"] == [model]
    for unit in ("a", "b"):
        assert model.start >= steps[f"deepen:{unit}:digital_integration"].end
    assert result.roadmap.target_period == model.end  # the tier holds once the model exists
    instance = build_instance(problem)
    broken = result.roadmap.model_copy(
        update={"steps": tuple(s for s in result.roadmap.steps if s.kind != "model")}
    )
    violations = validate(broken, instance)
    assert ("route", "model:digital_integration:rnd") in {(v.rule, v.subject) for v in violations}
    assert any(v.rule == "tier" for v in violations)


def test_units_already_at_a_model_stage_have_their_model() -> None:
    """Labelled default: a scope whose units are all at the stage today has its model."""
    data = Problem.model_validate(TINY).model_dump()
    for unit in data["organisation"]["units"][:2]:
        unit.update(level=2, depth="digital_integration")
    instance = build_instance(Problem.model_validate(data).replace(target={"tier": 6}))
    assert ("rnd", 4) in instance.state.models
    assert "model:digital_integration:rnd" not in instance.steps
    # the override: a unit stated below the stage, and the scope's model is work to plan
    data["organisation"]["units"][1].update(depth="is_integration")
    instance = build_instance(Problem.model_validate(data).replace(target={"tier": 6}))
    assert ("rnd", 4) not in instance.state.models
    assert "model:digital_integration:rnd" in instance.steps


def test_the_model_a_derived_state_counts_as_built_is_stated() -> None:
    """A current tier whose row asks a scope model (tier 6: L2-T6, rnd at dynamic
    collaboration) says the scope's knowledge model is counted as built, naming the assumption
    (existing_models); tier 5 (L1-T5, no model) says nothing of one. The catalogue CLI shows the
    assumption with the scope models, in both languages."""
    from typer.testing import CliRunner

    from catalog.cli import app

    def derived(tier: int) -> Any:
        data = Problem.model_validate(TINY).model_dump()
        data["organisation"]["current_tier"] = tier
        for unit in data["organisation"]["units"]:
            unit.pop("level"), unit.pop("depth")
        instance = build_instance(Problem.model_validate(data).replace(target={"tier": tier + 1}))
        assert instance.derived is not None
        return instance

    six = derived(6)
    assert six.derived is not None and six.derived.row == "L2-T6"
    assert ("rnd", 5) in six.state.models
    assert "知识模型已建成（existing_models）" in six.derived.rule.zh
    assert "knowledge model built (existing_models)" in six.derived.rule.en
    five = derived(5)
    assert five.derived is not None and five.derived.row == "L1-T5"
    assert "existing_models" not in five.derived.rule.zh + five.derived.rule.en
    for lang, words in (("zh", "现状中的范围模型"), ("en", "Scope models today")):
        out = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["tiers", "--lang", lang]).output
        assert words in out, lang


def test_a_unit_reaches_cl3_as_part_of_its_scenarios_flow() -> None:
    """20001 8.1: CL3 capabilities take the form of flows; a unit's CL3 evaluation follows the
    flow of its main scenario, formed from the nodes that exist (node after CL2)."""
    problem = Problem.model_validate(TINY).replace(target={"row": "L3-T6"})
    instance = build_instance(problem)
    for unit, group in (("a", "rnd"), ("c", "production")):
        assert instance.graph.has_edge(f"combine:flow:{group}", f"upgrade:{unit}:CL3:evaluate")
        assert instance.graph.has_edge(f"upgrade:{unit}:CL2:evaluate", f"combine:node:{unit}")
    result = plan(problem, PARAMS)
    assert result.roadmap is not None and result.violations == ()
    steps = {s.id: s for s in result.roadmap.steps}
    assert steps["upgrade:a:CL3:evaluate"].start >= steps["combine:flow:rnd"].end
