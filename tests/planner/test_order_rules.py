"""The order rules of maturity_reading.yaml ``order`` added after the consultant's review: each
rule is in the data and applied by default (a copy with ``applied: false`` drops the order),
its precedence exists in the instance, a plan respects it and a roadmap that breaks it is
caught by the validator."""

from __future__ import annotations

from dataclasses import replace

from catalog import Catalog, load_catalog
from planner.compile.instance import Instance, build_instance
from planner.model.problem import Problem
from planner.result.plan_result import SolveParams, SolveStatus
from planner.result.roadmap import Roadmap, ScheduledStep
from planner.result.validate import validate
from planner.solve.plan import plan
from tests.planner.conftest import TINY

PARAMS = SolveParams(time_limit=20, workers=2, seed=0)
ADVANTAGE = "require:strategy.competitive_advantage:L2"


def _tiny(target: dict[str, object]) -> Problem:
    time = {**TINY["time"], "horizon": 72}  # tier 8 (L3) takes longer than the 24 months
    return Problem.model_validate(TINY).replace(target=target, time=time)


def _without(rule: str) -> Catalog:
    """The catalogue with the order rule ``rule`` set to ``applied: false`` (an override's
    copy); every other rule stays as the catalogue has it."""
    catalog = load_catalog()
    reading = catalog.maturity_reading
    order = tuple(r.model_copy(update={"applied": r.id != rule}) for r in reading.order)
    return replace(catalog, maturity_reading=reading.model_copy(update={"order": order}))


CATALOG = load_catalog()  # every order rule applied: the default


def _planned(problem: Problem) -> tuple[Roadmap, dict[str, ScheduledStep], Instance]:
    result = plan(problem, PARAMS, CATALOG)
    assert result.status == SolveStatus.OPTIMAL and result.roadmap is not None
    assert result.violations == ()
    return result.roadmap, {s.id: s for s in result.roadmap.steps}, build_instance(problem, CATALOG)


def _moved(roadmap: Roadmap, sid: str, start: int) -> Roadmap:
    """The roadmap with one step moved to start at ``start`` (same duration)."""
    steps = tuple(
        s.model_copy(update={"start": start, "end": start + s.end - s.start}) if s.id == sid else s
        for s in roadmap.steps
    )
    return roadmap.model_copy(update={"steps": steps})


def _caught(roadmap: Roadmap, instance: Instance, subject: str) -> bool:
    return any(v.rule == "precedence" and v.subject == subject for v in validate(roadmap, instance))


def test_the_rules_are_data_and_shown_with_their_clause() -> None:
    from typer.testing import CliRunner

    from catalog.cli import app

    reading = load_catalog().maturity_reading
    new = {
        "advantage_first": "A.2.1.1 a",
        "solution_before_elements": "A.2.1.1 d",
        "scope_work_before_elements": "A.2.2.4 a",
        "integration_after_module": "5.4.6.3",
        "node_after_strategy": "A.2.1.1 b",
    }
    clauses = {r.id: r.clause for r in reading.order}
    for rule, clause in new.items():
        assert clause in clauses[rule], rule
        assert reading.ordered(rule), rule  # applied by default
        assert not _without(rule).maturity_reading.ordered(rule), rule
    assert reading.ordered("strategy_first")  # the earlier rules stay applied
    for lang in ("zh", "en"):  # `capplan catalog tiers` shows each rule
        output = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["tiers", "--lang", lang]).output
        assert all(rule in output for rule in new), lang


def test_competitive_advantage_first_within_strategy() -> None:
    problem = _tiny({"row": "L2-T5"})
    roadmap, steps, instance = _planned(problem)
    for follower in ("business_scenario", "value_model"):
        sid = f"require:strategy.{follower}:L2"
        assert instance.graph.has_edge(ADVANTAGE, sid)
        assert steps[sid].start >= steps[ADVANTAGE].end
        broken = _moved(roadmap, sid, steps[ADVANTAGE].start)
        assert _caught(broken, instance, sid)
    plain = build_instance(problem, _without("advantage_first"))
    assert not plain.graph.has_edge(ADVANTAGE, "require:strategy.value_model:L2")


def test_solution_work_before_the_units_element_work() -> None:
    problem = _tiny({"row": "L2-T5"})
    roadmap, steps, instance = _planned(problem)
    solution = [s for s in steps.values() if (s.subdomain or "").startswith("solution.")]
    elements = [s for s in steps.values() if s.kind == "upgrade" and s.phase == "element"]
    assert solution and elements
    assert min(e.start for e in elements) >= max(s.end for s in solution)
    element = elements[0].id
    level = instance.steps[element].capability_level
    assert instance.graph.has_edge(f"require:solution.data:L{level}", element)
    assert _caught(_moved(roadmap, element, 0), instance, element)
    plain = build_instance(problem, _without("solution_before_elements"))
    assert not plain.graph.has_edge(f"require:solution.data:L{level}", element)


def test_scope_work_before_element_work_and_models_of_its_scope() -> None:
    problem = _tiny({"row": "L2-T5"})
    roadmap, steps, instance = _planned(problem)
    scope = next(s for s in steps.values() if s.kind == "scope")
    pairs = set(instance.order_precedences)
    after = [b for a, b in pairs if a == scope.id]
    units = {str(instance.steps[p].unit) for p in instance.predecessors(scope.id)}
    assert {f"upgrade:{u}:CL2:element" for u in units} <= set(after)
    assert any(b.startswith("model:") for b in after)
    for b in after:
        if b in steps:
            assert steps[b].start >= scope.end, b
    # the plans stay before the scope work (it reads them)
    assert all(steps[p].end <= scope.start for p in instance.predecessors(scope.id))
    element = f"upgrade:{sorted(units)[0]}:CL2:element"
    broken = _moved(roadmap, scope.id, steps[element].start)
    assert _caught(broken, instance, element)
    plain = build_instance(problem, _without("scope_work_before_elements"))
    assert not any(a.startswith("scope:") for a, _ in plain.order_precedences)


def test_scope_work_before_the_flows_of_its_scope() -> None:
    instance = build_instance(_tiny({"tier": 8}), CATALOG)
    pairs = set(instance.order_precedences)
    for flow in ("combine:flow:rnd", "combine:flow:production"):
        assert ("scope:CL3:all_scenarios", flow) in pairs
        assert ("scope:CL2:all_scenarios/rnd", flow) in pairs


def test_business_integration_follows_the_flows() -> None:
    problem = _tiny({"tier": 8})
    roadmap, steps, instance = _planned(problem)
    integration = "require:business.integration:L3"
    flows = [s for s in steps.values() if s.id.startswith("combine:flow:")]
    assert integration in steps and flows
    for flow in flows:
        assert (flow.id, integration) in instance.order_precedences
        assert steps[integration].start >= flow.end
    assert _caught(_moved(roadmap, integration, flows[0].start), instance, integration)
    plain = build_instance(problem, _without("integration_after_module"))
    assert not any(b == integration for _, b in plain.order_precedences)


def test_conditional_order_binds_only_when_both_steps_are_in_the_roadmap() -> None:
    """A pair (before, after) binds only when the roadmap holds both: the other scope's scope
    work pulls nothing into this roadmap, and a roadmap without the flows breaks no pair of
    the integration (the DAG has no edge from a flow to it)."""
    roadmap, steps, instance = _planned(_tiny({"row": "L2-T5"}))
    other = [(a, b) for a, b in instance.order_precedences if a not in steps]
    assert other and all(b not in steps for _, b in other)  # the route not chosen
    problem = _tiny({"tier": 8})
    roadmap, _, instance = _planned(problem)
    integration = "require:business.integration:L3"
    assert ("combine:flow:rnd", integration) in instance.order_precedences
    assert not instance.graph.has_edge("combine:flow:rnd", integration)
    without = roadmap.model_copy(
        update={"steps": tuple(s for s in roadmap.steps if not s.id.startswith("combine:flow:"))}
    )
    assert not any(
        v.rule == "precedence" and v.subject == integration for v in validate(without, instance)
    )


def test_node_after_the_strategy_and_before_the_scope_model() -> None:
    data = {**TINY, "organisation": dict(TINY["organisation"])}
    data["organisation"]["units"] = [{**u, "level": 2} for u in TINY["organisation"]["units"]]
    problem = Problem.model_validate(data).replace(target={"tier": 8})
    instance = build_instance(problem, CATALOG)
    # the units are at CL2 already: the node has no upgrade before it, only the strategy
    assert instance.graph.has_edge("require:strategy.competitive_advantage:L2", "combine:node:a")
    plain = build_instance(problem, _without("node_after_strategy"))
    assert list(plain.graph.predecessors("combine:node:a")) == []
    roadmap, steps, built = _planned(_tiny({"row": "L2-T5"}))
    nodes = [s for s in steps.values() if s.id.startswith("combine:node:")]
    models = [s for s in steps.values() if s.kind == "model"]
    assert nodes and models
    for node in nodes:
        assert (node.id, models[0].id) in built.order_precedences
        assert models[0].start >= node.end
    assert _caught(_moved(roadmap, models[0].id, 0), built, models[0].id)


def test_history_keeps_its_place_before_the_order_rules() -> None:
    """Re-planning an organisation whose work did not follow the order rules: unit a's element
    work was done before the L2 systematic solution (solution_before_elements) and b's is under
    way before the scope work (scope_work_before_elements). The history stands: the route is
    kept, the done and started steps keep their dates, and the solution and scope work are
    planned from now on; the roadmap holds. A unit's own sequence still holds for its history:
    element work done without its plan is an input error."""
    plan_a, element_a = "upgrade:a:CL2:plan", "upgrade:a:CL2:element"
    plan_b, element_b = "upgrade:b:CL2:plan", "upgrade:b:CL2:element"
    progress = {
        "now": 5,
        "done": [
            {"id": plan_a, "start": 0, "end": 1},
            {"id": element_a, "start": 1, "end": 5},
            {"id": plan_b, "start": 0, "end": 1},
        ],
        "in_progress": [{"id": element_b, "start": 2}],
    }
    problem = _tiny({"row": "L2-T5"}).replace(progress=progress)
    instance = build_instance(problem, CATALOG)
    for solution in ("data", "organisation", "process", "technology"):
        assert not instance.graph.has_edge(f"require:solution.{solution}:L2", element_a)
    assert all(b not in (element_a, element_b) for _, b in instance.order_precedences)
    roadmap, steps, _ = _planned(problem)
    assert roadmap.route == "L2-T5@rnd"
    assert (steps[element_a].start, steps[element_b].start) == (1, 2)
    assert all(s.start >= 5 for s in steps.values() if s.kind in ("requirement", "scope")), (
        "nothing new starts before now"
    )
    # the unit's own order is not a reading: its element work needs its plan first
    broken = {**progress, "done": [{"id": element_a, "start": 1, "end": 5}]}
    result = plan(_tiny({"row": "L2-T5"}).replace(progress=broken), PARAMS, CATALOG)
    assert result.status == SolveStatus.INVALID_INPUT
    assert any(plan_a in e and "neither done nor in progress" in e for e in result.errors)
