"""Organisation state: unit levels and depth stages, modules formed, requirement items met;
the one tier definition.

Solver-free. A Table 1 row is met when (a) its maturity level holds on the requirement items
(``planner.compile.maturity``, 10004 5.2.1–5.6.1) and (b) its breadth × depth holds over a scope of
units. The same code evaluates the current state, every point of a roadmap's tier trajectory,
the validator's tier check and the assessment's tier.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise

from catalog import Catalog
from catalog.models.base import Text
from catalog.models.maturity import LEVEL_IDS, TierRow
from planner.compile.maturity import Maturity

ORGANISATION = "organisation"  # group of whole-organisation units (main_scenario: null)
PARTNERS = "partners"
ECOSYSTEM = "ecosystem"


@dataclass(frozen=True)
class Unit:
    """A resolved capability unit of the organisation."""

    id: str
    name: Text
    perspective: str
    group: str  # main scenario id, or ORGANISATION / PARTNERS / ECOSYSTEM
    scope: str
    key: bool
    prerequisites: tuple[str, ...]
    from_library: bool
    department: str | None = None  # 一级部门 (organisational boundary, 20001 6.2 b)
    process_step: str | None = None  # 业务环节 (10004 6.1 b, c)
    chains: tuple[str, ...] = ()  # business chains the unit lies on (20001 6.3.3)

    @property
    def boundary(self) -> str:
        """The unit's department; a unit without one is an organisational boundary of its own."""
        return self.department or f"unit:{self.id}"


@dataclass(frozen=True)
class OrgState:
    """What has been reached: level and stage per unit, existing units and modules."""

    levels: dict[str, int]
    stages: dict[str, int]
    exists: frozenset[str]
    nodes: frozenset[str] = frozenset()
    flows: frozenset[str] = frozenset()
    network: bool = False
    ecosystem: bool = False
    items: frozenset[str] = frozenset()  # 10004 5.2–5.6 requirement items met
    models: frozenset[tuple[str, int]] = frozenset()  # (scope label, stage): a scope's model

    def with_model(self, scope: str, stage: int) -> OrgState:
        return replace(self, models=self.models | {(scope, stage)})

    def with_items(self, items: Iterable[str]) -> OrgState:
        return replace(self, items=self.items | frozenset(items))

    def with_level(self, unit: str, level: int) -> OrgState:
        levels = dict(self.levels)
        levels[unit] = max(levels[unit], level)
        return replace(self, levels=levels, exists=self.exists | {unit})

    def with_stage(self, unit: str, stage: int) -> OrgState:
        stages = dict(self.stages)
        stages[unit] = max(stages[unit], stage)
        return replace(self, stages=stages)


@dataclass(frozen=True)
class RowReading:
    """A Table 1 row read as required states (catalogue tier mapping, possibly overridden).

    Rows whose key requirements carry '或' alternatives have one reading per alternative;
    ``key`` is the row id, or ``<row id>/alt<n>`` for an alternative.
    """

    key: str
    row: TierRow
    rule: str
    capability_level: int
    stage: int
    module: str | None
    rationale: Text
    scope_model: bool = False  # the stage asks a model over the whole scope (scope_models)
    breadth: str = ""  # the breadth (row or alternative) the rule comes from
    depth: str = ""  # the depth (row, override or alternative) the stage comes from
    alternative: int = 0  # 0: the row as written; n: its n-th '或' alternative


CHAIN_FLOW = "chain:"  # a flow formed along a business chain is "chain:<chain id>"


@dataclass(frozen=True)
class Scope:
    """A concrete set of units a breadth rule picks, with a label for people.

    ``basis`` says what picked the units: ("department", group, department), ("step", step),
    ("chain", chain, step, step) or () for the other rules. ``on_chains`` gives, per internal
    group, the chains each of the group's units in the scope lies on (for chain flows).
    """

    units: tuple[str, ...]
    groups: tuple[str, ...]
    label: str
    basis: tuple[str, ...] = ()
    on_chains: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = ()


@dataclass
class Organisation:
    """The resolved organisation: units in order and its main scenarios."""

    industry: str
    main_scenarios: tuple[str, ...]
    units: dict[str, Unit] = field(default_factory=dict)
    chains: dict[str, tuple[str, ...]] = field(default_factory=dict)  # chain → steps in order

    def key_units(self, group: str | None = None, scope: str = "internal") -> list[Unit]:
        return [
            u
            for u in self.units.values()
            if u.key and u.scope == scope and (group is None or u.group == group)
        ]

    def internal_groups(self) -> tuple[str, ...]:
        groups = [*self.main_scenarios]
        if self.key_units(ORGANISATION):
            groups.append(ORGANISATION)
        return tuple(groups)


def row_readings(catalog: Catalog) -> dict[str, RowReading]:
    mapping = catalog.tier_mapping
    rules = {b.breadth: b.rule for b in mapping.breadth_scopes}
    forms = {f.level: f for f in mapping.level_forms}
    stages = {d.depth: d.stage for d in mapping.depth_stages}
    min_level = {d.stage: int(d.min_capability_level[2:]) for d in mapping.depth_stages}
    by_row = {o.row: o for o in mapping.rows}
    modelled = {stages[m.depth] for m in mapping.scope_models}
    out = {}
    for row in catalog.tier_rows:
        form = forms[row.level]
        cl, depth, module = form.capability_level, row.depth, form.module
        o = by_row.get(row.id)
        rationale = o.rationale if o else Text(zh=row.id, en=row.id)
        if o is not None:
            cl = o.capability_level or cl
            depth = o.depth or depth
            module = o.module if o.module is not None else module
        out[row.id] = RowReading(
            row.id,
            row,
            rules[row.breadth],
            int(cl[2:]),
            stages[depth],
            module,
            rationale,
            scope_model=stages[depth] in modelled,
            breadth=row.breadth,
            depth=depth,
        )
        for n, alt in enumerate(o.alternatives if o else (), start=1):
            stage = stages[alt.depth]
            level = max(int(cl[2:]), min_level[stage])
            key = f"{row.id}/alt{n}"
            out[key] = RowReading(
                key,
                row,
                rules[alt.breadth],
                level,
                stage,
                module,
                alt.rationale,
                scope_model=stage in modelled,
                breadth=alt.breadth,
                depth=alt.depth,
                alternative=n,
            )
    return out


def _scope(
    org: Organisation,
    units: list[Unit],
    label: str,
    groups: tuple[str, ...] | None = None,
    basis: tuple[str, ...] = (),
) -> Scope:
    order = (*org.internal_groups(), PARTNERS, ECOSYSTEM)
    if groups is None:
        groups = tuple(sorted({u.group for u in units}, key=order.index))
    on_chains = tuple(
        (g, tuple(u.chains for u in units if u.group == g))
        for g in groups
        if g not in (PARTNERS, ECOSYSTEM) and any(u.group == g for u in units)
    )
    return Scope(tuple(u.id for u in units), groups, label, basis, on_chains)


def _department_scopes(org: Organisation) -> Iterator[Scope]:
    """单部门单环节: one department within one group, or one process step (10004 6.1 b)."""
    for group in org.internal_groups():
        units = org.key_units(group)
        for dept in sorted({u.boundary for u in units}):
            picked = [u for u in units if u.boundary == dept]
            yield _scope(org, picked, f"{group}:{dept}", basis=("department", group, dept))
    units = org.key_units()
    for step in sorted({u.process_step for u in units if u.process_step}):
        picked = [u for u in units if u.process_step == step]
        yield _scope(org, picked, f"step:{step}", basis=("step", step))


def _chain_scopes(org: Organisation) -> Iterator[Scope]:
    """跨部门跨环节: two neighbouring steps of one chain, of at least two departments
    (10004 6.1 c '跨部门……且跨业务环节')."""
    for chain, steps in org.chains.items():
        on = [u for u in org.key_units() if chain in u.chains]
        populated = [s for s in steps if any(u.process_step == s for u in on)]
        for a, b in pairwise(populated):
            picked = [u for u in on if u.process_step in (a, b)]
            if len({u.boundary for u in picked}) >= 2:
                yield _scope(org, picked, f"{chain}:{a}+{b}", basis=("chain", chain, a, b))


def scopes(rule: str, org: Organisation) -> Iterator[Scope]:
    """Every concrete unit set a breadth rule can pick in this organisation (each once)."""
    seen: set[frozenset[str]] = set()
    for scope in _scopes(rule, org):
        if frozenset(scope.units) not in seen:
            seen.add(frozenset(scope.units))
            yield scope


def _scopes(rule: str, org: Organisation) -> Iterator[Scope]:
    if rule == "one_unit":
        for unit in org.key_units():
            yield _scope(org, [unit], unit.id)
        return
    if rule == "one_department_or_step":
        yield from _department_scopes(org)
        return
    if rule == "departments_and_steps_on_chain":
        yield from _chain_scopes(org)
        return
    if rule == "one_scenario":
        for scenario in org.main_scenarios:
            units = org.key_units(scenario)
            if units:
                yield _scope(org, units, scenario, (scenario,))
        return
    units = org.key_units()
    groups = list(org.internal_groups())
    if rule in ("with_partners", "with_ecosystem"):
        units += org.key_units(scope="partner")
        groups.append(PARTNERS)
    if rule == "with_ecosystem":
        units += org.key_units(scope="ecosystem")
        groups.append(ECOSYSTEM)
    if units:
        yield _scope(org, units, rule, tuple(groups))


def satisfies(
    state: OrgState, reading: RowReading, scope: Scope, org: Organisation, maturity: Maturity
) -> bool:
    """The one tier definition for one row over one scope: (a) and (b) above."""
    return level_holds(state, reading, maturity) and scope_holds(state, reading, scope)


def level_holds(state: OrgState, reading: RowReading, maturity: Maturity) -> bool:
    """(a) The row's maturity level holds on the requirement items met."""
    return maturity.holds(state.items, LEVEL_IDS.index(reading.row.level) + 1)


def scope_holds(state: OrgState, reading: RowReading, scope: Scope) -> bool:
    """(b) The row's capability level, depth stage and module form hold over the scope, and
    the scope's model of that stage is built where the stage asks one (scope_models)."""
    for unit in scope.units:
        if state.levels[unit] < reading.capability_level or state.stages[unit] < reading.stage:
            return False
    if reading.scope_model and not model_built(state, scope, reading.stage):
        return False
    return module_formed(state, reading.module, scope)


def model_built(state: OrgState, scope: Scope, stage: int) -> bool:
    """The scope's model of ``stage`` or of a deeper stage exists."""
    return any(label == scope.label and s >= stage for label, s in state.models)


def derive_models(state: OrgState, org: Organisation, readings: dict[str, RowReading]) -> OrgState:
    """Labelled default: a scope whose units are all at a model stage today has its model."""
    models = set(state.models)
    for reading in readings.values():
        if not reading.scope_model:
            continue
        for scope in scopes(reading.rule, org):
            if scope.units and all(state.stages[u] >= reading.stage for u in scope.units):
                models.add((scope.label, reading.stage))
    return replace(state, models=frozenset(models))


def module_formed(state: OrgState, module: str | None, scope: Scope) -> bool:
    """Whether the module form a reading asks for exists over the scope."""
    if module == "node":
        return all(u in state.nodes for u in scope.units)
    if module == "flow":
        internal = [g for g in scope.groups if g not in (PARTNERS, ECOSYSTEM)]
        along = dict(scope.on_chains)
        return all(g in state.flows or chains_cover(state, along.get(g, ())) for g in internal)
    if module == "network":
        return state.network
    if module == "ecosystem":
        return state.ecosystem
    return True


def chains_cover(state: OrgState, units_chains: tuple[tuple[str, ...], ...]) -> bool:
    """Each unit (given by the chains it lies on) lies on a chain whose flow is formed."""
    return bool(units_chains) and all(
        any(CHAIN_FLOW + c in state.flows for c in chains) for chains in units_chains
    )


@dataclass(frozen=True)
class TierReached:
    tier: int
    row: str | None
    scope: str | None
    level: str | None


def evaluate_tier(
    state: OrgState,
    org: Organisation,
    readings: dict[str, RowReading],
    maturity: Maturity | None,
) -> TierReached:
    """The highest Table 1 row the state satisfies (tier 0 when none).

    ``maturity=None`` checks breadth × depth alone: only to derive a default for the items
    met from unit states (maturity_reading.yaml ``derived_items``), never to claim a tier.
    """
    best = TierReached(0, None, None, None)
    for reading in readings.values():
        row = reading.row
        if (row.tier, row.level) <= (best.tier, best.level or ""):
            continue
        if maturity is not None and not level_holds(state, reading, maturity):
            continue
        for scope in scopes(reading.rule, org):
            if scope_holds(state, reading, scope):
                best = TierReached(row.tier, reading.key, scope.label, row.level)
                break
    return best


def rows_meeting(readings: Iterable[RowReading], tier: int) -> list[RowReading]:
    return [r for r in readings if r.row.tier >= tier]
