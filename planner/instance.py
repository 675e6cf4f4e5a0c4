"""Compile a Problem into an Instance: units, initial state, steps, DAG, routes and limits.

Everything here is plain data the CP-SAT backend, the greedy baseline and the validator all
read; no solver import.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import networkx as nx

from catalog import Catalog, load_catalog
from catalog.errors import DataError, Issue, at
from catalog.models.base import Text
from planner.chains import chain_flow_targets
from planner.maturity import Maturity
from planner.organisation import (
    DerivedState,
    initial_items,
    initial_state,
    not_applicable_items,
    resolve_organisation,
)
from planner.problem import Problem, RouteFilter, TimeFrame
from planner.state import (
    ORGANISATION,
    Organisation,
    OrgState,
    RowReading,
    Scope,
    evaluate_tier,
    model_built,
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
    maturity: Maturity
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
    derived_items: Text | None = None  # how the requirement items met were derived

    @property
    def objective(self) -> str:
        return self.problem.objective

    def predecessors(self, step_id: str) -> list[str]:
        return sorted(self.graph.predecessors(step_id))


def _harder(a: RowReading, b: RowReading, nested: Nesting) -> bool:
    """Reading a asks at least as much as reading b on every axis (so b is never worse)."""
    forms = [None, "node", "flow", "network", "ecosystem"]
    return (
        a.key != b.key
        and a.capability_level >= b.capability_level
        and a.stage >= b.stage
        and forms.index(a.module) >= forms.index(b.module)
        and nested(a.rule, b.rule)
    )


class Nesting:
    """Whether every scope of one breadth rule contains a scope of another, in this
    organisation (and the other rule has a scope at all), so the wider rule is never easier."""

    def __init__(self, org: Organisation) -> None:
        self.org = org
        self.cache: dict[tuple[str, str], bool] = {}

    def __call__(self, wide: str, narrow: str) -> bool:
        if (wide, narrow) not in self.cache:
            inner = [frozenset(s.units) for s in scopes(narrow, self.org)]
            self.cache[wide, narrow] = bool(inner) and all(
                any(i <= frozenset(s.units) for i in inner) for s in scopes(wide, self.org)
            )
        return self.cache[wide, narrow]


def candidate_rows(
    readings: dict[str, RowReading], problem: Problem, current: int, org: Organisation
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
                    at(
                        "target.row",
                        zh=f"表1中没有 {target.row!r} 这一行",
                        en=f"unknown Table 1 row {target.row!r}",
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
    nested = Nesting(org)
    for a in reaching:
        easier = next(
            (
                b
                for b in reaching
                if _harder(a, b, nested)
                and not _harder(b, a, nested)
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
    derived_items: Text | None = None
    if problem.organisation is not None:
        maturity = Maturity(catalog, not_applicable_items(problem))
        org = resolve_organisation(problem, catalog)
        state, derived = initial_state(problem, org, readings, catalog)
        state, derived_items = initial_items(problem, org, state, readings, maturity, derived)
    else:
        maturity = Maturity(catalog)
        org = Organisation("", ())
        state, derived = OrgState({}, {}, frozenset()), None
    now = evaluate_tier(state, org, readings, maturity).tier
    target_tier = _target_tier(problem, readings, now)
    factory = StepFactory(problem, catalog, org, state, maturity)
    routes: list[Route] = []
    skipped: dict[str, Text] = {}
    if problem.target is not None or problem.objective == "max-tier":
        rows, skipped = candidate_rows(readings, problem, now, org)
        for reading in rows:
            made, why = _routes(factory, reading, org)
            routes += made
            if not made and why is not None:
                skipped[reading.key] = why
        routes = filter_routes(routes, problem, readings, org, skipped)
        if not routes and problem.objective != "max-tier":
            reasons = "; ".join(f"{row}: {why.en}" for row, why in skipped.items())
            reasons_zh = "；".join(f"{row}：{why.zh}" for row, why in skipped.items())
            raise DataError(
                [
                    at(
                        "target",
                        f"本组织没有能达到目标的路径（{reasons_zh}）",
                        f"no route can reach the target in this organisation ({reasons})",
                    )
                ]
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
        maturity=maturity,
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
        derived_items=derived_items,
    )


def filter_routes(
    routes: list[Route],
    problem: Problem,
    readings: dict[str, RowReading],
    org: Organisation,
    skipped: dict[str, Text],
) -> list[Route]:
    """The routes the problem asks to consider (target.include / exclude / alternatives)."""
    target = problem.target
    if target is None:
        return routes
    problems: list[Issue] = []
    known_rows = set(readings) | {r.row.id for r in readings.values()}
    known_scenarios = {*org.main_scenarios, ORGANISATION}
    labels = {r.scope.label for r in routes}
    for key in ("include", "exclude"):
        spec = getattr(target, key)
        if spec is None:
            continue
        for i, row in enumerate(spec.rows):
            if row not in known_rows:
                problems.append(
                    at(
                        f"target.{key}.rows[{i}]",
                        zh=f"未知的表1行 {row!r}",
                        en=f"unknown Table 1 row {row!r}",
                    )
                )
        for i, scenario in enumerate(spec.scenarios):
            if scenario not in known_scenarios:
                known = ", ".join(sorted(known_scenarios))
                problems.append(
                    at(
                        f"target.{key}.scenarios[{i}]",
                        zh=f"未知的主场景 {scenario!r}（可选：{known}）",
                        en=f"unknown main scenario {scenario!r} (known: {known})",
                    )
                )
        for i, label in enumerate(spec.scopes):
            if label not in labels:
                known = ", ".join(sorted(labels))
                problems.append(
                    at(
                        f"target.{key}.scopes[{i}]",
                        zh=f"没有覆盖范围 {label!r} 的路径（范围：{known}）",
                        en=f"no route over scope {label!r} (scopes: {known})",
                    )
                )
    if problems:
        raise DataError(problems)

    def matches(route: Route, spec: RouteFilter, every: bool) -> bool:
        tests = []
        if spec.rows:
            tests.append(route.row in spec.rows or route.reading.row.id in spec.rows)
        if spec.scenarios:
            tests.append(bool(set(route.scope.groups) & set(spec.scenarios)))
        if spec.scopes:
            tests.append(route.scope.label in spec.scopes)
        return all(tests) if every else any(tests)

    kept = []
    for route in routes:
        why = None
        if not target.alternatives and route.reading.alternative:
            why = Text(zh="问题不考虑“或”备选读法", en="the problem leaves out '或' alternatives")
        elif target.include is not None and not matches(route, target.include, True):
            why = Text(
                zh="不在问题的 target.include 之内", en="not in the problem's target.include"
            )
        elif target.exclude is not None and matches(route, target.exclude, False):
            why = Text(
                zh="被问题的 target.exclude 排除", en="left out by the problem's target.exclude"
            )
        if why is None:
            kept.append(route)
        elif not any(r.row == route.row for r in kept):
            skipped.setdefault(route.row, why)
    for route in kept:
        skipped.pop(route.row, None)
    return kept


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
                at(
                    "target.tier",
                    zh=f"目标档次 {tier} 不高于当前档次 {now}",
                    en=f"target tier {tier} is not above the current tier {now}",
                )
            ]
        )
    return tier


def _route(
    factory: StepFactory, reading: RowReading, scope: Scope, flows: list[str] | None = None
) -> Route:
    targets: list[str] = factory.requirement_work(int(reading.row.level[1:]))
    for unit in scope.units:
        targets += factory.reach_level(unit, reading.capability_level)
        targets += factory.reach_stage(unit, reading.stage)
        if reading.module == "node":
            targets += factory.node(unit)
    if reading.scope_model and not model_built(factory.state, scope, reading.stage):
        targets.append(factory.scope_model(scope, reading.stage))
    if reading.module == "flow" and flows is not None:
        targets += flows
    elif reading.module == "flow":
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


def _routes(
    factory: StepFactory, reading: RowReading, org: Organisation
) -> tuple[list[Route], Text | None]:
    """The routes of a reading over each of its scopes (flows per main scenario, and along
    chains where they can be), and why a scope has none."""
    made: list[Route] = []
    why: Text | None = None
    for scope in scopes(reading.rule, org):
        try:
            made.append(_route(factory, reading, scope))
        except StepError as exc:
            why = exc.text
        if reading.module == "flow":
            try:
                made += _chain_route(factory, reading, scope)
            except StepError as exc:
                why = why or exc.text
    return made, why


def _chain_route(factory: StepFactory, reading: RowReading, scope: Scope) -> list[Route]:
    """The alternative route whose flows are formed along business chains (planner.chains)."""
    flows = chain_flow_targets(factory, scope)
    if flows is None:
        return []
    route = _route(factory, reading, scope, flows)
    return [replace(route, id=route.id + "+chains")]


def _years(problem: Problem) -> tuple[YearWindow, ...]:
    return year_windows(problem.time, problem.budget.yearly_caps)


def year_windows(time: TimeFrame, caps: dict[int, float]) -> tuple[YearWindow, ...]:
    """The calendar years of the horizon, with their caps in yuan (also for the risk replay)."""
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
