"""ASGI middleware: request body limit (before any parsing) and YAML request bodies.

The body is read here, at most ``max_bytes`` of it: a larger ``Content-Length`` is refused
with 413 without reading, and a streamed body is refused as soon as it grows past the limit.
The body read is kept in ``scope["state"]["raw_body"]`` so a route can store what was
submitted exactly as received. A binary body (an Excel questionnaire) is passed on as it is;
any other must be UTF-8 text. A YAML body (``application/yaml``) is turned into JSON here,
so every route validates one format; YAML syntax errors are a 422 naming the line.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import yaml
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem_response
from api.schemas.common import XLSX
from catalog.errors import DataError
from catalog.yamlio import YamlDocument

YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
BINARY_TYPES = (XLSX,)


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await self._refuse(scope, receive, send, 400, "invalid Content-Length header")
                return
            if size > self.max_bytes:
                await self._too_large(scope, receive, send, f"{size} bytes declared")
                return
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self.max_bytes:
                await self._too_large(
                    scope, receive, send, f"more than {self.max_bytes} bytes sent"
                )
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        media_type = headers.get("content-type", "").split(";")[0].strip().lower()
        state: dict[str, Any] = scope.setdefault("state", {})
        state["raw_body"] = body
        state["media_type"] = media_type or "application/json"
        text = media_type not in YAML_TYPES and media_type not in BINARY_TYPES
        if body and text and not _is_utf8(body):
            await self._refuse(scope, receive, send, 400, "request body: not UTF-8 text")
            return
        if media_type in YAML_TYPES and body:
            try:
                body = _yaml_to_json(body)
            except DataError as exc:
                await self._refuse(scope, receive, send, 422, "; ".join(exc.problems))
                return
            mutable = MutableHeaders(scope=scope)
            mutable["content-type"] = "application/json"
            mutable["content-length"] = str(len(body))

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send, what: str) -> None:
        detail = f"request body too large: {what}, the limit is {self.max_bytes} bytes"
        await self._refuse(scope, receive, send, 413, detail)

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, status: int, detail: str
    ) -> None:
        slugs = {413: "body-too-large", 422: "invalid-yaml", 400: "bad-request"}
        response = problem_response(
            None, status, slugs.get(status), detail, instance=str(scope.get("path", ""))
        )
        if status == 413:
            response.headers["connection"] = "close"
        await response(scope, receive, send)


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _yaml_to_json(body: bytes) -> bytes:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError([f"request body: not UTF-8 text ({exc.reason})"]) from exc
    _check_expansion(text)
    data = YamlDocument(text, "request body").data
    try:
        return json.dumps(data, ensure_ascii=False, default=_jsonable).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise DataError([f"request body: cannot be read as JSON data: {exc}"]) from exc


MAX_YAML_NODES = 200_000
MAX_YAML_DEPTH = 64
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_expansion(text: str) -> None:
    """Refuse YAML whose aliases expand into huge or deeply nested data ("billion laughs"),
    counting the expanded size over the node graph (each node once, so in linear time)."""
    loader = _LOADER(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return  # YamlDocument reports the syntax error with its line
    finally:
        loader.dispose()
    if root is None:
        return
    sizes: dict[int, int] = {}
    depths: dict[int, int] = {}
    order: list[yaml.Node] = []
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    seen: set[int] = set()
    while stack:  # post-order without recursion
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))
    for node in order:
        kids = _children(node)
        sizes[id(node)] = 1 + sum(sizes.get(id(k), 1) for k in kids)
        depths[id(node)] = 1 + max((depths.get(id(k), 1) for k in kids), default=0)
        if sizes[id(node)] > MAX_YAML_NODES or depths[id(node)] > MAX_YAML_DEPTH:
            raise DataError(["request body: YAML expands to too much data (aliases?)"])


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _jsonable(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot express {type(value).__name__} in JSON")
