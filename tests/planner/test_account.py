"""The requirement account is honest about the reading ``capability_work``: an item of a
perspective with no unit in the route's scope lists no steps of other perspectives, and says it
rests on the reading (status ``presumed_by_reading``) and what would meet it strictly."""

from __future__ import annotations

from functools import cache

from catalog import load_catalog
from catalog.models.base import Lang
from planner.model.problem import Problem
from planner.result.plan_result import PlanResult, SolveParams
from planner.solve.plan import plan
from tests.planner.conftest import TINY

PARAMS = SolveParams(time_limit=20, workers=2, seed=0, compare_routes=False)


@cache
def production_only() -> PlanResult:
    """TINY at L2-T5 over the production scenario: units c (process) and d (object) only."""
    target = {"row": "L2-T5", "include": {"scenarios": ["production"]}}
    return plan(Problem.model_validate(TINY).replace(target=target), PARAMS)


def test_an_item_of_a_perspective_with_no_unit_in_scope_lists_no_steps() -> None:
    result = production_only()
    assert result.roadmap is not None and result.violations == ()
    account = {a.clause: a for a in result.requirements}
    carrier = account["5.3.3.2 a"]  # 载体: product innovation and R&D; no carrier unit in scope
    assert carrier.status == "presumed_by_reading"
    assert carrier.steps == ()
    reason = carrier.reason
    assert reason is not None
    assert "载体" in reason.zh and "产品创新和研发设计" in reason.zh
    assert "capability_work" in reason.zh and "5.x.3.2" in reason.zh and "CL2" in reason.zh
    assert "carrier" in reason.en and "capability_work" in reason.en and "Strictly" in reason.en
    # the scope is named: the route's scope, not a unit
    assert "production" in reason.en.lower() or "生产" in reason.zh


def test_an_item_of_a_perspective_in_scope_is_met_by_its_own_units_steps() -> None:
    result = production_only()
    account = {a.clause: a for a in result.requirements}
    process = account["5.3.3.3 a"]  # 过程: unit c is in scope
    assert process.status == "met_by_capability_work"
    assert process.steps and all(s.startswith("upgrade:c:") for s in process.steps)
    # no item lists a unit step of another perspective
    for a in result.requirements:
        if a.subdomain == "capability.object":
            assert all(s.startswith("upgrade:d:") for s in a.steps), a


def test_the_report_and_the_workbook_show_the_presumed_items() -> None:
    from planner.deliver.build import deliver
    from planner.deliver.tables import requirement_rows
    from planner.report.lookup import Lookup
    from planner.report.requirements import maturity_notes, presumed_count

    result = production_only()
    n = presumed_count(result)
    assert n == 16  # 载体, 合作伙伴, 主体, 驱动要素: 4 items each at L2 (L1 items met already)
    cases: tuple[tuple[Lang, str], ...] = (
        ("zh", "按解读推定满足"),
        ("en", "presumed met by capplan's reading"),
    )
    for lang, label in cases:
        lk = Lookup(load_catalog(), lang, result.problem)
        notes = " ".join(maturity_notes(result, lk))
        assert f"{n}" in notes and "capability_work" in notes
        rows = requirement_rows(deliver(result), lk)
        presumed = next(r for r in rows if r[0] == "5.3.3.2 a")
        assert label in str(presumed[4]) and presumed[5] == ""


def test_the_stricter_per_perspective_reading_is_documented_not_planned() -> None:
    import pytest
    from pydantic import ValidationError

    from catalog.models.assumptions import CapabilityWork

    work = load_catalog().maturity_reading.capability_work
    assert work.per_perspective is False and work.clause.startswith("10004 5.x.3.2")
    assert "尚未" in work.per_perspective_reading.zh
    assert "not yet" in work.per_perspective_reading.en
    with pytest.raises(ValidationError, match="per_perspective"):
        CapabilityWork.model_validate({**work.model_dump(), "per_perspective": True})
