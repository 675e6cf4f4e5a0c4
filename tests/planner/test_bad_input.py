"""Every deliberately broken problem gets a clear error naming the field at fault."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from catalog.errors import DataError
from planner.model.problem import load_problem
from planner.result.plan_result import SolveParams, SolveStatus
from planner.solve.plan import plan

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken_problems"
CASES = sorted(BROKEN.glob("*.yaml"))


def expectation(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} lacks its '# expect:' line"
    return first.removeprefix("# expect: ")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_broken_problem_is_rejected_with_a_clear_error(path: Path) -> None:
    pattern = expectation(path)
    try:
        problem = load_problem(path)
    except DataError as exc:
        message = str(exc)
    else:
        result = plan(problem, SolveParams(time_limit=5, compare_routes=False))
        assert result.status == SolveStatus.INVALID_INPUT, result.status
        assert result.roadmap is None
        message = "\n".join(result.errors)
    assert re.search(pattern, message), f"{path.name}: {pattern!r} not in:\n{message}"


def test_the_folder_has_the_cases_the_issue_names() -> None:
    names = {p.stem for p in CASES}
    assert {
        "unknown_unit",
        "level_out_of_range",
        "negative_budget",
        "target_below_current",
        "cyclic_prerequisites",
    } <= names


def test_a_problem_not_read_from_a_file_keeps_the_bare_key_path() -> None:
    """Variants (replace) are new problems: no file line that might be wrong for them."""
    loaded = load_problem(BROKEN / "unknown_target_row.yaml")
    variant = loaded.replace(name="variant")
    result = plan(variant, SolveParams(time_limit=5, compare_routes=False))
    assert result.errors == ("target.row: unknown Table 1 row 'L9-T1'",)
    assert "(line 4)" in plan(loaded, SolveParams(time_limit=5)).errors[0]
