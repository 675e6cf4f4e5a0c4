"""capplan's grouping rule (catalog/data/assumptions/initiative_grouping.yaml), loaded and checked.

Errors name the file, the key path and the line.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import Field

from catalog.errors import DataError
from catalog.loader import DATA_DIR
from catalog.models.base import Frozen, Text, texts_of
from catalog.yamlio import YamlDocument

RULES_FILE = DATA_DIR / "assumptions" / "initiative_grouping.yaml"
CJK = re.compile(r"[\u4e00-\u9fff]")
NAME_KEYS = ("scenario", "organisation", "partners", "ecosystem", "user")


class Names(Frozen):
    """Initiative names per workstream; ``{scenario}`` and ``{level}`` are filled in."""

    scenario: Text
    organisation: Text
    partners: Text
    ecosystem: Text
    user: Text
    no_level: Text


class Grouping(Frozen):
    rationale: Text
    level_rule: Text
    names: Names


class Rationale(Frozen):
    rationale: Text


class Risks(Frozen):
    cap_use: float = Field(gt=0, le=1, description="share of a cap from which it is a risk")
    rationale: Text


class GroupingRules(Frozen):
    assumption: Text
    grouping: Grouping
    waves: Rationale
    staff: Rationale
    risks: Risks


def load_rules(path: Path | None = None) -> GroupingRules:
    """Read a grouping file (default: the bundled one)."""
    return _default() if path is None else _load(path)


@lru_cache(maxsize=1)
def _default() -> GroupingRules:
    return _load(RULES_FILE)


def _load(path: Path) -> GroupingRules:
    doc = YamlDocument.from_path(Path(path))
    if not isinstance(doc.data, dict):
        raise DataError(
            [doc.issue((), "顶层应为映射（键: 值）", "expected a mapping at the top level")]
        )
    rules = doc.validate(GroupingRules)
    problems = []
    for key_path, text in texts_of(rules):
        if not CJK.search(text.zh):
            problems.append(
                doc.issue((*key_path, "zh"), f"不是中文：{text.zh!r}", f"not Chinese: {text.zh!r}")
            )
        if not text.en.strip():
            problems.append(doc.issue((*key_path, "en"), "英文文本为空", "English text is empty"))
    for key in NAME_KEYS:
        name: Text = getattr(rules.grouping.names, key)
        for lang in ("zh", "en"):
            if "{level}" not in name.get(lang):
                problems.append(
                    doc.issue(
                        ("grouping", "names", key, lang),
                        "名称须包含 {level}",
                        "the name must contain {level}",
                    )
                )
    if "{scenario}" not in rules.grouping.names.scenario.zh + rules.grouping.names.scenario.en:
        problems.append(
            doc.issue(("grouping", "names", "scenario"), "须包含 {scenario}", "needs {scenario}")
        )
    if problems:
        raise DataError(problems)
    return rules
