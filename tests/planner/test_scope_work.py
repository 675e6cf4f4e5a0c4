"""Appendix A priorities the standard ties to a scope (maturity_reading.yaml scope_priorities):
carried once per scope (at CL2 once per main scenario of the scope) by scope work, not by each
unit; a roadmap without its scope work is caught by the validator."""

from __future__ import annotations

from catalog import load_catalog
from planner.compile.instance import build_instance
from planner.model.problem import Problem
from planner.result.plan_result import SolveParams, SolveStatus
from planner.result.validate import validate
from planner.solve.plan import plan
from tests.planner.conftest import TINY

PARAMS = SolveParams(time_limit=20, workers=2, seed=0)
SCENARIO_TIED = ("A.2.2.1 b", "A.2.2.1 c", "A.2.2.3 a")  # 关键业务场景 (CL2)


def _tiny(target: dict[str, object]) -> Problem:
    return Problem.model_validate(TINY).replace(target=target)


def test_the_reading_ties_data_and_process_priorities_to_a_scope() -> None:
    reading = load_catalog().maturity_reading
    scoped = reading.scope_priorities
    assert scoped is not None
    cl2 = scoped.of_level(2)
    assert cl2 is not None and cl2.clauses == SCENARIO_TIED and cl2.per == "scenario"
    assert scoped.of_level(1) is None  # A.1.2 concerns the unit's own functions
    # the organisation-wide priorities stay once per level: none is tied to a scope
    prio = reading.organisation_priorities
    assert prio.clauses_read is not None
    assert not any(scoped.tied(c) for entry in prio.items for c in entry.clauses)


def test_two_scopes_need_the_scope_work_twice() -> None:
    # a main-scenario row: each scope (R&D, production) has its own scope work
    instance = build_instance(_tiny({"row": "L2-T5"}))
    by_route = {
        r.id: sorted(s for s in r.steps if instance.steps[s].kind == "scope")
        for r in instance.routes
    }
    assert by_route == {
        "L2-T5@rnd": ["scope:CL2:rnd"],
        "L2-T5@production": ["scope:CL2:production"],
    }
    step = instance.steps["scope:CL2:rnd"]
    assert step.priorities == SCENARIO_TIED and step.scope == "rnd"
    assert instance.predecessors(step.id) == ["upgrade:a:CL2:plan", "upgrade:b:CL2:plan"]
    # a whole-organisation row over two main scenarios: the CL2 work twice (once per main
    # scenario, 关键业务场景), the CL3 work once (主营业务领域)
    wide = build_instance(_tiny({"tier": 8}))
    route = next(r for r in wide.routes if r.row == "L3-T8")
    assert sorted(s for s in route.steps if wide.steps[s].kind == "scope") == [
        "scope:CL2:all_scenarios/production",
        "scope:CL2:all_scenarios/rnd",
        "scope:CL3:all_scenarios",
    ]


def test_units_no_longer_carry_the_scope_priorities() -> None:
    instance = build_instance(_tiny({"row": "L2-T5"}))
    for step in instance.steps.values():
        carries = set(step.priorities) & set(SCENARIO_TIED)
        assert not carries or step.kind == "scope", step.id
    # other CL2 element priorities stay the unit's own
    element = instance.steps["upgrade:a:CL2:element"]
    assert "A.2.2.1 a" in element.priorities and "A.2.2.2 a" in element.priorities


def test_no_scope_work_where_the_units_are_at_the_level_already() -> None:
    data = {**TINY, "organisation": dict(TINY["organisation"])}
    data["organisation"]["units"] = [
        {**u, "level": 2} if u["main_scenario"] == "rnd" else u
        for u in TINY["organisation"]["units"]
    ]
    instance = build_instance(Problem.model_validate(data).replace(target={"row": "L2-T5"}))
    scope = {s for s in instance.steps if s.startswith("scope:")}
    assert scope == {"scope:CL2:production"}


def test_a_roadmap_without_its_scope_work_is_caught() -> None:
    problem = _tiny({"row": "L2-T5"})
    result = plan(problem, PARAMS)
    assert result.status == SolveStatus.OPTIMAL and result.roadmap is not None
    instance = build_instance(problem)
    assert validate(result.roadmap, instance) == []
    scope = [s for s in result.roadmap.steps if s.kind == "scope"]
    assert len(scope) == 1  # once for the chosen scope, not once per unit
    broken = result.roadmap.model_copy(
        update={"steps": tuple(s for s in result.roadmap.steps if s.kind != "scope")}
    )
    violations = {(v.rule, v.subject) for v in validate(broken, instance)}
    assert ("route", scope[0].id) in violations
