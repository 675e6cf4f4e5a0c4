"""The language of a request's answer: ``?lang=zh|en``, else ``Accept-Language``, else zh.

Problem details (``api.errors``) use it for ``detail``, ``title`` and each error's ``msg``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import Request

from catalog.models.base import Lang, as_lang


def accepted_lang(header: str | None) -> Lang | None:
    """zh or en from an ``Accept-Language`` header (by q-value), None when it names neither."""
    best: tuple[float, Lang] | None = None
    for part in (header or "").split(","):
        tag, _, params = part.strip().partition(";")
        lang = as_lang(tag.strip().lower().split("-")[0])
        if lang is None:
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0 and (best is None or q > best[0]):
            best = (q, lang)
    return best[1] if best else None


def scope_lang(scope: Mapping[str, Any]) -> Lang:
    """The language of a request (ASGI scope): ``?lang=``, then Accept-Language, then zh."""
    query: str = bytes(scope.get("query_string", b"")).decode("latin-1")
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        asked = as_lang(value) if key == "lang" else None
        if asked is not None:
            return asked
    for key, value in scope.get("headers") or ():
        if bytes(key).lower() == b"accept-language":
            return accepted_lang(bytes(value).decode("latin-1")) or "zh"
    return "zh"


def request_lang(request: Request | None) -> Lang:
    return "zh" if request is None else scope_lang(request.scope)
