"""Input errors in both languages: every broken problem is explained in Chinese (default) and
in English, with the same file, key path and line; the CLI prints the chosen language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalog.errors import DataError
from catalog.models.base import Lang, Text
from planner.cli import app
from planner.model.problem import load_problem
from planner.result.plan_result import SolveParams
from planner.solve.plan import plan
from tests.planner.test_bad_input import BROKEN, CASES

CJK = re.compile(r"[\u4e00-\u9fff]")
LINE = re.compile(r"（第 \d+ 行）| 第 \d+ 行")


def errors(path: Path) -> list[Text]:
    try:
        problem = load_problem(path)
    except DataError as exc:
        return exc.texts
    result = plan(problem, SolveParams(time_limit=5, compare_routes=False))
    assert len(result.error_texts) == len(result.errors) > 0
    assert [t.en for t in result.error_texts] == list(result.errors)
    return list(result.error_texts)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_broken_problem_is_explained_in_both_languages(path: Path) -> None:
    for text in errors(path):
        words = LINE.sub("", text.zh.split(": ", 1)[-1])  # without the file and the line
        assert CJK.search(words), f"{path.name}: no Chinese in {text.zh!r}"
        assert not CJK.search(text.en.replace(path.name, "")), text.en
        where_zh, where_en = text.zh.split(": ")[0], text.en.split(": ")[0]
        assert where_zh == where_en  # the same file (and path) in both


def test_data_error_still_takes_plain_strings() -> None:
    """Existing raise sites pass English strings: they stay as they were in both languages."""
    error = DataError(["a: plain", Text(zh="b: 中文", en="b: English")])
    assert error.problems == ["a: plain", "b: English"]
    assert error.get("zh") == ["a: plain", "b: 中文"] and str(error) == "a: plain\nb: English"


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", "表1中没有 'L9-T1' 这一行"), ("en", "unknown Table 1 row 'L9-T1'")],
)
def test_cli_prints_input_errors_in_the_chosen_language(lang: Lang, words: str) -> None:
    result = CliRunner().invoke(
        app, ["plan", str(BROKEN / "unknown_target_row.yaml"), "--lang", lang]
    )
    assert result.exit_code == 2 and words in result.output


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", "不认识的键（可能拼写有误）"), ("en", "Extra inputs are not permitted")],
)
def test_cli_prints_load_errors_in_the_chosen_language(lang: Lang, words: str) -> None:
    result = CliRunner().invoke(app, ["plan", str(BROKEN / "unknown_key.yaml"), "--lang", lang])
    assert result.exit_code == 2 and words in result.output
