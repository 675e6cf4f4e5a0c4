"""capplan's own modelling assumptions (NOT from the standards); every value is overridable.

These models describe the data under ``catalog/data/assumptions/``: the default library of
capability units per industry, how a Table 1 row maps to required unit states, and the
default effort of every kind of step is in ``catalog/models/effort.py``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from catalog.errors import TextValueError
from catalog.models.base import Frozen, Text
from catalog.models.capability import CapabilityLevelId, ParadigmId, PerspectiveId
from catalog.models.maturity import BreadthId, DepthId
from catalog.models.priorities import OrganisationPriorities, ScopePriorities

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
    existing_models: Text | None = Field(
        default=None,
        description="when an organisation's state today counts a scope's model as built",
    )

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


# -- maturity reading (maturity_reading.yaml) ----------------------------------------------


class Reading(Frozen):
    """One reading of the standard's wording, with the clause it reads."""

    id: str
    clause: str
    reading: Text
    applied: bool = True  # false: the rule is written down (and shown) but not applied


class ClauseReading(Frozen):
    clause: str
    reading: Text


class SubdomainSet(Frozen):
    subdomains: tuple[str, ...]
    rationale: Text


class CapabilityWork(SubdomainSet):
    """The items the capability work meets (the reading ``capability_work``), with its clause,
    and the stricter per-perspective reading, documented but not yet planned."""

    clause: str
    per_perspective: bool = False
    per_perspective_reading: Text

    @model_validator(mode="after")
    def _not_planned(self) -> CapabilityWork:
        if self.per_perspective:
            raise ValueError(
                "capability_work.per_perspective: true 是更严格的读法，capplan 尚未按它编排计划"
                "（the stricter per-perspective reading is not planned yet; keep false）"
            )
        return self


class AdvisoryItems(Frozen):
    clauses: tuple[str, ...]
    rationale: Text


class DerivedItems(Frozen):
    reading: Text


class MaturityReading(Frozen):
    """When a maturity level holds and how the requirement items are met (our reading)."""

    assumption: Text
    level_rule: ClauseReading
    requirement_work: SubdomainSet
    capability_work: CapabilityWork
    wording: tuple[Reading, ...]
    advisory_items: AdvisoryItems
    order: tuple[Reading, ...]
    organisation_priorities: OrganisationPriorities
    scope_priorities: ScopePriorities | None = None
    derived_items: DerivedItems

    def ordered(self, rule: str) -> bool:
        """Whether the order rule of this id is part of the reading (a copy may drop it)."""
        return any(r.id == rule and r.applied for r in self.order)

    @model_validator(mode="after")
    def _disjoint(self) -> MaturityReading:
        both = set(self.requirement_work.subdomains) & set(self.capability_work.subdomains)
        if both:
            raise TextValueError(
                f"这些子域既是要求项工作又是能力工作：{sorted(both)}",
                f"subdomains both requirement and capability work: {sorted(both)}",
            )
        return self
