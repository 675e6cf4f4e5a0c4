"""The fast path: a GET of a stored result whose body is in memory and whose row was seen
stored within ``fresh_seconds`` is answered by the outer middleware, without routing,
dependencies or a thread.

A stored roadmap, comparison or report never changes (``api.cache``), and a GET of one does
nothing but look it up: so once the route has served it (and so checked it, made it and
confirmed its row), the middleware can answer the same request from ``BodyCache.recent``
with the same bytes and headers. Routing and dependency resolution are most of a request's
time in FastAPI (about 60% on a cached roadmap), more than sending 120 KB.

The fast path is taken only for exactly the requests the routes would answer the same way:
``GET``, no body, no ``root_path``, the path of one of the routes below, a query string the
route reads the same (none, or ``lang=zh|en`` for a report), and, when API keys are
configured, a valid key (after the host check, which the middleware makes first). Anything
else, and any body not recently confirmed, goes the normal way through the route.

``GET /api/v1/health`` (no query) is answered here too, by its route function called
directly: it is open, does no I/O on the event loop (one shared database probe a second),
and monitors call it often; so it too is answered in a fraction of a routed request's time.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from api.cache import BodyCache, Cached, Key

CACHE_CONTROL = "private, no-cache"  # stored results never change, but may be deleted
# A report is self-contained (inline styles and SVG, no script): nothing else may load
REPORT_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
JSON = "application/json"
HTML = "text/html; charset=utf-8"
_ID = "([^/]+)"


@dataclass(frozen=True)
class Route:
    """A GET route of a stored result: its path, what the cache calls its kind, whether it is
    a report (``?lang=``, the report headers) and its media type."""

    pattern: re.Pattern[str]
    what: str
    report: bool
    media_type: str

    def asked(self, path: str, query: bytes) -> Key | None:
        """The cache key the route asks for, or None if the route may read the request
        differently (another path or query string)."""
        match = self.pattern.fullmatch(path)
        if match is None:
            return None
        ident = match.group(1)
        if not self.report:
            return (self.what, ident) if not query else None
        lang = _REPORT_LANGS.get(query)
        return None if lang is None else (self.what, ident, "report", lang)


_REPORT_LANGS = {b"": "zh", b"lang=zh": "zh", b"lang=en": "en"}
ROUTES = (
    Route(re.compile(f"/api/v1/roadmaps/{_ID}"), "roadmap", False, JSON),
    Route(re.compile(f"/api/v1/scenarios/{_ID}"), "comparison", False, JSON),
    Route(re.compile(f"/api/v1/reports/roadmaps/{_ID}"), "roadmap", True, HTML),
    Route(re.compile(f"/api/v1/reports/assessments/{_ID}"), "assessment", True, HTML),
    Route(re.compile(f"/api/v1/reports/scenarios/{_ID}"), "comparison", True, HTML),
)
_PREFIXES = ("/api/v1/roadmaps/", "/api/v1/scenarios/", "/api/v1/reports/")
HEALTH = "/api/v1/health"
Endpoint = Callable[[Request], Awaitable[Response]]


def _encoded(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]


_REPORT_RAW = _encoded(REPORT_HEADERS)
_CACHE_RAW = (b"cache-control", CACHE_CONTROL.encode("latin-1"))


class FastPath:
    """Answers recently confirmed stored results from ``cache``, and ``/health`` by calling
    its route function directly (``health``: it needs no routing, dependency or thread
    either); counts what it served."""

    def __init__(self, cache: BodyCache, health: Endpoint | None = None) -> None:
        self.cache = cache
        self.health = health
        self.served = 0

    async def answer(
        self, scope: Scope, headers: Headers, receive: Receive, send: Send, authorised: bool
    ) -> bool:
        """Answer the request if it may be answered here; False to let the route answer.
        The caller has checked the host; ``authorised``: no keys are configured, or the
        request carries a valid one (stored results need it, ``/health`` does not)."""
        path: str = scope.get("path", "")
        if (
            scope.get("method") != "GET"
            or scope.get("root_path")
            or "content-length" in headers
            or "transfer-encoding" in headers
        ):
            return False
        query = bytes(scope.get("query_string", b""))
        if path == HEALTH and self.health is not None and not query:
            return await self._health(scope, receive, send)
        if not authorised or not path.startswith(_PREFIXES):
            return False
        for route in ROUTES:
            asked = route.asked(path, query)
            if asked is None:
                continue
            item = self.cache.recent(asked)
            if item is None:
                return False
            await _send(send, item, route, headers.get("if-none-match"))
            self.served += 1
            return True
        return False

    async def _health(self, scope: Scope, receive: Receive, send: Send) -> bool:
        assert self.health is not None
        try:
            response = await self.health(Request(scope, receive))
        except Exception:  # the route answers it, with its error handlers
            return False
        await response(scope, receive, send)
        self.served += 1
        return True


async def _send(send: Send, item: Cached, route: Route, if_none_match: str | None) -> None:
    """What ``api.routes.common.body_response`` answers: the body with its ETag, or 304."""
    raw = list(_REPORT_RAW) if route.report else []
    raw += [(b"etag", item.etag.encode("latin-1")), _CACHE_RAW]
    if etag_matches(if_none_match, item.etag):
        await send({"type": "http.response.start", "status": 304, "headers": raw})
        await send({"type": "http.response.body", "body": b""})
        return
    raw += [
        (b"content-length", str(len(item.body)).encode("latin-1")),
        (b"content-type", route.media_type.encode("latin-1")),
    ]
    await send({"type": "http.response.start", "status": 200, "headers": raw})
    await send({"type": "http.response.body", "body": item.body})


def etag_matches(header: str | None, etag: str) -> bool:
    """``If-None-Match`` names ``etag`` (weak comparison, as RFC 9110 13.1.2 says) or is ``*``."""
    if not header:
        return False
    for tag in header.split(","):
        tag = tag.strip()
        if tag == "*" or tag.removeprefix("W/") == etag:
            return True
    return False
