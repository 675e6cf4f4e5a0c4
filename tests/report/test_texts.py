"""Texts a consultant reads: the culture assumptions one level apart in the two standards (report
and catalogue), scope work titled by its scope, the English name of an organisation, and one
date convention for the step table, the Gantt chart and the CLI."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest
from typer.testing import CliRunner

from catalog.catalog import CULTURE_LEVELS_NOTE
from catalog.cli import app
from catalog.models.base import Lang
from planner.compile.instance import build_instance
from planner.model.problem import NO_ENGLISH_NAME, Problem
from planner.report import render_roadmap
from planner.result.plan_result import PlanResult, SolveParams
from planner.solve.plan import plan
from tests.planner.conftest import TINY

PARAMS = SolveParams(time_limit=20, workers=2, seed=0, compare_routes=False)
WIDE = CliRunner(env={"COLUMNS": "400"})


@cache
def tiny_l2() -> PlanResult:
    return plan(Problem.model_validate(TINY).replace(target={"row": "L2-T5"}), PARAMS)


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_culture_step_says_the_standards_are_one_level_apart(lang: Lang) -> None:
    result = tiny_l2()
    assert result.roadmap is not None
    culture = [s for s in result.roadmap.steps if s.subdomain == "governance.culture"]
    assert culture, "the roadmap holds the culture work"
    page = render_roadmap(result, lang)
    note = CULTURE_LEVELS_NOTE.get(lang)
    assert page.count("culture-note") == len(culture)
    assert note.split("；")[0].split(";")[0][:40] in page
    for zh, en in (("经济人", "经济人"), ("社会人", "社会人")):
        assert (zh if lang == "zh" else en) in note
    assert "10004" in note and "20001" in note and "L2" in note and "CL2" in note


@pytest.mark.parametrize(
    "args", [("tiers",), ("priorities", "CL2"), ("subdomains", "--subdomain", "governance.culture")]
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_catalogue_shows_the_culture_note(args: tuple[str, ...], lang: Lang) -> None:
    out = squash(WIDE.invoke(app, [*args, "--lang", lang]).output)
    assert squash(CULTURE_LEVELS_NOTE.get(lang))[:60] in out


def test_catalog_tiers_shows_the_stricter_reading_not_yet_planned() -> None:
    out = squash(WIDE.invoke(app, ["tiers", "--lang", "en"]).output)
    assert "capability_work.per_perspective:False" in out
    assert "notyetplanned" in out


def test_scope_work_is_titled_by_its_scope_not_a_unit() -> None:
    data: dict[str, Any] = {**TINY, "organisation": dict(TINY["organisation"])}
    data["organisation"]["units"] = [
        {**u, "level": 2} if u["id"] == "d" else u for u in TINY["organisation"]["units"]
    ]  # in production only unit c (丙) is below CL2
    instance = build_instance(Problem.model_validate(data).replace(target={"row": "L2-T5"}))
    scope = [s for s in instance.steps.values() if s.kind == "scope"]
    assert scope
    for step in scope:
        assert "丙" not in step.title.zh and "C:" not in step.title.en, step.title
    production = instance.steps["scope:CL2:production"]
    assert production.title.zh.startswith("生产 CL2")


def test_an_organisation_without_an_english_name_says_so() -> None:
    named = Problem.model_validate({**TINY, "name": "某集团"})
    assert named.display_name("zh") == "某集团"
    assert named.display_name("en") == f"某集团 {NO_ENGLISH_NAME}"
    both = Problem.model_validate({**TINY, "name": {"zh": "某集团", "en": "A group"}})
    assert (both.name, both.display_name("en"), both.display_name("zh")) == (
        "某集团",
        "A group (某集团)",
        "某集团",
    )
    with pytest.raises(ValueError, match="zh"):
        Problem.model_validate({**TINY, "name": {"en": "A group"}})


def test_the_english_report_title_uses_the_english_name() -> None:
    result = tiny_l2()
    assert result.problem is not None
    bare = result.model_copy(
        update={"problem": result.problem.model_copy(update={"name": "某集团"})}
    )
    page = render_roadmap(bare, "en")
    assert f"某集团 {NO_ENGLISH_NAME}" in page
    named = bare.model_copy(
        update={"problem": bare.problem.model_copy(update={"name_en": "A group"})}  # type: ignore[union-attr]
    )
    page = render_roadmap(named, "en")
    assert "A group (某集团)" in page and NO_ENGLISH_NAME not in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_date_convention_in_the_table_and_the_gantt(lang: Lang) -> None:
    result = tiny_l2()
    assert result.roadmap is not None
    page = render_roadmap(result, lang)
    assert ("结束月份（含当月）" if lang == "zh" else "End month (inclusive)") in page
    assert not re.search(r"\d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d", page)  # no exclusive day dates
    step = result.roadmap.steps[0]
    last = step.end_date.replace(day=1)
    last = (
        last.replace(month=last.month - 1)
        if last.month > 1
        else last.replace(year=last.year - 1, month=12)
    )
    span = f"{step.start_date:%Y-%m} – {last:%Y-%m}"
    assert span in page  # the Gantt tooltip, the same months as the table
    row = page.split(f'data-step="{step.id}"')[1].split("</tr>")[0]
    assert f"{step.start_date:%Y-%m}" in row and f"{last:%Y-%m}" in row


def test_the_cli_step_table_uses_the_same_months(tmp_path: Any) -> None:
    import json

    from planner.cli import app as planner_app

    problem = tmp_path / "tiny.json"
    problem.write_text(json.dumps({**TINY, "target": {"row": "L2-T5"}}), encoding="utf-8")
    out = WIDE.invoke(planner_app, ["plan", str(problem), "--time-limit", "20", "--lang", "en"])
    assert out.exit_code == 0, out.output
    assert "End month (inclusive)" in out.output
    table = out.output.split("Steps")[1].split("Spend")[0]
    assert re.search(r"\d{4}-\d\d", table) and not re.search(r"\d{4}-\d\d-\d\d", table)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rows_skipped_as_harder_are_grouped_by_value(tiny_result: PlanResult, lang: Lang) -> None:
    """The rows not compared because they ask at least as much as another are grouped under
    that row from ``harder_rows``, whatever their reason's text says; a row skipped for another
    reason keeps its own line."""
    from catalog import load_catalog
    from catalog.models.base import Text
    from planner.report.lookup import Lookup
    from planner.report.summary import why_lines

    result = tiny_result.model_copy(
        update={
            "skipped_rows": {
                "L3-T8": Text(zh="要求更高", en="asks more"),
                "L4-T8": Text(zh="要求更高", en="asks more"),
                "L5-T10": Text(zh="需要生态伙伴", en="needs ecosystem partners"),
            },
            "harder_rows": {"L3-T8": "L2-T7", "L4-T8": "L2-T7"},
        }
    )
    lines = why_lines(result, Lookup.build(load_catalog(), lang, result.problem))
    grouped = [line for line in lines if "L2-T7" in line]
    assert len(grouped) == 1 and "L3-T8" in grouped[0] and "L4-T8" in grouped[0]
    own = [line for line in lines if "L5-T10" in line]
    assert (
        len(own) == 1 and ("需要生态伙伴" if lang == "zh" else "needs ecosystem partners") in own[0]
    )
