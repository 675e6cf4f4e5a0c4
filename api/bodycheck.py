"""Bounds on what a request body may expand into, checked before any document is built.

YAML is scanned event by event (no node tree, no data): aliases are added in by the size
of what they name, so a "billion laughs" body is refused after reading its few kilobytes,
not after building gigabytes. The scan counts the expanded nodes, the expanded characters
and the nesting depth, and stops when it takes longer than a time limit. JSON is checked
for its nesting depth (the JSON reader recurses) and for lone surrogates (text no database
or report can hold) before the routes read it.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import Any

import yaml

from catalog.models.base import Text
from catalog.yamlio import format_path

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CHECK_EVERY = 2048  # events between looks at the clock


@dataclass(frozen=True)
class BodyLimits:
    """What one body may expand into."""

    max_nodes: int = 100_000
    max_chars: int = 4_000_000
    max_depth: int = 64
    max_seconds: float = 2.0


class BodyRefused(Exception):
    """The body is refused: ``status`` 413 (too much) or 422 (not readable), ``slug``."""

    def __init__(self, status: int, slug: str, detail: Text) -> None:
        super().__init__(detail.en)
        self.status, self.slug, self.detail = status, slug, detail


def _too_much(zh: str, en: str) -> BodyRefused:
    return BodyRefused(413, "body-too-complex", Text(zh=f"请求体：{zh}", en=f"request body: {en}"))


@dataclass
class _Frame:
    nodes: int = 0
    chars: int = 0
    depth: int = 0
    anchor: str | None = None


def check_yaml(text: str, limits: BodyLimits) -> None:
    """Refuse YAML that expands past the limits; a syntax error is left to the reader
    (which names its line)."""
    loader = _LOADER(text)
    started = time.monotonic()
    anchors: dict[str, tuple[int, int, int]] = {}
    open_anchors: set[str] = set()
    stack: list[_Frame] = [_Frame()]
    nodes = chars = 0
    events = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            events += 1
            if events % _CHECK_EVERY == 0 and time.monotonic() - started > limits.max_seconds:
                raise _too_much(
                    f"读取 YAML 超过 {limits.max_seconds:g} 秒（本服务的解析时间上限）",
                    f"YAML takes longer than {limits.max_seconds:g} s to read "
                    f"(the parse-time limit of this service)",
                )
            size: tuple[int, int, int] | None = None
            if isinstance(event, yaml.ScalarEvent):
                size = (1, len(event.value) + 1, 1)
                if event.anchor:
                    anchors[event.anchor] = size
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor in open_anchors:
                    raise BodyRefused(
                        422,
                        "invalid-yaml",
                        Text(
                            zh=f"请求体：别名 *{event.anchor} 引用了包含它自身的集合"
                            "（递归数据无法读作 JSON）",
                            en=f"request body: the alias *{event.anchor} refers to the "
                            "collection that contains it (recursive data cannot be read as JSON)",
                        ),
                    )
                size = anchors.get(event.anchor or "", (1, 1, 1))
            elif isinstance(event, yaml.CollectionStartEvent):
                stack.append(_Frame(anchor=event.anchor))
                if event.anchor:
                    open_anchors.add(event.anchor)
                if len(stack) - 1 > limits.max_depth:
                    raise _too_much(
                        f"YAML 嵌套超过 {limits.max_depth} 层（本服务的嵌套深度上限）",
                        f"YAML nested deeper than {limits.max_depth} levels "
                        f"(the depth limit of this service)",
                    )
                continue
            elif isinstance(event, yaml.CollectionEndEvent):
                frame = stack.pop()
                size = (frame.nodes + 1, frame.chars + 1, frame.depth + 1)
                if frame.anchor:
                    anchors[frame.anchor] = size
                    open_anchors.discard(frame.anchor)
                nodes += 1
                chars += 1
            else:
                continue
            if not isinstance(event, yaml.CollectionEndEvent):
                nodes += size[0]
                chars += size[1]
            top = stack[-1]
            top.nodes += size[0]
            top.chars += size[1]
            top.depth = max(top.depth, size[2])
            _check_totals(nodes, chars, len(stack) - 1 + size[2], limits)
    except yaml.YAMLError:
        return  # the reader reports the syntax error with its line
    finally:
        loader.dispose()


def _check_totals(nodes: int, chars: int, depth: int, limits: BodyLimits) -> None:
    if nodes > limits.max_nodes:
        raise _too_much(
            f"YAML 展开后超过 {limits.max_nodes} 个值（本服务的节点数上限；别名按使用次数计）",
            f"YAML expands to more than {limits.max_nodes} values (the node limit of this "
            "service; aliases count as often as they are used)",
        )
    if chars > limits.max_chars:
        raise _too_much(
            f"YAML 展开后超过 {limits.max_chars} 个字符（本服务的展开大小上限；别名按使用次数计）",
            f"YAML expands to more than {limits.max_chars} characters (the expanded-size "
            "limit of this service; aliases count as often as they are used)",
        )
    if depth > limits.max_depth:
        raise _too_much(
            f"YAML 嵌套超过 {limits.max_depth} 层（本服务的嵌套深度上限，含别名）",
            f"YAML nested deeper than {limits.max_depth} levels (the depth limit of this "
            "service, aliases included)",
        )


def check_json(body: bytes, limits: BodyLimits) -> None:
    """Refuse JSON nested deeper than the limit or holding a lone surrogate (a syntax error
    is left to the route, which reports it)."""
    depth = _json_depth(body)
    if depth > limits.max_depth:
        raise _too_much(
            f"JSON 嵌套超过 {limits.max_depth} 层（本服务的嵌套深度上限）",
            f"JSON nested deeper than {limits.max_depth} levels (the depth limit of this service)",
        )
    if b"\\u" not in body and b"\\U" not in body:
        return  # a lone surrogate can only come in as an escape (the body is UTF-8)
    try:
        data = json.loads(body)
    except ValueError:
        return
    where = surrogate_path(data)
    if where is not None:
        raise BodyRefused(422, "invalid-text", lone_surrogate(where))


def lone_surrogate(where: str) -> Text:
    return Text(
        zh=f"请求体：{where or '<根>'}：含孤立代理项（未配对的 \\ud800–\\udfff 转义）的文本"
        "不是 Unicode 文本",
        en=f"request body: {where or '<root>'}: text with a lone surrogate (an unpaired "
        "\\ud800–\\udfff escape) is not Unicode text",
    )


_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(rb"[^\[\]{}]+")


def _json_depth(body: bytes) -> int:
    """The deepest nesting of arrays and objects, strings skipped (no recursion)."""
    if b"[" not in body and b"{" not in body:
        return 0
    brackets = _NOT_BRACKET.sub(b"", _STRING.sub(b"", body))
    depth = deepest = 0
    for char in brackets:
        if char in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def surrogate_path(data: Any) -> str | None:
    """The path of the first string (key or value) with a lone surrogate, else None."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str) and _has_surrogate(value):
            return format_path(path)
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and _has_surrogate(key):
                    return format_path(path) or "<root>"
                stack.append(((*path, key if isinstance(key, str | int) else str(key)), item))
        elif isinstance(value, list):
            stack.extend(((*path, i), item) for i, item in enumerate(value))
    return None
