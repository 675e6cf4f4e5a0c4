"""Errors raised when catalogue or problem data is malformed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from catalog.models.base import Text


class DataError(ValueError):
    """Bad input data: the message names the file, key path and, where known, the line.

    Each problem is a ``Text`` (Chinese and English) or a plain string (the same words in
    both languages). ``problems`` keeps the English strings for existing callers; ``texts``
    has both languages, ``get(lang)`` one of them.
    """

    def __init__(self, problems: Sequence[str | Text]) -> None:
        from catalog.models.base import Text

        self.texts: list[Text] = [p if isinstance(p, Text) else Text(zh=p, en=p) for p in problems]
        self.problems: list[str] = [t.en for t in self.texts]
        super().__init__("\n".join(self.problems))

    def get(self, lang: str = "zh") -> list[str]:
        return [t.get(lang) for t in self.texts]


class CatalogError(DataError):
    """The catalogue data (standard transcription or capplan assumptions) is invalid."""


class TextValueError(ValueError):
    """A validator's error in both languages (pydantic reports its English ``str``)."""

    def __init__(self, zh: str, en: str) -> None:
        self.zh, self.en = zh, en
        super().__init__(en)
