"""Each run keeps the rules: precedence, staff, yearly caps; the same order; determinism."""

from __future__ import annotations

from typing import Any

import pytest

from planner.compile.instance import Instance
from planner.result.roadmap import Roadmap
from planner.risk import RiskOptions, analyse
from planner.risk.engine import route_of
from planner.risk.replay import Replay, replay
from planner.risk.sample import sample_steps
from tests.risk.conftest import planned, problem_of

RUNS = 200


def runs(instance: Instance, roadmap: Roadmap, count: int = RUNS) -> list[Replay]:
    chosen = [s.id for s in roadmap.steps]
    out = []
    for i in range(count):
        steps = sample_steps(instance.steps, chosen, frozenset(), 0, i, "triangular", 1)
        out.append(replay(instance, roadmap, route_of(instance, roadmap), steps))
    return out


def spans(r: Replay, sid: str) -> range:
    return range(r.starts[sid], r.starts[sid] + r.steps[sid].duration)


def step(sid: str, duration: int, cost: float, high: float, **extra: Any) -> dict[str, Any]:
    return {
        "id": sid,
        "duration": duration,
        "cost": cost,
        "range": {
            "duration": {"low": duration, "high": high},
            "cost": {"low": cost, "high": 3 * cost},
        },
        **extra,
    }


def test_staff_is_never_exceeded() -> None:
    problem = problem_of(
        {
            "staff": {"capacity": 3},
            "extra_steps": [step("a", 3, 10, 8, staff=2), step("b", 3, 10, 8, staff=2)],
        }
    )
    instance, roadmap = planned(problem)
    pushed = 0
    for r in runs(instance, roadmap):
        assert not set(spans(r, "a")) & set(spans(r, "b")), r.starts  # 2 + 2 > 3 staff
        first = min(("a", "b"), key=lambda s: r.starts[s])
        other = "b" if first == "a" else "a"
        planned_start = next(s.start for s in roadmap.steps if s.id == other)
        pushed += r.starts[other] > planned_start
    assert pushed > RUNS // 4  # the rule was exercised: a long first step delays the other


def test_yearly_caps_hold_in_every_run() -> None:
    problem = problem_of(
        {
            "budget": {"yearly_caps": {2027: 100}},
            "extra_steps": [step("a", 6, 60, 6), step("b", 6, 30, 6)],
        }
    )
    instance, roadmap = planned(problem)
    assert {s.start for s in roadmap.steps} == {0}  # 90 of 100 in 2027: both at once
    cap = 100 * 10_000
    for r in runs(instance, roadmap):
        spent = sum(r.steps[sid].rate for sid in ("a", "b") for t in spans(r, sid) if t < 12)
        assert spent <= cap, r.starts
    result = analyse(instance, roadmap, RiskOptions(runs=RUNS))
    binding = {c.year: c.binding for c in result.caps}
    assert binding[2027] > 0.3  # costs up to 3 × most likely: the cap often holds b back
    assert result.p_within_horizon == 1.0


def test_precedence_and_order_are_kept() -> None:
    problem = problem_of(
        {
            "staff": {"capacity": 2},
            "extra_steps": [
                step("a", 2, 5, 6, staff=1),
                step("b", 2, 5, 6, staff=1, predecessors=["a"]),
                step("c", 4, 5, 9, staff=2),
            ],
        }
    )
    instance, roadmap = planned(problem)
    order = [s.id for s in sorted(roadmap.steps, key=lambda s: (s.start, s.id))]
    for r in runs(instance, roadmap, 50):
        assert r.starts["b"] >= r.starts["a"] + r.steps["a"].duration
        for sid in order:  # never before its planned start
            assert r.starts[sid] >= next(s.start for s in roadmap.steps if s.id == sid)


def test_most_likely_figures_replay_the_roadmap_exactly(tmp_path: Any) -> None:
    from planner.model.problem import load_problem
    from tests.scenarios.test_bundled import SCENARIOS

    instance, roadmap = planned(load_problem(SCENARIOS / "discrete_manufacturer.yaml"))
    r = replay(instance, roadmap, route_of(instance, roadmap), instance.steps)
    assert r.starts == {s.id: s.start for s in roadmap.steps}
    assert r.target_period == roadmap.target_period
    assert r.tier_periods[max(r.tier_periods)] == roadmap.target_period


def test_same_seed_same_result_other_seed_other_draws() -> None:
    problem = problem_of({"extra_steps": [step("a", 3, 10, 9), step("b", 2, 5, 6)]})
    instance, roadmap = planned(problem)
    one = analyse(instance, roadmap, RiskOptions(runs=60, seed=1))
    again = analyse(instance, roadmap, RiskOptions(runs=60, seed=1, chunk=7))
    other = analyse(instance, roadmap, RiskOptions(runs=60, seed=2))
    assert one == again  # chunking does not matter either
    assert one.histogram != other.histogram or one.cost != other.cost


@pytest.mark.parametrize("bad", [
    ({"id": "a", "duration": 3, "range": {"duration": {"low": 4, "high": 6}}}, "within"),
    ({"id": "a", "duration": 3, "range": {"duration": {"low": 4, "high": 2}}}, "low"),
    ({"id": "a", "duration": 3, "range": {"months": {"low": 1, "high": 4}}}, "no such figure"),
])  # fmt: skip
def test_bad_ranges_name_the_field(bad: tuple[dict[str, Any], str]) -> None:
    from catalog.errors import DataError
    from catalog.yamlio import validate_data
    from planner.model.problem import Problem

    data = {"time": {"start": "2027-01-01", "horizon": 12}, "extra_steps": [bad[0]]}
    with pytest.raises(DataError, match="extra_steps") as info:
        validate_data(Problem, data, None)
    assert bad[1] in str(info.value.problems)
