"""Errors raised when catalogue or problem data is malformed."""

from __future__ import annotations


class DataError(ValueError):
    """Bad input data: the message names the file, key path and, where known, the line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class CatalogError(DataError):
    """The catalogue data (standard transcription or capplan assumptions) is invalid."""
