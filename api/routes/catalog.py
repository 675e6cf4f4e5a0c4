"""``/api/v1/catalog``: both standards and capplan's labelled assumptions, read-only.

Without ``lang`` every text is ``{zh, en}``; with ``?lang=zh|en`` texts are flattened to that
language. The catalogue is immutable in a running service, so each answer is serialised
once and cached.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from api.deps import ApiKey, LangQuery
from api.errors import ApiError
from api.localize import localize
from api.routes.common import INVALID
from api.schemas import catalog as schemas
from api.schemas.problems import FieldError, Message
from catalog import Catalog, load_catalog
from catalog.catalog import STANDARD_10004, STANDARD_20001
from catalog.models.base import Lang, Text
from catalog.models.capability import CapabilityLevelId
from catalog.models.maturity import LevelId

# ids documented as enums in the OpenAPI document (the catalogue is fixed in a running service)
_DOMAINS: list[Any] = [d.id for d in load_catalog().domains]
INDUSTRIES: list[Any] = [i.id for i in load_catalog().industries]

router = APIRouter(prefix="/catalog", tags=["catalog"], dependencies=[ApiKey])
JSON = "application/json"


def _answer(build: Callable[[Catalog], BaseModel], lang: Lang | None) -> bytes:
    model = build(load_catalog())
    data: Any = model.model_dump(mode="json") if lang is None else localize(model, lang)
    if lang is not None:
        data["lang"] = lang
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _response(content: bytes) -> Response:
    return Response(content, media_type=JSON, headers={"Cache-Control": "public, max-age=3600"})


def bad_parameter(name: str, value: str, known: list[str]) -> ApiError:
    return ApiError(
        422,
        "validation-error",
        Text(
            zh=f"查询参数 {name}：不认识的 {name} {value!r}（可选：{', '.join(known)}）",
            en=f"query parameter {name}: unknown {name} {value!r} (known: {', '.join(known)})",
        ),
        title=Text(zh="请求无效", en="The request is not valid"),
        errors=[
            FieldError(
                field=name,
                parameter=name,
                location="query",
                msg=f"unknown {name} {value!r}",
                message=Message(zh=f"不认识的 {name} {value!r}", en=f"unknown {name} {value!r}"),
            )
        ],
    )


@router.get(
    "",
    response_model=schemas.CatalogIndex | schemas.CatalogIndexLocalized,
    summary="Catalogue index",
    responses=INVALID,
)
def catalog_index(lang: LangQuery = None) -> Response:
    """The two standards and the catalogue's resources."""
    return _response(_index(lang))


@lru_cache(maxsize=4)
def _index(lang: Lang | None) -> bytes:
    def build(cat: Catalog) -> BaseModel:
        return schemas.CatalogIndex(
            catalog_version=cat.version,
            standards=[
                schemas.Standard(id="T/AIITRE 10004—2023", title=STANDARD_10004),
                schemas.Standard(id="T/AIITRE 20001—2021", title=STANDARD_20001),
            ],
            resources={
                name: f"/api/v1/catalog/{name}"
                for name in ("levels", "tiers", "subdomains", "priorities", "units", "effort")
            },
        )

    return _answer(build, lang)


@router.get(
    "/levels",
    response_model=schemas.LevelsCatalog | schemas.LevelsCatalogLocalized,
    summary="Maturity levels and capability levels",
    responses=INVALID,
)
def levels(lang: LangQuery = None) -> Response:
    """Maturity levels L1–L5 (10004 5.1) and capability levels CL1–CL5 (20001 §8)."""
    return _response(_levels(lang))


@lru_cache(maxsize=4)
def _levels(lang: Lang | None) -> bytes:
    def build(cat: Catalog) -> BaseModel:
        caps = cat.capability_levels
        return schemas.LevelsCatalog(
            catalog_version=cat.version,
            maturity_levels=list(cat.levels),
            capability_levels=list(caps.capability_levels),
            general=list(caps.general),
            figures=list(caps.figures),
        )

    return _answer(build, lang)


@router.get(
    "/tiers",
    response_model=schemas.TiersCatalog | schemas.TiersCatalogLocalized,
    summary="Table 1 tiers, breadth, depth and the tier mapping",
    responses=INVALID,
)
def tiers(
    lang: LangQuery = None,
    tier: Annotated[int | None, Query(ge=1, le=10, description="only rows of this tier")] = None,
    level: Annotated[LevelId | None, Query(description="only rows of this level")] = None,
) -> Response:
    """Table 1 rows (10004 6.3), breadth and depth categories (6.1, 6.2) and capplan's
    mapping of a row to unit states (an assumption, labelled as such)."""
    return _response(_tiers(lang, tier, level))


@lru_cache(maxsize=64)
def _tiers(lang: Lang | None, tier: int | None, level: str | None) -> bytes:
    def build(cat: Catalog) -> BaseModel:
        rows = [
            r
            for r in cat.tier_rows
            if (tier is None or r.tier == tier) and (level is None or r.level == level)
        ]
        return schemas.TiersCatalog(
            catalog_version=cat.version,
            tier_rows=rows,
            breadths=list(cat.breadths),
            breadth_notes=list(cat.breadth_notes),
            depths=list(cat.depths),
            tier_mapping=cat.tier_mapping,
        )

    return _answer(build, lang)


@router.get(
    "/subdomains",
    response_model=schemas.SubdomainsCatalog | schemas.SubdomainsCatalogLocalized,
    summary="Evaluation domains, subdomains and their requirements",
    responses=INVALID,
)
def subdomains(
    lang: LangQuery = None,
    level: Annotated[LevelId | None, Query(description="requirements of this level only")] = None,
    domain: Annotated[
        str | None,
        Query(
            max_length=64,
            description="only this evaluation domain (id)",
            json_schema_extra={"enum": _DOMAINS},
        ),
    ] = None,
) -> Response:
    """The 5 evaluation domains and 22 subdomains (10004 §4) and their requirements at each
    maturity level (5.2–5.6)."""
    cat = load_catalog()
    if domain is not None and domain not in {d.id for d in cat.domains}:
        raise bad_parameter("domain", domain, [d.id for d in cat.domains])
    return _response(_subdomains(lang, level, domain))


@lru_cache(maxsize=64)
def _subdomains(lang: Lang | None, level: str | None, domain: str | None) -> bytes:
    def build(cat: Catalog) -> BaseModel:
        domains = [d for d in cat.domains if domain is None or d.id == domain]
        requirements = []
        for block in cat.requirements:
            if level is not None and block.level != level:
                continue
            if domain is not None:
                block = block.model_copy(
                    update={"domains": tuple(d for d in block.domains if d.domain == domain)}
                )
            requirements.append(block)
        return schemas.SubdomainsCatalog(
            catalog_version=cat.version, domains=domains, requirements=requirements
        )

    return _answer(build, lang)


@router.get(
    "/priorities",
    response_model=schemas.PrioritiesCatalog | schemas.PrioritiesCatalogLocalized,
    summary="Building priorities of CL1–CL5",
    responses=INVALID,
)
def priorities(
    lang: LangQuery = None,
    level: Annotated[
        CapabilityLevelId | None, Query(description="only this capability level")
    ] = None,
) -> Response:
    """Building priorities 建设重点 per dimension and sub-area (20001 Appendix A)."""
    return _response(_priorities(lang, level))


@lru_cache(maxsize=16)
def _priorities(lang: Lang | None, level: str | None) -> bytes:
    def build(cat: Catalog) -> BaseModel:
        blocks = [p for p in cat.priorities if level is None or p.level == level]
        return schemas.PrioritiesCatalog(catalog_version=cat.version, priorities=blocks)

    return _answer(build, lang)


@router.get(
    "/units",
    response_model=schemas.UnitsCatalog | schemas.UnitsCatalogLocalized,
    summary="Industries, main scenarios and the default unit library",
    responses=INVALID,
)
def units(
    lang: LangQuery = None,
    industry: Annotated[
        str | None,
        Query(
            max_length=64,
            description="only this industry (id)",
            json_schema_extra={"enum": INDUSTRIES},
        ),
    ] = None,
) -> Response:
    """Industries and their main scenarios (10004 5.3.2.1 注) and capplan's default library
    of capability units (an assumption, labelled as such)."""
    cat = load_catalog()
    if industry is not None and industry not in {i.id for i in cat.industries}:
        raise bad_parameter("industry", industry, [i.id for i in cat.industries])
    return _response(_units(lang, industry))


@lru_cache(maxsize=64)
def _units(lang: Lang | None, industry: str | None) -> bytes:
    def build(cat: Catalog) -> BaseModel:
        library = cat.unit_library
        return schemas.UnitsCatalog(
            catalog_version=cat.version,
            main_scenario_definition=cat.main_scenario_definition,
            industries=[i for i in cat.industries if industry is None or i.id == industry],
            assumption=library.assumption,
            common=list(library.common),
            by_industry=[
                b for b in library.industries if industry is None or b.industry == industry
            ],
        )

    return _answer(build, lang)


@router.get(
    "/effort",
    response_model=schemas.EffortCatalog | schemas.EffortCatalogLocalized,
    summary="Default effort model (an assumption)",
    responses=INVALID,
)
def effort(lang: LangQuery = None) -> Response:
    """capplan's default duration, cost (万元) and staff of every kind of step, with the
    reasoning for each figure — overridable per problem."""
    return _response(_effort(lang))


@lru_cache(maxsize=4)
def _effort(lang: Lang | None) -> bytes:
    def build(cat: Catalog) -> BaseModel:
        return schemas.EffortCatalog(catalog_version=cat.version, effort=cat.effort)

    return _answer(build, lang)
