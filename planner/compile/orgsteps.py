"""The organisation's own steps: requirement work (10004 5.2–5.6), the scope's model (Table 1
key requirement 2) and scope work (20001 Appendix A priorities tied to a scope).

``OrganisationSteps`` is the base of ``planner.compile.steps.StepFactory``; unit and module steps are
made there, and reached from here only through ``reach_stage``.
"""

from __future__ import annotations

from catalog.models.base import Lang, Text
from planner.compile.maturity import SectionWork
from planner.compile.state import ORGANISATION, Scope, model_built
from planner.compile.step import Step, StepBase, StepError
from planner.model.enums import StepKind

ADVANTAGE = "strategy.competitive_advantage"  # first within strategy (order advantage_first)
ADVANTAGE_FOLLOWERS = ("strategy.business_scenario", "strategy.value_model")


class OrganisationSteps(StepBase):
    """Steps of the organisation as a whole or of a scope, memoised by id."""

    # -- the scope's model (Table 1 key requirement 2) --------------------------------------
    def scope_model(self, scope: Scope, stage: int) -> str:
        """One step building the scope's model of a stage, after every unit's deepening."""
        depth = self.stages.depth(stage)
        sid = f"model:{depth}:{scope.label}"
        if sid in self.steps:
            return sid
        models = self.catalog.tier_mapping.scope_models
        model = next(m for m in models if m.depth == depth)
        before = [sid for u in scope.units for sid in self.reach_stage(u, stage)[-1:]]
        shallower = self.stages.depth(stage - 1)
        if any(m.depth == shallower for m in models) and not model_built(
            self.state, scope, stage - 1
        ):  # a deeper model is built on the shallower one (tier_mapping.yaml scope_models)
            before.append(self.scope_model(scope, stage - 1))
        base = self.catalog.effort.scope_model[depth]  # type: ignore[index]
        per_unit = self.catalog.effort.scope_model_per_unit
        if per_unit is not None:
            base = base.model_copy(update={"cost": base.cost + per_unit.cost * len(scope.units)})
        periods, rate, staff = self._effort(base, StepKind.MODEL, None, None, None)
        groups = [g for g in scope.groups]
        group = groups[0] if len(groups) == 1 else ORGANISATION
        name = self._scope_name(scope)
        title = Text(
            zh=f"构建{name.zh}{model.name.zh}", en=f"Build the {model.name.en} of {name.en}"
        )
        return self._add(
            Step(
                sid,
                StepKind.MODEL,
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

    # -- scope work (20001 Appendix A priorities tied to a scope) ---------------------------
    def scope_work(self, scope: Scope, level: int) -> list[str]:
        """The scope work of CL{level} over a scope (maturity_reading.yaml scope_priorities):
        one step per scope, or per main scenario of the scope where the priorities are tied to
        the key business scenario; none where every unit of that part is at CL{level} already
        or the reading ties no priority of CL{level} to a scope."""
        reading = self.catalog.maturity_reading.scope_priorities
        entry = reading.of_level(level) if reading is not None else None
        if entry is None:
            return []
        parts: list[tuple[str, str, tuple[str, ...]]] = []  # (id suffix, group, units)
        if entry.per == "scenario" and len(scope.groups) > 1:
            for group in scope.groups:
                units = tuple(u for u in scope.units if self.org.units[u].group == group)
                parts.append((f"{scope.label}/{group}", group, units))
        else:
            group = scope.groups[0] if len(scope.groups) == 1 else ORGANISATION
            parts.append((scope.label, group, scope.units))
        out = []
        for label, group, units in parts:
            todo = [u for u in units if self.state.levels[u] < level]
            if not todo:
                continue
            out.append(self._scope_work(label, group, todo, level, entry.clauses, entry.tied_to))
        return out

    def _scope_work(
        self,
        label: str,
        group: str,
        units: list[str],
        level: int,
        priorities: tuple[str, ...],
        tied_to: Text,
    ) -> str:
        sid = f"scope:CL{level}:{label}"
        if sid in self.steps:
            return sid
        base = self.catalog.effort.scope_work.get(f"CL{level}")  # type: ignore[call-overload]
        if base is None:
            raise StepError(
                f"工作量假设缺少CL{level}的范围工作（effort.yaml scope_work）",
                f"effort.yaml has no scope work at CL{level}",
            )
        periods, rate, staff = self._effort(
            base, StepKind.SCOPE, None, None, None, covers=len(units)
        )
        first = self.unit_phases[0]
        before = []
        for unit in units:
            self.reach_level(unit, level)
            before.append(f"upgrade:{unit}:CL{level}:{first}")
        if group in self.org.main_scenarios:  # the scope's name, never one of its units
            name = Text(zh=self._group_name(group, "zh"), en=self._group_name(group, "en"))
        else:
            name = Text(zh="全组织", en="the whole organisation")
        title = Text(
            zh=f"{name.zh} CL{level}范围建设重点（{tied_to.zh}）",
            en=f"{name.en}: CL{level} priorities of {tied_to.en}",
        )
        return self._add(
            Step(
                sid,
                StepKind.SCOPE,
                title,
                group,
                periods,
                rate,
                staff,
                capability_level=level,
                dimension="element",
                clauses=tuple(f"20001 {c}" for c in priorities),
                priorities=priorities,
                scope=label,
            ),
            before,
        )

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
            base, StepKind.REQUIREMENT, None, section.level, None, section.subdomain
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
        elif section.subdomain in ADVANTAGE_FOLLOWERS and self.ordered("advantage_first"):
            before += [
                self._requirement(s, m)
                for s, m in self.maturity.unmet(self.state.items, section.level)
                if s.subdomain == ADVANTAGE and s.level == section.level
            ]
        level = self.catalog.level(f"L{section.level}")
        carrier = self.catalog.maturity_reading.organisation_priorities.carrier
        block = self.catalog.priorities_of(f"CL{section.level}")
        carried = tuple(
            clause
            for dimension in block.dimensions
            for item in (
                *dimension.items,
                *(i for sub in dimension.sub_areas for i in sub.items),
            )
            for clause in (
                (item.clause,)
                if carrier(item.clause) == section.subdomain
                else (b.clause for b in item.items if carrier(b.clause) == section.subdomain)
            )
        )
        title = Text(
            zh=f"{self._domain_name(domain, 'zh')}·{section.name.zh} 达到{level.name.zh}要求",
            en=f"{self._domain_name(domain, 'en')} · {section.name.en}: meet the "
            f"{level.name.en.lower()} items",
        )
        return self._add(
            Step(
                sid,
                StepKind.REQUIREMENT,
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

    def _domain_name(self, domain: str, lang: Lang) -> str:
        for d in self.catalog.domains:
            if d.id == domain:
                return d.name.get(lang)
        return domain
