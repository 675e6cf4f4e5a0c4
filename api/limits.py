"""Size limits of one piece of work, checked before anything is queued.

Body size is refused earlier, in ``api.middleware``. Here: the horizon and the solver time
limit (422: a value out of range, naming the field), and the number of capability units and
roadmap steps of the compiled problem (413: the problem is too large for this service).
"""

from __future__ import annotations

from typing import Any

from api.errors import ApiError, data_error, issues_error
from api.ranges import check_ranges, stray_booleans
from api.schemas.problems import FieldError, Message
from api.settings import Settings
from catalog.errors import DataError, Issue, loc_of
from catalog.models.base import Text
from planner.compile.compiled import compile_problem
from planner.compile.instance import Instance
from planner.model.problem import Problem


def check_time_limit(
    time_limit: float | None, settings: Settings, name: str = "time_limit"
) -> float:
    value = settings.default_time_limit if time_limit is None else time_limit
    if value > settings.max_time_limit:
        most = f"{settings.max_time_limit:g}"
        message = Text(zh=f"最多为 {most}", en=f"must be at most {most}")
        raise ApiError(
            422,
            "limit-exceeded",
            Text(
                zh=f"查询参数 {name}：{value:g} 秒超过本服务的上限 {most} 秒",
                en=f"query parameter {name}: {value:g} s is above this service's limit of {most} s",
            ),
            title=LIMIT_EXCEEDED,
            errors=[
                FieldError(
                    field=name,
                    parameter=name,
                    location="query",
                    msg=message.en,
                    type="less_than_equal",
                    message=Message(zh=message.zh, en=message.en),
                )
            ],
        )
    return value


def check_problem(
    problem: Problem, settings: Settings, prefix: str = "", raw: Any = None
) -> Instance:
    """Check the ranges of its values (and, given the body data ``raw``, that no number was
    sent as true/false), compile it (422 naming the field at fault) and check its size."""
    where = f"{prefix}." if prefix else ""
    pointer = "/" + prefix.replace(".", "/") if prefix else ""
    check_values(problem, prefix, raw)
    horizon = problem.time.horizon
    if horizon > settings.max_horizon:
        most = settings.max_horizon
        raise ApiError(
            422,
            "limit-exceeded",
            Text(
                zh=f"{where}time.horizon：{horizon} 期超过本服务的上限 {most}",
                en=f"{where}time.horizon: {horizon} periods is above this service's limit of "
                f"{most}",
            ),
            title=LIMIT_EXCEEDED,
            errors=[
                FieldError(
                    field=f"{where}time.horizon",
                    pointer=f"{pointer}/time/horizon",
                    msg=f"must be at most {most}",
                    type="less_than_equal",
                    message=Message(zh=f"最多为 {most}", en=f"must be at most {most}"),
                )
            ],
        )
    listed = len(problem.organisation.units) if problem.organisation is not None else 0
    _check_size(listed, settings.max_units, UNITS, f"{where}organisation.units")
    try:
        instance = compile_problem(problem)
    except DataError as exc:
        raise data_error(exc, prefix=(prefix,) if prefix else ()) from exc
    _check_size(
        len(instance.org.units),
        settings.max_units,
        UNITS,
        f"{where}organisation.units",
    )
    _check_size(len(instance.steps), settings.max_steps, STEPS, prefix or None)
    return instance


def check_values(problem: Problem, prefix: str = "", raw: Any = None) -> None:
    """422 naming every value out of the ranges the solver can hold (``api.ranges``)."""
    found = check_ranges(problem)
    boolean = Text(zh="须为数字，不能是 true 或 false", en="must be a number, not true or false")
    found += [(path, boolean) for path in stray_booleans(Problem, raw)]
    if not found:
        return
    head = loc_of(prefix) if prefix else ()
    issues = [Issue(what, (*head, *path), code="out_of_range") for path, what in found]
    raise issues_error(
        issues,
        "out-of-range",
        Text(
            zh="有取值超出本服务接受的范围", en="A value is outside the range this service accepts"
        ),
    )


LIMIT_EXCEEDED = Text(zh="超出本服务的限制", en="A limit of this service is exceeded")
UNITS = Text(zh="个能力单元", en="capability units")
STEPS = Text(zh="个路线图步骤", en="roadmap steps")


def _check_size(count: int, limit: int, what: Text, field: str | None) -> None:
    if count <= limit:
        return
    where = f"{field}: " if field else ""
    message = Message(zh=f"最多 {limit} {what.zh}", en=f"at most {limit} {what.en}")
    raise ApiError(
        413,
        "problem-too-large",
        Text(
            zh=f"{where}问题有 {count} {what.zh}；本服务最多接受 {limit} {what.zh}",
            en=f"{where}the problem has {count} {what.en}; this service accepts at most {limit}",
        ),
        title=Text(zh="问题超出本服务可处理的规模", en="The problem is too large for this service"),
        errors=[FieldError(field=field, msg=message.en, type="too_large", message=message)],
    )
