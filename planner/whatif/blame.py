"""Errors of a variant, told where its scenario document says what caused them.

A derived problem that does not validate or compile is the fault of one of the variant's
overrides (the base is valid): each issue is moved to the override nearest to its location,
with the file and line of that override, and keeps the location in the problem in brackets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from catalog.errors import Issue
from catalog.models.base import Text
from catalog.yamlio import Key, YamlDocument, format_path
from planner.whatif.overrides import Concrete


@dataclass
class Op:
    """One override applied: where it is written and which part of the problem it touched."""

    where: Key  # path in the scenario document
    touched: Concrete  # concrete path in the problem data


class Fault(Exception):
    """An override that cannot be applied, at its place in the scenario document."""

    def __init__(self, where: Key, message: Text) -> None:
        super().__init__(message.en)
        self.where = where
        self.message = message


def _norm(path: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(str(p) for p in path)


def _common(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def blame(ops: Sequence[Op], at: Key, loc: tuple[Any, ...]) -> tuple[Key, str]:
    """The override nearest to a problem location (the base is valid, so one caused it).

    Returns where that override is written and, when it does not name the location itself,
    the location in the problem.
    """
    target = _norm(loc)
    best: tuple[int, Op] | None = None
    for op in ops:
        n = _common(_norm(op.touched), target)
        if n > 0 and (best is None or n >= best[0]):
            best = (n, op)
    if best is None:
        return at, format_path(tuple(loc))
    exact = best[0] == len(target) and len(best[1].touched) == len(target)
    return best[1].where, "" if exact else format_path(tuple(loc))


def issue_in(doc: YamlDocument | None, source: str, key: Key, message: Text, code: str) -> Issue:
    """An issue at a place in the scenario document (its line when read from a file)."""
    if doc is not None:
        return Issue(message, key, file=doc.source, line=doc.line_of(key), code=code)
    return Issue(message, key, file=source, code=code)


def blamed(
    name: str,
    ops: Sequence[Op],
    at: Key,
    doc: YamlDocument | None,
    source: str,
    issue: Issue,
    loc: Key | None,
) -> Issue:
    """A problem of the derived problem (variant ``name``), told at the override that caused
    it: where that override is written in the scenario document, with its line."""
    where, detail = blame(ops, at, loc) if loc else (at, "")
    extra = f" [{detail}]" if detail else ""
    message = Text(
        zh=f"变体 {name!r}：{issue.message.zh}{extra}",
        en=f"variant {name!r}: {issue.message.en}{extra}",
    )
    return issue_in(doc, source, where, message, issue.code)
