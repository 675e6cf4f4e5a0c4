"""Re-planning: done steps stay put, stability moves fewer steps than a fresh plan."""

from __future__ import annotations

from catalog import load_catalog
from planner.compile.maturity import Maturity
from planner.result.plan_result import PlanResult, SolveParams, SolveStatus
from planner.solve.plan import plan
from tests.planner.conftest import make
from tests.planner.test_plan_known_optima import YUAN, solved

C = "deepen:c:is_integration"
D = "deepen:d:is_integration"
PARAMS = SolveParams(time_limit=10, compare_routes=False)


def starts(result: PlanResult) -> dict[str, int]:
    assert result.roadmap is not None
    return {s.id: s.start for s in result.roadmap.steps}


def test_stability_keeps_the_previous_order_where_a_fresh_plan_reorders() -> None:
    # staff 2: the two deepenings run one after the other; both orders are optimal (T = 6)
    fresh = starts(solved(make(staff={"capacity": 2})))
    first, second = sorted(fresh, key=lambda sid: fresh[sid])
    previous = [{"id": second, "start": 0}, {"id": first, "start": 3}]  # the other order
    fresh_moves = [p["id"] for p in previous if fresh[str(p["id"])] != p["start"]]
    stable = solved(make(staff={"capacity": 2}, progress={"previous": previous, "stability": {}}))
    assert len(stable.moves) < len(fresh_moves) == 2
    assert stable.moves == ()
    assert starts(stable) == {second: 0, first: 3}
    assert stable.objective.target_period == 6


def test_done_steps_stay_put_and_late_work_moves_with_a_reason() -> None:
    previous = [{"id": C, "start": 0}, {"id": D, "start": 3}]
    progress = {
        "now": 4,
        "done": [{"id": C, "start": 0, "end": 4, "cost": 35}],  # one month late, 5 万元 over
        "previous": previous,
        "stability": {},
    }
    result = solved(make(staff={"capacity": 2}, progress=progress))
    got = starts(result)
    assert got[C] == 0 and got[D] == 4
    assert result.objective.target_period == 7
    assert result.roadmap is not None
    done = next(s for s in result.roadmap.steps if s.id == C)
    assert done.end == 4 and done.cost == 35 * YUAN
    (move,) = result.moves
    assert move.step == D and move.change == "moved" and move.previous_start == 3
    assert "past" in move.reason.en and "已过去" in move.reason.zh


def test_in_progress_step_keeps_its_start() -> None:
    progress = {"now": 1, "in_progress": [{"id": D, "start": 1}]}
    result = solved(make(progress=progress))
    assert starts(result)[D] == 1
    assert starts(result)[C] >= 1


def test_forced_step_is_scheduled_even_if_no_route_needs_it() -> None:
    # the fastest route (L1-T5) does not need c's CL2 plan; forcing it puts it in the roadmap
    result = solved(make(progress={"forced": ["upgrade:c:CL2:plan"]}))
    assert "upgrade:c:CL2:plan" in starts(result)


def test_unknown_step_in_progress_is_a_clear_error() -> None:
    result = plan(make(progress={"now": 1, "done": [{"id": "nope", "start": 0, "end": 1}]}), PARAMS)
    assert result.status == SolveStatus.INVALID_INPUT
    assert any("progress.done[0].id: unknown step 'nope'" in e for e in result.errors)


PLAN, ELEMENT = "upgrade:a:CL2:plan", "upgrade:a:CL2:element"
# the organisation meets the L2 items already, so a's CL2 plan waits for no strategy work
L2_MET = {"requirements": {"met": list(Maturity(load_catalog()).counted_up_to(2))}}


def test_done_step_starting_before_its_predecessor_ends_is_an_input_error() -> None:
    done = [{"id": PLAN, "start": 0, "end": 2}, {"id": ELEMENT, "start": 1, "end": 3}]
    result = plan(make(organisation=L2_MET, progress={"now": 3, "done": done}), PARAMS)
    assert result.status == SolveStatus.INVALID_INPUT, result.message
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.startswith("progress.done[1]:") and PLAN in error and ELEMENT in error
    assert "ends in period 2" in error


def test_done_step_whose_predecessor_was_never_done_is_an_input_error() -> None:
    done = [{"id": ELEMENT, "start": 1, "end": 3}]
    result = plan(make(organisation=L2_MET, progress={"now": 3, "done": done}), PARAMS)
    assert result.status == SolveStatus.INVALID_INPUT, result.message
    assert PLAN in result.errors[0] and "neither done nor in progress" in result.errors[0]


def test_started_step_before_its_user_predecessor_ends_is_an_input_error() -> None:
    done = [{"id": C, "start": 0, "end": 3}]
    progress = {"now": 3, "done": done, "in_progress": [{"id": D, "start": 2}]}
    result = plan(make(precedences=[{"before": C, "after": D}], progress=progress), PARAMS)
    assert result.status == SolveStatus.INVALID_INPUT, result.message
    assert "progress.in_progress[0]:" in result.errors[0] and "user precedence" in result.errors[0]


def test_consistent_progress_is_accepted() -> None:
    done = [{"id": PLAN, "start": 0, "end": 1}, {"id": ELEMENT, "start": 1, "end": 3}]
    result = plan(make(organisation=L2_MET, progress={"now": 3, "done": done}), PARAMS)
    assert result.status == SolveStatus.OPTIMAL, result.errors


AS_PERIODS = {
    "now": 4,
    "done": [{"id": C, "start": 0, "end": 4, "cost": 35}],
    "previous": [{"id": C, "start": 0}, {"id": D, "start": 3}],
    "stability": {},
}
AS_DATES = {
    "now": "2027-05-01",
    "done": [{"id": C, "start": "2027-01-01", "end": "2027-04-30", "cost": 35}],  # last day
    "previous": [{"id": C, "start": "2027-01-01"}, {"id": D, "start": "2027-04-10"}],
    "stability": {},
}


def test_progress_takes_iso_dates_as_well_as_period_indices() -> None:
    by_period = solved(make(staff={"capacity": 2}, progress=AS_PERIODS))
    by_date = solved(make(staff={"capacity": 2}, progress=AS_DATES))
    assert by_date.roadmap == by_period.roadmap
    assert by_date.moves == by_period.moves
    (move,) = by_date.moves
    assert "2027-04-01" in move.reason.en and "2027-05-01" in move.reason.zh


def test_progress_dates_before_the_plan_or_after_now_are_input_errors() -> None:
    early = plan(make(progress={"now": "2026-12-01"}), PARAMS)
    assert early.errors == ("progress.now: 2026-12-01 is before the plan starts",)
    done = [{"id": C, "start": "2027-01-01", "end": "2027-03-31"}]
    late = plan(make(progress={"now": "2027-02-01", "done": done}), PARAMS)
    assert late.status == SolveStatus.INVALID_INPUT
    assert "ends after now" in late.errors[0]


AUDIT = [
    {"id": "audit", "name": {"zh": "审计", "en": "Audit"}, "duration": 2},
    {"id": "trial", "name": {"zh": "试运行", "en": "Trial"}, "duration": 2},
]


def test_move_reason_names_the_late_predecessor_and_its_end_date() -> None:
    for link in ({"precedences": [{"before": "audit", "after": "trial"}]}, {"graph": True}):
        steps = [AUDIT[0], {**AUDIT[1], "predecessors": ["audit"]}] if "graph" in link else AUDIT
        precedences = link.get("precedences", [])
        progress = {
            "now": 1,
            "in_progress": [{"id": "audit", "start": 1}],  # started a month late
            "previous": [{"id": "audit", "start": 0}, {"id": "trial", "start": 2}],
            "stability": {},
        }
        result = solved(make(extra_steps=steps, precedences=precedences, progress=progress))
        move = next(m for m in result.moves if m.step == "trial")
        assert move.start == 3
        assert move.reason.zh == "前置步骤“审计”现在2027-03-31才结束", move.reason
        assert move.reason.en == "its predecessor 'Audit' now ends only on 2027-03-31"
        assert "audit" not in move.reason.en  # the name, not the id


def test_move_reason_names_the_full_staff_capacity() -> None:
    progress = {"previous": [{"id": C, "start": 0}, {"id": D, "start": 0}], "stability": {}}
    result = solved(make(staff={"capacity": 2}, progress=progress))
    (move,) = result.moves
    assert move.start == 3
    assert move.reason.en == (
        "not enough staff at its previous start: from 2027-01-01 other steps use 2 of 2, "
        "this step needs 2"
    )
    assert "人力不足" in move.reason.zh and "2027-01-01" in move.reason.zh
