"""From the Table 1 answers and the overall level to unit states and modules (the planner's view).

The mapping follows the catalogue tier mapping (breadth rules, level forms, depth stages) and
the unit library; the choices the catalogue leaves open are written down in
assessment_scoring.yaml ``table1.units``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from catalog import Catalog
from catalog.models.base import Text
from catalog.models.maturity import LEVEL_IDS
from planner.assessment.models import (
    ORGANISATION_GROUP,
    Assessment,
    GroupAnswer,
    GroupState,
    UnitState,
)
from planner.assessment.rules import ASPECTS, ScoringRules
from planner.compile.state import ECOSYSTEM, PARTNERS, Organisation, OrgState, Unit, scopes

ORGANISATION_NAME = Text(zh="全组织（企业）", en="Whole organisation (enterprise)")


@dataclass
class Situation:
    """Units, their states and the modules formed: what the tier is evaluated on."""

    org: Organisation  # the planner's organisation: library units in their groups
    level: int  # overall maturity level 0–5
    groups: dict[str, GroupState] = field(default_factory=dict)
    levels: dict[str, int] = field(default_factory=dict)
    stages: dict[str, int] = field(default_factory=dict)
    exists: set[str] = field(default_factory=set)
    nodes: set[str] = field(default_factory=set)
    flows: set[str] = field(default_factory=set)
    network: bool = False
    ecosystem: bool = False
    items: frozenset[str] = frozenset()  # requirement items met (scoring.met_items)
    not_applicable: dict[str, Text] = field(default_factory=dict)  # answered N/A, with reasons

    def state(self) -> OrgState:
        """The planner's view of the unit and module states."""
        return OrgState(
            dict(self.levels),
            dict(self.stages),
            frozenset(self.exists),
            frozenset(self.nodes),
            frozenset(self.flows),
            self.network,
            self.ecosystem,
            self.items,
        )

    def answer_group(self, unit: Unit) -> str:
        """The Table 1 group whose answers cover the unit (partners: the organisation's)."""
        return ORGANISATION_GROUP if unit.group in (PARTNERS, ECOSYSTEM) else unit.group


def organisation_of(industry: str, scenarios: tuple[str, ...], catalog: Catalog) -> Organisation:
    """The industry's library units for these main scenarios (as the planner resolves them)."""
    org = Organisation(industry, scenarios)
    org.chains = {c.id: c.steps for c in catalog.unit_library.breadth.chains}
    for t in catalog.units_for(industry):
        home = t.main_scenario
        if t.scope == "internal" and home is not None and home not in scenarios:
            continue
        group = {"partner": PARTNERS, "ecosystem": ECOSYSTEM}.get(
            t.scope, t.main_scenario or ORGANISATION_GROUP
        )
        org.units[t.id] = Unit(
            t.id,
            t.name,
            t.perspective,
            group,
            t.scope,
            t.key,
            t.prerequisites,
            True,
            t.department,
            t.process_step,
            t.chains,
        )
    for uid, unit in list(org.units.items()):  # prerequisites on units left out are dropped
        kept = tuple(p for p in unit.prerequisites if p in org.units)
        org.units[uid] = replace(unit, prerequisites=kept)
    return org


def stage_of(catalog: Catalog) -> dict[str, int]:
    return {d.depth: d.stage for d in catalog.tier_mapping.depth_stages}


def asked_aspects(catalog: Catalog) -> dict[int, set[str]]:
    """Per depth stage, the aspects Table 1 states key requirements for at that depth."""
    stages = stage_of(catalog)
    out: dict[int, set[str]] = {s: set() for s in range(1, 7)}
    for row in catalog.tier_rows:
        out[stages[row.depth]] |= {k.aspect for k in row.key_requirements}
    return out


def depth_reached(answer: GroupAnswer, catalog: Catalog) -> int:
    """The highest stage s such that every aspect asked at any stage ≤ s is reached."""
    stages = stage_of(catalog)
    reached = {a: stages.get(getattr(answer, a), 0) for a in ASPECTS}
    depth = 0
    for s, aspects in sorted(asked_aspects(catalog).items()):
        if any(reached[a] < s for a in aspects):
            break
        depth = s
    return depth


def covered(group: str, breadth: str, situation: Situation, rules: ScoringRules) -> list[str]:
    """The units a group's breadth covers (assessment_scoring.yaml table1.units).

    Read as the planner reads breadth (tier_mapping.yaml): 单部门单环节 covers the key units
    of one department or process step of the group, 跨部门跨环节 those of two neighbouring
    steps of one chain (of at least two departments) within the group; where several scopes
    fit, the one with the most units (then the first). Without a chain scope inside the
    group, 跨部门跨环节 covers the key units of its two largest departments.
    """
    units = situation.org.units.values()
    if group == ORGANISATION_GROUP:
        reach = rules.table1.organisation_breadths.index(breadth)
        picked = (ORGANISATION_GROUP, PARTNERS, ECOSYSTEM)[:reach]
        return [u.id for u in units if u.group in picked]
    if breadth == "none":
        return []
    if breadth == "main_scenario":
        return [u.id for u in units if u.group == group and u.scope == "internal"]
    key = situation.org.key_units(group)
    mine = {u.id for u in key}
    rule = "departments_and_steps_on_chain" if breadth == "cross_department" else ""
    rule = rule or "one_department_or_step"
    fitting = [s.units for s in scopes(rule, situation.org) if set(s.units) <= mine]
    if breadth == "cross_department" and not fitting:
        counts = Counter(u.boundary for u in key)
        two = sorted(counts, key=lambda d: (-counts[d], d))[:2]
        fitting = [tuple(u.id for u in key if u.boundary in two)] if two else []
    best = max(fitting, key=len, default=())
    if breadth == "single_point":
        return list(best[:1])
    return list(best)


def build_situation(
    assessment: Assessment,
    level: int,
    catalog: Catalog,
    rules: ScoringRules,
    capability: dict[str, int] | None = None,
) -> Situation:
    """Unit states and modules from the Table 1 answers and the capability levels.

    A unit's capability level is the level its perspective's 新型能力 subdomain attains
    (``capability``: perspective → level 0–5; default: the overall level for all), so one
    unmet governance item does not lower every unit: the maturity level is checked on the
    requirement items by the tier definition itself.
    """
    org = assessment.organisation
    industry = catalog.industry(org.industry)
    scenarios = org.main_scenarios or tuple(m.id for m in industry.main_scenarios)
    names = {m.id: m.name for m in industry.main_scenarios}
    situation = Situation(organisation_of(org.industry, scenarios, catalog), level)
    forms = {f.level: int(f.capability_level[2:]) for f in catalog.tier_mapping.level_forms}
    min_level = {
        d.stage: int(d.min_capability_level[2:]) for d in catalog.tier_mapping.depth_stages
    }
    depth_ids = {s: d for d, s in stage_of(catalog).items()}

    def form_level(unit: Unit) -> int:
        own = level if capability is None else capability.get(unit.perspective, level)
        return forms[LEVEL_IDS[own - 1]] if own > 0 else 0

    for uid in situation.org.units:
        situation.levels[uid] = situation.stages[uid] = 0
    for group in (*scenarios, ORGANISATION_GROUP):
        answer = assessment.table1.get(group, GroupAnswer())
        stage = depth_reached(answer, catalog)
        units = covered(group, answer.breadth, situation, rules)
        situation.groups[group] = GroupState(
            group=group,
            name=names.get(group, ORGANISATION_NAME),
            breadth=answer.breadth,
            aspects={a: getattr(answer, a) for a in ASPECTS},
            depth=depth_ids.get(stage),
            stage=stage,
            units=tuple(units),
        )
        for uid in units:
            situation.exists.add(uid)
            own = form_level(situation.org.units[uid])
            if own > 0:
                situation.levels[uid] = max(own, min_level.get(stage, 0))
                situation.stages[uid] = stage
            if own >= 2:
                situation.nodes.add(uid)
    for group in situation.org.internal_groups():
        key = situation.org.key_units(group)
        if len({u.perspective for u in key}) >= 2 and all(
            u.id in situation.exists and situation.levels[u.id] >= 3 for u in key
        ):
            situation.flows.add(group)
    org_breadth = situation.groups[ORGANISATION_GROUP].breadth
    order = rules.table1.organisation_breadths
    all_flows = set(situation.org.internal_groups()) <= situation.flows
    situation.network = (
        level >= 4
        and order.index(org_breadth) >= order.index("platform_user_group")
        and all_flows
        and bool(situation.org.key_units(scope="partner"))
    )
    situation.ecosystem = (
        level >= 5
        and situation.network
        and org_breadth == "ecosystem"
        and bool(situation.org.key_units(scope="ecosystem"))
    )
    return situation


def unit_states(situation: Situation) -> tuple[UnitState, ...]:
    return tuple(
        UnitState(
            unit=u.id,
            name=u.name,
            group=u.group,
            perspective=u.perspective,
            scope=u.scope,
            key=u.key,
            level=situation.levels[u.id],
            stage=situation.stages[u.id],
            exists=u.id in situation.exists,
            node=u.id in situation.nodes,
        )
        for u in situation.org.units.values()
    )
