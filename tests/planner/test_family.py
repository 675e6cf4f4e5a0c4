"""A constraint family as a value: its label in both languages, its JSON, results stored before.

The explanations that name each family of a solve are in test_infeasible.py; the pre-check's
reasons in test_bounds.py.
"""

from __future__ import annotations

import json
import re

import pytest

from catalog.models.base import Text
from planner.result.family import Family, FamilyKind, ordered
from planner.result.plan_result import Explanation, PlanResult, SolveStatus

CJK = re.compile(r"[\u4e00-\u9fff]")
TITLE = Text(zh="丙 深化：信息系统集成", en="C deepening: Information system integration")

# every kind with a subject: the label (zh, en), and with the subject's name
LABELS: dict[FamilyKind, tuple[str | None, tuple[str, str], tuple[str, str]]] = {
    FamilyKind.BUDGET: (None, ("总预算", "total budget"), ("总预算", "total budget")),
    FamilyKind.HORIZON: (None, ("规划期限", "horizon"), ("规划期限", "horizon")),
    FamilyKind.STAFF: (None, ("人力容量", "staff capacity"), ("人力容量", "staff capacity")),
    FamilyKind.YEARLY_CAP: (
        "2027",
        ("2027年度投入上限", "yearly cap 2027"),
        (
            "2027（丙 深化：信息系统集成）年度投入上限",
            "yearly cap 2027 (C deepening: Information system integration)",
        ),
    ),
    FamilyKind.RESOURCE: (
        "lab",
        ("资源“lab”的容量", "capacity of resource lab"),
        (
            "资源“lab（丙 深化：信息系统集成）”的容量",
            "capacity of resource lab (C deepening: Information system integration)",
        ),
    ),
    FamilyKind.LOCK: (
        "s1",
        ("已锁定步骤 s1", "lock on step s1"),
        (
            "已锁定步骤 s1（丙 深化：信息系统集成）",
            "lock on step s1 (C deepening: Information system integration)",
        ),
    ),
    FamilyKind.FORCED: (
        "s1",
        ("强制步骤 s1", "forced step s1"),
        (
            "强制步骤 s1（丙 深化：信息系统集成）",
            "forced step s1 (C deepening: Information system integration)",
        ),
    ),
    FamilyKind.FORBIDDEN: (
        "s1",
        ("禁止步骤 s1", "forbidden step s1"),
        (
            "禁止步骤 s1（丙 深化：信息系统集成）",
            "forbidden step s1 (C deepening: Information system integration)",
        ),
    ),
}


@pytest.mark.parametrize("kind", sorted(LABELS))
def test_label_per_kind(kind: FamilyKind) -> None:
    subject, label, named = LABELS[kind]
    family = Family(kind=kind, subject=subject)
    assert (family.label.zh, family.label.en) == label
    assert (family.text(TITLE).zh, family.text(TITLE).en) == named


def test_every_kind_has_a_chinese_label_with_and_without_subject() -> None:
    """No kind falls back to English (or to nothing) in Chinese output."""
    assert set(LABELS) == set(FamilyKind) - {FamilyKind.STORED}
    for kind in LABELS:
        for subject in (None, "s1"):
            label = Family(kind=kind, subject=subject).label
            assert CJK.search(label.zh) and label.zh != label.en, (kind, subject, label)
            assert "{" not in label.zh + label.en


def test_a_step_kind_without_subject() -> None:
    """A family of a step kind without its step still reads as a label."""
    assert Family.forbidden().label == Text(zh="禁止的步骤", en="forbidden steps")


def test_ordered_by_kind_then_subject_each_once() -> None:
    families = [
        Family.lock("b"),
        Family.horizon(),
        Family.yearly_cap(2028),
        Family.lock("a"),
        Family.yearly_cap(2027),
        Family.budget(),
        Family.horizon(),
    ]
    assert ordered(families) == (
        Family.budget(),
        Family.yearly_cap(2027),
        Family.yearly_cap(2028),
        Family.horizon(),
        Family.lock("a"),
        Family.lock("b"),
    )


def test_json_names_kind_subject_and_label_and_loads_back() -> None:
    explanation = Explanation(
        conflicting=(Family.yearly_cap(2027), Family.forced("s1")), text=Text(zh="甲", en="A")
    )
    data = json.loads(explanation.model_dump_json())
    first = data["conflicting"][0]
    assert (first["kind"], first["subject"]) == ("yearly_cap", "2027")
    assert (first["label"]["zh"], first["label"]["en"]) == ("2027年度投入上限", "yearly cap 2027")
    again = Explanation.model_validate_json(explanation.model_dump_json())
    assert again == explanation
    assert again.conflicting[1].kind is FamilyKind.FORCED


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        Family.model_validate({"kind": "weather", "subject": None})


# a result stored before families were values: each family an English string
OLD = {
    "status": "infeasible",
    "explanation": {
        "conflicting": ["total budget", "yearly cap 2027", "lock on s1"],
        "text": {
            "zh": "以下约束相互冲突：总预算、2027年度投入上限。",
            "en": "These constraints conflict.",
        },
        "min_budget": 600000,
    },
}


def test_a_stored_result_with_families_as_strings_still_loads() -> None:
    result = PlanResult.model_validate_json(json.dumps(OLD))
    assert result.status == SolveStatus.INFEASIBLE and result.explanation is not None
    conflicting = result.explanation.conflicting
    assert [f.kind for f in conflicting] == [FamilyKind.STORED] * 3
    assert [f.subject for f in conflicting] == ["total budget", "yearly cap 2027", "lock on s1"]
    # shown as stored (its text, in both languages, was stored beside it)
    assert conflicting[0].label == Text(zh="total budget", en="total budget")
    assert result.explanation.text.zh.startswith("以下约束相互冲突")
    # and written back in the new shape, which loads again
    again = PlanResult.model_validate_json(result.model_dump_json())
    assert again.explanation == result.explanation
