"""``/api/v1/scenarios``: what-if comparisons (base + variants) and budget sweeps.

Both are solved by ``planner.whatif`` as one job each and stored as a ``Comparison``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query, Request, Response

from api import store
from api.backpressure import check_rate
from api.deps import ApiKey, CacheDep, JobsDep, Limit, Offset, SessionDep, SettingsDep
from api.errors import ApiError, data_error, not_found
from api.examples import scenario
from api.limits import check_problem, check_time_limit
from api.middleware import YAML_TYPES
from api.models import ComparisonRow, JobKind
from api.ranges import MONEY_MAX
from api.routes.common import (
    ETAG,
    INVALID,
    NOT_FOUND,
    NOT_MODIFIED,
    StoredResult,
    body_data,
    created,
    stored,
    submit_job,
    submitted,
    submitted_body,
    submitted_responses,
)
from api.routes.roadmaps import Seed, TimeLimit, Wait
from api.scenario_work import check_scenario
from api.schemas.problems import FieldError, Message
from api.schemas.scenarios import ComparisonOut, ComparisonPage, ScenarioRequest, SweepRequest
from api.settings import Settings
from api.views import comparison_json, comparison_summary
from catalog.errors import DataError
from catalog.models.base import Text

router = APIRouter(prefix="/scenarios", tags=["scenarios"], dependencies=[ApiKey])


def _scenario_examples() -> dict[str, dict[str, Any]]:
    return {
        "budget_and_staff": {
            "summary": "the demo (discrete_manufacturer.yaml) with two variants",
            "value": {
                "name": "预算与人力的影响",
                "base": scenario(),
                "variants": [
                    {
                        "name": "budget-30",
                        "description": {"zh": "预算削减30%", "en": "Budget cut by 30%"},
                        "scale": {"budget.total": 0.7, "budget.yearly_caps": 0.7},
                    },
                    {
                        "name": "more-staff",
                        "description": {"zh": "人力增至24人", "en": "Staff raised to 24"},
                        "set": {"staff.capacity": 24},
                    },
                ],
            },
        }
    }


def _sweep_examples() -> dict[str, dict[str, Any]]:
    return {
        "demo_budgets": {
            "summary": "the demo (discrete_manufacturer.yaml) at four budgets",
            "value": {
                "problem": scenario(),
                "budgets": [900, 1200, 1500, 1800],
                "caps": "scale",
                "minimum": True,
                "tiers": True,
            },
        }
    }


CREATED = created("Solved within the wait: the stored comparison")


def _options(settings: Settings, time_limit: float | None, seed: int) -> dict[str, Any]:
    return {
        "time_limit": check_time_limit(time_limit, settings),
        "seed": seed,
        "solver_workers": settings.solver_workers,
    }


_WHAT = {"variants": "个变体", "budgets": "个预算点"}


def _too_many(field: str, count: int, limit: int, what: str) -> ApiError:
    zh = _WHAT.get(what, what)
    message = Message(zh=f"最多 {limit} {zh}", en=f"at most {limit} {what}")
    return ApiError(
        413,
        "problem-too-large",
        Text(
            zh=f"{field}：{count} {zh}；本服务最多接受 {limit} {zh}",
            en=f"{field}: {count} {what}; this service accepts at most {limit}",
        ),
        title=Text(zh="请求超出本服务可处理的规模", en="The request is too large for this service"),
        errors=[FieldError(field=field, pointer=f"/{field}", msg=message.en, message=message)],
    )


def _finish(
    request: Request,
    session: Any,
    jobs: Any,
    settings: Settings,
    kind: JobKind,
    name: str,
    payload: dict[str, Any],
    wait: float | None,
) -> Response:
    job = (kind, name, payload)
    return submit_job(request, session, jobs, settings, job, wait, COMPARISONS.created)


COMPARISONS = StoredResult(ComparisonRow, "comparison", comparison_json, "/api/v1/scenarios")


@router.post(
    "", status_code=201, response_model=ComparisonOut, summary="Compare variants", responses=CREATED
)
def create_comparison(
    request: Request,
    body: Annotated[
        ScenarioRequest,
        Body(
            description="A base problem and named variants (JSON, or YAML with Content-Type: "
            "application/yaml)",
            openapi_examples=_scenario_examples(),
        ),
    ],
    settings: SettingsDep,
    session: SessionDep,
    jobs: JobsDep,
    time_limit: TimeLimit = None,
    seed: Seed = 0,
    wait: Wait = None,
) -> Response:
    """Solve the base problem and every variant; the result says how each roadmap differs
    from the base (steps added, removed and moved, date and cost change).

    **201** with the stored comparison if it finishes within `wait` seconds, otherwise
    **202** with a job to poll.
    """
    check_rate(request, settings)
    options = _options(settings, time_limit, seed)
    if len(body.variants) > settings.max_variants:
        raise _too_many("variants", len(body.variants), settings.max_variants, "variants")
    data = body.model_dump(mode="json", by_alias=True, exclude_none=True)
    raw, media_type = submitted(request, data)
    try:
        derived = check_scenario(data, raw if media_type in YAML_TYPES else None)
    except DataError as exc:
        raise data_error(exc) from exc
    check_problem(derived.base, settings, "base", raw=_part(request, "base"))
    for i, variant in enumerate(derived.variants):
        check_problem(variant.problem, settings, f"variants[{i}]")
    payload = {"scenario": data, "options": options}
    return _finish(
        request, session, jobs, settings, JobKind.COMPARISON, derived.name, payload, wait
    )


def _part(request: Request, key: str) -> Any:
    data = body_data(request)
    return data.get(key) if isinstance(data, dict) else None


@router.post(
    "/sweeps",
    status_code=201,
    response_model=ComparisonOut,
    summary="Sweep budgets",
    responses=CREATED,
)
def create_sweep(
    request: Request,
    body: Annotated[SweepRequest, Body(openapi_examples=_sweep_examples())],
    settings: SettingsDep,
    session: SessionDep,
    jobs: JobsDep,
    time_limit: TimeLimit = None,
    seed: Seed = 0,
    wait: Wait = None,
) -> Response:
    """The budget–time trade-off of one problem: for each total budget (万元) the earliest
    date the target is reached (every point solved), the minimum budget that reaches it,
    and the earliest date of each tier. Stored as a comparison whose `sweep` is set."""
    check_rate(request, settings)
    options = _options(settings, time_limit, seed)
    if len(body.budgets) > settings.max_sweep_points:
        raise _too_many("budgets", len(body.budgets), settings.max_sweep_points, "budgets")
    money = [body.tolerance, body.tier_budget, *body.budgets]
    if any(b is not None and not 0 <= b <= MONEY_MAX for b in money):
        raise ApiError(
            422,
            "validation-error",
            Text(
                zh=f"budgets、tolerance、tier_budget：每个金额须在 0–{MONEY_MAX:g} 万元之间",
                en=f"budgets, tolerance, tier_budget: every amount must be 0–{MONEY_MAX:g} 万元",
            ),
            errors=[
                FieldError(
                    field="budgets",
                    pointer="/budgets",
                    msg=f"must be 0–{MONEY_MAX:g}",
                    message=Message(zh=f"须在 0–{MONEY_MAX:g} 之间", en=f"must be 0–{MONEY_MAX:g}"),
                )
            ],
        )
    check_problem(body.problem, settings, "problem", raw=_part(request, "problem"))
    data = body.model_dump(mode="json")
    payload = {"sweep": data, "options": options}
    return _finish(
        request, session, jobs, settings, JobKind.SWEEP, body.problem.name, payload, wait
    )


@router.get(
    "", response_model=ComparisonPage, summary="List comparisons and sweeps", responses=INVALID
)
def list_comparisons(
    session: SessionDep,
    offset: Offset = 0,
    limit: Limit = 20,
    kind: Annotated[
        Literal["comparison", "sweep"] | None, Query(description="comparison or sweep")
    ] = None,
) -> ComparisonPage:
    """Newest first, without requests and results."""
    page = store.list_comparisons(session, offset=offset, limit=limit, kind=kind)
    return ComparisonPage(
        data=[comparison_summary(row) for row in page.rows],
        count=page.count,
        offset=offset,
        limit=limit,
    )


@router.get(
    "/{comparison_id}",
    response_model=ComparisonOut,
    summary="Read a comparison or sweep",
    responses={200: {"headers": ETAG}, **NOT_MODIFIED, **NOT_FOUND},
)
async def read_comparison(request: Request, comparison_id: str, cache: CacheDep) -> Response:
    """Send its `ETag` back in `If-None-Match` to be answered 304 while it is unchanged."""
    return await COMPARISONS.read(request, cache, comparison_id)


@router.get(
    "/{comparison_id}/submitted",
    summary="The request as submitted",
    response_class=Response,
    responses=submitted_responses(
        {
            "application/json": {"schema": {"type": "object"}},
            "application/yaml": {"schema": {"type": "string"}},
        }
    ),
)
def read_submitted(comparison_id: str, session: SessionDep) -> Response:
    row = stored(session, ComparisonRow, comparison_id, "comparison")
    return submitted_body(row.submitted, row.media_type)


@router.delete(
    "/{comparison_id}", status_code=204, summary="Delete a comparison or sweep", responses=NOT_FOUND
)
def delete_comparison(comparison_id: str, session: SessionDep, cache: CacheDep) -> Response:
    if not store.delete_comparison(session, comparison_id):
        raise not_found("comparison", comparison_id)
    cache.drop(comparison_id)
    return Response(status_code=204)
