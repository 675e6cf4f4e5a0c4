"""CP-SAT model of an Instance: variables, constraint families (in order), objectives.

Each constraint family can be made conditional on an assumption literal (``explain=True``):
the infeasibility explainer then asks CP-SAT which families conflict.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from ortools.sat.python import cp_model

from planner.compile.instance import Instance
from planner.solve.bounds import Limits, RouteBound, infeasibility, route_bounds

FAMILY_BUDGET = "total budget"
FAMILY_HORIZON = "horizon"
FAMILY_STAFF = "staff capacity"


@dataclass
class StepVars:
    present: cp_model.IntVar
    start: cp_model.IntVar
    end: cp_model.IntVar
    interval: cp_model.IntervalVar


class RoadmapModel:
    """Builds the model; constraint families are added in a fixed, explicit order."""

    # redundant parts, each measured in benchmarks/bench_redundant.py: the pre-check's route
    # bounds ("routes"), the yearly spends adding up to the total cost ("spend")
    redundant: frozenset[str] = frozenset({"routes", "spend"})

    def __init__(
        self,
        instance: Instance,
        allowed_routes: set[str] | None = None,
        explain: bool = False,
        horizon: int | None = None,
        enforce_budget: bool = True,
    ) -> None:
        self.instance = instance
        self.model = cp_model.CpModel()
        self.allowed_routes = allowed_routes
        self.explain = explain
        self.enforce_budget = enforce_budget
        self.assumptions: dict[str, cp_model.IntVar] = {}
        self.lower: dict[str, int] = {}  # proven per route (route by route): target bound
        self.out: set[str] = set()  # routes proven to have no roadmap (route by route)
        inst = instance
        longest = sum(s.duration for s in inst.steps.values())
        self.horizon = horizon or (inst.horizon + longest if explain else inst.horizon)
        self.bounds = self._bounds()
        self._variables()
        self._route_selection()
        self._step_presence()
        self._precedence()
        self._user_precedence()
        self._locks()
        self._horizon()
        self._target_time()
        self._staff_capacity()
        self._resource_capacity()
        self._total_budget()
        self._yearly_caps()
        self._route_bounds()
        self._search_strategy()

    def _bounds(self) -> list[RouteBound]:
        """Solver-free bounds per route (none when explaining: its families are relaxed)."""
        if self.explain or "routes" not in self.redundant:
            return []
        inst = self.instance
        budget = inst.budget if self.enforce_budget else None
        return route_bounds(inst, Limits(self.horizon, budget, inst.years))

    @property
    def ruled_out(self) -> tuple[str, ...] | None:
        """Families that rule out every allowed route before any search (None: not so)."""
        if self.instance.objective == "max-tier" and self.instance.routes:
            return None  # reaching no higher tier is always an answer
        allowed = [
            b
            for b in self.bounds
            if b.route is None or self.allowed_routes is None or b.route in self.allowed_routes
        ]
        if allowed and all(b.infeasible or b.route in self.out for b in allowed):
            return infeasibility([b for b in allowed if b.infeasible]) or ()
        return infeasibility(allowed)

    def add_route_facts(self, lower: dict[str, int], out: set[str]) -> None:
        """What solving route by route proved: routes without a roadmap, and per route a
        lower bound on its target period. Each follows from a proof, so optima stay."""
        self.lower, self.out = dict(lower), set(out)
        for rid in sorted(out):
            if rid in self.routes:
                self.model.add(self.routes[rid] == 0)
        for rid, bound in sorted(lower.items()):
            if rid in self.routes and rid not in out:
                self.model.add(self.target >= min(bound, self.horizon)).only_enforce_if(
                    self.routes[rid]
                )

    def _guard(self, family: str) -> list[cp_model.IntVar]:
        """Enforcement literals of a family: none normally, one assumption when explaining."""
        if not self.explain:
            return []
        if family not in self.assumptions:
            self.assumptions[family] = self.model.new_bool_var(f"assume[{family}]")
        return [self.assumptions[family]]

    # -- variables -------------------------------------------------------------------
    def _variables(self) -> None:
        m, inst, h = self.model, self.instance, self.horizon
        self.routes = {r.id: m.new_bool_var(f"route[{r.id}]") for r in inst.routes}
        self.steps: dict[str, StepVars] = {}
        for sid, step in inst.steps.items():
            present = m.new_bool_var(f"present[{sid}]")
            start = m.new_int_var(0, max(0, h - step.duration), f"start[{sid}]")
            end = m.new_int_var(step.duration, max(step.duration, h), f"end[{sid}]")
            interval = m.new_optional_interval_var(start, step.duration, end, present, f"iv[{sid}]")
            if step.duration > h:
                m.add(present == 0)
            self.steps[sid] = StepVars(present, start, end, interval)
        self.target = m.new_int_var(0, h, "target_period")
        self.cost = m.new_int_var(0, sum(s.cost for s in inst.steps.values()), "total_cost")
        tiers = [r.tier for r in inst.routes] + [inst.current_tier]
        self.tier = m.new_int_var(min(tiers), max(tiers), "tier_reached")

    # -- constraint families -----------------------------------------------------------
    def _route_selection(self) -> None:
        """One route (Table 1 reading over a scope) is chosen; max-tier may choose none."""
        inst, m = self.instance, self.model
        if not inst.routes:
            m.add(self.tier == inst.current_tier)
            return
        chosen = list(self.routes.values())
        if inst.objective == "max-tier":
            m.add_at_most_one(chosen)
            m.add(
                self.tier
                == inst.current_tier
                + sum((r.tier - inst.current_tier) * self.routes[r.id] for r in inst.routes)
            )
        else:
            m.add_exactly_one(chosen)
            m.add(self.tier == sum(r.tier * self.routes[r.id] for r in inst.routes))
        if self.allowed_routes is not None:
            for rid, var in self.routes.items():
                if rid not in self.allowed_routes:
                    m.add(var == 0)

    def _step_presence(self) -> None:
        """A generated step is done iff the chosen route needs it; user steps always are."""
        inst = self.instance
        needed_by: dict[str, list[cp_model.IntVar]] = {sid: [] for sid in self.steps}
        for route in inst.routes:
            x = self.routes[route.id]
            for sid in route.steps:
                needed_by[sid].append(x)
                self.model.add_implication(x, self.steps[sid].present)
        mandatory = set(inst.locks.mandatory)
        for sid in inst.locks.mandatory:  # what a mandatory step needs is mandatory too
            mandatory |= nx.ancestors(inst.graph, sid)
        for sid, xs in needed_by.items():
            if inst.steps[sid].kind == "user" or sid in mandatory:
                continue
            self.model.add(self.steps[sid].present <= sum(xs))
        for sid, step in inst.steps.items():
            if step.kind == "user":
                self.model.add(self.steps[sid].present == 1)

    def _precedence(self) -> None:
        for a, b in self.instance.graph.edges:
            va, vb = self.steps[a], self.steps[b]
            self.model.add_implication(vb.present, va.present)
            self.model.add(va.end <= vb.start).only_enforce_if(vb.present)

    def _user_precedence(self) -> None:
        """User precedences hold whenever both steps are in the roadmap."""
        for a, b in self.instance.conditional_precedences:
            va, vb = self.steps[a], self.steps[b]
            self.model.add(va.end <= vb.start).only_enforce_if([va.present, vb.present])

    def _locks(self) -> None:
        """Re-planning: done and started steps keep their dates; forced/forbidden; now."""
        locks, m = self.instance.locks, self.model
        for sid, start in locks.fixed_start.items():
            guard = self._guard(f"lock on {sid}")
            m.add(self.steps[sid].present == 1).only_enforce_if(guard)
            m.add(self.steps[sid].start == start).only_enforce_if(guard)
        for sid in sorted(locks.forced):
            m.add(self.steps[sid].present == 1).only_enforce_if(self._guard(f"forced {sid}"))
        for sid in sorted(locks.forbidden):
            m.add(self.steps[sid].present == 0).only_enforce_if(self._guard(f"forbidden {sid}"))
        if locks.now:
            for sid, v in self.steps.items():
                if sid not in locks.fixed_start:
                    m.add(v.start >= locks.now).only_enforce_if(v.present)

    def _horizon(self) -> None:
        """Everything ends within the planning horizon (a family of its own when explaining)."""
        if not self.explain or self.horizon == self.instance.horizon:
            return
        guard = self._guard(FAMILY_HORIZON)
        for v in self.steps.values():
            self.model.add(v.end <= self.instance.horizon).only_enforce_if([*guard, v.present])

    def _target_time(self) -> None:
        """The target is met when every step of the chosen route is done.

        Without a tier target (user-defined work only) it is when every step is done.
        """
        inst = self.instance
        if not inst.routes:
            for v in self.steps.values():
                self.model.add(self.target >= v.end).only_enforce_if(v.present)
            return
        for route in inst.routes:
            x = self.routes[route.id]
            for sid in route.targets:
                self.model.add(self.target >= self.steps[sid].end).only_enforce_if(x)

    def _cumulative(self, family: str, demands: dict[str, int], profile: list[int]) -> None:
        """Per-period capacity with a varying profile: fixed blocks fill the unused capacity."""
        guard = self._guard(family)
        peak = max(profile) if profile else 0
        intervals, amounts = [], []
        for sid, amount in demands.items():
            if amount:
                intervals.append(self.steps[sid].interval)
                amounts.append(amount * guard[0] if guard else amount)
        if not intervals:
            return
        t = 0
        while t < len(profile):
            u = t
            while u < len(profile) and profile[u] == profile[t]:
                u += 1
            if peak > profile[t]:
                block = self.model.new_fixed_size_interval_var(t, u - t, f"reserved[{family},{t}]")
                intervals.append(block)
                gap = peak - profile[t]
                amounts.append(gap * guard[0] if guard else gap)
            t = u
        self.model.add_cumulative(intervals, amounts, peak)

    def _staff_capacity(self) -> None:
        profile = self.instance.staff_profile
        if profile is not None:
            staff = {sid: s.staff for sid, s in self.instance.steps.items()}
            self._cumulative(FAMILY_STAFF, staff, profile)

    def _resource_capacity(self) -> None:
        for rid, profile in self.instance.resources.items():
            demands = {sid: dict(s.demands).get(rid, 0) for sid, s in self.instance.steps.items()}
            self._cumulative(f"resource {rid}", demands, profile)

    def _total_budget(self) -> None:
        inst = self.instance
        self.model.add(
            self.cost == sum(inst.steps[sid].cost * v.present for sid, v in self.steps.items())
        )
        if inst.budget is not None and self.enforce_budget:
            self.model.add(self.cost <= inst.budget).only_enforce_if(self._guard(FAMILY_BUDGET))

    def _yearly_caps(self) -> None:
        """Spend within each calendar year (spread evenly over each step) stays under its cap."""
        m, h = self.model, self.horizon
        self.overlaps: list[
            tuple[str, int, int, cp_model.IntVar, cp_model.IntVar, cp_model.IntVar]
        ] = []
        years = self.instance.years
        if all(w.cap is None for w in years):
            return
        per_step: dict[str, list[cp_model.IntVar]] = {}
        for window in years:
            terms = []
            for sid, v in self.steps.items():
                step = self.instance.steps[sid]
                if step.rate == 0:
                    continue
                lo = m.new_int_var(0, h, "")
                hi = m.new_int_var(0, h, "")
                m.add_max_equality(lo, [v.start, window.first])
                m.add_min_equality(hi, [v.end, window.last])
                width = min(step.duration, window.last - window.first)
                overlap = m.new_int_var(0, width, f"ov[{sid},{window.year}]")
                m.add(overlap >= hi - lo).only_enforce_if(v.present)
                terms.append(step.rate * overlap)
                per_step.setdefault(sid, []).append(overlap)
                self.overlaps.append((sid, window.first, window.last, lo, hi, overlap))
            if window.cap is not None:
                guard = self._guard(f"yearly cap {window.year}")
                m.add(sum(terms) <= window.cap).only_enforce_if(guard)
        self._spend_adds_up(per_step)

    def _spend_adds_up(self, per_step: dict[str, list[cp_model.IntVar]]) -> None:
        """Redundant: a step's periods in the years add up to its duration (when present; the
        years cover the horizon), so the yearly spends add up to the total cost."""
        if "spend" not in self.redundant:
            return
        covered = max(w.last for w in self.instance.years)
        guard = [] if self.horizon <= covered else self._guard(FAMILY_HORIZON)
        if self.horizon > covered and not guard:
            return
        for sid, overlaps in per_step.items():
            v, duration = self.steps[sid], self.instance.steps[sid].duration
            self.model.add(sum(overlaps) == duration * v.present).only_enforce_if(guard)

    def stage_bound(self, name: str) -> int | None:
        """The pre-check's lower bound on an objective over the routes it does not rule out."""
        if self.explain or not self.bounds:
            return None
        open_ = [
            b
            for b in self.bounds
            if not b.infeasible
            and b.route not in self.out
            and (b.route is None or self.allowed_routes is None or b.route in self.allowed_routes)
        ]
        if not open_ or (self.instance.objective == "max-tier" and self.instance.routes):
            return None
        if name == "time":
            return min(max(b.target, self.lower.get(b.route or "", 0)) for b in open_)
        if name == "cost":
            return min(b.cost for b in open_)
        return None

    def _route_bounds(self) -> None:
        """Redundant: routes the pre-check rules out are not chosen; a chosen route's target
        period is at least its lower bound."""
        m = self.model
        for b in self.bounds:
            if b.route is None:
                if not self.instance.routes and not b.infeasible:
                    m.add(self.target >= b.target)
                continue
            x = self.routes[b.route]
            if b.infeasible:
                m.add(x == 0)
            elif b.target > 0:
                m.add(self.target >= min(b.target, self.horizon)).only_enforce_if(x)

    def hint(self, route: str | None, starts: dict[str, int]) -> None:
        """A complete hint (every auxiliary variable too) from a known roadmap."""
        inst, m = self.instance, self.model
        m.clear_hints()  # type: ignore[no-untyped-call]
        for rid, var in self.routes.items():
            m.add_hint(var, int(rid == route))
        ends = {sid: start + inst.steps[sid].duration for sid, start in starts.items()}
        for sid, v in self.steps.items():
            start = starts.get(sid, 0)
            m.add_hint(v.present, int(sid in starts))
            m.add_hint(v.start, start)
            m.add_hint(v.end, start + inst.steps[sid].duration)
        for sid, first, last, lo, hi, overlap in self.overlaps:
            start = starts.get(sid, 0)
            end = start + inst.steps[sid].duration
            m.add_hint(lo, max(start, first))
            m.add_hint(hi, min(end, last))
            m.add_hint(overlap, max(0, min(end, last) - max(start, first)) if sid in starts else 0)
        chosen = next((r for r in inst.routes if r.id == route), None)
        if chosen is not None:
            m.add_hint(self.target, max(ends[s] for s in chosen.targets if s in ends))
            m.add_hint(self.tier, chosen.tier)
        elif not inst.routes:
            m.add_hint(self.target, max(ends.values(), default=0))
        m.add_hint(self.cost, sum(inst.steps[sid].cost for sid in starts))

    def _search_strategy(self) -> None:
        """Schedule-generation order for the fixed-search worker: route, then earliest starts."""
        self.model.add_decision_strategy(
            list(self.routes.values()), cp_model.CHOOSE_FIRST, cp_model.SELECT_MAX_VALUE
        )
        self.model.add_decision_strategy(
            [v.start for v in self.steps.values()],
            cp_model.CHOOSE_LOWEST_MIN,
            cp_model.SELECT_MIN_VALUE,
        )

    # -- objectives --------------------------------------------------------------------
    def objective_expr(self, name: str) -> cp_model.LinearExprT:
        return {"time": self.target, "cost": self.cost, "tier": -self.tier}[name]

    def minimise(self, name: str) -> None:
        self.model.clear_objective()  # type: ignore[no-untyped-call]
        self.model.minimize(self.objective_expr(name))

    def fix(self, name: str, value: int) -> None:
        """Keep a lexicographic stage's optimum while optimising the next one."""
        self.model.add(self.objective_expr(name) <= value)

    def minimise_starts(self) -> None:
        """Canonical tie-break among equally good roadmaps: every step as early as possible."""
        self.model.clear_objective()  # type: ignore[no-untyped-call]
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        self.model.minimize(sum(v.start for v in self.steps.values()))

    def minimise_moves(self, previous: dict[str, int]) -> None:
        """Stability: fewest and smallest moves from the previous roadmap."""
        m = self.model
        m.clear_objective()  # type: ignore[no-untyped-call]
        m.clear_hints()  # type: ignore[no-untyped-call]
        terms = []
        big = self.horizon + 1
        for sid, v in self.steps.items():
            if sid in previous:
                shift = m.new_int_var(0, self.horizon, f"shift[{sid}]")
                m.add_abs_equality(shift, v.start - previous[sid])
                moved = m.new_bool_var(f"moved[{sid}]")
                m.add(shift == 0).only_enforce_if(~moved)
                kept = m.new_int_var(0, self.horizon, "")
                m.add(kept == shift).only_enforce_if(v.present)
                m.add(kept == 0).only_enforce_if(~v.present)
                terms += [kept, big * moved, big * (1 - v.present)]
            else:
                terms.append(big * v.present)
        m.minimize(sum(terms))
