"""Compile a Problem into an Instance: units, initial state, steps, DAG, routes and limits.

Everything here is plain data the CP-SAT backend, the greedy baseline and the validator all
read; no solver import.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import networkx as nx

from catalog import Catalog, load_catalog
from catalog.errors import DataError, at
from catalog.models.base import Text
from planner.compile.chains import chain_flow_targets
from planner.compile.maturity import Maturity
from planner.compile.order import order_precedences
from planner.compile.org_items import initial_items, not_applicable_items
from planner.compile.organisation import DerivedState, initial_state, resolve_organisation
from planner.compile.route_filter import candidate_rows, filter_routes
from planner.compile.state import (
    Organisation,
    OrgState,
    RowReading,
    Scope,
    evaluate_tier,
    model_built,
    row_readings,
    scopes,
)
from planner.compile.step import Step, StepError
from planner.compile.steps import StepFactory
from planner.compile.userwork import Locks, add_user_work, apply_progress
from planner.model.money import MONEY_SCALE
from planner.model.problem import Problem, TimeFrame


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
    harder_rows: dict[str, str] = field(default_factory=dict)  # skipped row → the row it out-asks
    resources: dict[str, list[int]] = field(default_factory=dict)
    user_precedences: tuple[tuple[str, str], ...] = ()
    locks: Locks = field(default_factory=Locks)
    derived_items: Text | None = None  # how the requirement items met were derived
    # order rules that bind when both steps are in the roadmap (planner.compile.order)
    order_precedences: tuple[tuple[str, str], ...] = ()

    @property
    def objective(self) -> str:
        return self.problem.objective

    @property
    def conditional_precedences(self) -> tuple[tuple[str, str], ...]:
        """Precedences that hold whenever both steps are in the roadmap: the user's and the
        order rules' (maturity_reading.yaml ``order``)."""
        return self.user_precedences + self.order_precedences

    def predecessors(self, step_id: str) -> list[str]:
        return sorted(self.graph.predecessors(step_id))

    def ends_before(self, step_id: str) -> set[str]:
        """The steps that end before ``step_id`` starts when both are in the roadmap: its
        predecessors in the DAG and in the conditional precedences."""
        out = set(self.graph.predecessors(step_id)) if step_id in self.graph else set()
        return out | {a for a, b in self.conditional_precedences if b == step_id}


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
    harder: dict[str, str] = {}
    if problem.target is not None or problem.objective == "max-tier":
        rows, skipped, harder = candidate_rows(readings, problem, now, org, catalog)
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
        harder_rows=harder,
        resources={r.id: r.profile(horizon) for r in problem.resources},
        user_precedences=work.precedences,
        locks=locks,
        derived_items=derived_items,
        order_precedences=tuple(  # history keeps its place (userwork._history_before_readings)
            (a, b)
            for a, b in order_precedences(factory, routes, needed, work.precedences)
            if b not in locks.fixed_start
        ),
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
    for level in range(1, reading.capability_level + 1):
        targets += factory.scope_work(scope, level)
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
    """The alternative route whose flows are formed along business chains (planner.compile.chains)."""
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
