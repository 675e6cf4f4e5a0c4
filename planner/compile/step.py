"""One step of a roadmap, and the base every step factory builds on: effort and memoising.

``Step`` lives apart from the factories (``planner.compile.steps`` for unit and module work,
``planner.compile.orgsteps`` for the organisation's requirement work, scope models and scope work) so
that they can share it without importing each other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import networkx as nx

from catalog import Catalog
from catalog.models.base import Lang, Text
from catalog.models.capability import PHASES
from catalog.models.effort import Effort
from planner.compile.maturity import Maturity
from planner.compile.sizing import Sizing
from planner.compile.spread import Spread, SpreadBuilder
from planner.compile.stages import Stages
from planner.compile.state import ECOSYSTEM, ORGANISATION, PARTNERS, Organisation, OrgState
from planner.model.enums import StepKind
from planner.model.money import MONEY_SCALE
from planner.model.problem import Problem

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


class StepError(Exception):
    """A step that cannot exist in this organisation (e.g. a flow over one perspective)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.text = Text(zh=zh, en=en)


@dataclass(frozen=True)
class Step:
    """One schedulable piece of work, with integer duration, spend rate and staff."""

    id: str
    kind: StepKind
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
    scope: str | None = None  # scope model / scope work: the label of the scope it spans
    spread: Spread | None = None  # low / most likely / high of months, cost, staff (risk)

    @property
    def cost(self) -> int:
        return self.rate * self.duration


class StepBase:
    """What every step factory shares: the problem, the effort of a step, memoised steps and
    the precedence DAG (networkx)."""

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
        self.stages = Stages.of(catalog)
        reading = catalog.maturity_reading.organisation_priorities
        self.unit_phases = tuple(p for p in PHASES if p in reading.unit_phases)
        self.steps: dict[str, Step] = {}
        self.graph: nx.DiGraph = nx.DiGraph()
        self.sizing = Sizing(problem, catalog, org)
        self._spread: Spread | None = None  # the range of the effort computed last

    def ordered(self, rule: str) -> bool:
        """Whether an order rule of maturity_reading.yaml ``order`` applies."""
        return self.catalog.maturity_reading.ordered(rule)

    def reach_stage(self, unit: str, stage: int) -> list[str]:
        """Steps that bring the unit to a depth stage (``planner.compile.steps.StepFactory``)."""
        raise NotImplementedError

    def reach_level(self, unit: str, level: int) -> list[str]:
        """Steps that bring the unit to a capability level (``planner.compile.steps.StepFactory``)."""
        raise NotImplementedError

    def _effort(
        self,
        base: Effort,
        kind: StepKind,
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
            PHASE_DIMENSION[phase] if phase else ("element" if kind == StepKind.DEEPENING else None)
        )
        for o in self.problem.overrides.effort:
            if (
                o.unit not in (None, unit)
                or o.kind not in (None, kind)
                or o.phase not in (None, phase)
                or o.dimension not in (None, dimension)
                or o.subdomain not in (None, subdomain)
                or (
                    o.level is not None and (kind != StepKind.REQUIREMENT or o.level != f"L{level}")
                )
            ):
                continue
            if o.capability_level is not None and (
                level is None
                or kind == StepKind.REQUIREMENT
                or int(o.capability_level[2:]) != level
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
                step = replace(step, spread=spread)
            self.steps[step.id] = step
            self.graph.add_node(step.id)
        for pred in after:
            self.graph.add_edge(pred, step.id)
        return step.id

    def _group_name(self, group: str, lang: Lang) -> str:
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
