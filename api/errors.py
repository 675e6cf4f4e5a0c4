"""RFC 9457 problem details (``application/problem+json``) for every error the API returns.

The HTTP edge of structured errors: a planner, catalogue or assessment ``DataError`` carries
``Issue`` values (key path, message in Chinese and English, file, line, Excel cell), which
become the ``errors`` list as they are, nothing parsed back from text. ``detail`` and each
error's ``msg`` are in the request's language: ``?lang=zh|en``, else ``Accept-Language``,
else Chinese; each error's ``message`` has both.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.language import request_lang
from api.retry import is_permanent
from api.schemas.problems import FieldError, Message, ProblemDetails
from catalog.errors import DataError, Issue, format_loc, loc_of
from catalog.models.base import Lang, Text
from catalog.yamlio import YamlDocument, format_path, zh_message

log = logging.getLogger("capplan.api")
PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "urn:capplan:problem:"


def _text(value: str | Text) -> Text:
    return value if isinstance(value, Text) else Text(zh=value, en=value)


class ApiError(Exception):
    """An error the API reports as problem details; ``slug`` names its ``type``.

    ``detail`` and ``title`` may be a ``Text`` (both languages): the response has the
    request's language. ``detail`` (attribute) is the English, for logs and job reasons."""

    def __init__(
        self,
        status: int,
        slug: str,
        detail: str | Text,
        *,
        title: str | Text | None = None,
        errors: Sequence[FieldError] = (),
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
        issues: Sequence[Issue] = (),
    ) -> None:
        self.issues = tuple(issues)
        self.detail_text = _text(detail)
        super().__init__(self.detail_text.en)
        self.status = status
        self.slug = slug
        self.detail = self.detail_text.en
        self.title_text = _text(title or HTTPStatus(status).phrase)
        self.title = self.title_text.en
        self.errors = tuple(errors)
        self.headers = headers
        self.extra = extra or {}


_WHAT = {
    "roadmap": "路线图",
    "job": "任务",
    "comparison": "对比结果",
    "assessment": "评估",
    "result": "结果",
}


def not_found(what: str, ident: str) -> ApiError:
    zh = f"没有 id 为 {ident!r} 的{_WHAT.get(what, what)}"
    return ApiError(
        404,
        "not-found",
        Text(zh=zh, en=f"no {what} with id {ident!r}"),
        title=Text(zh="未找到", en="Not found"),
    )


def field_error(issue: Issue, lang: Lang = "zh") -> FieldError:
    """One issue as a field error: read from its fields, its message in both languages."""
    error = FieldError(
        field=format_loc(issue.loc) or None,
        pointer=pointer_of(issue.loc) if issue.loc else None,
        line=issue.line,
        sheet=issue.sheet,
        row=issue.row,
        column=issue.column,
        msg=issue.message.get(lang),
        type=issue.code,
        loc=list(issue.loc),
        message=Message(zh=issue.message.zh, en=issue.message.en),
        file=issue.file,
    )
    return error


def pointer_of(loc: Sequence[str | int]) -> str:
    """The JSON pointer of a key path (keys may hold dots or slashes: they are escaped)."""
    return "/" + "/".join(str(k).replace("~", "~0").replace("/", "~1") for k in loc)


def issues_error(issues: Sequence[Issue], slug: str, title: Text, status: int = 422) -> ApiError:
    """A problem listing each issue (``detail``: every issue as a line, joined by '; ')."""
    return ApiError(
        status,
        slug,
        _detail(issues),
        title=title,
        errors=[field_error(i) for i in issues],
        issues=issues,
    )


def _detail(issues: Sequence[Issue]) -> Text:
    return Text(
        zh="；".join(i.format("zh") for i in issues),
        en="; ".join(i.format("en") for i in issues),
    )


def with_lines(issues: Sequence[Issue], doc: YamlDocument | None) -> list[Issue]:
    """Issues found after the body was read (unknown units, a cycle...) with the line of
    their key path in the YAML body, as errors of a problem file have theirs."""
    if doc is None:
        return list(issues)
    return [
        i.replace(file=doc.source, line=doc.line_of(i.loc))
        if i.line is None and i.sheet is None and i.loc and (i.loc[0],) in doc.lines
        else i
        for i in issues
    ]


def problem_body(
    status: int,
    slug: str | None,
    title: str | Text,
    detail: str | Text,
    instance: str,
    errors: Sequence[FieldError] = (),
    extra: dict[str, Any] | None = None,
    lang: Lang = "zh",
) -> dict[str, Any]:
    body = ProblemDetails(
        type=f"{TYPE_PREFIX}{slug}" if slug else "about:blank",
        title=_text(title).get(lang),
        status=status,
        detail=_text(detail).get(lang),
        instance=instance,
        errors=[_localized(e, lang) for e in errors] or None,
    ).model_dump(mode="json", exclude_none=True)
    body.update(extra or {})
    return body


def _localized(error: FieldError, lang: Lang) -> FieldError:
    """The field error with ``msg`` in the request's language (when it has both)."""
    if error.message is None:
        return error
    return error.model_copy(update={"msg": getattr(error.message, lang)})


def problem_response(
    request: Request | None,
    status: int,
    slug: str | None,
    detail: str | Text,
    *,
    title: str | Text | None = None,
    errors: Sequence[FieldError] = (),
    headers: Mapping[str, str] | None = None,
    extra: dict[str, Any] | None = None,
    instance: str | None = None,
    lang: Lang | None = None,
) -> JSONResponse:
    where = instance or (request.url.path if request is not None else "")
    body = problem_body(
        status,
        slug,
        title or HTTPStatus(status).phrase,
        detail,
        where,
        errors,
        extra,
        lang or request_lang(request),
    )
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


INVALID_PROBLEM = Text(zh="问题数据无效", en="The problem is not valid")
INVALID_REQUEST = Text(zh="请求无效", en="The request is not valid")


def data_error(exc: DataError, status: int = 422, prefix: tuple[str, ...] = ()) -> ApiError:
    """A planner or catalogue DataError as a 422: its issues, under ``prefix`` (a key path
    written as text, e.g. ``variants[0]``) when the problem was part of the request."""
    head = tuple(k for part in prefix for k in loc_of(part))
    return issues_error(
        [i.under(*head) for i in exc.issues], "invalid-problem", INVALID_PROBLEM, status
    )


def pointer_of_dotted(path: str) -> str:
    return pointer_of(loc_of(path))


def validation_errors(raw: Sequence[Any], doc: YamlDocument | None = None) -> list[FieldError]:
    """FastAPI/pydantic error dicts as field errors: body fields get a JSON pointer (and
    the line, when the body was YAML)."""
    out = []
    for err in raw:
        loc = tuple(k for k in err.get("loc", ()) if not _is_union_tag(k))
        source = str(loc[0]) if loc else "body"
        path = loc[1:] if loc and loc[0] in ("body", "query", "path", "header", "cookie") else loc
        field = format_path(path)
        en = str(err.get("msg", "invalid"))
        error = FieldError(
            field=field or None,
            msg=en,
            type=str(err.get("type", "value_error")),
            loc=list(path),
            message=Message(zh=zh_message(err), en=en.removeprefix("Value error, ")),
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


def _message(error: FieldError, lang: Lang) -> str:
    zh = lang == "zh"
    where = error.field or ("请求体" if zh else "body")
    if error.location:
        where = (
            f"{_PLACES.get(error.location, error.location)}参数 {where}"
            if zh
            else (f"{error.location} parameter {where}")
        )
    if error.line:
        where += f"（第 {error.line} 行）" if zh else f" (line {error.line})"
    msg = getattr(error.message, lang) if error.message is not None else error.msg
    return f"{where}: {msg}"


_PLACES = {"query": "查询", "path": "路径", "header": "请求头", "cookie": "Cookie "}


def validation_problem(errors: Sequence[FieldError]) -> ApiError:
    """422 for request fields that do not validate, ``detail`` in both languages."""
    return ApiError(
        422,
        "validation-error",
        Text(
            zh="；".join(_message(e, "zh") for e in errors) or "请求无效",
            en="; ".join(_message(e, "en") for e in errors) or "invalid request",
        ),
        title=INVALID_REQUEST,
        errors=errors,
    )


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
    detail, errors = exc.detail_text, exc.errors
    if exc.issues:
        issues = with_lines(exc.issues, _yaml_body(request))
        detail, errors = _detail(issues), tuple(field_error(i) for i in issues)
    return problem_response(
        request,
        exc.status,
        exc.slug,
        detail,
        title=exc.title_text,
        errors=errors,
        headers=exc.headers,
        extra=exc.extra,
    )


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problem = validation_problem(validation_errors(exc.errors(), _yaml_body(request)))
    return await _api_error(request, problem)


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
