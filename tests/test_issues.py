"""Every error of every broken input is an Issue in Chinese and English, located.

Over the three broken-input folders (problems, catalogue files, questionnaires): each issue
has non-empty Chinese with CJK characters and non-empty English without any (values quoted
from the input, and the Chinese names of the questionnaire's sheets and columns, aside), and
the key path and line (or the Excel cell) at fault. The edges render the same issue:
``format(lang)`` in one language, ``str(error)`` in English.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from catalog import CatalogError, load_catalog
from catalog.errors import DataError, Issue, at, format_loc, loc_of
from catalog.models.base import Text
from planner.assessment.files import load_assessment
from planner.assessment.xlsx_layout import ORG_COLUMNS, REQ_COLUMNS, SHEETS, T1_COLUMNS
from planner.model.problem import load_problem
from planner.result.plan_result import SolveParams
from planner.solve.plan import plan
from tests.catalog.test_broken import CASES as CATALOG_CASES
from tests.catalog.test_broken import DATA_DIR, BrokenCase

DATA = Path(__file__).resolve().parent / "data"
CJK = re.compile(r"[\u4e00-\u9fff]")
QUOTED = re.compile(r"'[^']*'")
SHEET_NAMES = [n.zh for n in (*SHEETS.values(), *ORG_COLUMNS, *REQ_COLUMNS, *T1_COLUMNS)]

# file: (key path, line) of its one issue (the first, when it has several)
PROBLEMS: dict[str, tuple[str, int]] = {
    "bad_yaml.yaml": ("", 5),
    "cyclic_prerequisites.yaml": ("organisation.units", 5),
    "depth_without_level.yaml": ("organisation.units[0].depth", 5),
    "level_out_of_range.yaml": ("organisation.units[0].level", 6),
    "missing_time.yaml": ("time", 2),
    "negative_budget.yaml": ("budget.total", 6),
    "negative_yearly_cap.yaml": ("budget.yearly_caps", 8),
    "start_mid_month.yaml": ("time.start", 5),
    "target_below_current.yaml": ("target.tier", 5),
    "unknown_industry.yaml": ("organisation.industry", 3),
    "unknown_key.yaml": ("budget.totl", 6),
    "unknown_scenario.yaml": ("organisation.main_scenarios[1]", 4),
    "unknown_target_row.yaml": ("target.row", 4),
    "unknown_unit.yaml": ("organisation.units[0].id", 5),
    "unknown_unit_scenario.yaml": ("organisation.units[0].main_scenario", 7),
}
# file: (key path, line) of a YAML questionnaire, (sheet, row, column) of an Excel one
QUESTIONNAIRES: dict[str, tuple[tuple[str | int, ...], int | None]] = {
    "yaml_bad_syntax.yaml": ((), 4),
    "yaml_invalid_answer.yaml": (
        ("requirements", "L1", "strategy.competitive_advantage", "5.2.2.1 a", "answer"),
        9,
    ),
    "yaml_invalid_breadth.yaml": (("table1", "rnd", "breadth"), 123),
    "yaml_invalid_lang.yaml": (("lang",), 2),
    "yaml_invalid_model.yaml": (("table1", "rnd", "model"), 123),
    "yaml_item_in_wrong_level.yaml": (
        ("requirements", "L2", "strategy.competitive_advantage", "5.2.2.1 a"),
        32,
    ),
    "yaml_missing_group.yaml": (("table1",), 122),
    "yaml_missing_level.yaml": (("requirements",), 6),
    "yaml_missing_subdomain.yaml": (("requirements", "L3"), 53),
    "yaml_missing_table1.yaml": ((), 1),
    "yaml_unknown_answer_key.yaml": (
        ("requirements", "L1", "strategy.value_model", "5.2.2.3 a"),
        11,
    ),
    "yaml_unknown_industry.yaml": (("organisation", "industry"), 5),
    "yaml_unknown_item.yaml": (
        ("requirements", "L1", "strategy.competitive_advantage", "5.2.2.1 z"),
        10,
    ),
    "yaml_unknown_scenario.yaml": (("table1", "mining_production"), 128),
}
CELLS: dict[str, tuple[str | None, int | None, str | None]] = {
    "xlsx_answered_heading.xlsx": ("要求", 91, "F"),
    "xlsx_invalid_answer.xlsx": ("要求", 144, "F"),
    "xlsx_invalid_breadth.xlsx": ("表1", 3, "C"),
    "xlsx_missing_column.xlsx": ("要求", 1, None),
    "xlsx_missing_section.xlsx": ("要求", None, None),
    "xlsx_missing_sheet.xlsx": (None, None, None),
    "xlsx_missing_table1_row.xlsx": ("表1", None, None),
    "xlsx_not_a_workbook.xlsx": (None, None, None),
    "xlsx_unknown_industry.xlsx": ("组织", 5, "C"),
    "xlsx_unknown_item.xlsx": ("要求", 4, "D"),
}


def assert_bilingual(issue: Issue) -> None:
    zh, en = issue.message.zh, issue.message.en
    assert zh.strip() and en.strip(), issue
    assert CJK.search(QUOTED.sub("", zh)), f"no Chinese in {zh!r}"
    plain = QUOTED.sub("", en)
    for name in SHEET_NAMES:  # the sheets and columns of the Chinese workbook, by name
        plain = plain.replace(name, "")
    assert not CJK.search(plain), f"Chinese in the English {en!r}"
    # the edges: one language each, the same place in both
    assert issue.format("zh").endswith(zh) and issue.format("en").endswith(en)
    assert bool(CJK.search(issue.where("en"))) == bool(
        CJK.search(issue.sheet or "") or CJK.search(issue.heading or "")
    )


def problem_issues(path: Path) -> tuple[Issue, ...]:
    try:
        problem = load_problem(path)
    except DataError as exc:
        return exc.issues
    result = plan(problem, SolveParams(time_limit=5, compare_routes=False))
    assert [i.format("en") for i in result.issues] == list(result.errors)
    assert [i.text() for i in result.issues] == list(result.error_texts)
    return result.issues


def test_the_tables_cover_every_broken_file() -> None:
    assert sorted(PROBLEMS) == sorted(p.name for p in (DATA / "broken_problems").glob("*.yaml"))
    listed = {*QUESTIONNAIRES, *CELLS}
    files = {p.name for p in (DATA / "broken_questionnaires").iterdir()} - {"expected.yaml"}
    assert listed == files


@pytest.mark.parametrize("name", sorted(PROBLEMS))
def test_broken_problem_issues(name: str) -> None:
    path = DATA / "broken_problems" / name
    issues = problem_issues(path)
    assert issues
    for issue in issues:
        assert_bilingual(issue)
        assert issue.file == str(path)
    loc, line = PROBLEMS[name]
    assert (format_loc(issues[0].loc), issues[0].line) == (loc, line)


@pytest.mark.parametrize("name", sorted({*QUESTIONNAIRES, *CELLS}))
def test_broken_questionnaire_issues(name: str) -> None:
    path = DATA / "broken_questionnaires" / name
    with pytest.raises(DataError) as info:
        load_assessment(path)
    (issue,) = info.value.issues
    assert_bilingual(issue)
    assert issue.file == str(path)
    if name in CELLS:
        assert (issue.sheet, issue.row, issue.column) == CELLS[name]
        assert issue.loc == () and issue.line is None
    else:
        assert (issue.loc, issue.line) == QUESTIONNAIRES[name]


@pytest.mark.parametrize("case", CATALOG_CASES, ids=[c.path.stem for c in CATALOG_CASES])
def test_broken_catalogue_issues(case: BrokenCase, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    shutil.copyfile(case.path, data / case.target)
    with pytest.raises(CatalogError) as info:
        load_catalog(data)
    issues = info.value.issues
    assert issues
    for issue in issues:
        assert_bilingual(issue)
        assert issue.file is not None and issue.line is not None, issue
    assert any(Path(i.file or "").name == Path(case.target).name for i in issues)


def test_an_issue_renders_its_place_in_each_language() -> None:
    issue = Issue.of("应大于 0", "must be above 0", ("time", "horizon"), file="p.yaml", line=6)
    assert issue.format("zh") == "p.yaml: time.horizon（第 6 行）: 应大于 0"
    assert issue.format("en") == "p.yaml: time.horizon (line 6): must be above 0"
    cell = Issue.of(
        "无效", "invalid", file="q.xlsx", sheet="要求", row=4, column="F", heading="答复"
    )
    assert cell.format("zh") == "q.xlsx: 工作表 要求，第 4 行，F 列（答复）: 无效"
    assert cell.format("en") == "q.xlsx: sheet 要求, row 4, column F (答复): invalid"
    syntax = Issue.of("YAML 格式错误", "invalid YAML", file="p.yaml", line=3)
    assert (syntax.format("zh"), syntax.format("en")) == (
        "p.yaml: 第 3 行: YAML 格式错误",
        "p.yaml: line 3: invalid YAML",
    )
    assert at("units[3].id", "中", "x").loc == ("units", 3, "id") == loc_of("units[3].id")
    assert issue.under("base").loc == ("base", "time", "horizon")


def test_data_error_keeps_issues_and_renders_at_the_edge() -> None:
    error = DataError(["a: plain", Text(zh="b: 中文", en="b: English"), at("c", "丙", "C")])
    assert [i.loc for i in error.issues] == [(), (), ("c",)]
    assert error.problems == ["a: plain", "b: English", "c: C"]
    assert error.get("zh") == ["a: plain", "b: 中文", "c: 丙"]
    assert str(error) == "a: plain\nb: English\nc: C" == error.format("en")
