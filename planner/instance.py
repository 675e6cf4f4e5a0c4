"""Compile a Problem into an Instance: units, initial state, steps, DAG, routes and limits.

Everything here is plain data the CP-SAT backend, the greedy baseline and the validator all
read; no solver import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from catalog import Catalog, load_catalog
from catalog.errors import DataError
from catalog.models.base import Text
from planner.organisation import DerivedState, initial_state, resolve_organisation
from planner.problem import Problem
from planner.state import (
    Organisation,
    OrgState,
    RowReading,
    Scope,
    evaluate_tier,
    row_readings,
    scopes,
)
from planner.steps import MONEY_SCALE, Step, StepError, StepFactory
from planner.userwork import Locks, add_user_work, apply_progress


@dataclass(frozen=True)
class Route:
    """One way to reach the target: a Table 1 row over a concrete scope of units."""

    id: str
    row: str
    tier: int
    level: str
    scope: Scope
    reading: RowReading
    targets: tuple[str, ...]  # steps whose completion meets the row
    steps: frozenset[str]  # targets and all their predecessors


@dataclass(frozen=True)
class YearWindow:
    year: int
    first: int  # first period of the year within the horizon
    last: int  # one past the last period
    cap: int | None  # money cap in yuan (万元 × 10,000)


@dataclass
class Instance:
    """Everything a backend, the baseline or the validator needs, as plain integers and ids."""

    problem: Problem
    catalog: Catalog
    org: Organisation
    state: OrgState
    derived: DerivedState | None
    readings: dict[str, RowReading]
    current_tier: int
    target_tier: int | None
    steps: dict[str, Step]
    graph: nx.DiGraph
    routes: tuple[Route, ...]
    horizon: int
    staff_profile: list[int] | None
    budget: int | None
    years: tuple[YearWindow, ...]
    skipped_rows: dict[str, Text] = field(default_factory=dict)
    resources: dict[str, list[int]] = field(default_factory=dict)
    user_precedences: tuple[tuple[str, str], ...] = ()
    locks: Locks = field(default_factory=Locks)

    @property
    def objective(self) -> str:
        return self.problem.objective

    def predecessors(self, step_id: str) -> list[str]:
        return sorted(self.graph.predecessors(step_id))


def _harder(a: RowReading, b: RowReading) -> bool:
    """Reading a asks at least as much as reading b on every axis (so b is never worse)."""
    forms = [None, "node", "flow", "network", "ecosystem"]
    return (
        a.key != b.key
        and a.capability_level >= b.capability_level
        and a.stage >= b.stage
        and forms.index(a.module) >= forms.index(b.module)
        and a.rule in _NESTED.get(b.rule, ())
    )


# breadth rules whose scopes contain a scope of the other rule for every organisation
_NESTED = {
    "one_unit": (
        "one_unit",
        "one_perspective_in_scenario",
        "two_perspectives_in_scenario",
        "one_scenario",
        "all_scenarios",
        "with_partners",
        "with_ecosystem",
    ),
    "one_perspective_in_scenario": (
        "one_perspective_in_scenario",
        "two_perspectives_in_scenario",
        "one_scenario",
        "all_scenarios",
        "with_partners",
        "with_ecosystem",
    ),
    "two_perspectives_in_scenario": (
        "two_perspectives_in_scenario",
        "one_scenario",
        "all_scenarios",
        "with_partners",
        "with_ecosystem",
    ),
    "one_scenario": ("one_scenario", "all_scenarios", "with_partners", "with_ecosystem"),
    "all_scenarios": ("all_scenarios", "with_partners", "with_ecosystem"),
    "with_partners": ("with_partners", "with_ecosystem"),
    "with_ecosystem": ("with_ecosystem",),
}


def candidate_rows(
    readings: dict[str, RowReading], problem: Problem, current: int
) -> tuple[list[RowReading], dict[str, Text]]:
    """Readings that reach the target, without those that only ask more than another one.

    For ``max-tier`` every reading above the current tier is a candidate, pruned only against
    readings of the same tier.
    """
    target = problem.target
    if target is not None and target.row is not None:
        chosen = [r for r in readings.values() if target.row in (r.key, r.row.id)]
        if not chosen:
            raise DataError(
                [
                    Text(
                        zh=f"target.row: 表1中没有 {target.row!r} 这一行",
                        en=f"target.row: unknown Table 1 row {target.row!r}",
                    )
                ]
            )
        return chosen, {}
    if problem.objective == "max-tier":
        reaching = [r for r in readings.values() if r.row.tier > current]
        if target is not None and target.tier is not None:
            reaching = [r for r in reaching if r.row.tier <= target.tier]
        same_tier = True
    else:
        assert target is not None and target.tier is not None
        reaching = [r for r in readings.values() if r.row.tier >= target.tier]
        same_tier = False
    kept, skipped = [], {}
    for a in reaching:
        easier = next(
            (
                b
                for b in reaching
                if _harder(a, b)
                and not _harder(b, a)
                and (not same_tier or a.row.tier == b.row.tier)
            ),
            None,
        )
        if easier is not None:
            skipped[a.key] = Text(
                zh=f"在范围、能力等级、深度和模块形态上的要求均不低于{easier.key}",
                en=f"asks at least as much as {easier.key} on scope, level, depth and form",
            )
        else:
            kept.append(a)
    return kept, skipped


def build_instance(problem: Problem, catalog: Catalog | None = None) -> Instance:
    """Resolve and check a problem; raise DataError naming each field at fault."""
    catalog = catalog or load_catalog()
    readings = row_readings(catalog)
    if problem.organisation is not None:
        org = resolve_organisation(problem, catalog)
        state, derived = initial_state(problem, org, readings, catalog)
    else:
        org = Organisation("", ())
        state, derived = OrgState({}, {}, frozenset()), None
    now = evaluate_tier(state, org, readings).tier
    target_tier = _target_tier(problem, readings, now)
    factory = StepFactory(problem, catalog, org, state)
    routes: list[Route] = []
    skipped: dict[str, Text] = {}
    if problem.target is not None or problem.objective == "max-tier":
        rows, skipped = candidate_rows(readings, problem, now)
        for reading in rows:
            try:
                for scope in scopes(reading.rule, org):
                    routes.append(_route(factory, reading, scope))
            except StepError as exc:
                skipped[reading.key] = exc.text
        if not routes and problem.objective != "max-tier":
            reasons = "; ".join(f"{row}: {why.en}" for row, why in skipped.items())
            raise DataError(
                [f"target: no route can reach the target in this organisation ({reasons})"]
            )
    work = add_user_work(problem, factory)
    needed: set[str] = set().union(*(r.steps for r in routes)) if routes else set()
    needed |= work.closure(factory.graph)
    graph = factory.graph.subgraph(needed).copy()
    steps = {sid: factory.steps[sid] for sid in sorted(needed)}
    locks = apply_progress(problem, steps, graph)
    horizon = problem.time.horizon
    staff = problem.staff.profile(horizon) if problem.staff else None
    budget = None if problem.budget.total is None else round(problem.budget.total * MONEY_SCALE)
    return Instance(
        problem=problem,
        catalog=catalog,
        org=org,
        state=state,
        derived=derived,
        readings=readings,
        current_tier=now,
        target_tier=target_tier,
        steps=steps,
        graph=graph,
        routes=tuple(routes),
        horizon=horizon,
        staff_profile=staff,
        budget=budget,
        years=_years(problem),
        skipped_rows=skipped,
        resources={r.id: r.profile(horizon) for r in problem.resources},
        user_precedences=work.precedences,
        locks=locks,
    )


def _target_tier(problem: Problem, readings: dict[str, RowReading], now: int) -> int | None:
    target = problem.target
    if target is None:
        return None
    if target.row is not None:
        base = target.row.split("/")[0]
        return readings[base].row.tier if base in readings else None
    tier = target.tier or 0
    if tier <= now and problem.objective != "max-tier":
        raise DataError(
            [
                Text(
                    zh=f"target.tier: 目标档次 {tier} 不高于当前档次 {now}",
                    en=f"target.tier: target tier {tier} is not above the current tier {now}",
                )
            ]
        )
    return tier


def _route(factory: StepFactory, reading: RowReading, scope: Scope) -> Route:
    targets: list[str] = []
    for unit in scope.units:
        targets += factory.reach_level(unit, reading.capability_level)
        targets += factory.reach_stage(unit, reading.stage)
        if reading.module == "node":
            targets += factory.node(unit)
    if reading.module == "flow":
        for group in scope.groups:
            targets += factory.flow(group)
    elif reading.module == "network":
        targets += factory.network()
    elif reading.module == "ecosystem":
        targets += factory.ecosystem()
    closure: set[str] = set(targets)
    for sid in targets:
        closure |= nx.ancestors(factory.graph, sid)
    return Route(
        f"{reading.key}@{scope.label}",
        reading.key,
        reading.row.tier,
        reading.row.level,
        scope,
        reading,
        tuple(dict.fromkeys(targets)),
        frozenset(closure),
    )


def _years(problem: Problem) -> tuple[YearWindow, ...]:
    time, caps = problem.time, problem.budget.yearly_caps
    windows: dict[int, list[int]] = {}
    for t in range(time.horizon):
        windows.setdefault(time.year_of(t), []).append(t)
    out = []
    for year, periods in windows.items():
        cap = caps.get(year)
        out.append(
            YearWindow(
                year, periods[0], periods[-1] + 1, None if cap is None else round(cap * MONEY_SCALE)
            )
        )
    return tuple(out)
