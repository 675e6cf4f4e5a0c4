"""The CP-SAT model of an Instance: variables, then constraint families, then objectives.

In the style of PyJobShop's OR-Tools backend: ``Variables`` (planner/solve/cpsat/variables.py)
creates every variable, ``Constraints`` (constraints.py) adds one family per method in a fixed
order, ``Objectives`` (objectives.py) sets the stage being optimised. ``RoadmapModel`` holds the
three with the solver-free pre-check's bounds on the same instance.
"""

from __future__ import annotations

import time
from collections.abc import Collection

from ortools.sat.python import cp_model

from planner.compile.instance import Instance
from planner.result.family import Family
from planner.solve.bounds import Limits, RouteBound, infeasibility, route_bounds
from planner.solve.cpsat.constraints import Constraints, search_strategy
from planner.solve.cpsat.objectives import Objectives, Stage
from planner.solve.cpsat.symmetry import break_symmetry, identical_units, in_order
from planner.solve.cpsat.variables import StepVars, Variables
from planner.solve.deadline import build_estimate as estimate_of_build

__all__ = ["RoadmapModel", "StepVars", "ruled_out"]


def _allowed(b: RouteBound, allowed: Collection[str] | None) -> bool:
    return b.route is None or allowed is None or b.route in allowed


def ruled_out(
    instance: Instance,
    bounds: list[RouteBound],
    allowed: Collection[str] | None = None,
    out: Collection[str] = (),
) -> tuple[Family, ...] | None:
    """Families that rule out every allowed route before any search (None: not so); ``out``:
    routes proven to have no roadmap by solving route by route."""
    if instance.objective == "max-tier" and instance.routes:
        return None  # reaching no higher tier is always an answer
    open_ = [b for b in bounds if _allowed(b, allowed)]
    if open_ and all(b.infeasible or b.route in out for b in open_):
        return infeasibility([b for b in open_ if b.infeasible]) or ()
    return infeasibility(open_)


def precheck_bound(
    instance: Instance,
    bounds: list[RouteBound],
    stage: Stage | str,
    allowed: Collection[str] | None = None,
    lower: dict[str, int] | None = None,
    out: Collection[str] = (),
) -> int | None:
    """The pre-check's lower bound on time or cost over the routes it does not rule out
    (``lower``: per route, what solving route by route proved on its target period)."""
    open_ = [b for b in bounds if not b.infeasible and b.route not in out and _allowed(b, allowed)]
    if not open_ or (instance.objective == "max-tier" and instance.routes):
        return None
    lower = lower or {}
    if Stage(stage) is Stage.TIME:
        return min(max(b.target, lower.get(b.route or "", 0)) for b in open_)
    if Stage(stage) is Stage.COST:
        return min(b.cost for b in open_)
    return None


class RoadmapModel:
    """Builds the model of an instance (``explain``: every family behind an assumption)."""

    # redundant parts, each measured in benchmarks/bench_redundant.py: the pre-check's route
    # bounds ("routes"), the yearly spends adding up to the total cost ("spend")
    redundant: frozenset[str] = frozenset({"routes", "spend"})
    # the schedule-generation order for the fixed-search worker; None: only with routes to
    # choose (measured on PSPLIB, benchmarks/bench_psplib.py --strategy)
    strategy: bool | None = None
    # interchangeable units start in id order (planner/solve/cpsat/symmetry.py)
    symmetry: bool = True

    def __init__(
        self,
        instance: Instance,
        allowed_routes: Collection[str] | None = None,
        explain: bool = False,
        horizon: int | None = None,
        enforce_budget: bool = True,
        symmetry: bool | None = None,
    ) -> None:
        """``symmetry``: break symmetry between identical units (default: ``self.symmetry``;
        off for a test that fixes a roadmap whose twin units start the other way round)."""
        began = time.monotonic()
        self.instance = instance
        self.model = cp_model.CpModel()
        self.allowed_routes = allowed_routes
        self.explain = explain
        self.enforce_budget = enforce_budget
        self.lower: dict[str, int] = {}  # proven per route (route by route): target bound
        self.out: set[str] = set()  # routes proven to have no roadmap (route by route)
        longest = sum(s.duration for s in instance.steps.values())
        self.horizon = horizon or (instance.horizon + longest if explain else instance.horizon)
        self.bounds = self._bounds()
        self.vars = Variables(self.model, instance, self.horizon)
        self.constraints = Constraints(
            self.vars, allowed_routes, explain, enforce_budget, self.bounds, self.redundant
        )
        self.constraints.add_constraints()
        self.assumptions = self.constraints.assumptions
        symmetric = self.symmetry if symmetry is None else symmetry
        self.symmetric = identical_units(instance) if symmetric and not explain else []
        break_symmetry(self.vars, self.symmetric)
        self.objectives = Objectives(self.vars)
        if self.strategy or (self.strategy is None and instance.routes):
            search_strategy(self.vars)
        vars(instance)["_build_seconds"] = time.monotonic() - began

    # the variables, as the tests and the stages read them
    @property
    def routes(self) -> dict[str, cp_model.IntVar]:
        return self.vars.routes

    @property
    def steps(self) -> dict[str, StepVars]:
        return self.vars.steps

    @property
    def target(self) -> cp_model.IntVar:
        return self.vars.target

    @property
    def cost(self) -> cp_model.IntVar:
        return self.vars.cost

    @property
    def tier(self) -> cp_model.IntVar:
        return self.vars.tier

    def _bounds(self) -> list[RouteBound]:
        """Solver-free bounds per route (none when explaining: its families are relaxed)."""
        if self.explain or "routes" not in self.redundant:
            return []
        inst = self.instance
        budget = inst.budget if self.enforce_budget else None
        return route_bounds(inst, Limits(self.horizon, budget, inst.years))

    def _open(self, b: RouteBound) -> bool:
        return _allowed(b, self.allowed_routes)

    @property
    def ruled_out(self) -> tuple[Family, ...] | None:
        """Families that rule out every allowed route before any search (None: not so)."""
        return ruled_out(self.instance, self.bounds, self.allowed_routes, self.out)

    def add_route_facts(self, lower: dict[str, int], out: set[str]) -> None:
        """What solving route by route proved (planner/solve/cpsat/routes.py), as constraints."""
        self.lower, self.out = dict(lower), set(out)
        self.constraints.route_facts(lower, out)

    def stage_bound(self, stage: Stage | str) -> int | None:
        """The pre-check's lower bound on an objective over the routes it does not rule out."""
        if self.explain:
            return None
        return precheck_bound(
            self.instance, self.bounds, stage, self.allowed_routes, self.lower, self.out
        )

    def hint(self, route: str | None, starts: dict[str, int]) -> None:
        self.vars.hint(route, in_order(self.instance, self.symmetric, starts))

    def minimise(self, stage: Stage | str) -> None:
        self.objectives.minimise(stage)

    def fix(self, stage: Stage | str, value: int) -> None:
        self.objectives.fix(stage, value)


def build_estimate(instance: Instance) -> float:
    """Seconds building this instance's model takes: as the last time, else by its size."""
    measured = vars(instance).get("_build_seconds")
    return estimate_of_build(len(instance.steps), measured)
