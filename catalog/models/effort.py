"""capplan's default effort of every kind of step (effort.yaml): an ASSUMPTION, overridable.

Duration, cost and staff of each step kind, their three-point ranges, and how organisation
size and scope scale them. Not from the standards: every value has its reasoning in zh and en.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from catalog.errors import TextValueError
from catalog.models.base import Frozen, Text
from catalog.models.capability import CapabilityLevelId, ParadigmId
from catalog.models.maturity import DepthId, LevelId

RequirementDomain = Literal["strategy", "solution", "governance", "business"]


class Bounds(Frozen):
    """Low and high of a three-point estimate (the most likely value is given beside it)."""

    low: float = Field(ge=0)
    high: float = Field(ge=0)

    @model_validator(mode="after")
    def _order(self) -> Bounds:
        if self.low > self.high:
            raise TextValueError(
                f"下限（{self.low:g}）不能高于上限（{self.high:g}）",
                f"low ({self.low:g}) must not be above high ({self.high:g})",
            )
        return self


class EffortRange(Frozen):
    """Low and high of an effort's months, cost and (optionally) staff, with the reasoning."""

    months: Bounds | None = None
    cost: Bounds | None = None
    staff: Bounds | None = None
    reasoning: Text


class Effort(Frozen):
    """Duration (months), cost (万元) and staff (FTE) of one step; optionally their range.

    The figures are the most likely values; ``range`` gives low and high. Without a range
    (or for a figure the range leaves out) the model's ``range_default`` factors apply.
    """

    months: int = Field(ge=1)
    cost: float = Field(ge=0)
    staff: int = Field(ge=0)
    reasoning: Text
    range: EffortRange | None = None

    @model_validator(mode="after")
    def _within(self) -> Effort:
        if self.range is not None:
            for name in ("months", "cost", "staff"):
                b: Bounds | None = getattr(self.range, name)
                value = getattr(self, name)
                if b is not None and not b.low <= value <= b.high:
                    raise TextValueError(
                        f"range.{name}：最可能值 {value:g} 须在 [{b.low:g}, {b.high:g}] 之内",
                        f"range.{name}: the most likely {value:g} must lie within "
                        f"[{b.low:g}, {b.high:g}]",
                    )
        return self


class RangeFactors(Frozen):
    """Low and high as factors of the most likely value, for figures without a range."""

    months: Bounds
    cost: Bounds
    staff: Bounds = Bounds(low=1.0, high=1.0)
    reasoning: Text

    @model_validator(mode="after")
    def _around_one(self) -> RangeFactors:
        for name in ("months", "cost", "staff"):
            b: Bounds = getattr(self, name)
            if not b.low <= 1.0 <= b.high:
                raise TextValueError(
                    f"{name}：系数须满足 下限 ≤ 1 ≤ 上限",
                    f"{name}: factors must satisfy low ≤ 1 ≤ high",
                )
        return self


class Sampling(Frozen):
    """Which distribution the risk analysis draws three-point estimates from."""

    distribution: Literal["triangular", "pert"] = "triangular"
    keep_planned_starts: bool = Field(
        default=True, description="in a run, no step starts before its planned start"
    )
    reasoning: Text


class EmployeeScaling(Frozen):
    """Effort grows with headcount as (employees / reference) ** exponent, within limits."""

    reference: int = Field(gt=0)
    cost_exponent: float = Field(ge=0, le=1)
    months_exponent: float = Field(ge=0, le=1)
    min_factor: float = Field(gt=0)
    max_factor: float = Field(gt=0)


class SiteScaling(Frozen):
    """Rolling a unit out over more sites: each site beyond the first adds these shares."""

    cost_per_extra_site: float = Field(ge=0)
    months_per_extra_site: float = Field(ge=0)
    max_months_factor: float = Field(ge=1)
    phases: tuple[str, ...] = Field(description="upgrade phases and step kinds it applies to")


class CoverageScaling(Frozen):
    """A combination step over more units: (units / reference) ** exponent, never below 1."""

    reference_units: int = Field(gt=0)
    cost_exponent: float = Field(ge=0, le=1)
    months_exponent: float = Field(ge=0, le=1)


class SizeScaling(Frozen):
    """How default effort scales with the organisation's size and a step's scope."""

    employees: EmployeeScaling
    sites: SiteScaling
    coverage: CoverageScaling
    revenue_band: dict[str, float] = Field(description="cost factor per revenue band")
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
    scope_work: dict[CapabilityLevelId, Effort] = Field(
        default_factory=dict, description="scope work (maturity_reading.yaml scope_priorities)"
    )
    requirement: dict[RequirementDomain, dict[LevelId, Effort]] = Field(
        default_factory=dict,
        description="requirement work: one step per subdomain and level, by domain and level",
    )
    range_default: RangeFactors | None = None
    sampling: Sampling | None = None
    size_scaling: SizeScaling | None = None

    @model_validator(mode="after")
    def _complete(self) -> EffortModel:
        if len(self.upgrade) != 5:
            raise TextValueError(
                "upgrade 须给出 CL1–CL5 的工作量", "upgrade must give effort for CL1–CL5"
            )
        if len(self.deepening) != 6:
            raise TextValueError(
                "deepening 须给出全部 6 个深度类别的工作量",
                "deepening must give effort for all 6 depth categories",
            )
        if len(self.combination) != 4:
            raise TextValueError(
                "combination 须给出节点、流、网络、生态的工作量",
                "combination must give effort for node, flow, network, ecosystem",
            )
        return self
