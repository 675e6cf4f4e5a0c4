"""Breadth by departments and process steps (10004 6.1 b, c) and flows along chains (L3).

Hand-made organisations whose departments (组织边界, 20001 6.2 b), process steps and business
chains are stated by the problem; the expected tiers follow from tier_mapping.yaml by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from catalog import load_catalog
from catalog.errors import DataError
from planner.compile.instance import build_instance
from planner.compile.maturity import Maturity
from planner.compile.state import CHAIN_FLOW, evaluate_tier, scopes
from planner.model.problem import Problem, load_problem
from planner.result.plan_result import SolveParams, SolveStatus
from planner.result.roadmap import state_at
from planner.result.validate import validate
from planner.solve.plan import plan

PARAMS = SolveParams(time_limit=20, workers=2, seed=0)


def unit(uid: str, perspective: str, scenario: str, dept: str | None, step: str | None,
         chains: list[str] | None = None, **state: Any) -> dict[str, Any]:  # fmt: skip
    data: dict[str, Any] = {
        "id": uid,
        "name": {"zh": uid, "en": uid},
        "perspective": perspective,
        "main_scenario": scenario,
        "department": dept,
        "process_step": step,
        **state,
    }
    if chains is not None:
        data["chains"] = chains
    return data


def org_problem(units: list[dict[str, Any]], **extra: Any) -> Problem:
    scenarios = sorted({u["main_scenario"] for u in units})
    return Problem.model_validate(
        {
            "name": "breadth",
            "organisation": {
                "industry": "discrete_manufacturing",
                "main_scenarios": scenarios,
                "use_library": False,
                "units": units,
                **extra,
            },
            "target": {"tier": 6},
            "time": {"start": "2027-01-01", "period": "month", "horizon": 48},
        }
    )


INTEGRATED: dict[str, Any] = {"level": 1, "depth": "is_integration"}  # CL1, stage 3 (L1-T3's depth)


def reached(problem: Problem) -> tuple[int, str | None, str | None]:
    """Breadth × depth alone (maturity=None): which row the unit states reach."""
    instance = build_instance(problem)
    r = evaluate_tier(instance.state, instance.org, instance.readings, None)
    return r.tier, r.row, r.scope


def test_two_departments_on_neighbouring_steps_of_a_chain_are_cross_department() -> None:
    # 销售部 on 销售与订单 and 生产部 on 计划调度: neighbouring steps of 订单交付链 (no step
    # between them has units), two departments → 跨部门跨环节 at IS integration: L1-T3.
    # c (not built) keeps the main scenario from L1-T4.
    units = [
        unit("a", "object", "production", "sales", "sales", ["order_delivery"], **INTEGRATED),
        unit("b", "process", "production", "production", "planning", ["order_delivery"],
             **INTEGRATED),
        unit("c", "process", "production", "equipment", "maintenance"),
    ]  # fmt: skip
    assert reached(org_problem(units)) == (3, "L1-T3", "order_delivery:sales+planning")


def test_two_units_of_one_department_are_not_cross_department() -> None:
    # the same two units, both of 生产部: the chain pair spans one department only, so the
    # best is 单部门单环节 (L1-T2: 生产部 of the main scenario at IS application or more)
    units = [
        unit("a", "object", "production", "production", "sales", ["order_delivery"],
             **INTEGRATED),
        unit("b", "process", "production", "production", "planning", ["order_delivery"],
             **INTEGRATED),
        unit("c", "process", "production", "equipment", "maintenance"),
    ]  # fmt: skip
    assert reached(org_problem(units)) == (2, "L1-T2", "production:production")


def test_cross_department_needs_two_steps_and_a_chain() -> None:
    # 10004 6.1 c: 跨部门 且 跨业务环节. Two departments on one step: no pair of steps.
    one_step = [
        unit("a", "object", "production", "sales", "sales", ["order_delivery"], **INTEGRATED),
        unit("b", "process", "production", "finance", "sales", ["order_delivery"],
             **INTEGRATED),
        unit("c", "process", "production", "equipment", "maintenance"),
    ]  # fmt: skip
    assert reached(org_problem(one_step))[0] == 2
    # two departments and two steps but on no chain: not along a business chain
    no_chain = [
        unit("a", "object", "production", "sales", "sales", **INTEGRATED),
        unit("b", "process", "production", "production", "planning", **INTEGRATED),
        unit("c", "process", "production", "equipment", "maintenance"),
    ]
    assert reached(org_problem(no_chain))[0] == 2
    # a unit not built on the step between them: each neighbouring pair holds c
    between = [
        unit("a", "object", "production", "sales", "sales", ["order_delivery"], **INTEGRATED),
        unit("c", "process", "production", "it", "risk_control", ["order_delivery"]),
        unit(
            "b", "process", "production", "production", "planning", ["order_delivery"], **INTEGRATED
        ),
    ]
    assert reached(org_problem(between))[0] < 3


def test_one_process_step_is_a_single_step_scope_across_main_scenarios() -> None:
    # 单一业务环节 (10004 6.1 b): the 生产作业 units of two main scenarios, at IS application;
    # every department scope holds a unit not built, so only the step scope reaches L1-T2
    units = [
        unit("a", "process", "production", "production", "production", level=1,
             depth="is_application"),
        unit("b", "process", "rnd", "rnd", "production", level=1, depth="is_application"),
        unit("c", "object", "production", "production", "planning"),
        unit("d", "carrier", "rnd", "rnd", "design"),
    ]  # fmt: skip
    assert reached(org_problem(units)) == (2, "L1-T2", "step:production")


def test_a_unit_of_the_problem_file_states_its_department(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        """
name: own department
organisation:
  industry: discrete_manufacturing
  main_scenarios: [production]
  units:
    - id: own.fixture
      name: {zh: 工装管理, en: Fixture management}
      perspective: process
      main_scenario: production
      department: 工艺部
      process_step: production
      chains: [order_delivery]
    - id: dm.production.planning
      department: 计划部
target: {tier: 3}
time: {start: "2027-01-01", horizon: 36}
""",
        encoding="utf-8",
    )
    org = build_instance(load_problem(path)).org
    own, planning = org.units["own.fixture"], org.units["dm.production.planning"]
    assert (own.department, own.process_step, own.chains) == (
        "工艺部",
        "production",
        ("order_delivery",),
    )
    # the library's step and chains stay, the department is the user's
    assert (planning.department, planning.process_step) == ("计划部", "planning")
    assert planning.chains == ("order_delivery", "supply")
    # a library unit keeps its defaults
    assert org.units["dm.production.shop_floor"].department == "production"
    dept_scopes = [s.label for s in scopes("one_department_or_step", org)]
    assert "production:工艺部" in dept_scopes and "production:计划部" in dept_scopes


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"chains": ["nowhere"]}, r"organisation\.units\[0\]\.chains: unknown chain 'nowhere'"),
        ({"process_step": "dreaming"}, r"units\[0\]\.process_step: unknown process step"),
        (
            {"process_step": "design", "chains": ["order_delivery"]},
            r"units\[0\]\.chains: a unit on chain 'order_delivery' needs a process_step of that chain",
        ),
    ],
)
def test_bad_breadth_fields_name_the_field(changes: dict[str, Any], message: str) -> None:
    units = [{**unit("a", "process", "production", "x", "planning"), **changes}]
    with pytest.raises(DataError, match=message):
        build_instance(org_problem(units))


# -- capability flows along a chain, across main scenarios (20001 6.3.3, 6.4.3) ------------

NODES_AT_DIGITAL: dict[str, Any] = {"level": 2, "depth": "digital_integration"}


def chain_org() -> list[dict[str, Any]]:
    """Two main scenarios with one perspective each, all four units on 订单交付链: no main
    scenario can carry a flow of its own (20001 6.4.3: a flow spans perspectives), the chain
    can (process and object on it)."""
    return [
        unit("p1", "process", "production", "production", "planning", ["order_delivery"],
             **NODES_AT_DIGITAL),
        unit("p2", "process", "production", "production", "production", ["order_delivery"],
             **NODES_AT_DIGITAL),
        unit("s1", "object", "user_service", "sales", "sales", ["order_delivery"],
             **NODES_AT_DIGITAL),
        unit("s2", "object", "user_service", "service", "service", ["order_delivery"],
             **NODES_AT_DIGITAL),
    ]  # fmt: skip


def test_a_chain_flow_meets_the_flow_form_of_l3_across_main_scenarios() -> None:
    instance = build_instance(org_problem(chain_org()))
    state = instance.state
    cl3 = {u: 3 for u in state.levels}
    at_cl3 = type(state)(cl3, state.stages, state.exists, frozenset(cl3))
    readings = {"L3-T6": instance.readings["L3-T6"]}
    assert evaluate_tier(at_cl3, instance.org, readings, None).tier == 0  # no flow yet
    model = frozenset({("all_scenarios", 4)})  # the organisation's digital model (scope_models)
    along = type(state)(
        cl3,
        state.stages,
        state.exists,
        frozenset(cl3),
        frozenset({CHAIN_FLOW + "order_delivery"}),
        models=model,
    )
    assert evaluate_tier(along, instance.org, readings, None).row == "L3-T6"
    # a chain the units do not lie on does not cover them
    other = type(state)(
        cl3,
        state.stages,
        state.exists,
        frozenset(cl3),
        frozenset({CHAIN_FLOW + "supply"}),
        models=model,
    )
    assert evaluate_tier(other, instance.org, readings, None).tier == 0


def test_the_roadmap_to_l3_forms_the_flow_along_the_chain() -> None:
    met = tuple(Maturity(load_catalog()).counted_up_to(3))
    problem = org_problem(chain_org(), requirements={"derive": False, "met": met})
    problem = problem.replace(target={"row": "L3-T6"})
    instance = build_instance(problem)
    # per main scenario there is no route (one perspective each); along the chain there is
    assert [r.id for r in instance.routes] == ["L3-T6@all_scenarios+chains"]
    result = plan(problem, PARAMS)
    assert result.status == SolveStatus.OPTIMAL and result.roadmap is not None
    assert validate(result.roadmap, instance) == []
    ids = {s.id for s in result.roadmap.steps}
    assert "combine:flow:" + CHAIN_FLOW + "order_delivery" in ids
    assert not any(i in ids for i in ("combine:flow:production", "combine:flow:user_service"))
    end = state_at(result.roadmap, instance, result.roadmap.target_period or 0)
    assert evaluate_tier(end, instance.org, instance.readings, instance.maturity).tier >= 6


def test_with_scenario_flows_possible_the_chain_route_is_an_alternative() -> None:
    units = chain_org()
    units[1]["perspective"] = "driving_element"  # production now has two perspectives
    instance = build_instance(org_problem(units).replace(target={"row": "L3-T6"}))
    # user_service still has one perspective, so per main scenario there is no route; along
    # the chain one flow covers both main scenarios (all their units lie on it)
    ids = sorted(r.id for r in instance.routes)
    assert ids == ["L3-T6@all_scenarios+chains"]
    units[3]["perspective"] = "carrier"  # both scenarios can carry their own flows now
    instance = build_instance(org_problem(units).replace(target={"row": "L3-T6"}))
    routes = {r.id: r for r in instance.routes}
    assert set(routes) == {"L3-T6@all_scenarios", "L3-T6@all_scenarios+chains"}
    flows = {
        t for t in routes["L3-T6@all_scenarios+chains"].targets if t.startswith("combine:flow")
    }
    assert flows == {"combine:flow:chain:order_delivery"}
    flows = {t for t in routes["L3-T6@all_scenarios"].targets if t.startswith("combine:flow")}
    assert flows == {"combine:flow:production", "combine:flow:user_service"}


def test_an_existing_chain_flow_is_stated_in_the_problem() -> None:
    units = [{**u, "level": 3} for u in chain_org()]
    nodes = [{"paradigm": "node", "unit": u["id"]} for u in units]
    flow = {"paradigm": "flow", "scenario": CHAIN_FLOW + "order_delivery"}
    problem = org_problem(units, modules=[*nodes, flow]).replace(target={"tier": 7})
    instance = build_instance(problem)
    assert CHAIN_FLOW + "order_delivery" in instance.state.flows
    readings = {"L3-T6": instance.readings["L3-T6"]}
    assert evaluate_tier(instance.state, instance.org, readings, None).row == "L3-T6"
    bad = org_problem(units, modules=[{"paradigm": "flow", "scenario": "chain:nowhere"}])
    with pytest.raises(
        DataError, match=r"organisation\.modules\[0\]\.scenario: .*chain:<chain id>"
    ):
        build_instance(bad)


def test_a_wider_row_is_kept_when_the_narrower_breadth_has_no_scope_here() -> None:
    # no unit states a chain: 跨部门跨环节 has no scope in this organisation, so L1-T4 (main
    # scenario, CL1, IS integration) must not be skipped as asking more than L1-T3
    units = [
        unit("a", "object", "production", "sales", "sales", level=1, depth="is_application"),
        unit("b", "process", "production", "production", "planning", level=1,
             depth="is_application"),
        unit("c", "process", "production", "equipment", "maintenance"),
    ]  # fmt: skip
    instance = build_instance(org_problem(units).replace(target={"tier": 3}))
    rows = {r.row for r in instance.routes}
    assert "L1-T3" not in rows and "L1-T4" in rows
    # on a chain, L1-T3 has a scope inside the main scenario's, so L1-T4 is skipped as harder
    for u in units[:2]:
        u["chains"] = ["order_delivery"]
    instance = build_instance(org_problem(units).replace(target={"tier": 3}))
    assert "L1-T3" in {r.row for r in instance.routes}
    assert "L1-T4" in instance.skipped_rows
    assert instance.harder_rows["L1-T4"] == "L1-T3"  # a value, not read back from the text
