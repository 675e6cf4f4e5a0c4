"""Dotted-path overrides on a problem's plain data: set, unset and scale.

A path names a place in the problem document: ``budget.total``, ``staff.changes[0].capacity``,
``budget.yearly_caps.2028``, ``organisation.units[dm.rnd.product_design].level``. Segments are
separated by dots; a segment in brackets may contain dots. In a list, a number is an index and
any other segment picks the element whose ``id`` is that segment (created when setting a field
of a missing element, so a library unit can be given a state by id).

A mapping value is merged into the mapping already there (keys not mentioned stay); any other
value replaces what is there. ``unset`` removes a key, so the field returns to its default.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from catalog.errors import TextValueError

Segment = str | int
Concrete = tuple[Segment, ...]


class PathError(TextValueError):
    """A path that does not fit the document (bad syntax, missing element, not a container);
    ``zh`` and ``en`` say so in both languages."""


@dataclass(frozen=True)
class Token:
    text: str
    bracketed: bool


def parse_path(path: str) -> tuple[Token, ...]:
    """Split ``a.b[c.d].e`` into tokens; raise PathError on malformed paths."""
    tokens: list[Token] = []
    i, n = 0, len(path)
    expect_segment = True
    while i < n:
        ch = path[i]
        if ch == "[":
            close = path.find("]", i)
            if close < 0:
                raise PathError(
                    f"路径 {path!r} 中的 '[' 没有闭合", f"unclosed '[' in path {path!r}"
                )
            text = path[i + 1 : close].strip()
            if not text:
                raise PathError(f"路径 {path!r} 中有空的 []", f"empty [] in path {path!r}")
            tokens.append(Token(text, True))
            i, expect_segment = close + 1, False
        elif ch == ".":
            if expect_segment:
                raise PathError(f"路径 {path!r} 中有空段", f"empty segment in path {path!r}")
            i, expect_segment = i + 1, True
        else:
            if not expect_segment:
                raise PathError(
                    f"路径 {path!r} 第 {i} 个字符处应为 '.' 或 '['",
                    f"expected '.' or '[' at position {i} of path {path!r}",
                )
            j = i
            while j < n and path[j] not in ".[]":
                j += 1
            if j < n and path[j] == "]":
                raise PathError(
                    f"路径 {path!r} 中的 ']' 没有配对", f"unmatched ']' in path {path!r}"
                )
            tokens.append(Token(path[i:j].strip(), False))
            i, expect_segment = j, False
    if expect_segment:
        if not tokens:
            raise PathError(f"路径 {path!r} 为空", f"empty path {path!r}")
        raise PathError(f"路径 {path!r} 以 '.' 结尾", f"path {path!r} ends with '.'")
    return tuple(tokens)


def _dict_key(container: dict[Any, Any], text: str) -> Any:
    """The existing key matching ``text`` (YAML may have made it an int), else ``text``."""
    for key in container:
        if str(key) == text:
            return key
    return text


def _list_index(container: list[Any], token: Token, where: str, create: bool) -> int:
    if token.text.lstrip("-").isdigit():
        index = int(token.text)
        if not -len(container) <= index < len(container):
            raise PathError(
                f"{where}：下标 {index} 超出范围（列表共 {len(container)} 项）",
                f"{where}: index {index} out of range (the list has {len(container)})",
            )
        return index % len(container)
    for i, item in enumerate(container):
        if isinstance(item, dict) and str(item.get("id")) == token.text:
            return i
    if create and all(isinstance(item, dict) for item in container):
        container.append({"id": token.text})
        return len(container) - 1
    raise PathError(
        f"{where}：没有 id 为 {token.text!r} 的元素", f"{where}: no element with id {token.text!r}"
    )


def _shown(done: list[Segment]) -> str:
    out = ""
    for seg in done:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out or "<root>"


def _walk(
    data: dict[str, Any], tokens: tuple[Token, ...], create: bool
) -> tuple[Any, Segment, Concrete]:
    """The container holding the last token, that token's key, and the concrete path."""
    node: Any = data
    done: list[Segment] = []
    for pos, token in enumerate(tokens):
        last = pos == len(tokens) - 1
        if isinstance(node, dict):
            key: Segment = _dict_key(node, token.text)
            if last:
                return node, key, (*done, key)
            if node.get(key) is None:
                if not create:
                    raise PathError(
                        f"{_shown([*done, key])} 未设置", f"{_shown([*done, key])} is not set"
                    )
                node[key] = {}
        elif isinstance(node, list):
            key = _list_index(node, token, _shown(done), create)
            if last:
                return node, key, (*done, key)
        else:
            raise PathError(
                f"{_shown(done)} 是单个值，不是映射或列表",
                f"{_shown(done)} is a single value, not a mapping or a list",
            )
        done.append(key)
        node = node[key]
    raise PathError("路径为空", "empty path")  # pragma: no cover - parse_path rejects empty paths


def merge(old: Any, new: Any) -> Any:
    """``new`` merged into ``old``: mappings key by key, anything else replaced."""
    if isinstance(old, dict) and isinstance(new, dict):
        out = dict(old)
        for key, value in new.items():
            existing = next((k for k in out if str(k) == str(key)), key)
            out[existing] = merge(out.get(existing), value)
        return out
    return copy.deepcopy(new)


def set_path(data: dict[str, Any], path: str, value: Any) -> Concrete:
    """Set (merge, for mappings) ``value`` at ``path``; return the concrete path."""
    container, key, concrete = _walk(data, parse_path(path), create=True)
    if isinstance(container, dict):
        container[key] = merge(container.get(key), value)
    else:
        container[key] = merge(container[key], value)
    return concrete


def unset_path(data: dict[str, Any], path: str) -> Concrete:
    """Remove the key (or list element) at ``path``."""
    container, key, concrete = _walk(data, parse_path(path), create=False)
    if isinstance(container, dict):
        if key not in container:
            raise PathError(
                f"{_shown(list(concrete))} 未设置", f"{_shown(list(concrete))} is not set"
            )
        del container[key]
    else:
        del container[key]
    return concrete


def scale_path(data: dict[str, Any], path: str, factor: float) -> Concrete:
    """Multiply the number at ``path``, or every number inside the mapping or list there."""
    container, key, concrete = _walk(data, parse_path(path), create=False)
    if isinstance(container, dict) and key not in container:
        raise PathError(f"{_shown(list(concrete))} 未设置", f"{_shown(list(concrete))} is not set")
    value = container[key]
    scaled, count = _scale(value, factor)
    if count == 0:
        raise PathError(
            f"{_shown(list(concrete))} 没有可缩放的数值",
            f"{_shown(list(concrete))} holds no number to scale",
        )
    container[key] = scaled
    return concrete


def _scale(value: Any, factor: float) -> tuple[Any, int]:
    if isinstance(value, bool) or value is None:
        return value, 0
    if isinstance(value, int | float):
        return round(value * factor, 6), 1  # 万元 to well below a yuan; no float noise
    if isinstance(value, dict):
        pairs = {k: _scale(v, factor) for k, v in value.items()}
        return {k: v for k, (v, _) in pairs.items()}, sum(c for _, c in pairs.values())
    if isinstance(value, list | tuple):
        items = [_scale(v, factor) for v in value]
        return [v for v, _ in items], sum(c for _, c in items)
    return value, 0


def plain(value: Any) -> Any:
    """Tuples as lists, recursively (model_dump keeps tuples; overrides expect lists)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value
