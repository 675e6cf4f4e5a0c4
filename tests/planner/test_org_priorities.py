"""Organisation-wide Appendix A priorities (maturity_reading.yaml organisation_priorities) are
carried once per level by the organisation's requirement work, not by every unit's steps; a
unit keeps the bullets about itself (20001 A.2.2.2 b •2)."""

from __future__ import annotations

from catalog import load_catalog
from planner.compile.instance import build_instance
from planner.model.problem import Problem
from tests.planner.conftest import TINY

# worded for the organisation as a whole (20001 A.2.1.1 b, c; A.2.1.2 a, b; A.2.1.3 a; A.2.1.4;
# A.2.2.2 b •1 统一规划、集中管理)
ORGANISATION_WIDE_CL2 = (
    "A.2.1.1 b",
    "A.2.1.1 c",
    "A.2.1.2 a",
    "A.2.1.2 b",
    "A.2.1.3 a",
    "A.2.1.4",
    "A.2.2.2 b •1",
)


def _carried(priorities: tuple[str, ...], clause: str) -> bool:
    return any(p == clause or p.startswith(clause + " ") for p in priorities)


def test_unit_steps_carry_no_organisation_wide_priority() -> None:
    instance = build_instance(Problem.model_validate(TINY).replace(target={"row": "L2-T5"}))
    units = [s for s in instance.steps.values() if s.kind == "upgrade"]
    assert units
    for step in units:
        for clause in ORGANISATION_WIDE_CL2:
            assert not _carried(step.priorities, clause), (step.id, clause)
        assert "A.2.2.2 b" not in step.priorities, step.id  # the item split: only •2 stays
    element = instance.steps["upgrade:a:CL2:element"]
    assert "A.2.2.2 b •2" in element.priorities and "A.2.2.2 a" in element.priorities
    plan = instance.steps["upgrade:a:CL2:plan"]
    assert "A.2.1.1 d" in plan.priorities  # the solution planning of the unit's capability
    evaluate = instance.steps["upgrade:a:CL2:evaluate"]
    assert evaluate.priorities == ("A.2.1.3 b",)


def test_the_organisation_steps_carry_them_once_per_level() -> None:
    instance = build_instance(Problem.model_validate(TINY).replace(target={"row": "L2-T5"}))
    carried = [p for s in instance.steps.values() for p in s.priorities]
    for clause in ORGANISATION_WIDE_CL2:
        holders = [s.id for s in instance.steps.values() if _carried(s.priorities, clause)]
        assert len(holders) == 1 and holders[0].startswith("require:"), (clause, holders)
    assert carried.count("A.2.2.2 b •1") == 1
    tech = instance.steps["require:solution.technology:L2"]
    assert "A.2.2.2 b •1" in tech.priorities
    strategy = instance.steps["require:strategy.competitive_advantage:L2"]
    assert "A.2.1.1 b" in strategy.priorities


def test_every_organisation_priority_names_a_clause_of_appendix_a() -> None:
    cat = load_catalog()
    known = {
        clause
        for block in cat.priorities
        for dimension in block.dimensions
        for clause in (
            dimension.clause,
            *(sub.clause for sub in dimension.sub_areas),
            *(w.clause for i in dimension.all_items() for w in i.walk()),
        )
    }
    prio = cat.maturity_reading.organisation_priorities
    for entry in prio.items:
        for clause in entry.clauses:
            assert clause in known, clause
    assert prio.clauses_read is not None
    for quoted in ("A.2.1.1 b", "A.2.1.2 a", "A.2.2.2 b •1", "统一规划、集中管理"):
        assert quoted in prio.clauses_read.zh
