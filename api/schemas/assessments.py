"""Assessments: a filled questionnaire scored against T/AIITRE 10004, stored, planned from.

The domain models (``AssessmentResult``, ``GapResult``, ``LevelBar``, the planner's
``Organisation``) are embedded as they are, as ``capplan assess --json`` prints them; the
questionnaire body is documented here (``QuestionnaireIn``) and read by the assessment
package's own readers, so its errors name the item, section, line or cell.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from api.localize import localized_model
from api.schemas.common import Lang, PageInfo
from planner.assessment.gap import GapResult, LevelBar
from planner.assessment.models import FORMAT, AssessedOrganisation, AssessmentResult
from planner.model.problem import Organisation, Problem

TargetTier = Field(default=None, ge=1, le=10, description="target tier 1–10 for the gap analysis")
TargetRow = Field(
    default=None,
    max_length=40,
    description="the Table 1 row of the target tier to measure the gap against, e.g. L3-T7 "
    "(default: the row the gap analysis picks)",
)


class ItemAnswerIn(BaseModel):
    """The answer to one requirement item, with optional evidence."""

    model_config = ConfigDict(extra="forbid")

    answer: str | None = Field(
        default=None,
        description="met, partly_met or not_met (or their labels 满足 / 部分满足 / 不满足); "
        "blank: not answered, counted as not met",
    )
    evidence: str | None = None


class GroupAnswerIn(BaseModel):
    """Table 1 answers for one main scenario or the whole organisation (ids or labels)."""

    model_config = ConfigDict(extra="forbid")

    breadth: str | None = Field(default=None, description="breadth reached (or none)")
    data_collection: str | None = Field(default=None, description="depth reached (or none)")
    model: str | None = Field(default=None, description="depth reached (or none)")
    business_integration: str | None = Field(default=None, description="depth reached (or none)")
    notes: str | None = None


class QuestionnaireIn(BaseModel):
    """A filled questionnaire, as ``capplan questionnaire --yaml`` writes it and ``capplan
    assess FILE`` reads it (JSON or YAML; or the Excel sheet as the body). Get a blank one at
    ``GET /api/v1/questionnaire``."""

    model_config = ConfigDict(extra="forbid")

    format: str = Field(default=FORMAT, json_schema_extra={"enum": [FORMAT]})
    lang: Lang | None = Field(default=None, description="the language it was written in")
    organisation: AssessedOrganisation
    requirements: dict[str, dict[str, dict[str, ItemAnswerIn | str | None]]] = Field(
        description="level (L1–L5) → subdomain → item id (clause) → answer; every level and "
        "subdomain section must be present"
    )
    table1: dict[str, GroupAnswerIn] = Field(
        description="main scenario id (or organisation) → Table 1 answers; one per group"
    )
    target_tier: int | None = TargetTier
    target_row: str | None = TargetRow


class AssessmentVersions(BaseModel):
    """The versions that scored a stored assessment."""

    capplan: str = Field(description="capplan package version")
    catalog: str = Field(description="catalogue version (catalog.CATALOG_VERSION)")


class AssessmentLinks(BaseModel):
    self: str
    report: str = Field(description="HTML report of the assessment (add ?lang=en for English)")
    questionnaire: str = Field(description="the questionnaire exactly as submitted")
    plan: str = Field(description="POST a target, time and budget here to plan a roadmap")
    roadmaps: str = Field(description="the roadmaps planned from this assessment")


class AssessmentSummary(BaseModel):
    """A stored assessment without its details (for lists)."""

    id: str
    name: str = Field(description="the organisation's name")
    industry: str
    level: int = Field(description="overall maturity level, 0 when L1 is not met")
    tier: int = Field(description="the Table 1 tier reached (水平档次), 0 when none")
    target_tier: int | None = Field(default=None, description="the tier the gap is measured to")
    target_row: str | None = None
    versions: AssessmentVersions
    created_at: dt.datetime = Field(description="when it was submitted (UTC)")
    links: AssessmentLinks


class AssessmentOut(AssessmentSummary):
    """A stored assessment: the scored result (levels per subdomain and domain, overall level,
    tier and Table 1 row, why the next tier is not met, with clause numbers), the gap to the
    target tier, the current-vs-target chart and the planner's current state derived from it.
    """

    lang: Lang | None = Field(default=None, description="the language of the texts, if one")
    result: AssessmentResult
    gap: GapResult | None = Field(default=None, description="what is still to meet for the target")
    chart: list[LevelBar] = Field(description="per subdomain: level attained and level asked")
    state: Organisation = Field(
        description="the organisation section of a problem: the planner's current state"
    )


AssessmentOutLocalized = localized_model(AssessmentOut)


class AssessmentPage(PageInfo):
    data: list[AssessmentSummary]


class _WithoutOrganisation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _no_organisation(cls, data: Any) -> Any:
        if isinstance(data, dict) and "organisation" in data:
            raise ValueError(
                "organisation: the organisation and its current state are taken from the "
                "assessment; leave it out (or plan your own with POST /api/v1/roadmaps)"
            )
        return data


_FIELDS: dict[str, Any] = {
    name: (info.annotation, info)
    for name, info in Problem.model_fields.items()
    if name != "organisation"
}
AssessmentPlanRequest: type[BaseModel] = create_model(
    "AssessmentPlanRequest",
    __base__=_WithoutOrganisation,
    __doc__="A planning problem without its organisation: the organisation, its capability "
    "units, their levels and depth stages and the modules formed are the assessment's. "
    "`target` defaults to the assessment's target tier; `name` to the organisation's.",
    **_FIELDS,
)
