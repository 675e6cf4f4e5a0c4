"""Size limits of one piece of work, checked before anything is queued.

Body size is refused earlier, in ``api.middleware``. Here: the horizon and the solver time
limit (422: a value out of range, naming the field), and the number of capability units and
roadmap steps of the compiled problem (413: the problem is too large for this service).
"""

from __future__ import annotations

from typing import Any

from api.errors import ApiError, data_error, pointer_of_dotted
from api.ranges import check_ranges, stray_booleans
from api.schemas.problems import FieldError
from api.settings import Settings
from catalog.errors import DataError
from catalog.yamlio import format_path
from planner.compile.compiled import compile_problem
from planner.compile.instance import Instance
from planner.model.problem import Problem


def check_time_limit(
    time_limit: float | None, settings: Settings, name: str = "time_limit"
) -> float:
    value = settings.default_time_limit if time_limit is None else time_limit
    if value > settings.max_time_limit:
        raise ApiError(
            422,
            "limit-exceeded",
            f"query parameter {name}: {value:g} s is above this service's limit of "
            f"{settings.max_time_limit:g} s",
            title="A limit of this service is exceeded",
            errors=[
                FieldError(
                    field=name,
                    parameter=name,
                    location="query",
                    msg=f"must be at most {settings.max_time_limit:g}",
                    type="less_than_equal",
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
        raise ApiError(
            422,
            "limit-exceeded",
            f"{where}time.horizon: {horizon} periods is above this service's limit of "
            f"{settings.max_horizon}",
            title="A limit of this service is exceeded",
            errors=[
                FieldError(
                    field=f"{where}time.horizon",
                    pointer=f"{pointer}/time/horizon",
                    msg=f"must be at most {settings.max_horizon}",
                    type="less_than_equal",
                )
            ],
        )
    listed = len(problem.organisation.units) if problem.organisation is not None else 0
    _check_size(listed, settings.max_units, "capability units", f"{where}organisation.units")
    try:
        instance = compile_problem(problem)
    except DataError as exc:
        raise data_error(exc, prefix=(prefix,) if prefix else ()) from exc
    _check_size(
        len(instance.org.units),
        settings.max_units,
        "capability units",
        f"{where}organisation.units",
    )
    _check_size(len(instance.steps), settings.max_steps, "roadmap steps", prefix or None)
    return instance


def check_values(problem: Problem, prefix: str = "", raw: Any = None) -> None:
    """422 naming every value out of the ranges the solver can hold (``api.ranges``)."""
    found = [(path, what) for path, what in check_ranges(problem)]
    found += [
        (path, "must be a number, not true or false") for path in stray_booleans(Problem, raw)
    ]
    if not found:
        return
    head: tuple[str | int, ...] = (prefix,) if prefix else ()
    errors = [
        FieldError(
            field=format_path((*head, *path)),
            pointer=pointer_of_dotted(format_path((*head, *path))),
            msg=what,
            type="out_of_range",
        )
        for path, what in found
    ]
    raise ApiError(
        422,
        "out-of-range",
        "; ".join(f"{e.field}: {e.msg}" for e in errors),
        title="A value is outside the range this service accepts",
        errors=errors,
    )


def _check_size(count: int, limit: int, what: str, field: str | None) -> None:
    if count <= limit:
        return
    where = f"{field}: " if field else ""
    raise ApiError(
        413,
        "problem-too-large",
        f"{where}the problem has {count} {what}; this service accepts at most {limit}",
        title="The problem is too large for this service",
        errors=[FieldError(field=field, msg=f"at most {limit} {what}", type="too_large")],
    )
