"""Hand-made problems whose optimum is known by hand; every result goes through the validator.

The tiny organisation (conftest): rnd units a, b at CL1/IS integration (so tier 4 now), and
production units c, d at CL1/IS application. Tier 5 is reachable by two Table 1 rows:
- L1-T5 (whole organisation at IS integration): deepen c and d, 3 months and 30 万元 each;
- L2-T5 over rnd (CL2 nodes at digital integration, level L2): the L2 requirement work first
  (the organisation holds L1 only): strategy (3 subdomains, 2 months, 10 万元 each), then
  governance (5 × 2 months, 15 万元) and systematic solution (4 × 3 months, 30 万元) = 225 万元;
  per unit an upgrade to CL2 after the strategy work (plan 1 month from month 2, element 4,
  evaluate 1 after the governance work = done at month 8, 4+60+3 = 67 万元; the management
  dimension is organisation-wide governance work), then the digital integration deepening
  (4 months, 50 万元) alongside the node combination (1 month, 5 万元), then the main
  scenario's digital model over both (3 months, 30 + 2 × 3 万元): 15 months and
  2 × 122 + 225 + 36 = 505 万元.
"""

from __future__ import annotations

from planner.compile.instance import build_instance
from planner.model.problem import Problem
from planner.result.plan_result import PlanResult, SolveParams, SolveStatus
from planner.result.roadmap import trajectory
from planner.result.validate import validate
from planner.solve.plan import plan
from tests.planner.conftest import make

PARAMS = SolveParams(time_limit=20, workers=2, seed=1)
YUAN = 10_000  # internal money unit: yuan per 万元


def wan(cost: int | None, expected: float) -> bool:
    """Spend is spread evenly per period and rounded to the yuan: allow that rounding."""
    return cost is not None and abs(cost - expected * YUAN) <= 30


def solved(problem: Problem) -> PlanResult:
    result = plan(problem, PARAMS)
    assert result.status == SolveStatus.OPTIMAL, (result.status, result.errors, result.message)
    assert result.roadmap is not None
    instance = build_instance(problem)
    assert validate(result.roadmap, instance) == []
    assert result.violations == ()
    # the roadmap recomputes its own figures without the solver
    assert result.roadmap.total_cost == result.objective.total_cost
    assert result.roadmap.target_period == result.objective.target_period
    points = trajectory(result.roadmap, instance)
    target = result.objective.target_period
    assert target is not None
    wanted = result.target_tier or result.objective.tier or 0
    assert points[target - 1].tier >= wanted
    if target >= 2 and wanted:
        assert points[target - 2].tier < wanted, "fastest: not reached earlier"
    return result


def test_current_tier_is_read_from_unit_states(tiny: Problem) -> None:
    assert build_instance(tiny).current_tier == 4


def test_cheaper_route_is_also_faster(tiny: Problem) -> None:
    result = solved(tiny)
    assert result.roadmap is not None
    assert result.roadmap.row == "L1-T5"
    assert result.objective.target_period == 3
    assert wan(result.objective.total_cost, 60)
    assert {s.id for s in result.roadmap.steps} == {
        "deepen:c:is_integration",
        "deepen:d:is_integration",
    }


def test_faster_route_is_not_the_cheaper() -> None:
    slow_cheap = {
        "effort": [{"unit": u, "kind": "deepening", "months": 20, "cost": 10} for u in "cd"]
    }
    result = solved(make(overrides=slow_cheap))
    assert result.roadmap is not None
    assert result.roadmap.route == "L2-T5@rnd"
    assert result.objective.target_period == 19
    assert wan(result.objective.total_cost, 520)  # 505, and 15 of the CL2 scope work of rnd
    by_row = {c.row: c for c in result.routes}
    assert by_row["L1-T5"].target_period == 20
    assert wan(by_row["L1-T5"].total_cost, 20)  # cheaper, but a month later


def test_staff_capacity_serialises_work() -> None:
    # each IS-integration deepening needs 2 staff; with 2 available they run one after the other
    result = solved(make(staff={"capacity": 2}))
    assert result.objective.target_period == 6
    assert wan(result.objective.total_cost, 60)


def test_varying_staff_profile() -> None:
    # nobody free for the first 4 months, then 4 people: both deepenings run in months 5–7
    result = solved(make(staff={"capacity": 0, "changes": [{"from_period": 4, "capacity": 4}]}))
    assert result.objective.target_period == 7


def test_yearly_cap_pushes_work_into_next_year() -> None:
    # 2027 may spend 15 万元: at 10 万元/month per deepening, at most one month of one step
    # fits in 2027, so the second step cannot start before January 2028 and ends in March
    result = solved(make(budget={"yearly_caps": {2027: 15}}))
    assert result.objective.target_period == 15
    assert result.spend_per_year[2027] <= 15 * YUAN


def test_budget_too_small_is_infeasible_with_explanation() -> None:
    result = plan(make(budget={"total": 50}), PARAMS)
    assert result.status == SolveStatus.INFEASIBLE
    assert result.roadmap is None
    assert result.message is not None and "total budget" in result.message.en


def test_horizon_too_short_is_infeasible() -> None:
    result = plan(make(time={"start": "2027-01-01", "horizon": 2}), PARAMS)
    assert result.status == SolveStatus.INFEASIBLE
    assert result.message is not None and "horizon" in result.message.en


def test_quarterly_periods_round_durations_up() -> None:
    result = solved(make(time={"start": "2027-01-01", "period": "quarter", "horizon": 8}))
    assert result.objective.target_period == 1  # 3 months = one quarter
    assert result.roadmap is not None
    assert result.roadmap.steps[0].end_date.isoformat() == "2027-04-01"


def test_explicit_target_row() -> None:
    result = solved(make(target={"row": "L2-T5"}))
    assert result.roadmap is not None
    assert result.roadmap.row == "L2-T5"
    # the L2 strategy work (competitive advantage 2 months, then business scenario and value
    # model 2), the units' CL2 plans (1), the scope work of rnd (2), element work (4),
    # evaluation (1), deepening to digital integration (4) and the scope's digital model (3)
    assert result.objective.target_period == 19


def test_same_input_and_seed_same_roadmap(tiny: Problem) -> None:
    first = plan(tiny, PARAMS)
    second = plan(tiny, PARAMS)
    assert first.roadmap is not None and second.roadmap is not None
    assert first.roadmap.model_dump_json() == second.roadmap.model_dump_json()


def test_or_alternative_of_table_1_is_a_route_of_its_own() -> None:
    """Tier 4 'or': a cross-department local digital model instead of the whole main scenario.

    a, b (carrier, process) are CL2 at IS integration: tier 3 now. c (object) is at IT
    application, and its deepenings are made slow (12 months each). The main reading of L1-T4
    needs c at IS integration (24 months); the alternative needs a and b at digital
    integration (4 months, 50 万元 each), then the local digital model over both (3 months,
    30 + 2 × 3 万元).
    """
    units = [
        {"id": "a", "name": {"zh": "甲", "en": "A"}, "perspective": "carrier",
         "main_scenario": "rnd", "level": 2, "depth": "is_integration",
         "department": "rnd", "process_step": "design", "chains": ["rnd_design"]},
        {"id": "b", "name": {"zh": "乙", "en": "B"}, "perspective": "process",
         "main_scenario": "rnd", "level": 2, "depth": "is_integration",
         "department": "technical", "process_step": "process_planning", "chains": ["rnd_design"]},
        {"id": "c", "name": {"zh": "丙", "en": "C"}, "perspective": "object",
         "main_scenario": "rnd", "level": 1, "depth": "it_application"},
    ]  # fmt: skip
    problem = make(
        organisation={
            "industry": "discrete_manufacturing",
            "main_scenarios": ["rnd"],
            "use_library": False,
            "units": units,
        },
        target={"tier": 4},
        time={"start": "2027-01-01", "horizon": 36},
        overrides={"effort": [{"unit": "c", "kind": "deepening", "months": 12}]},
    )
    assert build_instance(problem).current_tier == 3
    result = solved(problem)
    assert result.roadmap is not None
    # the scope label of the chain scope: chain id, then the two neighbouring steps
    assert result.roadmap.route == "L1-T4/alt1@rnd_design:design+process_planning"
    assert result.objective.target_period == 7
    assert wan(result.objective.total_cost, 136)
    assert result.trajectory[6].row == "L1-T4/alt1"
    assert result.trajectory[5].tier == 3  # not before the model exists


def test_override_by_dimension() -> None:
    # deepening is element-dimension work: doubling its months doubles the fastest route
    result = solved(make(overrides={"effort": [{"dimension": "element", "months": 6}]}))
    assert result.objective.target_period == 6


def test_a_subset_of_main_scenarios_drops_library_prerequisites_outside_it() -> None:
    # org.talent (whole organisation) needs ops.hr from operations management in the library
    problem = Problem.model_validate(
        {
            "organisation": {"industry": "discrete_manufacturing", "main_scenarios": ["rnd"]},
            "target": {"tier": 2},
            "time": {"start": "2027-01-01", "horizon": 24},
        }
    )
    instance = build_instance(problem)
    assert "ops.hr" not in instance.org.units
    assert all(
        p in instance.org.units for u in instance.org.units.values() for p in u.prerequisites
    )
    solved(problem)
