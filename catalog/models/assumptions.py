"""capplan's own modelling assumptions (NOT from the standards); every value is overridable.

These models describe the data under ``catalog/data/assumptions/``: the default library of
capability units per industry, how a Table 1 row maps to required unit states, and the
default effort (duration, cost, staff) of every kind of step.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from catalog.models.base import Frozen, Text
from catalog.models.capability import CapabilityLevelId, ParadigmId, PerspectiveId
from catalog.models.maturity import BreadthId, DepthId, LevelId

RequirementDomain = Literal["strategy", "solution", "governance", "business"]

UnitScope = Literal["internal", "partner", "ecosystem"]


class UnitTemplate(Frozen):
    """A default capability unit (能力单元) of the library."""

    id: str
    name: Text
    perspective: PerspectiveId
    main_scenario: str | None = Field(
        default=None, description="main scenario id; None means the whole organisation"
    )
    scope: UnitScope = "internal"
    key: bool = True
    derived_from: tuple[str, ...] = Field(
        default=(), description="clauses of 10004/20001 the unit is derived from"
    )
    prerequisites: tuple[str, ...] = ()


class IndustryUnits(Frozen):
    industry: str
    units: tuple[UnitTemplate, ...]


class UnitLibrary(Frozen):
    """Default units: common ones (every industry) plus per-industry ones."""

    assumption: Text
    common: tuple[UnitTemplate, ...]
    industries: tuple[IndustryUnits, ...]

    def units_for(self, industry: str) -> tuple[UnitTemplate, ...]:
        for block in self.industries:
            if block.industry == industry:
                return self.common + block.units
        raise KeyError(industry)


class BreadthScope(Frozen):
    """Which units count for a breadth category (our reading of 6.1)."""

    breadth: BreadthId
    rule: Literal[
        "one_unit",
        "one_perspective_in_scenario",
        "two_perspectives_in_scenario",
        "one_scenario",
        "all_scenarios",
        "with_partners",
        "with_ecosystem",
    ]
    rationale: Text


class LevelForm(Frozen):
    """The capability level and module form a maturity level asks of the units in scope."""

    level: Literal["L1", "L2", "L3", "L4", "L5"]
    capability_level: CapabilityLevelId
    module: ParadigmId | None
    rationale: Text


class DepthStage(Frozen):
    """A depth category as a stage of unit work, with the minimum capability level it needs."""

    depth: DepthId
    stage: int
    min_capability_level: CapabilityLevelId
    rationale: Text


class AlternativeReading(Frozen):
    """Another way to read a row whose key requirements carry '或' alternatives."""

    breadth: BreadthId
    depth: DepthId
    rationale: Text


class RowMapping(Frozen):
    """Our one-line rationale for a Table 1 row, optional overrides and alternative readings."""

    row: str
    rationale: Text
    capability_level: CapabilityLevelId | None = None
    depth: DepthId | None = None
    module: ParadigmId | None = None
    alternatives: tuple[AlternativeReading, ...] = ()


class ScopeModel(Frozen):
    """The model a depth stage asks over a whole scope (Table 1 key requirement 2)."""

    depth: DepthId
    name: Text
    rationale: Text


class TierMapping(Frozen):
    """How a Table 1 row reads as required unit and module states."""

    assumption: Text
    breadth_scopes: tuple[BreadthScope, ...]
    level_forms: tuple[LevelForm, ...]
    depth_stages: tuple[DepthStage, ...]
    rows: tuple[RowMapping, ...] = ()
    scope_models: tuple[ScopeModel, ...] = ()

    @model_validator(mode="after")
    def _complete(self) -> TierMapping:
        if len({b.breadth for b in self.breadth_scopes}) != 7:
            raise ValueError("breadth_scopes must cover the 7 breadth categories exactly once")
        if len({f.level for f in self.level_forms}) != 5:
            raise ValueError("level_forms must cover L1–L5 exactly once")
        if sorted(d.stage for d in self.depth_stages) != [1, 2, 3, 4, 5, 6]:
            raise ValueError("depth_stages must number the 6 depth categories 1..6")
        return self


class Effort(Frozen):
    """Duration (months), cost (万元) and staff (FTE) of one step."""

    months: int = Field(ge=1)
    cost: float = Field(ge=0)
    staff: int = Field(ge=0)
    reasoning: Text


class PerUnit(Frozen):
    """A cost added per unit a scope-wide step spans (万元)."""

    cost: float = Field(ge=0)
    reasoning: Text


class UpgradeEffort(Frozen):
    """The phases of one level upgrade (20001 §7: plan, element, management, evaluate).

    ``management`` is only used where maturity_reading.yaml ``unit_phases`` keeps a unit's own
    management work; by default the management dimension is organisation-wide work.
    """

    plan: Effort
    element: Effort
    management: Effort | None = None
    evaluate: Effort


class EffortModel(Frozen):
    """Default effort for every kind of step; scaled by multipliers, overridable per unit."""

    assumption: Text
    decomposition: Effort
    upgrade: dict[CapabilityLevelId, UpgradeEffort]
    deepening: dict[DepthId, Effort]
    combination: dict[ParadigmId, Effort]
    scope_multiplier: dict[Literal["internal", "partner", "ecosystem"], float]
    scope_model: dict[DepthId, Effort] = Field(
        default_factory=dict, description="the scope's model (tier_mapping.yaml scope_models)"
    )
    scope_model_per_unit: PerUnit | None = None
    requirement: dict[RequirementDomain, dict[LevelId, Effort]] = Field(
        default_factory=dict,
        description="requirement work: one step per subdomain and level, by domain and level",
    )

    @model_validator(mode="after")
    def _complete(self) -> EffortModel:
        if len(self.upgrade) != 5:
            raise ValueError("upgrade must give effort for CL1–CL5")
        if len(self.deepening) != 6:
            raise ValueError("deepening must give effort for all 6 depth categories")
        if len(self.combination) != 4:
            raise ValueError("combination must give effort for node, flow, network, ecosystem")
        return self


# -- maturity reading (maturity_reading.yaml) ----------------------------------------------


class Reading(Frozen):
    """One reading of the standard's wording, with the clause it reads."""

    id: str
    clause: str
    reading: Text


class ClauseReading(Frozen):
    clause: str
    reading: Text


class SubdomainSet(Frozen):
    subdomains: tuple[str, ...]
    rationale: Text


class AdvisoryItems(Frozen):
    clauses: tuple[str, ...]
    rationale: Text


class OrganisationPriority(Frozen):
    """Appendix A priorities (by clause prefix) carried by one requirement subdomain's work."""

    clauses: tuple[str, ...]
    carried_by: str


class OrganisationPriorities(Frozen):
    items: tuple[OrganisationPriority, ...]
    unit_phases: tuple[Literal["plan", "element", "management", "evaluate"], ...]
    rationale: Text

    def carrier(self, clause: str) -> str | None:
        """The requirement subdomain whose work carries a priority (None: the unit's own)."""
        for entry in self.items:
            for prefix in entry.clauses:
                if clause == prefix or clause.startswith(prefix + " "):
                    return entry.carried_by
        return None


class DerivedItems(Frozen):
    reading: Text


class MaturityReading(Frozen):
    """When a maturity level holds and how the requirement items are met (our reading)."""

    assumption: Text
    level_rule: ClauseReading
    requirement_work: SubdomainSet
    capability_work: SubdomainSet
    wording: tuple[Reading, ...]
    advisory_items: AdvisoryItems
    order: tuple[Reading, ...]
    organisation_priorities: OrganisationPriorities
    derived_items: DerivedItems

    @model_validator(mode="after")
    def _disjoint(self) -> MaturityReading:
        both = set(self.requirement_work.subdomains) & set(self.capability_work.subdomains)
        if both:
            raise ValueError(f"subdomains both requirement and capability work: {sorted(both)}")
        return self
