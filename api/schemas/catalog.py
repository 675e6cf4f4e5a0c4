"""Catalogue responses: both standards and capplan's labelled assumptions.

Each response exists in two shapes: bilingual (every text as ``{zh, en}``, the catalogue
objects as they are) and, with ``?lang=zh|en``, one language (``api.localize``).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.localize import localized_model
from api.schemas.common import Lang
from catalog.models.assumptions import (
    IndustryUnits,
    TierMapping,
    UnitTemplate,
)
from catalog.models.base import ClauseText, Note, Text
from catalog.models.capability import CapabilityLevel, LevelPriorities
from catalog.models.effort import EffortModel
from catalog.models.maturity import (
    Breadth,
    Depth,
    Domain,
    Industry,
    LevelRequirements,
    MaturityLevel,
    TierRow,
)


class CatalogResponse(BaseModel):
    catalog_version: str = Field(description="catalog.CATALOG_VERSION")
    lang: Lang | None = Field(default=None, description="null: every text in zh and en")


class Standard(BaseModel):
    id: str
    title: Text


class CatalogIndex(CatalogResponse):
    """What the catalogue offers."""

    standards: list[Standard]
    resources: dict[str, str] = Field(description="catalogue endpoints")


class LevelsCatalog(CatalogResponse):
    """Maturity levels L1–L5 (10004 5.1) and capability levels CL1–CL5 (20001 §8)."""

    maturity_levels: list[MaturityLevel]
    capability_levels: list[CapabilityLevel]
    general: list[ClauseText]
    figures: list[ClauseText]


class TiersCatalog(CatalogResponse):
    """Table 1 rows, breadth and depth categories (10004 §6) and capplan's tier mapping."""

    tier_rows: list[TierRow]
    breadths: list[Breadth]
    breadth_notes: list[Note]
    depths: list[Depth]
    tier_mapping: TierMapping = Field(description="capplan's assumption, not the standard")


class SubdomainsCatalog(CatalogResponse):
    """Evaluation domains and subdomains (10004 §4) with their requirements per level."""

    domains: list[Domain]
    requirements: list[LevelRequirements]


class PrioritiesCatalog(CatalogResponse):
    """Building priorities of CL1–CL5 (20001 Appendix A)."""

    priorities: list[LevelPriorities]


class UnitsCatalog(CatalogResponse):
    """Industries and main scenarios (10004 5.3.2.1 注) and capplan's default unit library."""

    main_scenario_definition: Text
    industries: list[Industry]
    assumption: Text = Field(description="the library is capplan's assumption: how it was made")
    common: list[UnitTemplate] = Field(description="units of every industry")
    by_industry: list[IndustryUnits]


class EffortCatalog(CatalogResponse):
    """capplan's default effort model (duration, cost in 万元, staff) — an assumption."""

    effort: EffortModel


LevelsCatalogLocalized = localized_model(LevelsCatalog)
TiersCatalogLocalized = localized_model(TiersCatalog)
SubdomainsCatalogLocalized = localized_model(SubdomainsCatalog)
PrioritiesCatalogLocalized = localized_model(PrioritiesCatalog)
UnitsCatalogLocalized = localized_model(UnitsCatalog)
EffortCatalogLocalized = localized_model(EffortCatalog)
CatalogIndexLocalized = localized_model(CatalogIndex)
