"""The words a questionnaire accepts: answers, breadths, aspect depths — ids or labels, zh or en."""

from __future__ import annotations

import re
from typing import Any

from catalog import Catalog
from catalog.errors import TextValueError
from catalog.models.base import Lang, Text
from planner.assessment.models import ORGANISATION_GROUP
from planner.assessment.rules import (
    ASPECTS,
    ORGANISATION_BREADTHS,
    SCENARIO_BREADTHS,
    ScoringRules,
)
from planner.assessment.table1 import ORGANISATION_NAME

FIELDS: dict[str, Text] = {
    "breadth": Text(zh="广度", en="Breadth"),
    "notes": Text(zh="说明", en="Notes"),
    "answer": Text(zh="答复", en="Answer"),
    "evidence": Text(zh="证据/说明", en="Evidence"),
}


def norm(value: str) -> str:
    return re.sub(r"[\s_\-]+", " ", value.strip().casefold())


class Vocabulary:
    """Options per question, with the labels shown and every spelling accepted."""

    def __init__(self, catalog: Catalog, rules: ScoringRules) -> None:
        self.catalog, self.rules = catalog, rules
        t1 = rules.table1
        self.options: dict[str, list[tuple[str, Text]]] = {
            "answer": rules.answer_options(),
            "scenario_breadth": [(b, self._breadth(b)) for b in SCENARIO_BREADTHS],
            "organisation_breadth": [(b, self._breadth(b)) for b in ORGANISATION_BREADTHS],
        }
        for aspect in ASPECTS:
            depths = t1.aspects[aspect].depths
            self.options[aspect] = [("none", t1.none)] + [
                (d, Text(zh=label.zh, en=label.en)) for d, label in depths.items()
            ]

    def _breadth(self, breadth: str) -> Text:
        if breadth == "none":
            return self.rules.table1.none
        return self.catalog.breadth(breadth).name

    def kind_of(self, group: str, field: str) -> str:
        if field == "breadth":
            return "organisation_breadth" if group == ORGANISATION_GROUP else "scenario_breadth"
        return field

    def labels(self, kind: str, lang: Lang) -> list[str]:
        return [text.get(lang) for _, text in self.options[kind]]

    def label(self, kind: str, value: str, lang: Lang) -> str:
        for option, text in self.options[kind]:
            if option == value:
                return text.get(lang)
        return value

    def parse(self, kind: str, value: Any) -> str | None:
        """The option id for a value (id, or label in either language); None for blank.

        Raises TextValueError (a ValueError, in both languages) naming the allowed values.
        """
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):  # YAML 1.1 reads yes/no/on/off as booleans
            raise TextValueError(
                f"无效的{self._what(kind).zh} {value!r}：YAML 把 yes/no/true/false 读作布尔值"
                f"（可选：{self._allowed(kind, 'zh')}）",
                f"invalid {self._what(kind).en} {value!r}: YAML reads yes/no/true/false as a "
                f"boolean (allowed: {self._allowed(kind, 'en')})",
            )
        if not isinstance(value, str):
            value = str(value)
        wanted = norm(value)
        for option, text in self.options[kind]:
            if wanted in (norm(option), norm(text.zh), norm(text.en)):
                return option
        allowed_ids = {option for option, _ in self.options[kind]}
        for depth in self.catalog.depths:  # a depth category's own name also names the answer
            if wanted in (norm(depth.name.zh), norm(depth.name.en)) and depth.id in allowed_ids:
                return depth.id
        raise TextValueError(
            f"无效的{self._what(kind).zh} {value!r}（可选：{self._allowed(kind, 'zh')}）",
            f"invalid {self._what(kind).en} {value!r} (allowed: {self._allowed(kind, 'en')})",
        )

    def _allowed(self, kind: str, lang: Lang) -> str:
        """The options with their labels in one language (either label is accepted)."""
        if lang == "zh":
            return "，".join(f"{option}（{text.zh}）" for option, text in self.options[kind])
        return ", ".join(f"{option} ({text.en})" for option, text in self.options[kind])

    def _what(self, kind: str) -> Text:
        """What is asked, for an error: 'answer' / '答复', 'model' / its aspect's name."""
        if kind in _KINDS:
            return _KINDS[kind]
        aspect = self.rules.table1.aspects.get(kind)
        en = kind.replace("_", " ")
        return Text(zh=aspect.name.zh if aspect else en, en=en)


_KINDS = {
    "answer": Text(zh="答复", en="answer"),
    "scenario_breadth": Text(zh="主场景广度", en="scenario breadth"),
    "organisation_breadth": Text(zh="组织广度", en="organisation breadth"),
}


def group_names(catalog: Catalog, industry: str) -> dict[str, Text]:
    names = {m.id: m.name for m in catalog.industry(industry).main_scenarios}
    names[ORGANISATION_GROUP] = ORGANISATION_NAME
    return names
