"""Steps of a roadmap (decomposition, combination, upgrade, deepening) and their precedence DAG.

A StepFactory creates, on demand, every step some route to the target could need; each step
knows the clauses and building priorities (20001 Appendix A) it carries out. Precedence is
kept in a networkx DAG.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

from catalog import Catalog
from catalog.models.assumptions import PHASES, Effort
from catalog.models.base import Item, Text
from planner.maturity import Maturity, SectionWork
from planner.money import MONEY_SCALE as MONEY_SCALE  # re-exported: imported from here
from planner.problem import Problem
from planner.sizing import Sizing
from planner.spread import Spread, SpreadBuilder
from planner.state import (
    ECOSYSTEM,
    ORGANISATION,
    PARTNERS,
    Organisation,
    OrgState,
    Scope,
    Unit,
    model_built,
)

PHASE_DIMENSION = {
    "plan": "process",
    "element": "element",
    "management": "management",
    "evaluate": "process",
}
PHASE_NAMES = {
    "plan": Text(zh="策划", en="plan"),
    "element": Text(zh="要素维建设", en="element work"),
    "management": Text(zh="管理维建设", en="management work"),
    "evaluate": Text(zh="评测与改进", en="evaluate and improve"),
}
DEPTH_BY_STAGE = (
    "",
    "it_application",
    "is_application",
    "is_integration",
    "digital_integration",
    "dynamic_collaboration",
    "intelligent_autonomy",
)
PARADIGM_CLAUSE = {"node": "6.3.2", "flow": "6.3.3", "network": "6.3.4", "ecosystem": "6.3.5"}
MIN_LEVEL_FOR_STAGE = {1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2}


class StepError(Exception):
    """A step that cannot exist in this organisation (e.g. a flow over one perspective)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.text = Text(zh=zh, en=en)


@dataclass(frozen=True)
class Step:
    """One schedulable piece of work, with integer duration, spend rate and staff."""

    id: str
    kind: str  # requirement | decomposition | upgrade | deepening | combination | user
    title: Text
    group: str
    duration: int  # periods
    rate: int  # money per period, in yuan (万元 × 10,000)
    staff: int
    unit: str | None = None
    module: str | None = None
    capability_level: int | None = None
    phase: str | None = None
    dimension: str | None = None
    stage: int | None = None
    paradigm: str | None = None
    clauses: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    demands: tuple[tuple[str, int], ...] = ()  # user-defined resources: (resource id, amount)
    subdomain: str | None = None  # requirement work: the 10004 subdomain
    maturity_level: int | None = None  # requirement work: the level Lk whose items it meets
    meets: tuple[str, ...] = ()  # requirement work: the 10004 items it meets
    scope: str | None = None  # scope model: the label of the scope it spans
    spread: Spread | None = None  # low / most likely / high of months, cost, staff (risk)

    @property
    def cost(self) -> int:
        return self.rate * self.duration


class StepFactory:
    """Creates steps and precedence edges lazily and memoises them by id."""

    def __init__(
        self,
        problem: Problem,
        catalog: Catalog,
        org: Organisation,
        state: OrgState,
        maturity: Maturity | None = None,
    ):
        self.problem, self.catalog, self.org, self.state = problem, catalog, org, state
        self.maturity = maturity or Maturity(catalog)
        reading = catalog.maturity_reading.organisation_priorities
        self.unit_phases = tuple(p for p in PHASES if p in reading.unit_phases)
        self.steps: dict[str, Step] = {}
        self.graph: nx.DiGraph = nx.DiGraph()
        self.stage_min_level = {
            d.stage: int(d.min_capability_level[2:]) for d in catalog.tier_mapping.depth_stages
        }
        self.sizing = Sizing(problem, catalog, org)
        self._spread: Spread | None = None  # the range of the effort computed last

    # -- effort ------------------------------------------------------------------------
    def _effort(
        self,
        base: Effort,
        kind: str,
        unit: str | None,
        level: int | None,
        phase: str | None,
        subdomain: str | None = None,
        covers: int = 1,
    ) -> tuple[int, int, int]:
        mult = self.problem.overrides.multipliers
        scope = self.org.units[unit].scope if unit else "internal"
        scale = self.catalog.effort.scope_multiplier[scope]  # type: ignore[index]
        size = self.sizing.factors(kind, unit, phase, covers)
        months = base.months * mult.duration * size.months
        cost = base.cost * mult.cost * scale * size.cost
        staff = base.staff
        spread = SpreadBuilder(self.catalog.effort.range_default)
        spread.base(base, {"months": months, "cost": cost, "staff": staff})
        dimension = (
            PHASE_DIMENSION[phase] if phase else ("element" if kind == "deepening" else None)
        )
        for o in self.problem.overrides.effort:
            if (
                o.unit not in (None, unit)
                or o.kind not in (None, kind)
                or o.phase not in (None, phase)
                or o.dimension not in (None, dimension)
                or o.subdomain not in (None, subdomain)
                or (o.level is not None and (kind != "requirement" or o.level != f"L{level}"))
            ):
                continue
            if o.capability_level is not None and (
                level is None or kind == "requirement" or int(o.capability_level[2:]) != level
            ):
                continue
            months = o.months if o.months is not None else months
            cost = o.cost if o.cost is not None else cost
            staff = o.staff if o.staff is not None else staff
            spread.override({"months": o.months, "cost": o.cost, "staff": o.staff}, o.range)
        periods = max(1, math.ceil(months / self.problem.time.months_per_period - 1e-9))
        rate = round(cost * MONEY_SCALE / periods)  # spread evenly, rounded to the yuan
        self._spread = spread.build()
        return periods, rate, staff

    def _add(self, step: Step, after: list[str]) -> str:
        spread, self._spread = self._spread, None
        if step.id not in self.steps:
            if step.spread is None and spread is not None:
                from dataclasses import replace

                step = replace(step, spread=spread)
            self.steps[step.id] = step
            self.graph.add_node(step.id)
        for pred in after:
            self.graph.add_edge(pred, step.id)
        return step.id

    # -- decomposition -------------------------------------------------------------------
    def decomposition(self, group: str) -> str:
        sid = f"decompose:{group}"
        if sid in self.steps:
            return sid
        periods, rate, staff = self._effort(
            self.catalog.effort.decomposition, "decomposition", None, None, None
        )
        title = Text(
            zh=f"能力分解：{self._group_name(group, 'zh')}",
            en=f"Decompose capability need: {self._group_name(group, 'en')}",
        )
        return self._add(
            Step(
                sid,
                "decomposition",
                title,
                group,
                periods,
                rate,
                staff,
                clauses=("20001 6.2 b", "20001 6.2 c"),
                priorities=("6.2 b", "6.2 c"),
            ),
            [],
        )

    def _group_name(self, group: str, lang: str) -> str:
        for industry in self.catalog.industries:
            for scenario in industry.main_scenarios:
                if scenario.id == group:
                    return scenario.name.get(lang)
        names = {
            ORGANISATION: ("全组织", "whole organisation"),
            PARTNERS: ("合作伙伴", "partners"),
            ECOSYSTEM: ("生态圈", "ecosystem"),
        }
        zh, en = names.get(group, (group, group))
        return zh if lang == "zh" else en

    # -- upgrades ----------------------------------------------------------------------
    def reach_level(self, unit: str, level: int) -> list[str]:
        """Steps that bring the unit to the capability level (empty when already there)."""
        current = self.state.levels[unit]
        out: list[str] = []
        for k in range(current + 1, level + 1):
            out.extend(self._upgrade(unit, k))
        return out

    def _upgrade(self, unit: str, level: int) -> list[str]:
        u = self.org.units[unit]
        evaluate_id = f"upgrade:{unit}:CL{level}:evaluate"
        if evaluate_id in self.steps:
            return [f"upgrade:{unit}:CL{level}:{p}" for p in self.unit_phases]
        before: list[str] = []
        if level > self.state.levels[unit] + 1:
            before.append(self._upgrade(unit, level - 1)[-1])
        elif unit not in self.state.exists:
            before.append(self.decomposition(u.group))
        for prereq in u.prerequisites:
            before.extend(self.reach_level(prereq, level)[-1:])
        before.extend(self.requirement_steps(level, "strategy"))  # strategy first
        governance = self.requirement_steps(level, "governance") + self._level_module(u, level)
        efforts = self.catalog.effort.upgrade[f"CL{level}"]  # type: ignore[index]
        ids: list[str] = []
        middle: list[str] = []
        for phase in self.unit_phases:
            base = getattr(efforts, phase)
            if base is None:
                raise StepError(
                    f"工作量假设缺少CL{level}升级的{PHASE_NAMES[phase].zh}（effort.yaml upgrade）",
                    f"effort.yaml has no {phase} effort for upgrades to CL{level}",
                )
            periods, rate, staff = self._effort(base, "upgrade", unit, level, phase)
            title = Text(
                zh=f"{u.name.zh} 升级至CL{level}：{PHASE_NAMES[phase].zh}",
                en=f"{u.name.en} to CL{level}: {PHASE_NAMES[phase].en}",
            )
            if phase == "plan":
                after = before
            elif phase == "evaluate":  # after the element/management work and the governance
                after = (middle or ids[:1]) + governance
            else:
                after = ids[:1]
            dimension = PHASE_DIMENSION[phase]
            ids.append(
                self._add(
                    Step(
                        f"upgrade:{unit}:CL{level}:{phase}",
                        "upgrade",
                        title,
                        u.group,
                        periods,
                        rate,
                        staff,
                        unit=unit,
                        capability_level=level,
                        phase=phase,
                        dimension=dimension,
                        clauses=self._dimension_clauses(phase),
                        priorities=tuple(i.clause for i in self.priorities(level, phase)),
                    ),
                    list(after),
                )
            )
            if phase in ("element", "management"):
                middle.append(ids[-1])
        return ids

    def _level_module(self, unit: Unit, level: int) -> list[str]:
        """The module a CL{level} capability takes the form of, formed before the unit's
        evaluation at that level (maturity_reading.yaml order ``module_with_level``): the flow
        of its main scenario at CL3, the network at CL4, the ecosystem at CL5."""
        form = next(
            (
                f.module
                for f in self.catalog.tier_mapping.level_forms
                if f.capability_level == f"CL{level}"
            ),
            None,
        )
        try:
            if form == "flow" and unit.group in self.org.internal_groups():
                return self.flow(unit.group)
            if form == "network" and unit.scope == "internal":
                return self.network()
            if form == "ecosystem" and unit.scope == "internal":
                return self.ecosystem()
        except StepError:
            pass  # the organisation cannot form it (e.g. one perspective only): no such order
        return []

    @staticmethod
    def _dimension_clauses(phase: str) -> tuple[str, ...]:
        return {
            "plan": ("20001 7.2.2",),
            "element": ("20001 7.2.3", "20001 7.3"),
            "management": ("20001 7.4",),
            "evaluate": ("20001 7.2.4", "20001 7.2.5"),
        }[phase]

    def priorities(self, level: int, phase: str) -> tuple[Item, ...]:
        """The unit's own Appendix A priorities a phase of an upgrade to CL{level} carries out.

        Organisation-wide priorities (maturity_reading.yaml ``organisation_priorities``) are
        carried by the requirement work instead, once per level.
        """
        carrier = self.catalog.maturity_reading.organisation_priorities.carrier
        return tuple(i for i in self.phase_priorities(level, phase) if carrier(i.clause) is None)

    def phase_priorities(self, level: int, phase: str) -> tuple[Item, ...]:
        """Every Appendix A priority of the dimension areas a phase of CL{level} covers."""
        block = self.catalog.priorities_of(f"CL{level}")
        if level == 1:  # A.1 has no sub-areas: process items a–d are plan/support/evaluate/improve
            process = block.dimension("process").items
            picks = {
                "plan": process[:1],
                "element": process[1:2] + block.dimension("element").items,
                "management": block.dimension("management").items,
                "evaluate": process[2:],
            }
            return tuple(picks[phase])
        areas = {
            "plan": [("process", "plan")],
            "element": [("process", "support_implement_operate"), ("element", "")],
            "management": [("management", "")],
            "evaluate": [("process", "evaluate"), ("process", "improve")],
        }[phase]
        out: list[Item] = []
        for dimension, area in areas:
            for sub in block.dimension(dimension).sub_areas:  # type: ignore[arg-type]
                if area in ("", sub.sub_area):
                    out.extend(sub.items)
        return tuple(out)

    # -- deepening ---------------------------------------------------------------------
    def reach_stage(self, unit: str, stage: int) -> list[str]:
        out: list[str] = []
        for s in range(self.state.stages[unit] + 1, stage + 1):
            out.append(self._deepen(unit, s))
        return out

    def _deepen(self, unit: str, stage: int) -> str:
        sid = f"deepen:{unit}:{DEPTH_BY_STAGE[stage]}"
        if sid in self.steps:
            return sid
        u = self.org.units[unit]
        before = []
        if stage - 1 > self.state.stages[unit]:
            before.append(self._deepen(unit, stage - 1))
        before.extend(self.reach_level(unit, self.stage_min_level[stage])[-1:])
        depth = self.catalog.depth(DEPTH_BY_STAGE[stage])
        periods, rate, staff = self._effort(
            self.catalog.effort.deepening[depth.id],
            "deepening",
            unit,
            None,
            None,
        )
        title = Text(
            zh=f"{u.name.zh} 深化：{depth.name.zh}", en=f"{u.name.en} deepening: {depth.name.en}"
        )
        return self._add(
            Step(
                sid,
                "deepening",
                title,
                u.group,
                periods,
                rate,
                staff,
                unit=unit,
                stage=stage,
                dimension="element",
                clauses=(f"10004 {depth.clause}", "10004 Table 1"),
                priorities=(depth.clause,),
            ),
            before,
        )

    # -- combination -------------------------------------------------------------------
    def _combine(
        self,
        paradigm: str,
        module: str,
        group: str,
        unit: str | None,
        before: list[str],
        name: Text,
    ) -> str:
        sid = f"combine:{paradigm}:{module}"
        if sid in self.steps:
            return sid
        periods, rate, staff = self._effort(
            self.catalog.effort.combination[paradigm],  # type: ignore[index]
            "combination",
            unit,
            None,
            None,
            covers=self.sizing.covers(paradigm, group),
        )
        p = next(x for x in self.catalog.capability_system.paradigms.items if x.id == paradigm)
        title = Text(zh=f"组合{p.name.zh}：{name.zh}", en=f"Combine {paradigm}: {name.en}")
        return self._add(
            Step(
                sid,
                "combination",
                title,
                group,
                periods,
                rate,
                staff,
                unit=unit,
                module=f"{paradigm}:{module}",
                paradigm=paradigm,
                clauses=(f"20001 {PARADIGM_CLAUSE[paradigm]}", "20001 6.2 d"),
                priorities=(PARADIGM_CLAUSE[paradigm],),
            ),
            before,
        )

    def node(self, unit: str) -> list[str]:
        if unit in self.state.nodes:
            return []
        u = self.org.units[unit]
        before = self.reach_level(unit, 2)[-1:]
        return [self._combine("node", unit, u.group, unit, before, u.name)]

    def flow(self, group: str) -> list[str]:
        if group in self.state.flows:
            return []
        units = self.org.key_units(group)
        if len({u.perspective for u in units}) < 2:
            raise StepError(
                f"在“{self._group_name(group, 'zh')}”组合能力流需要至少两个视角的关键能力单元"
                "（20001 6.3.3）",
                f"a capability flow over {group!r} needs key units of at least two perspectives "
                "(20001 6.3.3)",
            )
        before = [sid for u in units for sid in self.node(u.id)]
        name = Text(zh=self._group_name(group, "zh"), en=self._group_name(group, "en"))
        return [self._combine("flow", group, group, None, before, name)]

    def network(self) -> list[str]:
        if self.state.network:
            return []
        partners = self.org.key_units(scope="partner")
        if not partners:
            raise StepError(
                "组合能力网络需要合作伙伴能力单元（20001 6.3.4）",
                "a capability network needs partner units (20001 6.3.4)",
            )
        before = [sid for g in self.org.internal_groups() for sid in self.flow(g)]
        before += [sid for u in partners for sid in self.node(u.id)]
        name = Text(zh="组织与合作伙伴", en="organisation and partners")
        return [self._combine("network", "organisation", PARTNERS, None, before, name)]

    def ecosystem(self) -> list[str]:
        if self.state.ecosystem:
            return []
        members = self.org.key_units(scope="ecosystem")
        if not members:
            raise StepError(
                "组合能力生态需要生态合作伙伴能力单元（20001 6.3.5）",
                "a capability ecosystem needs ecosystem-partner units (20001 6.3.5)",
            )
        before = self.network() + [sid for u in members for sid in self.node(u.id)]
        name = Text(zh="生态圈", en="ecosystem")
        return [self._combine("ecosystem", "ecosystem", ECOSYSTEM, None, before, name)]

    # -- the scope's model (Table 1 key requirement 2) --------------------------------------
    def scope_model(self, scope: Scope, stage: int) -> str:
        """One step building the scope's model of a stage, after every unit's deepening."""
        depth = DEPTH_BY_STAGE[stage]
        sid = f"model:{depth}:{scope.label}"
        if sid in self.steps:
            return sid
        models = self.catalog.tier_mapping.scope_models
        model = next(m for m in models if m.depth == depth)
        before = [sid for u in scope.units for sid in self.reach_stage(u, stage)[-1:]]
        shallower = DEPTH_BY_STAGE[stage - 1]
        if any(m.depth == shallower for m in models) and not model_built(
            self.state, scope, stage - 1
        ):  # a deeper model is built on the shallower one (tier_mapping.yaml scope_models)
            before.append(self.scope_model(scope, stage - 1))
        base = self.catalog.effort.scope_model[depth]  # type: ignore[index]
        per_unit = self.catalog.effort.scope_model_per_unit
        if per_unit is not None:
            base = base.model_copy(update={"cost": base.cost + per_unit.cost * len(scope.units)})
        periods, rate, staff = self._effort(base, "model", None, None, None)
        groups = [g for g in scope.groups]
        group = groups[0] if len(groups) == 1 else ORGANISATION
        name = self._scope_name(scope)
        title = Text(
            zh=f"构建{name.zh}{model.name.zh}", en=f"Build the {model.name.en} of {name.en}"
        )
        return self._add(
            Step(
                sid,
                "model",
                title,
                group,
                periods,
                rate,
                staff,
                stage=stage,
                dimension="element",
                clauses=("10004 Table 1", f"10004 {self.catalog.depth(depth).clause}"),
                scope=scope.label,
            ),
            before,
        )

    def _scope_name(self, scope: Scope) -> Text:
        if len(scope.units) == 1:
            return self.org.units[scope.units[0]].name
        if len(scope.groups) == 1 and scope.groups[0] in self.org.main_scenarios:
            g = scope.groups[0]
            zh, en = self._group_name(g, "zh"), self._group_name(g, "en")
            if scope.label == g:
                return Text(zh=f"{zh}主场景", en=f"the {en} main scenario")
            units = [self.org.units[u].name for u in scope.units]
            return Text(
                zh=f"{zh}（{'、'.join(u.zh for u in units)}）",
                en=f"{en} ({', '.join(u.en for u in units)})",
            )
        return Text(zh="全组织（企业）", en="the whole organisation")

    # -- requirement work (10004 5.2–5.6) ------------------------------------------------
    def requirement_steps(self, level: int, domain: str | None = None) -> list[str]:
        """Steps that meet the unmet requirement-work items of one level (of one domain)."""
        out = []
        for section, missing in self.maturity.unmet(self.state.items, level):
            if section.level == level and domain in (None, section.subdomain.split(".")[0]):
                out.append(self._requirement(section, missing))
        return out

    def requirement_work(self, up_to: int) -> list[str]:
        """Steps for every unmet requirement-work section of levels 1..up_to."""
        return [
            self._requirement(section, missing)
            for section, missing in self.maturity.unmet(self.state.items, up_to)
        ]

    def _requirement(self, section: SectionWork, missing: tuple[str, ...]) -> str:
        sid = f"require:{section.subdomain}:L{section.level}"
        if sid in self.steps:
            return sid
        domain = section.subdomain.split(".")[0]
        base = self.catalog.effort.requirement.get(domain, {}).get(f"L{section.level}")  # type: ignore[call-overload]
        if base is None:
            raise StepError(
                f"工作量假设缺少{domain}在L{section.level}的要求项工作（effort.yaml requirement）",
                f"effort.yaml has no requirement work for {domain} at L{section.level}",
            )
        periods, rate, staff = self._effort(
            base, "requirement", None, section.level, None, section.subdomain
        )
        before: list[str] = []
        if section.level > 1:
            before += [
                self._requirement(s, m)
                for s, m in self.maturity.unmet(self.state.items, section.level - 1)
                if s.subdomain == section.subdomain and s.level == section.level - 1
            ]
        if domain != "strategy":
            before += self.requirement_steps(section.level, "strategy")
        level = self.catalog.level(f"L{section.level}")
        carrier = self.catalog.maturity_reading.organisation_priorities.carrier
        block = self.catalog.priorities_of(f"CL{section.level}")
        carried = tuple(
            item.clause
            for dimension in block.dimensions
            for item in (
                *dimension.items,
                *(i for sub in dimension.sub_areas for i in sub.items),
            )
            if carrier(item.clause) == section.subdomain
        )
        title = Text(
            zh=f"{self._domain_name(domain, 'zh')}·{section.name.zh} 达到{level.name.zh}要求",
            en=f"{self._domain_name(domain, 'en')} · {section.name.en}: meet the "
            f"{level.name.en.lower()} items",
        )
        return self._add(
            Step(
                sid,
                "requirement",
                title,
                ORGANISATION,
                periods,
                rate,
                staff,
                clauses=(f"10004 {section.clause}",),
                priorities=carried,
                subdomain=section.subdomain,
                maturity_level=section.level,
                meets=missing,
            ),
            before,
        )

    def _domain_name(self, domain: str, lang: str) -> str:
        for d in self.catalog.domains:
            if d.id == domain:
                return d.name.get(lang)
        return domain
