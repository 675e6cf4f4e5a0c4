"""The solver-free validator: a valid roadmap passes, and each rule catches its own corruption.

One hand-checked roadmap of the tiny organisation (conftest) on the L2-T5 route over rnd (the
organisation states every requirement item up to L2 as met, so the route is the unit work: each
unit's CL2 plan, element work and evaluation, its node and digital integration, then the main
scenario's digital model over both, and the scope work of the main scenario (20001 A.2.2.1 b …),
held at no cost and no staff here so the hand-checked figures stay those of the unit work), with
two user steps (each on its own resource, tied by a user precedence), a total budget, caps in
2027 and 2028 and a staff capacity. Each test breaks exactly one rule, by moving, dropping or
adding a step or by tightening one limit, and expects the validator to name that rule and
the step, period or year at fault. A validator that returned [] would fail all of them.
"""

from __future__ import annotations

from typing import Any

import pytest

from catalog import load_catalog
from planner.compile.instance import Instance, Route, build_instance
from planner.compile.maturity import Maturity
from planner.model.problem import Problem
from planner.result.roadmap import Roadmap, schedule
from planner.result.validate import Violation, validate
from planner.solve.baseline import left_shift
from tests.planner.conftest import make

PLAN_A, ELEMENT_A = "upgrade:a:CL2:plan", "upgrade:a:CL2:element"
NODE_A, DEEPEN_A = "combine:node:a", "deepen:a:digital_integration"
MODEL = "model:digital_integration:rnd"
SCOPE = "scope:CL2:rnd"  # the main scenario's scope work (maturity_reading.yaml scope_priorities)
ROUTE = "L2-T5@rnd"
# a valid roadmap: the route in 14 months, the audit in January, the trial in 2028
STARTS = {
    PLAN_A: 0,
    "upgrade:b:CL2:plan": 0,
    SCOPE: 1,  # after both plans; one month, no cost, no staff (the override below)
    ELEMENT_A: 2,  # after the scope work (order rule scope_work_before_elements)
    "upgrade:b:CL2:element": 2,
    "upgrade:a:CL2:evaluate": 6,
    "upgrade:b:CL2:evaluate": 6,
    NODE_A: 7,
    "combine:node:b": 7,
    DEEPEN_A: 7,
    "deepen:b:digital_integration": 7,
    MODEL: 11,  # after both deepenings and nodes; 3 months at 12 万元 a month (30 + 2 × 3)
    "audit": 0,
    "trial": 14,
}
# 万元: everything but the trial and the model's last two months (2 × 67 + 2 × 5 + 2 × 50, the
# audit 10, the model's first month 12)
SPEND_2027 = 266.0
L2_MET = tuple(Maturity(load_catalog()).counted_up_to(2))


def problem(**changes: Any) -> Problem:
    base: dict[str, Any] = {
        "target": {"row": "L2-T5"},
        "resources": [{"id": "lab", "capacity": 1}, {"id": "rig", "capacity": 1}],
        "extra_steps": [
            {"id": "audit", "duration": 2, "cost": 10, "staff": 1, "demands": {"lab": 1}},
            {"id": "trial", "duration": 2, "cost": 10, "staff": 1, "demands": {"rig": 1}},
        ],
        "precedences": [{"before": "audit", "after": "trial"}],
        "budget": {"total": 500, "yearly_caps": {2027: 400, 2028: 100}},
        "staff": {"capacity": 10},
        "organisation": {"requirements": {"met": L2_MET}},
        # the scope work at no cost and no staff: the figures below are the unit work's
        "overrides": {"effort": [{"kind": "scope", "months": 1, "cost": 0, "staff": 0}]},
    }
    return make(**{**base, **changes})


def instance(**changes: Any) -> Instance:
    return build_instance(problem(**changes))


def route(inst: Instance, rid: str = ROUTE) -> Route:
    return next(r for r in inst.routes if r.id == rid)


def roadmap(inst: Instance, **moves: int) -> Roadmap:
    """The valid roadmap, with some steps started elsewhere (dates and figures recomputed)."""
    return schedule(inst, route(inst), {**STARTS, **moves})


def rules(violations: list[Violation]) -> set[tuple[str, str]]:
    return {(v.rule, v.subject) for v in violations}


def test_the_reference_roadmap_is_valid() -> None:
    inst = instance()
    valid = roadmap(inst)
    assert validate(valid, inst) == []
    assert valid.target_period == 14
    spend = valid.spend_per_year(inst)
    assert spend[2027] == pytest.approx(SPEND_2027 * 10_000, abs=1)
    assert spend[2028] == (24 + 10) * 10_000  # the model's last two months and the trial


def test_precedence_a_step_starting_before_its_predecessor_ends() -> None:
    inst = instance()
    found = validate(roadmap(inst, **{ELEMENT_A: 0}), inst)
    assert ("precedence", ELEMENT_A) in rules(found)
    assert any(
        PLAN_A in v.message.en and PLAN_A in v.message.zh for v in found if v.rule == "precedence"
    )


def test_precedence_a_predecessor_missing_from_the_roadmap() -> None:
    inst = instance()
    valid = roadmap(inst)
    dropped = valid.model_copy(update={"steps": tuple(s for s in valid.steps if s.id != PLAN_A)})
    found = validate(dropped, inst)
    assert ("precedence", ELEMENT_A) in rules(found)
    assert ("route", PLAN_A) in rules(found)


def test_user_precedence() -> None:
    inst = instance()
    found = validate(roadmap(inst, trial=1), inst)  # the audit runs in periods 0-1
    assert rules(found) == {("precedence", "trial")}
    assert "audit" in found[0].message.en


def test_user_precedence_binds_only_what_the_problem_says() -> None:
    inst = instance(precedences=[])
    assert validate(roadmap(inst, trial=0), inst) == []


def test_total_budget() -> None:
    total = roadmap(instance()).total_cost / 10_000
    assert validate(roadmap(inst := instance(budget={"total": total})), inst) == []
    tight = instance(budget={"total": total - 0.01, "yearly_caps": {}})
    assert rules(validate(roadmap(tight), tight)) == {("budget", "total")}


@pytest.mark.parametrize(
    ("caps", "year"),
    [({2027: SPEND_2027 - 0.01, 2028: 100}, "2027"), ({2027: 400, 2028: 33.99}, "2028")],
)
def test_each_yearly_cap(caps: dict[int, float], year: str) -> None:
    inst = instance(budget={"total": 500, "yearly_caps": caps})
    found = validate(roadmap(inst), inst)
    assert rules(found) == {("yearly_cap", year)}


def test_staff_capacity() -> None:
    inst = instance()
    peak = max(roadmap(inst).staff_per_period(inst.horizon))
    assert peak == 6  # periods 2-5: two element works (3 each); period 7: nodes and deepenings
    tight = instance(staff={"capacity": peak - 1})
    found = validate(roadmap(tight), tight)
    assert {v.rule for v in found} == {"staff"}
    assert {v.subject for v in found} == {f"period {t}" for t in (2, 3, 4, 5, 7)}


def test_staff_capacity_that_changes_over_time() -> None:
    """6 staff in periods 2-5 is within their 6; 6 in period 7 is above its 5; 4 in 8 is not."""
    inst = instance(staff={"capacity": 6, "changes": [{"from_period": 7, "capacity": 5}]})
    found = validate(roadmap(inst), inst)
    assert {v.rule for v in found} == {"staff"}
    assert {v.subject for v in found} == {"period 7"}


@pytest.mark.parametrize(("resource", "step"), [("lab", "audit"), ("rig", "trial")])
def test_each_resource(resource: str, step: str) -> None:
    others = {"lab": "rig", "rig": "lab"}
    limits = [{"id": resource, "capacity": 0}, {"id": others[resource], "capacity": 1}]
    inst = instance(resources=limits)
    found = validate(roadmap(inst), inst)
    assert {v.rule for v in found} == {"resource"}
    assert {v.subject.split()[0] for v in found} == {resource}
    start = STARTS[step]
    assert {v.subject for v in found} == {f"{resource} period {t}" for t in (start, start + 1)}


def test_horizon() -> None:
    inst = instance()
    found = validate(roadmap(inst, trial=inst.horizon - 1), inst)
    assert ("horizon", "trial") in rules(found)


def test_duration_rate_and_unknown_steps() -> None:
    inst = instance()
    valid = roadmap(inst)
    steps = list(valid.steps)
    i = next(k for k, s in enumerate(steps) if s.id == "trial")
    steps[i] = steps[i].model_copy(update={"end": steps[i].end + 1})
    j = next(k for k, s in enumerate(steps) if s.id == "audit")
    steps[j] = steps[j].model_copy(update={"rate": steps[j].rate - 1})
    steps.append(steps[0].model_copy(update={"id": "ghost"}))
    found = rules(validate(valid.model_copy(update={"steps": tuple(steps)}), inst))
    assert {("duration", "trial"), ("step", "audit"), ("step", "ghost")} <= found


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", {"zh": "别的步骤", "en": "another step"}),
        ("kind", "model"),
        ("clauses", ("20001 9.9",)),
        ("meets", ("5.2.1.1 a",)),
        ("demands", (("lab", 1),)),
        ("start_date", "2030-01-01"),
    ],
)
def test_a_copied_fact_that_differs_from_the_problem(field: str, value: object) -> None:
    """The roadmap keeps its steps' facts; each one that differs from the compiled step (or a
    date that is not its period's) is caught, naming the field."""
    inst = instance()
    valid = roadmap(inst)
    steps = list(valid.steps)
    i = next(k for k, s in enumerate(steps) if s.id == ELEMENT_A)
    steps[i] = type(steps[i]).model_validate({**steps[i].model_dump(), field: value})
    found = validate(valid.model_copy(update={"steps": tuple(steps)}), inst)
    assert rules(found) == {("step", ELEMENT_A)}, found
    assert field in found[0].message.en and field in found[0].message.zh


def test_a_step_scheduled_twice_and_a_user_step_missing() -> None:
    inst = instance()
    valid = roadmap(inst)
    steps = [s for s in valid.steps if s.id != "trial"] + [valid.steps[0]]
    found = rules(validate(valid.model_copy(update={"steps": tuple(steps)}), inst))
    assert {("step", valid.steps[0].id), ("step", "trial")} <= found


DONE = {"now": 1, "done": [{"id": PLAN_A, "start": 0, "end": 1}]}
# with only a's plan done by period 1, unit b's upgrade starts at 1 and the audit at 1
AFTER_NOW = {
    "audit": 1,
    "upgrade:b:CL2:plan": 1,
    SCOPE: 2,  # after b's plan
    ELEMENT_A: 3,  # both element works after the scope work
    "upgrade:b:CL2:element": 3,
    "upgrade:a:CL2:evaluate": 7,
    "upgrade:b:CL2:evaluate": 7,
    NODE_A: 8,
    "combine:node:b": 8,
    DEEPEN_A: 8,
    "deepen:b:digital_integration": 8,
    MODEL: 12,
}


def test_lock_done_step_moved() -> None:
    inst = instance(progress=DONE)
    assert validate(roadmap(inst, **AFTER_NOW), inst) == []
    moved = {PLAN_A: 1}  # still before a's element work at 3
    found = validate(roadmap(inst, **{**AFTER_NOW, **moved}), inst)
    assert ("lock", PLAN_A) in rules(found)


def test_lock_nothing_new_starts_before_now() -> None:
    inst = instance(progress=DONE)
    found = validate(roadmap(inst, **{**AFTER_NOW, "audit": 0}), inst)
    assert rules(found) == {("lock", "audit")}


def test_lock_forced_step_missing_and_forbidden_step_present() -> None:
    other = "deepen:c:is_integration"  # needed only by the route over production
    inst = instance(progress={"forced": [other]})
    assert ("lock", other) in rules(validate(roadmap(inst), inst))
    inst = instance(progress={"forbidden": [other]})
    assert validate(roadmap(inst), inst) == []
    found = validate(roadmap(inst, **{other: 0}), inst)
    assert ("lock", other) in rules(found)


def test_route_a_target_step_missing() -> None:
    inst = instance()
    valid = roadmap(inst)
    dropped = valid.model_copy(update={"steps": tuple(s for s in valid.steps if s.id != NODE_A)})
    found = rules(validate(dropped, inst))
    assert ("route", NODE_A) in found


def test_route_unknown_or_missing() -> None:
    inst = instance()
    valid = roadmap(inst)
    assert rules(validate(valid.model_copy(update={"route": "L9-T1@rnd"}), inst)) == {
        ("route", "L9-T1@rnd")
    }
    assert ("route", "-") in rules(validate(valid.model_copy(update={"route": None}), inst))


def test_route_target_period_and_tier() -> None:
    """A target period before the route's last step: the row is not met then."""
    inst = instance()
    valid = roadmap(inst)
    early = validate(valid.model_copy(update={"target_period": 7}), inst)
    assert {("route", ROUTE), ("tier", "L2-T5"), ("tier", "period 7")} <= rules(early)
    late = validate(valid.model_copy(update={"target_period": 15}), inst)
    assert rules(late) == {("route", ROUTE)}


def test_left_shift_moves_a_step_that_can_start_earlier() -> None:
    inst = instance()
    late = roadmap(inst, **{DEEPEN_A: 10, MODEL: 14})  # could start at 7 and 11
    assert late.target_period == 17
    shifted = left_shift(inst, late)
    starts = {s.id: s.start for s in shifted.steps}
    assert starts[DEEPEN_A] == 7
    assert starts["trial"] == 2  # right after the audit: the user precedence holds
    assert starts[MODEL] == 11
    assert shifted.target_period == 14
    assert validate(shifted, inst) == []


def test_left_shift_respects_capacity_locks_and_now() -> None:
    """The done step stays; the audit goes back to now (1), not to 0; the lab is shared."""
    inst = instance(
        progress=DONE, resources=[{"id": "lab", "capacity": 1}, {"id": "rig", "capacity": 1}]
    )
    late = roadmap(inst, **{**AFTER_NOW, "audit": 9, DEEPEN_A: 10, MODEL: 14})
    assert validate(late, inst) == []
    starts = {s.id: s.start for s in left_shift(inst, late).steps}
    assert (starts[PLAN_A], starts["audit"], starts[DEEPEN_A], starts[MODEL]) == (0, 1, 8, 12)
    assert starts["upgrade:b:CL2:plan"] == 1
    # 1 staff in period 1 (b's plan), the scope work in 2 (no staff), then 6 in periods 3-6
    # (both element works): the audit (two periods, one staff) has no room before period 7
    profile = {
        "capacity": 6,
        "changes": [{"from_period": 1, "capacity": 1}, {"from_period": 2, "capacity": 6}],
    }
    tight = instance(progress=DONE, staff=profile)
    late = roadmap(tight, **{**AFTER_NOW, "audit": 9, DEEPEN_A: 10, MODEL: 14})
    assert validate(late, tight) == []
    shifted = left_shift(tight, late)
    assert validate(shifted, tight) == []
    starts = {s.id: s.start for s in shifted.steps}
    assert starts["audit"] == 7
    assert starts[DEEPEN_A] == 9  # period 8 holds the nodes and b's deepening: 6 with the audit


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_finding_is_in_chinese_and_english_and_survives_json() -> None:
    """Findings of five rules at once; each says it in zh (default) and en, and round-trips."""
    from planner.result.plan_result import PlanResult, SolveStatus

    inst = instance(budget={"total": 1, "yearly_caps": {}}, staff={"capacity": 1})
    broken = roadmap(inst, trial=inst.horizon - 1, **{ELEMENT_A: 0})
    found = validate(broken, inst)
    assert {"budget", "staff", "horizon", "precedence"} <= {v.rule for v in found}
    for v in found:
        assert _cjk(v.message.zh) and not _cjk(v.message.en), v
        assert _cjk(v.text()) and v.text().startswith("[") and not _cjk(v.text("en"))
    stored = PlanResult(status=SolveStatus.FEASIBLE, violations=tuple(found)).model_dump_json()
    assert PlanResult.model_validate_json(stored).violations == tuple(found)


def test_a_finding_stored_as_plain_text_by_an_older_capplan_still_loads() -> None:
    old = Violation.model_validate("[budget] total: costs 10.00, budget is 1.00")
    assert old.rule == "stored" and old.message.en.startswith("[budget]")
    assert old.text("zh").startswith("[已存结果]")


def test_every_claimed_tier_of_the_trajectory_is_re_evaluated() -> None:
    """The reference trajectory holds; a tier claimed early, one claimed late, a row swapped
    and a missing period are each caught at the period at fault."""
    from dataclasses import replace

    from planner.result.roadmap import trajectory
    from planner.result.validate import validate_trajectory

    inst = instance()
    valid = roadmap(inst)
    points = trajectory(valid, inst)
    assert validate_trajectory(points, valid, inst) == []
    final = points[-1]
    assert final.tier >= 5 and final.row is not None
    first_t5 = next(p.period for p in points if p.tier == final.tier)
    assert valid.target_period is not None and first_t5 == valid.target_period - 1  # model ends

    early = list(points)
    early[first_t5 - 1] = replace(early[first_t5 - 1], tier=final.tier, row=final.row)
    assert rules(validate_trajectory(early, valid, inst)) == {("tier", f"period {first_t5 - 1}")}

    late = list(points)
    late[first_t5] = replace(late[first_t5 - 1], period=first_t5)
    assert rules(validate_trajectory(late, valid, inst)) == {("tier", f"period {first_t5}")}

    swapped = list(points)
    swapped[-1] = replace(final, row="L1-T1")
    assert rules(validate_trajectory(swapped, valid, inst)) == {("tier", f"period {final.period}")}

    gap = [p for p in points if p.period != 3]
    assert ("tier", "trajectory") in rules(validate_trajectory(gap, valid, inst))
