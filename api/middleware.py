"""ASGI middleware: allowed hosts, API key and body limit (before any parsing), YAML bodies.

A request naming a host not allowed is refused first (DNS rebinding); then a GET of a stored
result confirmed recently is answered from memory (``api.fastpath``; with a valid key when
keys are configured); then a body sent without a valid key (when keys are configured) is
refused with 401 unread, so an anonymous caller cannot make the service parse anything.
At most ``max_bytes`` of a body is read: a larger ``Content-Length`` is a 413 unread, a
streamed body is refused as soon as it grows past the limit. The body read is kept in
``scope["state"]["raw_body"]`` (stored as received). A binary body (an Excel questionnaire)
is passed on as it is; any other must be UTF-8. A YAML body is turned into JSON here, so
every route validates one format (syntax errors: a 422 naming the line); what it may expand
into is bounded first (``api.bodycheck``). A media type not accepted is a 415 naming those.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hmac
import json
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import anyio
import anyio.to_thread
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.bodycheck import (
    BodyLimits,
    BodyRefused,
    check_json,
    check_yaml,
    lone_surrogate,
    surrogate_path,
)
from api.errors import data_error, problem_response
from api.fastpath import FastPath
from api.language import scope_lang
from api.schemas.common import XLSX
from api.schemas.problems import FieldError
from catalog.errors import DataError, Issue
from catalog.models.base import Text
from catalog.yamlio import YamlDocument

YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
BINARY_TYPES = (XLSX,)


OPEN_PATHS = ("/api/v1/health", "/api/v1/version", "/api/v1/openapi.json", "/api/v1/docs")
WITH_BODY = ("POST", "PUT", "PATCH")
XLSX_PATHS = ("/api/v1/assessments", "/api/v1/assessments/")
JSON_TYPES = ("application/json",)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
_PARSES = anyio.CapacityLimiter(2)  # bodies parsed at once (off the event loop)


class BodyLimitMiddleware:
    """Host check, key check (before the body is read), size limit, media type, parsing.

    Everything that costs time (scanning and parsing a large body) runs in a worker thread,
    at most two at a time, so the event loop keeps answering ``/health`` meanwhile.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        api_keys: Sequence[str] = (),
        allowed_hosts: Sequence[str] = ("*",),
        limits: BodyLimits | None = None,
        fast_path: FastPath | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.api_keys = list(api_keys)
        self.allowed_hosts = [host.lower() for host in allowed_hosts]
        self.limits = limits or BodyLimits(max_chars=4 * max_bytes)
        self.fast_path = fast_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if not self._host_allowed(headers.get("host", "")):
            host = headers.get("host", "")
            await self._refuse(
                scope,
                receive,
                send,
                400,
                Text(
                    zh=f"本服务不应答 Host 头 {host!r}；允许：{', '.join(self.allowed_hosts)}"
                    "（设置项 CAPPLAN_ALLOWED_HOSTS）",
                    en=f"the Host header {host!r} is not one this service answers to; allowed: "
                    f"{', '.join(self.allowed_hosts)} (setting CAPPLAN_ALLOWED_HOSTS)",
                ),
                slug="host-not-allowed",
            )
            return
        fast = self.fast_path
        if fast is not None:
            authorised = not self.api_keys or key_given(headers, self.api_keys)
            if await fast.answer(scope, headers, receive, send, authorised):
                return
        method = str(scope.get("method", "GET")).upper()
        path = str(scope.get("path", ""))
        protected = method in WITH_BODY and not path.startswith(OPEN_PATHS)
        if protected and self.api_keys and not key_given(headers, self.api_keys):
            await self._unauthorized(scope, receive, send)
            return
        declared = headers.get("content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await self._refuse(
                    scope,
                    receive,
                    send,
                    400,
                    Text(zh="Content-Length 头无效", en="invalid Content-Length header"),
                )
                return
            if size > self.max_bytes:
                await self._too_large(
                    scope, receive, send, f"声明了 {size} 字节", f"{size} bytes declared"
                )
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
                    scope,
                    receive,
                    send,
                    f"发送了超过 {self.max_bytes} 字节",
                    f"more than {self.max_bytes} bytes sent",
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
        if body and method in WITH_BODY:
            accepted = accepted_types(path)
            if media_type and not _is_accepted(media_type, accepted):
                await self._refuse(
                    scope,
                    receive,
                    send,
                    415,
                    Text(
                        zh=f"请求体：{media_type} "
                        f"{'不是问卷' if XLSX in accepted else '不被此处接受'}；请发送以下之一："
                        f"{', '.join(accepted)}",
                        en=f"request body: {media_type} is not "
                        f"{'a questionnaire' if XLSX in accepted else 'accepted here'}; send one "
                        f"of {', '.join(accepted)}",
                    ),
                    slug="unsupported-media-type",
                    headers={"Accept-Post": ", ".join(accepted)},
                )
                return
        text = media_type not in YAML_TYPES and media_type not in BINARY_TYPES
        if body and text and not _is_utf8(body):
            await self._refuse(
                scope,
                receive,
                send,
                400,
                Text(zh="请求体：不是 UTF-8 文本", en="request body: not UTF-8 text"),
            )
            return
        try:
            if media_type in YAML_TYPES and body:
                async with _PARSES:
                    body, doc = await anyio.to_thread.run_sync(_yaml_to_json, body, self.limits)
                state["yaml_doc"] = doc
                mutable = MutableHeaders(scope=scope)
                mutable["content-type"] = "application/json"
                mutable["content-length"] = str(len(body))
            elif body and text:
                if len(body) > 65_536:
                    async with _PARSES:
                        await anyio.to_thread.run_sync(check_json, body, self.limits)
                else:
                    check_json(body, self.limits)
        except BodyRefused as exc:
            await self._refuse(scope, receive, send, exc.status, exc.detail, slug=exc.slug)
            return
        except DataError as exc:  # its issues, in the request's language (api.errors)
            error = data_error(exc)
            await self._refuse(scope, receive, send, 422, error.detail_text, errors=error.errors)
            return

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _host_allowed(self, host: str) -> bool:
        if "*" in self.allowed_hosts:
            return True
        return host_name(host) in self.allowed_hosts

    async def _unauthorized(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._refuse(
            scope,
            receive,
            send,
            401,
            Text(
                zh="需要有效的 API 密钥：请以 X-API-Key 或 Authorization: Bearer 发送",
                en="a valid API key is required: send it as X-API-Key or Authorization: Bearer",
            ),
            slug="unauthorized",
            headers={"WWW-Authenticate": 'Bearer realm="capplan"', "Connection": "close"},
            title=Text(zh="未授权", en="Unauthorized"),
        )

    async def _too_large(
        self, scope: Scope, receive: Receive, send: Send, zh: str, en: str
    ) -> None:
        detail = Text(
            zh=f"请求体过大：{zh}，本服务的请求体大小上限为 {self.max_bytes} 字节"
            "（设置项 CAPPLAN_MAX_BODY_BYTES）",
            en=f"request body too large: {en}, the body-size limit of this service is "
            f"{self.max_bytes} bytes (setting CAPPLAN_MAX_BODY_BYTES)",
        )
        await self._refuse(scope, receive, send, 413, detail, headers={"Connection": "close"})

    async def _refuse(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        status: int,
        detail: str | Text,
        *,
        slug: str | None = None,
        headers: dict[str, str] | None = None,
        title: str | Text | None = None,
        errors: Sequence[FieldError] = (),
    ) -> None:
        slugs = {413: "body-too-large", 422: "invalid-yaml", 400: "bad-request"}
        response = problem_response(
            None,
            status,
            slug or slugs.get(status),
            detail,
            instance=str(scope.get("path", "")),
            headers=headers,
            title=title,
            errors=errors,
            lang=scope_lang(scope),
        )
        await response(scope, receive, send)


def key_given(headers: Headers, keys: Sequence[str]) -> bool:
    """A configured key in X-API-Key or Authorization: Bearer."""
    given = headers.get("x-api-key")
    if not given:
        scheme, _, credentials = headers.get("authorization", "").partition(" ")
        given = credentials.strip() if scheme.lower() == "bearer" else ""
    return bool(given) and key_matches(given, list(keys))


def key_matches(given: str, keys: list[str]) -> bool:
    """Constant-time comparison against every configured key (no early exit)."""
    given_bytes = given.encode("utf-8", "replace")
    found = False
    for key in keys:
        found |= hmac.compare_digest(given_bytes, key.encode("utf-8", "replace"))
    return found


def host_name(host: str) -> str:
    """The name of a Host header without its port (``[::1]:8000`` → ``::1``)."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    if host.count(":") == 1:
        return host.partition(":")[0]
    return host


def accepted_types(path: str) -> tuple[str, ...]:
    """The body media types a path accepts."""
    if path in XLSX_PATHS:
        return (*JSON_TYPES, YAML_TYPES[0], XLSX)
    return (*JSON_TYPES, YAML_TYPES[0])


def _is_accepted(media_type: str, accepted: Sequence[str]) -> bool:
    if media_type in accepted or media_type.endswith("+json"):
        return True
    return media_type in YAML_TYPES and YAML_TYPES[0] in accepted


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_GC_LOCK = threading.Lock()
_GC_HOLDERS = 0
_GC_WAS_ENABLED = True


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """No cyclic garbage collection while a large body is parsed: a collection over the
    hundreds of thousands of fresh objects holds the GIL for a quarter of a second, which
    stalls the event loop. Reference counting still frees the garbage; collections resume
    when the last parse ends (parses are bounded in size and time)."""
    global _GC_HOLDERS, _GC_WAS_ENABLED
    with _GC_LOCK:
        if _GC_HOLDERS == 0:
            _GC_WAS_ENABLED = gc.isenabled()
            gc.disable()
        _GC_HOLDERS += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_HOLDERS -= 1
            if _GC_HOLDERS == 0 and _GC_WAS_ENABLED:
                gc.enable()


def _yaml_to_json(body: bytes, limits: BodyLimits) -> tuple[bytes, YamlDocument]:
    """The YAML body as JSON, and its document (for line numbers in errors)."""
    with _no_cyclic_gc():
        return _yaml_to_json_now(body, limits)


def _yaml_to_json_now(body: bytes, limits: BodyLimits) -> tuple[bytes, YamlDocument]:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            [
                Issue.of(
                    f"不是 UTF-8 文本（{exc.reason}）",
                    f"not UTF-8 text ({exc.reason})",
                    file="request body",
                    code="encoding",
                )
            ]
        ) from exc
    check_yaml(text, limits)
    doc = YamlDocument(text, "request body")
    where = surrogate_path(doc.data)
    if where is not None:
        raise BodyRefused(422, "invalid-text", lone_surrogate(where))
    try:
        data = json.dumps(doc.data, ensure_ascii=False, default=_jsonable).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise DataError(
            [
                Issue.of(
                    f"无法作为 JSON 数据读取：{exc}",
                    f"cannot be read as JSON data: {exc}",
                    file="request body",
                )
            ]
        ) from exc
    return data, doc


def _jsonable(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot express {type(value).__name__} in JSON")
