"""Steps of a roadmap (decomposition, combination, upgrade, deepening) and their precedence DAG.

A StepFactory creates, on demand, every step some route to the target could need; each step
knows the clauses and building priorities (20001 Appendix A) it carries out. Precedence is
kept in a networkx DAG. The organisation's own steps (requirement work, scope models, scope
work) come from ``planner.compile.orgsteps``; ``Step`` itself from ``planner.compile.step``.
"""

from __future__ import annotations

from catalog.models.base import Item, Text
from planner.compile.orgsteps import OrganisationSteps
from planner.compile.state import ECOSYSTEM, PARTNERS, Unit
from planner.compile.step import PHASE_DIMENSION, PHASE_NAMES, Step, StepError
from planner.model.enums import StepKind

PARADIGM_CLAUSE = {"node": "6.3.2", "flow": "6.3.3", "network": "6.3.4", "ecosystem": "6.3.5"}


class StepFactory(OrganisationSteps):
    """Creates steps and precedence edges lazily and memoises them by id."""

    # -- decomposition -------------------------------------------------------------------
    def decomposition(self, group: str) -> str:
        sid = f"decompose:{group}"
        if sid in self.steps:
            return sid
        periods, rate, staff = self._effort(
            self.catalog.effort.decomposition, StepKind.DECOMPOSITION, None, None, None
        )
        title = Text(
            zh=f"能力分解：{self._group_name(group, 'zh')}",
            en=f"Decompose capability need: {self._group_name(group, 'en')}",
        )
        return self._add(
            Step(
                sid,
                StepKind.DECOMPOSITION,
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
        solution = (  # the four elements are planned before the element work
            self.requirement_steps(level, "solution")
            if self.ordered("solution_before_elements")
            else []
        )
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
            periods, rate, staff = self._effort(base, StepKind.UPGRADE, unit, level, phase)
            title = Text(
                zh=f"{u.name.zh} 升级至CL{level}：{PHASE_NAMES[phase].zh}",
                en=f"{u.name.en} to CL{level}: {PHASE_NAMES[phase].en}",
            )
            if phase == "plan":
                after = before
            elif phase == "evaluate":  # after the element/management work and the governance
                after = (middle or ids[:1]) + governance
            else:
                after = ids[:1] + solution
            dimension = PHASE_DIMENSION[phase]
            ids.append(
                self._add(
                    Step(
                        f"upgrade:{unit}:CL{level}:{phase}",
                        StepKind.UPGRADE,
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
        carried by the requirement work instead, once per level; priorities tied to a scope
        (``scope_priorities``) by the scope work, once per scope.
        """
        reading = self.catalog.maturity_reading
        carrier = reading.organisation_priorities.carrier
        scope = reading.scope_priorities

        def own(i: Item) -> bool:
            return carrier(i.clause) is None and (scope is None or not scope.tied(i.clause))

        out: list[Item] = []
        for i in self.phase_priorities(level, phase):
            if own(i):  # an item some of whose bullets others carry: the unit keeps the rest
                split = any(not own(b) for b in i.items)
                out.extend([b for b in i.items if own(b)] if split else [i])
        return tuple(out)

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
        sid = f"deepen:{unit}:{self.stages.depth(stage)}"
        if sid in self.steps:
            return sid
        u = self.org.units[unit]
        before = []
        if stage - 1 > self.state.stages[unit]:
            before.append(self._deepen(unit, stage - 1))
        before.extend(self.reach_level(unit, self.stages.min_level(stage))[-1:])
        depth = self.catalog.depth(self.stages.depth(stage))
        periods, rate, staff = self._effort(
            self.catalog.effort.deepening[depth.id],
            StepKind.DEEPENING,
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
                StepKind.DEEPENING,
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
            StepKind.COMBINATION,
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
                StepKind.COMBINATION,
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
        if self.ordered("node_after_strategy"):  # the strategy decides the modules
            before += self.requirement_steps(2, "strategy")
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
