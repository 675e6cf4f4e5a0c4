"""An infeasible problem for each constraint family; the explanation names that family."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from planner.result.family import Family
from planner.result.plan_result import SolveParams, SolveStatus
from planner.result.roadmap import wan_at_least
from planner.solve.cpsat.explain import ExplainClock
from planner.solve.deadline import Deadline
from planner.solve.plan import plan
from tests.planner.conftest import make
from tests.planner.test_plan_known_optima import YUAN

PARAMS = SolveParams(time_limit=10, compare_routes=False)
LAB: dict[str, Any] = {
    "resources": [{"id": "lab", "name": {"zh": "实验室", "en": "Lab"}, "capacity": 0}],
    "extra_steps": [{"id": "pilot", "duration": 2, "demands": {"lab": 1}}],
}
C_IS = "deepen:c:is_integration"  # on every route of the tiny problem
A_DI = "deepen:a:digital_integration"  # on no route of tier 5 (the cheapest is L1-T5)

# per kind: the changes, the family named, its label (zh, en), and how the explanation's text
# shows it (zh, en): with the step's title or the resource's name (None: as its label)
Pair = tuple[str, str]
CASES: dict[str, tuple[dict[str, Any], Family, Pair, Pair | None]] = {
    "budget": ({"budget": {"total": 50}}, Family.budget(), ("总预算", "total budget"), None),
    "yearly_cap": (
        {"budget": {"yearly_caps": {2027: 20}}, "time": {"start": "2027-01-01", "horizon": 12}},
        Family.yearly_cap(2027),
        ("2027年度投入上限", "yearly cap 2027"),
        None,
    ),
    "horizon": (
        {"time": {"start": "2027-01-01", "horizon": 2}},
        Family.horizon(),
        ("规划期限", "horizon"),
        None,
    ),
    "staff": ({"staff": {"capacity": 1}}, Family.staff(), ("人力容量", "staff capacity"), None),
    "forbidden": (
        {"time": {"start": "2027-01-01", "horizon": 6}, "progress": {"forbidden": [C_IS]}},
        Family.forbidden(C_IS),
        (f"禁止步骤 {C_IS}", f"forbidden step {C_IS}"),
        (
            f"禁止步骤 {C_IS}（丙 深化：信息系统集成）",
            f"forbidden step {C_IS} (C deepening: Information system integration)",
        ),
    ),
    "resource": (
        LAB,
        Family.resource("lab"),
        ("资源“lab”的容量", "capacity of resource lab"),
        ("资源“lab（实验室）”的容量", "capacity of resource lab (Lab)"),
    ),
    # started at once, c spends 30 万元 in 2027; without the lock it could wait for 2028
    "lock": (
        {
            "budget": {"yearly_caps": {2027: 20}},
            "progress": {"in_progress": [{"id": C_IS, "start": 0}]},
        },
        Family.lock(C_IS),
        (f"已锁定步骤 {C_IS}", f"lock on step {C_IS}"),
        (
            f"已锁定步骤 {C_IS}（丙 深化：信息系统集成）",
            f"lock on step {C_IS} (C deepening: Information system integration)",
        ),
    ),
    # L1-T5 costs 60 万元: the forced step (and what it needs) is what breaks the budget
    "forced": (
        {"budget": {"total": 61}, "progress": {"forced": [A_DI]}},
        Family.forced(A_DI),
        (f"强制步骤 {A_DI}", f"forced step {A_DI}"),
        (
            f"强制步骤 {A_DI}（甲 深化：数字化集成）",
            f"forced step {A_DI} (A deepening: Digital integration)",
        ),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_explanation_names_the_family(case: str) -> None:
    changes, family, label, shown = CASES[case]
    result = plan(make(**changes), PARAMS)
    assert result.status == SolveStatus.INFEASIBLE
    assert result.roadmap is None
    assert result.explanation is not None
    assert family in result.explanation.conflicting, result.explanation
    named = next(f for f in result.explanation.conflicting if f == family)
    assert (named.kind, named.subject) == (family.kind, family.subject)
    assert (named.label.zh, named.label.en) == label
    zh, en = shown or label
    assert zh in result.explanation.text.zh and en in result.explanation.text.en
    assert result.message == result.explanation.text


@pytest.mark.parametrize("case", sorted(CASES))
def test_chinese_names_no_family_in_english(case: str) -> None:
    """In the Chinese text every conflicting family is in Chinese, none in its English words."""
    result = plan(make(**CASES[case][0]), PARAMS)
    assert result.explanation is not None and result.explanation.conflicting
    zh = result.explanation.text.zh.split("可行的调整")[0]
    for family in result.explanation.conflicting:
        assert re.search(r"[\u4e00-\u9fff]", family.label.zh), family
        english = family.label.en.replace(family.subject or "", "").strip(" ()")
        assert english and english not in zh, (family, zh)
        assert family.label.zh in zh or (family.subject or "") in zh, (family, zh)


def test_remedies_budget() -> None:
    result = plan(make(budget={"total": 50}), PARAMS)
    assert result.explanation is not None
    min_budget = result.explanation.min_budget
    assert min_budget is not None and abs(min_budget - 60 * YUAN) <= 30
    assert result.explanation.highest_tier == 4
    assert "60.00" in result.explanation.text.zh


def test_remedies_horizon() -> None:
    result = plan(make(time={"start": "2027-01-01", "horizon": 2}), PARAMS)
    assert result.explanation is not None
    assert result.explanation.earliest_period == 3
    assert result.explanation.earliest_date == "2027-04-01"


def test_explain_clock_shares_what_is_left() -> None:
    clock = ExplainClock(Deadline(4, clock=lambda: 0.0), solves=4)
    shares = [clock.next_share().left() for _ in range(4)]
    # nothing was spent between the calls, so what a solve leaves unused passes on
    assert shares == pytest.approx([1.0, 4 / 3, 2.0, 4.0], abs=0.05)


def test_explanation_keeps_to_its_time_limit() -> None:
    """A short explain_time_limit still gives a complete explanation (no wall-clock bound:
    how each solve's share is computed is checked on the clock itself, below)."""
    params = SolveParams(time_limit=2, explain_time_limit=2, compare_routes=False)
    result = plan(make(budget={"total": 50}), params)
    assert result.status == SolveStatus.INFEASIBLE
    assert result.explanation is not None
    assert Family.budget() in result.explanation.conflicting
    assert result.explanation.min_budget is not None
    assert result.explanation.highest_tier == 4


def test_explain_clock_gives_nothing_once_its_time_is_spent() -> None:
    """No floor: a solve after the explanation's time is over gets a zero time limit."""
    clock = ExplainClock(Deadline(0.01), solves=3)
    while clock.deadline.left() > 0:  # wait for the event, not for a guessed time
        time.sleep(0.005)
    assert [clock.next_share().grant("solve") for _ in range(3)] == [0.0, 0.0, 0.0]


ODD = [{"id": "x", "duration": 3, "cost": 1.00017}]  # 100,002 yuan: not a whole 0.01 万元


def _stated(text: str, pattern: str) -> float:
    found = re.search(pattern, text)
    assert found is not None, text
    return float(found.group(1).replace(",", ""))


def test_stated_minimum_budget_is_itself_feasible() -> None:
    """The remedy rounds up: plugging the stated amount back in reaches the target."""
    result = plan(make(budget={"total": 50}, extra_steps=ODD), PARAMS)
    assert result.explanation is not None and result.explanation.min_budget is not None
    assert result.explanation.min_budget % 100, "the case must need rounding"
    zh = _stated(result.explanation.text.zh, r"至少([\d,.]+)万元")
    en = _stated(result.explanation.text.en, r"at least ([\d,.]+) \(CNY 10k\)")
    assert zh == en and zh * YUAN >= result.explanation.min_budget
    again = plan(make(budget={"total": zh}, extra_steps=ODD), PARAMS)
    assert again.status == SolveStatus.OPTIMAL, again.message


def test_wan_at_least_rounds_up_only_when_needed() -> None:
    assert wan_at_least(4_994_002) == pytest.approx(499.41)
    assert wan_at_least(4_994_000) == pytest.approx(499.40)
    assert wan_at_least(4_994_002, 1) == pytest.approx(499.5)


@pytest.mark.parametrize("target", [{"row": "L3-T7"}, {"row": "L2-T7"}, {"tier": 7}])
def test_highest_tier_does_not_depend_on_naming_the_row(target: dict[str, Any]) -> None:
    """With target.row the highest reachable tier is searched over every row, not that one."""
    result = plan(make(target=target, budget={"total": 61}), PARAMS)
    assert result.status == SolveStatus.INFEASIBLE
    assert result.explanation is not None
    assert (result.explanation.highest_tier, result.explanation.highest_row) == (5, "L1-T5")
    assert "最高可达5档（L1-T5）" in result.explanation.text.zh
