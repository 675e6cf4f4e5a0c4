"""Default effort scales with the organisation's size and a step's scope; overrides win;
ranges follow the figures."""

from __future__ import annotations

import math
from typing import Any

import pytest

from catalog import load_catalog
from catalog.errors import DataError
from catalog.models.base import Lang
from planner.compile.instance import build_instance
from planner.model.problem import Problem
from planner.report import render_roadmap
from planner.result.plan_result import PlanResult

ORG: dict[str, Any] = {
    "industry": "discrete_manufacturing",
    "main_scenarios": ["rnd"],
    "use_library": False,
    "units": [
        {"id": "a", "name": {"zh": "甲", "en": "A"}, "perspective": "process", "main_scenario": "rnd"},
        {"id": "b", "name": {"zh": "乙", "en": "B"}, "perspective": "carrier", "main_scenario": "rnd"},
    ],
}  # fmt: skip


def problem(size: dict[str, Any] | None = None, **extra: Any) -> Problem:
    org = {**ORG, **({"size": size} if size else {})}
    data = {
        "organisation": org,
        "target": {"tier": 2},
        "time": {"start": "2027-01-01", "horizon": 36},
    }
    return Problem.model_validate({**data, **extra})


def element(p: Problem, unit: str = "a") -> Any:
    return build_instance(p).steps[f"upgrade:{unit}:CL1:element"]


def test_size_scales_default_cost_and_months() -> None:
    base = element(problem())
    scaling = load_catalog().effort.size_scaling
    assert scaling is not None
    big = element(problem({"employees": 4000, "sites": 3, "revenue_band": "over_100bn"}))
    e, s = scaling.employees, scaling.sites
    cost = (4000 / e.reference) ** e.cost_exponent * scaling.revenue_band["over_100bn"]
    cost *= 1 + 2 * s.cost_per_extra_site
    assert big.cost == pytest.approx(base.cost * cost, rel=1e-3)
    months = 3 * (4000 / e.reference) ** e.months_exponent * (1 + 2 * s.months_per_extra_site)
    assert big.duration == math.ceil(months) > base.duration
    assert big.spread is not None and base.spread is not None
    assert big.spread.cost[2] == pytest.approx(base.spread.cost[2] * cost, rel=1e-3)
    small = element(problem({"employees": 100}))
    assert small.cost < base.cost  # below the reference: cheaper, down to the minimum factor


def test_a_unit_may_span_fewer_sites() -> None:
    size = {"employees": 1000, "sites": 5}
    units = [ORG["units"][0] | {"sites": 1}, ORG["units"][1]]
    p = problem(size).replace(organisation={**ORG, "size": size, "units": units})
    one, five = element(p, "a"), element(p, "b")
    assert five.cost == pytest.approx(one.cost * 2.0, rel=1e-3)  # 1 + 4 × 0.25


def test_overrides_win_and_carry_their_range() -> None:
    override = {
        "unit": "a", "capability_level": "CL1", "phase": "element", "cost": 42, "months": 2,
        "range": {"cost": {"low": 40, "high": 80}},
    }  # fmt: skip
    p = problem({"employees": 9000}, overrides={"effort": [override]})
    step = element(p)
    assert step.cost == 42 * 10_000 and step.duration == 2
    assert step.spread is not None
    assert step.spread.cost == (40, 42, 80)
    factors = load_catalog().effort.range_default
    assert factors is not None  # months without a range: the labelled default factors
    assert step.spread.months == (2 * factors.months.low, 2, 2 * factors.months.high)


def test_unknown_revenue_band_names_the_field() -> None:
    with pytest.raises(DataError, match=r"organisation\.size\.revenue_band"):
        build_instance(problem({"employees": 100, "revenue_band": "huge"}))


def test_override_range_needs_its_figure() -> None:
    from catalog.yamlio import validate_data

    data = problem().model_dump(mode="json")
    data["overrides"]["effort"] = [{"kind": "deepening", "range": {"cost": {"low": 1, "high": 2}}}]
    with pytest.raises(DataError, match=r"overrides\.effort\[0\]") as info:
        validate_data(Problem, data, None)
    assert "give cost" in str(info.value.problems)


@pytest.mark.parametrize(("lang", "word"), [("zh", "员工4,000人"), ("en", "4,000 employees")])
def test_report_shows_the_size_factor(lang: Lang, word: str) -> None:
    from planner.result.plan_result import SolveParams
    from planner.solve.plan import plan

    result: PlanResult = plan(
        problem({"employees": 4000, "sites": 2}),
        SolveParams(time_limit=10, workers=1, compare_routes=False),
    )
    page = render_roadmap(result, lang)
    assert 'id="size-factor"' in page and word in page
    assert "×2.00" in page or "× 2.00" in page  # sqrt(4000 / 1000)
