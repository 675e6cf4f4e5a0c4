"""capplan's own modelling assumptions (NOT from the standards); every value is overridable.

These models describe the data under ``catalog/data/assumptions/``: the default library of
capability units per industry, how a Table 1 row maps to required unit states, and the
default effort (duration, cost, staff) of every kind of step.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from catalog.errors import TextValueError
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
    department: str | None = Field(
        default=None, description="department (一级部门, organisational boundary, 20001 6.2 b)"
    )
    process_step: str | None = Field(
        default=None, description="business process step (业务环节, 10004 6.1 b, c)"
    )
    chains: tuple[str, ...] = Field(
        default=(), description="business chains the unit lies on (20001 6.3.3)"
    )


class VocabularyEntry(Frozen):
    """A department, process step or business chain of the breadth vocabulary."""

    id: str
    name: Text


class ChainEntry(Frozen):
    """A business chain (业务链、供应链、产业链, 20001 6.3.3): its process steps in order."""

    id: str
    name: Text
    steps: tuple[str, ...] = Field(min_length=2)


class BreadthVocabulary(Frozen):
    """capplan's departments, process steps and chains the units' breadth is read by."""

    assumption: Text
    clauses: tuple[str, ...]
    departments: tuple[VocabularyEntry, ...]
    process_steps: tuple[VocabularyEntry, ...]
    chains: tuple[ChainEntry, ...]

    @model_validator(mode="after")
    def _known_steps(self) -> BreadthVocabulary:
        steps = {s.id for s in self.process_steps}
        for chain in self.chains:
            unknown = [s for s in chain.steps if s not in steps]
            if unknown:
                raise TextValueError(
                    f"链 {chain.id!r} 含有不认识的业务环节 {unknown}",
                    f"chain {chain.id!r} names unknown process steps {unknown}",
                )
        return self

    def chain(self, chain_id: str) -> ChainEntry:
        for chain in self.chains:
            if chain.id == chain_id:
                return chain
        raise KeyError(chain_id)

    def unit_problems(
        self, department: str | None, step: str | None, chains: tuple[str, ...], strict: bool
    ) -> list[tuple[str, Text]]:
        """(field, message) for a unit's breadth fields; departments are free outside the
        library (``strict``: the library's own units use the vocabulary)."""
        out: list[tuple[str, Text]] = []
        departments = ", ".join(d.id for d in self.departments)
        if strict and department is not None and department not in departments.split(", "):
            out.append(
                (
                    "department",
                    Text(
                        zh=f"不认识的部门 {department!r}（可选：{departments}）",
                        en=f"unknown department {department!r} (known: {departments})",
                    ),
                )
            )
        steps = ", ".join(s.id for s in self.process_steps)
        if step is not None and step not in steps.split(", "):
            out.append(
                (
                    "process_step",
                    Text(
                        zh=f"不认识的业务环节 {step!r}（可选：{steps}）",
                        en=f"unknown process step {step!r} (known: {steps})",
                    ),
                )
            )
        known = [c.id for c in self.chains]
        for chain_id in chains:
            if chain_id not in known:
                out.append(
                    (
                        "chains",
                        Text(
                            zh=f"不认识的业务链 {chain_id!r}（可选：{', '.join(known)}）",
                            en=f"unknown chain {chain_id!r} (known: {', '.join(known)})",
                        ),
                    )
                )
            elif step is None or step not in self.chain(chain_id).steps:
                on = ", ".join(self.chain(chain_id).steps)
                out.append(
                    (
                        "chains",
                        Text(
                            zh=f"位于业务链 {chain_id!r} 上的能力单元须有该链的 process_step（{on}）",
                            en=f"a unit on chain {chain_id!r} needs a process_step of that chain "
                            f"({on})",
                        ),
                    )
                )
        return out


class IndustryUnits(Frozen):
    industry: str
    units: tuple[UnitTemplate, ...]


class UnitLibrary(Frozen):
    """Default units: common ones (every industry) plus per-industry ones."""

    assumption: Text
    breadth: BreadthVocabulary
    common: tuple[UnitTemplate, ...]
    industries: tuple[IndustryUnits, ...]

    @model_validator(mode="after")
    def _breadth_fields(self) -> UnitLibrary:
        problems, problems_zh = [], []
        units = [*self.common, *(u for block in self.industries for u in block.units)]
        for unit in units:
            for name, message in self.breadth.unit_problems(
                unit.department, unit.process_step, unit.chains, strict=True
            ):
                problems.append(f"unit {unit.id}: {name}: {message.en}")
                problems_zh.append(f"能力单元 {unit.id}：{name}：{message.zh}")
        if problems:
            raise TextValueError("；".join(problems_zh), "; ".join(problems))
        return self

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
        "one_department_or_step",
        "departments_and_steps_on_chain",
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
            raise TextValueError(
                "breadth_scopes 须恰好覆盖 7 个广度类别各一次",
                "breadth_scopes must cover the 7 breadth categories exactly once",
            )
        if len({f.level for f in self.level_forms}) != 5:
            raise TextValueError(
                "level_forms 须恰好覆盖 L1–L5 各一次", "level_forms must cover L1–L5 exactly once"
            )
        if sorted(d.stage for d in self.depth_stages) != [1, 2, 3, 4, 5, 6]:
            raise TextValueError(
                "depth_stages 须将 6 个深度类别编号为 1..6",
                "depth_stages must number the 6 depth categories 1..6",
            )
        return self


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
                "combination 须给出节点、流程、网络、生态的工作量",
                "combination must give effort for node, flow, network, ecosystem",
            )
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
            raise TextValueError(
                f"这些子域既是要求项工作又是能力工作：{sorted(both)}",
                f"subdomains both requirement and capability work: {sorted(both)}",
            )
        return self
