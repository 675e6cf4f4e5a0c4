"""Money and staff as a planner reads them: the unit named in each language, capacity of the
peak's own period, and results that say which unit their money is in."""

from __future__ import annotations

import pytest

from catalog import cli_render
from catalog.models.base import Lang
from planner.report import labels as report_labels
from planner.report import render_roadmap
from planner.result.plan_result import Objective, PlanResult, SolveParams
from planner.solve.plan import plan
from planner.whatif import labels as whatif_labels
from planner.whatif.models import MinimumBudget, Sweep
from planner.whatif.render import minimum_line
from tests.planner.conftest import make

TABLES = {
    "report": report_labels.LABELS,
    "whatif": whatif_labels.LABELS,
    "catalog": cli_render.LABELS,
}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_english_labels_name_money_in_english(table: str) -> None:
    """English says CNY 10k; 万元 only in the Chinese labels."""
    for key, (_zh, en) in TABLES[table].items():
        assert "万元" not in en, (table, key, en)
        assert "10k CNY" not in en, (table, key, en)  # one spelling: CNY 10k


def test_sweep_minimum_in_english() -> None:
    sweep = Sweep(
        problem_name="p",
        minimum=MinimumBudget(budget=61.01, tolerance=1, exact=True, method="bisection"),
    )
    english, chinese = minimum_line(sweep, "en"), minimum_line(sweep, "zh")
    assert english is not None and chinese is not None
    assert "万元" not in english and "61.01" in english and "CNY 10k" in english
    assert "61.01[/] 万元" in chinese


@pytest.fixture(scope="module")
def hiring() -> PlanResult:
    """8 staff in the first six months, 12 after: the peak (4) binds in the first months."""
    staff = {"capacity": 8, "changes": [{"from_period": 6, "capacity": 12}]}
    return plan(make(staff=staff), SolveParams(time_limit=10, compare_routes=False))


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", "4 / 当期可用 8 人（2027-01-01）"), ("en", "4 of 8 FTE available then (2027-01-01)")],
)
def test_peak_staff_shows_the_capacity_of_the_peak_period(
    hiring: PlanResult, lang: Lang, words: str
) -> None:
    page = render_roadmap(hiring, lang)
    assert words in page
    assert "可用 12" not in page and "of 12 FTE" not in page


def test_constant_capacity_keeps_the_short_words() -> None:
    result = plan(make(staff={"capacity": 6}), SolveParams(time_limit=10, compare_routes=False))
    assert "4 / 可用 6 人" in render_roadmap(result, "zh")


def test_results_name_the_unit_of_their_money(hiring: PlanResult) -> None:
    data = hiring.model_dump(mode="json")
    cost = data["objective"]["total_cost"]
    assert isinstance(cost, int) and data["objective"]["total_cost_wan"] == cost / 10_000
    schema = PlanResult.model_json_schema(mode="serialization")["$defs"]["Objective"]
    assert "yuan" in schema["properties"]["total_cost"]["description"]
    assert "万元" in schema["properties"]["total_cost_wan"]["description"]
    again = PlanResult.model_validate(data)  # stored results (with the extra field) still load
    assert again.objective == hiring.objective
    assert Objective(total_cost=None).total_cost_wan is None
    assert data["objective"]["total_cost_wan"] == pytest.approx(60, abs=0.01)


def test_report_remedy_rounds_the_budget_up() -> None:
    """610,002 yuan needed: the report says at least 61.1, never 61.0 (still infeasible)."""
    odd = [{"id": "x", "duration": 3, "cost": 1.00017}]
    result = plan(
        make(budget={"total": 50}, extra_steps=odd),
        SolveParams(time_limit=10, compare_routes=False),
    )
    assert result.explanation is not None and result.explanation.min_budget == 610_002
    assert "总预算提高到至少 61.1 万元" in render_roadmap(result, "zh")
    assert "at least 61.1 (CNY 10k" in render_roadmap(result, "en")
