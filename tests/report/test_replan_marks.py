"""A re-planned roadmap's report marks the steps already done and the current period."""

from __future__ import annotations

import re

import pytest

from catalog.models.base import Lang
from planner.report import render_roadmap
from planner.result.plan_result import PlanResult
from tests.planner.conftest import make
from tests.planner.test_plan_known_optima import solved

C, D = "deepen:c:is_integration", "deepen:d:is_integration"


@pytest.fixture(scope="module")
def replanned() -> PlanResult:
    progress = {
        "now": "2027-05-01",
        "done": [{"id": C, "start": "2027-01-01", "end": "2027-04-30"}],
        "previous": [{"id": C, "start": 0}, {"id": D, "start": 3}],
        "stability": {},
    }
    return solved(make(staff={"capacity": 2}, progress=progress))


@pytest.mark.parametrize(
    ("lang", "done", "now"),
    [("zh", "已完成", "现在（2027-05-01）"), ("en", "done", "now (2027-05-01)")],
)
def test_done_steps_and_now_are_marked(
    replanned: PlanResult, lang: Lang, done: str, now: str
) -> None:
    page = render_roadmap(replanned, lang)
    bars = re.findall(
        r'<rect class="bar" data-step="([^"]+)" data-kind="[^"]+"( data-done="true")?', page
    )
    assert dict(bars) == {C: ' data-done="true"', D: ""}
    assert '<g class="now">' in page and now in page
    row = re.search(rf'<tr class="step" data-step="{C}"[^>]*>.*?</tr>', page, re.S)
    assert row is not None and f"✓ {done}" in row.group(0)
    other = re.search(rf'<tr class="step" data-step="{D}"[^>]*>.*?</tr>', page, re.S)
    assert other is not None and "✓" not in other.group(0)


def test_a_fresh_plan_has_no_marks() -> None:
    page = render_roadmap(solved(make()), "zh")
    assert "data-done" not in page and '<g class="now">' not in page


def test_every_step_shows_the_id_progress_names_it_by(replanned: PlanResult) -> None:
    assert replanned.roadmap is not None
    page = render_roadmap(replanned, "en")
    for step in replanned.roadmap.steps:
        row = re.search(rf'<tr class="step" data-step="{step.id}"[^>]*>.*?</tr>', page, re.S)
        assert row is not None and '<div class="ref step-id"' in row.group(0)
        assert f">{step.id}</div>" in row.group(0)
