"""The organisation a problem describes: its units, modules, size and the requirement items
it meets (the ``organisation`` section of a problem file). Plain pydantic, no solver import."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from catalog.errors import TextValueError
from catalog.models.base import Frozen, Text
from catalog.models.capability import CapabilityLevelId, ParadigmId, PerspectiveId
from catalog.models.maturity import DepthId


class UnitSpec(Frozen):
    """A capability unit of the organisation: a library unit (by id) or the user's own."""

    id: str
    name: Text | None = None
    perspective: PerspectiveId | None = None
    main_scenario: str | None = None
    scope: Literal["internal", "partner", "ecosystem"] | None = None
    key: bool | None = None
    level: int | CapabilityLevelId | None = Field(
        default=None, description="current capability level 0–5 (None: derived or 0)"
    )
    depth: DepthId | None = Field(default=None, description="current depth stage reached")
    exists: bool | None = Field(
        default=None, description="identified and defined already (default: level > 0)"
    )
    prerequisites: tuple[str, ...] | None = None
    sites: int | None = Field(
        default=None, ge=1, description="sites the unit spans (default: the organisation's)"
    )
    department: str | None = Field(
        default=None, description="department (一级部门); any name, e.g. one of the library's"
    )
    process_step: str | None = Field(
        default=None, description="business process step (业务环节) of the breadth vocabulary"
    )
    chains: tuple[str, ...] | None = Field(
        default=None, description="business chains the unit lies on (breadth vocabulary)"
    )

    @field_validator("level", mode="after")
    @classmethod
    def _level_number(cls, value: int | str | None) -> int | None:
        if value is None:
            return None
        if isinstance(value, str):
            return int(value[2:])
        if not 0 <= value <= 5:
            raise TextValueError(
                "能力等级应在 0（未建设）到 5（CL5）之间",
                "capability level must be between 0 (not built) and 5 (CL5)",
            )
        return value


class ModuleSpec(Frozen):
    """An existing capability module (node of a unit, flow of a scenario, network, ecosystem)."""

    paradigm: ParadigmId
    unit: str | None = None
    scenario: str | None = None

    @model_validator(mode="after")
    def _target(self) -> ModuleSpec:
        if self.paradigm == "node" and not self.unit:
            raise TextValueError("节点须写明其能力单元", "a node names its unit")
        if self.paradigm == "flow" and not self.scenario:
            raise TextValueError(
                "流程须写明其主场景（或 'organisation'）",
                "a flow names its main scenario (or 'organisation')",
            )
        return self


class NotApplicable(Frozen):
    """A requirement item that does not apply to the organisation, with the reason."""

    item: str
    reason: Text | str


class RequirementsSpec(Frozen):
    """Which 10004 5.2–5.6 requirement items the organisation already meets.

    By default the items are derived (maturity_reading.yaml ``derived_items``); the lists
    below change that default item by item or subdomain by subdomain.
    """

    derive: bool = Field(
        default=True,
        description="start from the default derived from the current tier or unit states",
    )
    subdomain_levels: dict[str, int] = Field(
        default_factory=dict,
        description="subdomain id → level 0–5 it attains: its items up to it met, above not",
    )
    met: tuple[str, ...] = Field(default=(), description="item clauses met, e.g. '5.3.2.1 a'")
    not_met: tuple[str, ...] = Field(default=(), description="item clauses not met")
    not_applicable: tuple[NotApplicable, ...] = ()


class OrgSize(Frozen):
    """How big the organisation is; default effort scales with it (capplan's assumption)."""

    employees: int = Field(gt=0)
    sites: int = Field(default=1, ge=1, description="plants, sites or branches")
    revenue_band: str | None = Field(
        default=None, description="a band of the effort model's size_scaling.revenue_band"
    )


class Organisation(Frozen):
    name: Text | None = None
    size: OrgSize | None = None
    industry: str
    main_scenarios: tuple[str, ...] | None = Field(
        default=None, description="default: the industry's main scenarios (10004 5.3.2.1 注)"
    )
    use_library: bool = Field(
        default=True, description="add the library units of the industry not listed in units"
    )
    units: tuple[UnitSpec, ...] = ()
    modules: tuple[ModuleSpec, ...] = ()
    current_tier: int | None = Field(default=None, ge=0, le=10)
    current_row: str | None = None
    requirements: RequirementsSpec = Field(default_factory=RequirementsSpec)
