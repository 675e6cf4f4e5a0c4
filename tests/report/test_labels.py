"""One translation table: every label in both languages, used, and never shown as a raw key."""

from __future__ import annotations

import re
import string
from html.parser import HTMLParser
from pathlib import Path

import pytest

from catalog.models.base import Lang
from planner.report import render_roadmap
from planner.report.labels import LABELS, label
from planner.result.plan_result import PlanResult

CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")
ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    *(ROOT / "planner" / "report").rglob("*.py"),
    *(ROOT / "planner" / "report" / "templates").glob("*.j2"),
    *(ROOT / "planner" / "cli").glob("*.py"),
]
# keys looked up by a computed name: "phase_" + phase id, "persp_" + perspective id, ...
DYNAMIC = (
    "phase_",
    "persp_",
    "scope_",
    "group_",
    "status_",
    "why_objective_",
    "node",
    "flow",
    "network",
    "ecosystem",
    "decomposition",
    "upgrade",
    "deepening",
    "combination",
    "user",
    "added",
    "removed",
    "moved",
)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(LABELS))
def test_label_exists_in_both_languages_with_the_same_placeholders(key: str) -> None:
    zh, en = LABELS[key]
    assert zh.strip() and en.strip()
    assert _fields(zh) == _fields(en), key
    assert not CJK.search(en), f"English label {key!r} contains Chinese: {en!r}"
    if re.search(r"[A-Za-z]{4,}", zh) and not CJK.search(zh):
        pytest.fail(f"Chinese label {key!r} is not in Chinese: {zh!r}")


def test_every_label_is_used() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)
    unused = [
        k
        for k in LABELS
        if f'"{k}"' not in text and f"'{k}'" not in text and f"L.{k}" not in text
        if not k.startswith(DYNAMIC)
    ]
    assert unused == []


class _Text(HTMLParser):
    """The text a reader sees (not tags, attributes, style or title tooltips)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._skip += tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "title")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_raw_key_or_placeholder_on_the_page(
    demo_result: PlanResult,
    infeasible_result: PlanResult,
    invalid_result: PlanResult,
    lang: Lang,
) -> None:
    for result in (demo_result, infeasible_result, invalid_result):
        text = visible_text(render_roadmap(result, lang))
        raw = [k for k in LABELS if "_" in k and re.search(rf"\b{k}\b", text)]
        assert raw == []
        assert not re.search(r"\{[a-z_]+\}", text), "an unfilled {placeholder}"


def test_english_report_labels_are_english(demo_result: PlanResult) -> None:
    """Only data (names, the standards' own Chinese titles) may be Chinese in English."""
    text = visible_text(render_roadmap(demo_result, "en"))
    for key in ("summary", "gantt", "trajectory", "spend", "steps", "assumptions"):
        assert label(key, "en") in text
    for key in ("summary", "gantt", "trajectory", "spend", "steps", "assumptions"):
        assert label(key, "zh") not in text


def test_every_step_kind_has_a_label_and_a_colour() -> None:
    """Each kind the step factory makes (requirement work and scope models included)."""
    from planner.compile.instance import build_instance
    from planner.model.problem import load_problem
    from planner.report.charts import KIND_COLOURS
    from planner.report.lookup import KINDS
    from tests.scenarios.test_bundled import FILES

    kinds = {s.kind for f in FILES for s in build_instance(load_problem(f)).steps.values()}
    assert {"requirement", "model", "upgrade", "deepening", "combination"} <= kinds
    for kind in kinds:
        assert kind in KINDS and kind in KIND_COLOURS
        assert label(kind, "zh") != label(kind, "en")
