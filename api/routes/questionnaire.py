"""``/api/v1/questionnaire``: the blank assessment questionnaire, YAML or Excel."""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.deps import ApiKey, ReportLang
from api.routes.catalog import INDUSTRIES, bad_parameter
from api.routes.common import INVALID
from api.schemas.assessments import QuestionnaireIn
from api.schemas.common import XLSX
from catalog.models.base import Lang
from planner.assessment.questionnaire_yaml import questionnaire_yaml
from planner.assessment.xlsx_write import questionnaire_workbook

router = APIRouter(tags=["assessments"], dependencies=[ApiKey])


@router.get(
    "/questionnaire",
    summary="The blank questionnaire",
    response_class=Response,
    responses={
        200: {
            "description": "The questionnaire to fill in and send to `POST /api/v1/assessments`",
            "content": {
                "application/yaml": {
                    "schema": {"$ref": f"#/components/schemas/{QuestionnaireIn.__name__}"}
                },
                XLSX: {"schema": {"type": "string", "format": "binary"}},
            },
        },
        **INVALID,
    },
)
def blank_questionnaire(
    lang: ReportLang = "zh",
    format: Annotated[
        Literal["yaml", "xlsx"],
        Query(description="yaml (with the requirements as comments) or xlsx"),
    ] = "yaml",
    industry: Annotated[
        str,
        Query(
            max_length=64,
            description="industry id: sets the main scenarios of Table 1",
            json_schema_extra={"enum": INDUSTRIES},
        ),
    ] = "discrete_manufacturing",
) -> Response:
    """The requirement items of T/AIITRE 10004—2023 5.2–5.6 per level and subdomain, and the
    Table 1 questions per main scenario and for the whole organisation, as `capplan
    questionnaire` writes them."""
    if industry not in INDUSTRIES:
        raise bad_parameter("industry", industry, INDUSTRIES)
    content = _questionnaire(industry, lang, format)
    if format == "xlsx":
        name = f"questionnaire-{industry}-{lang}.xlsx"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        return Response(content, media_type=XLSX, headers=headers)
    return Response(content, media_type="application/yaml; charset=utf-8")


@lru_cache(maxsize=16)
def _questionnaire(industry: str, lang: Lang, format: str) -> bytes:
    if format == "yaml":
        return questionnaire_yaml(industry, lang).encode("utf-8")
    buffer = io.BytesIO()
    questionnaire_workbook(industry, lang).save(buffer)
    return buffer.getvalue()
