"""plan() keeps to time_limit + explain_time_limit: every solve's limit is a grant of what is
left of one Deadline (planner/solve/deadline.py), and nothing else makes a CP-SAT solver.

Not a tight timing test: the grants each solve got are recorded on the deadline itself and
checked against the budget; the wall time is only checked against a generous overhead.
"""

from __future__ import annotations

import ast
import time
from pathlib import Path

import planner.solve.cpsat  # noqa: F401  (OR-Tools loaded before any clock starts)
from planner.compile.instance import Instance, build_instance
from planner.result.plan_result import SolveParams, SolveStatus
from planner.solve.cpsat.model import build_estimate
from planner.solve.deadline import SHARES, Deadline, Grant, finish_estimate
from planner.solve.plan import plan_instance
from tests.planner.conftest import TINY, make

ROOT = Path(__file__).resolve().parents[2]
# one model's building and the validation, on a loaded machine: what the budget cannot bound
OVERHEAD = 3.0


class Ticks:
    """A clock that moves only when told (an input of the deadline, like a seed)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_parts_never_exceed_what_is_left() -> None:
    clock = Ticks()
    budget = Deadline(10.0, clock)
    assert budget.first(4.0).left() == 4.0
    clock.now += 3.0  # 3 s spent: the first 4 s have 1 s left, the budget 7 s
    assert budget.first(4.0).left() == 1.0
    assert budget.part(20.0).left() == 7.0  # never beyond the budget's end
    assert budget.share(0.5).left() == 3.5
    assert budget.even(7).left() == 1.0
    assert budget.keeping(SHARES.stability).left() == 5.0  # keeps 20% of the whole 10 s
    clock.now += 8.0
    assert budget.expired and budget.part(5.0).left() == 0.0


def test_grants_are_recorded_on_the_root_and_capped() -> None:
    clock = Ticks()
    budget = Deadline(10.0, clock)
    stage = budget.share(0.6)
    assert stage.grant("stage", 100.0) == 6.0  # asked for more than is left
    clock.now += 2.0
    assert stage.grant("rest") == 4.0
    clock.now += 9.0
    assert budget.grant("late") == 0.0
    assert budget.grants == [
        Grant("stage", 0.0, 6.0),
        Grant("rest", 2.0, 4.0),
        Grant("late", 11.0, 0.0),
    ]
    assert all(g.ends <= budget.seconds for g in budget.grants[:2])


def _planned(
    problem_changes: dict[str, object], params: SolveParams
) -> tuple[Deadline, float, SolveStatus]:
    began = time.monotonic()
    instance = build_instance(make(**problem_changes))
    deadline = Deadline.of_plan(params.time_limit, params.explain_time_limit, params.explain, began)
    result = plan_instance(instance, params, began, deadline)
    return deadline, time.monotonic() - began, result.status


def test_infeasible_target_with_a_tight_limit_keeps_to_solve_plus_explain_time() -> None:
    params = SolveParams(time_limit=1.0, explain_time_limit=3.0, workers=2)
    deadline, wall, status = _planned({"budget": {"total": 50}}, params)
    assert status == SolveStatus.INFEASIBLE
    assert deadline.seconds == 4.0
    explaining = [g for g in deadline.grants if g.what.startswith("explain")]
    assert explaining, deadline.grants  # the explanation's solves went through the deadline
    assert all(g.ends <= deadline.seconds + 1e-9 for g in deadline.grants), deadline.grants
    # the explanation begins when the solve ends, and takes at most its own limit
    solving = [g for g in deadline.grants if g not in explaining]
    assert all(g.offset >= s.offset for g in explaining for s in solving)
    assert all(g.ends <= explaining[0].offset + 3.0 + 1e-9 for g in explaining)
    assert wall <= deadline.seconds + OVERHEAD


def test_compared_rows_share_the_solve_time() -> None:
    """Every other row is solved too; together they stay within the solve's time."""
    params = SolveParams(time_limit=1.0, workers=2, explain=False)
    deadline, wall, status = _planned({}, params)
    assert status.has_roadmap
    assert deadline.seconds == 1.0
    assert len({g.what for g in deadline.grants}) >= 2
    assert all(g.ends <= 1.0 + 1e-9 for g in deadline.grants), deadline.grants
    assert wall <= 1.0 + OVERHEAD


def test_only_new_solver_makes_a_cp_sat_solver() -> None:
    """So every solve's time limit is a grant of a Deadline."""
    makers = []
    for path in sorted((ROOT / "planner").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name == "CpSolver":
                    makers.append(path.relative_to(ROOT).as_posix())
    assert makers == ["planner/solve/cpsat/search.py"]


PERSPECTIVES = ("carrier", "process", "object", "partner", "subject", "driving_element")


def _large(count: int) -> Instance:
    """``count`` units over two scenarios: compiling it takes a noticeable part of a second."""
    units = [
        {
            "id": f"u{i:03d}",
            "name": {"zh": f"单元{i}", "en": f"unit {i}"},
            "perspective": PERSPECTIVES[i % len(PERSPECTIVES)],
            "main_scenario": ("rnd", "production")[i % 2],
            "level": 1,
            "depth": "is_application",
        }
        for i in range(count)
    ]
    organisation = {**TINY["organisation"], "units": units}
    return build_instance(make(organisation=organisation, time={**TINY["time"], "horizon": 60}))


def test_no_model_is_built_when_what_is_left_cannot_hold_its_building() -> None:
    """Compiling took all but 10 ms of the 2 s (the clock says so): building the model would
    take longer than that, so the answer is the greedy roadmap and no model is built."""
    instance = _large(40)
    clock = Ticks()
    params = SolveParams(time_limit=2.0, workers=2, compare_routes=False, explain=False)
    began = clock.now - 1.99
    deadline = Deadline.of_plan(2.0, None, False, began, clock)
    result = plan_instance(instance, params, began, deadline)
    assert result.status == SolveStatus.FEASIBLE and result.roadmap is not None
    assert not result.violations
    assert deadline.builds and not any(b.begun for b in deadline.builds), deadline.builds
    assert "_build_seconds" not in vars(instance)  # RoadmapModel was never made
    assert build_estimate(instance) > 0.01


def test_the_solve_leaves_the_roadmaps_finishing_its_time() -> None:
    """Every solve ends early enough for the trajectory, validation and account after it
    (the other rows compared too: the last of them is given all that is left)."""
    instance = _large(40)
    finish = finish_estimate(len(instance.steps))
    clock = Ticks()
    params = SolveParams(time_limit=2.0, workers=2, explain=False)
    deadline = Deadline.of_plan(2.0, None, False, clock.now, clock)
    result = plan_instance(instance, params, clock.now, deadline)
    assert result.roadmap is not None
    assert deadline.grants and finish > 0.0
    assert all(g.ends <= 2.0 - finish + 1e-9 for g in deadline.grants), deadline.grants
    # each model was built within a phase of the solve, which ends ``finish`` before the limit
    assert deadline.builds and all(b.begun for b in deadline.builds), deadline.builds
    assert all(b.offset + b.left <= 2.0 - finish + 1e-9 for b in deadline.builds)
    assert vars(instance)["_finish_seconds"] > 0.0  # measured: the next plan reserves that


def test_plan_keeps_to_its_limit_when_compiling_is_not_trivial() -> None:
    """On the wall clock, compile included: within the limit and a small overhead."""
    began = time.monotonic()
    instance = _large(300)
    compiled = time.monotonic() - began
    limit = compiled + 1.0
    params = SolveParams(time_limit=limit, workers=2, compare_routes=False, explain=False)
    deadline = Deadline.of_plan(limit, None, False, began)
    result = plan_instance(instance, params, began, deadline)
    assert result.roadmap is not None
    assert all(b.left >= b.needs for b in deadline.builds if b.begun), deadline.builds
    assert result.runtime <= limit + 1.0, (result.runtime, limit, compiled, deadline.builds)
