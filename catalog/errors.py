"""Errors raised when catalogue or problem data is malformed, as structured values.

An :class:`Issue` is one thing wrong with the input: where (key path ``loc``, ``file`` and
``line``, or an Excel ``sheet``, ``row`` and ``column``) and what, in Chinese and English
(``message``). A :class:`DataError` carries a tuple of them. Nothing below the edges formats
an issue into a sentence: the command line calls :meth:`Issue.format` (or
:meth:`DataError.format`) in the chosen language, and the service reads the fields directly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from catalog.models.base import Lang, Text

Loc = tuple[str | int, ...]


def format_loc(loc: Loc) -> str:
    """``('units', 3, 'id')`` as ``units[3].id``."""
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


@dataclass(frozen=True)
class Issue:
    """One problem with the input, located, in Chinese and English."""

    message: Text
    loc: Loc = ()
    file: str | None = None
    line: int | None = None
    code: str = "value_error"
    sheet: str | None = None  # an Excel cell: sheet, row and column (letter and heading)
    row: int | None = None
    column: str | None = None
    heading: str | None = None

    @classmethod
    def of(cls, zh: str, en: str, loc: Loc = (), **fields: object) -> Issue:
        return cls(Text(zh=zh, en=en), tuple(loc), **fields)  # type: ignore[arg-type]

    def where(self, lang: Lang = "zh") -> str:
        """The place alone: ``file: key.path (line 3)``, ``file: sheet 要求, row 4, …``."""
        zh = lang == "zh"
        parts = [self.file] if self.file else []
        if self.sheet is not None:
            cell = f"工作表 {self.sheet}" if zh else f"sheet {self.sheet}"
            if self.row is not None:
                cell += f"，第 {self.row} 行" if zh else f", row {self.row}"
            if self.column is not None:
                if zh:
                    cell += f"，{self.column} 列" + (f"（{self.heading}）" if self.heading else "")
                else:
                    cell += f", column {self.column}" + (
                        f" ({self.heading})" if self.heading else ""
                    )
            parts.append(cell)
        place = format_loc(self.loc)
        if self.line is not None and place:
            parts.append(f"{place}（第 {self.line} 行）" if zh else f"{place} (line {self.line})")
        elif self.line is not None:
            parts.append(f"第 {self.line} 行" if zh else f"line {self.line}")
        elif place:
            parts.append(place)
        return ": ".join(parts)

    def format(self, lang: Lang = "zh") -> str:
        """The issue as one line in ``lang`` (zh or en)."""
        where = self.where(lang)
        message = self.message.get(lang)
        return f"{where}: {message}" if where else message

    def text(self) -> Text:
        """The formatted line in both languages."""
        return Text(zh=self.format("zh"), en=self.format("en"))

    def replace(self, **changes: object) -> Issue:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def under(self, *prefix: str | int) -> Issue:
        """The same issue with its key path below ``prefix``."""
        return dataclasses.replace(self, loc=(*prefix, *self.loc))


def issue_of(problem: str | Text | Issue) -> Issue:
    """An Issue from a plain string (the same words in both languages) or a Text."""
    if isinstance(problem, Issue):
        return problem
    if isinstance(problem, Text):
        return Issue(problem)
    return Issue(Text(zh=problem, en=problem))


class DataError(ValueError):
    """Bad input data: every issue names its file, key path and, where known, the line.

    ``issues`` are the structured values; ``format(lang)`` renders them, one a line.
    ``problems`` (English lines) and ``texts`` (lines in both languages) are the rendering
    kept for callers that only show them; ``str(err)`` is the English rendering.
    """

    def __init__(self, problems: Iterable[str | Text | Issue]) -> None:
        self.issues: tuple[Issue, ...] = tuple(issue_of(p) for p in problems)
        super().__init__("\n".join(self.problems))

    @property
    def texts(self) -> list[Text]:
        return [i.text() for i in self.issues]

    @property
    def problems(self) -> list[str]:
        return [i.format("en") for i in self.issues]

    def get(self, lang: Lang = "zh") -> list[str]:
        return [i.format(lang) for i in self.issues]

    def format(self, lang: Lang = "zh") -> str:
        return "\n".join(self.get(lang))

    def __str__(self) -> str:
        return self.format("en")


class CatalogError(DataError):
    """The catalogue data (standard transcription or capplan assumptions) is invalid."""


class TextValueError(ValueError):
    """A validator's error in both languages (pydantic reports its English ``str``)."""

    def __init__(self, zh: str, en: str) -> None:
        self.zh, self.en = zh, en
        super().__init__(en)


def loc_of(path: str) -> Loc:
    """A key path as written in code (``units[3].id``) as a location; no message is parsed."""
    loc: list[str | int] = []
    for part in path.replace("]", "").replace("[", ".").split("."):
        if part:
            loc.append(int(part) if part.isdigit() else part)
    return tuple(loc)


def at(where: str | Loc, zh: str, en: str, code: str = "value_error") -> Issue:
    """An input error at a key path (a tuple, or a dotted path written in code)."""
    loc = loc_of(where) if isinstance(where, str) else tuple(where)
    return Issue(Text(zh=zh, en=en), loc, code=code)
