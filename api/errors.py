"""RFC 9457 problem details (``application/problem+json``) for every error the API returns."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.retry import is_permanent
from api.schemas.problems import FieldError, ProblemDetails
from catalog.errors import DataError
from catalog.yamlio import YamlDocument, format_path

log = logging.getLogger("capplan.api")
PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "urn:capplan:problem:"


class ApiError(Exception):
    """An error the API reports as problem details; ``slug`` names its ``type``."""

    def __init__(
        self,
        status: int,
        slug: str,
        detail: str,
        *,
        title: str | None = None,
        errors: Sequence[FieldError] = (),
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.slug = slug
        self.detail = detail
        self.title = title or HTTPStatus(status).phrase
        self.errors = tuple(errors)
        self.headers = headers
        self.extra = extra or {}


def not_found(what: str, ident: str) -> ApiError:
    return ApiError(404, "not-found", f"no {what} with id {ident!r}", title="Not found")


def problem_body(
    status: int,
    slug: str | None,
    title: str,
    detail: str,
    instance: str,
    errors: Sequence[FieldError] = (),
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    body = ProblemDetails(
        type=f"{TYPE_PREFIX}{slug}" if slug else "about:blank",
        title=title,
        status=status,
        detail=detail,
        instance=instance,
        errors=list(errors) or None,
    ).model_dump(mode="json", exclude_none=True)
    body.update(extra or {})
    return body


def problem_response(
    request: Request | None,
    status: int,
    slug: str | None,
    detail: str,
    *,
    title: str | None = None,
    errors: Sequence[FieldError] = (),
    headers: Mapping[str, str] | None = None,
    extra: dict[str, Any] | None = None,
    instance: str | None = None,
) -> JSONResponse:
    where = instance or (request.url.path if request is not None else "")
    body = problem_body(
        status, slug, title or HTTPStatus(status).phrase, detail, where, errors, extra
    )
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


_MESSAGE = re.compile(
    r"^(?:request body: )?(?P<path>[^\s:]+)(?: \(line (?P<line>\d+)\))?: (?P<msg>.*)$", re.S
)


def data_error(exc: DataError, status: int = 422, prefix: tuple[str, ...] = ()) -> ApiError:
    """A planner or catalogue DataError (messages 'path (line n): what is wrong') as a 422."""
    errors = []
    for message in exc.problems:
        found = _MESSAGE.match(message)
        if found is None:
            errors.append(FieldError(msg=message, type="value_error"))
            continue
        dotted = ".".join((*prefix, found["path"]))
        errors.append(
            FieldError(
                field=dotted,
                pointer=pointer_of_dotted(dotted),
                line=int(found["line"]) if found["line"] else None,
                msg=found["msg"],
                type="value_error",
            )
        )
    return ApiError(
        status,
        "invalid-problem",
        "; ".join(exc.problems),
        title="The problem is not valid",
        errors=errors,
    )


def pointer_of_dotted(path: str) -> str:
    parts: list[str] = []
    for chunk in path.split("."):
        name, _, rest = chunk.partition("[")
        if name:
            parts.append(name)
        while rest:
            index, _, rest = rest.partition("]")
            parts.append(index)
            rest = rest.lstrip("[")
    return "/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def validation_errors(raw: Sequence[Any], doc: YamlDocument | None = None) -> list[FieldError]:
    """FastAPI/pydantic error dicts as field errors: body fields get a JSON pointer (and
    the line, when the body was YAML)."""
    out = []
    for err in raw:
        loc = tuple(k for k in err.get("loc", ()) if not _is_union_tag(k))
        source = str(loc[0]) if loc else "body"
        path = loc[1:] if loc and loc[0] in ("body", "query", "path", "header", "cookie") else loc
        field = format_path(path)
        error = FieldError(
            field=field or None,
            msg=str(err.get("msg", "invalid")),
            type=str(err.get("type", "value_error")),
        )
        if source == "body":
            error.pointer = "/" + "/".join(
                str(k).replace("~", "~0").replace("/", "~1") for k in path
            )
            if doc is not None:
                error.line = doc.line_of(tuple(path))
        else:
            error.parameter = field
            error.location = source
        out.append(error)
    return out


def _is_union_tag(key: object) -> bool:
    return isinstance(key, str) and ("[" in key or key.startswith("function-"))


def _message(error: FieldError) -> str:
    where = error.field or "body"
    if error.location:
        where = f"{error.location} parameter {where}"
    if error.line:
        where += f" (line {error.line})"
    return f"{where}: {error.msg}"


def _yaml_body(request: Request) -> YamlDocument | None:
    """The YAML body as received (kept by the body middleware), for line numbers."""
    state = request.scope.get("state") or {}
    kept = state.get("yaml_doc")
    if isinstance(kept, YamlDocument):
        return kept
    raw = state.get("raw_body")
    if not isinstance(raw, bytes) or "yaml" not in str(state.get("media_type", "")):
        return None
    try:
        return YamlDocument(raw.decode("utf-8"), "request body")
    except (DataError, UnicodeDecodeError):
        return None


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return problem_response(
        request,
        exc.status,
        exc.slug,
        exc.detail,
        title=exc.title,
        errors=exc.errors,
        headers=exc.headers,
        extra=exc.extra,
    )


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = validation_errors(exc.errors(), _yaml_body(request))
    return problem_response(
        request,
        422,
        "validation-error",
        "; ".join(_message(e) for e in errors) or "invalid request",
        title="The request is not valid",
        errors=errors,
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(_allowed_methods(request))
    return problem_response(request, exc.status_code, None, detail, headers=headers)


def _allowed_methods(request: Request) -> list[str]:
    """Every method of every route on this path (Starlette names only the first route's)."""
    allowed: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches(request.scope)
        methods = getattr(route, "methods", None)
        if match != Match.NONE and methods:
            allowed |= set(methods)
    return sorted(allowed)


async def _database_down(request: Request, exc: Exception) -> JSONResponse:
    log.error("database error on %s %s: %s", request.method, request.url.path, exc)
    if is_permanent(exc):
        return problem_response(
            request,
            503,
            "database-fault",
            "the database refuses this operation (read-only, missing tables or no "
            "permission): this will not pass by itself, the operator must fix the database; "
            "nothing was changed",
        )
    return problem_response(
        request,
        503,
        "database-unavailable",
        "the database is not available; nothing was changed, try again shortly",
        headers={"Retry-After": "5"},
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return problem_response(
        request,
        500,
        "internal-error",
        "an unexpected error occurred; nothing submitted was lost, see the server log",
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(SQLAlchemyError, _database_down)
    app.add_exception_handler(Exception, _unexpected)
