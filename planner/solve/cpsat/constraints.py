"""The constraint families of the CP-SAT model, one method each, added in an explicit order.

Each family can be made conditional on an assumption literal (``explain=True``): the
infeasibility explainer then asks CP-SAT which families conflict. The redundant families
(``routes``: the pre-check's route bounds, ``spend``: the yearly spends adding up to the total
cost) only tighten the search; each is measured in benchmarks/bench_redundant.py.
"""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx
from ortools.sat.python import cp_model

from planner.model.enums import StepKind
from planner.result.family import Family
from planner.solve.bounds import RouteBound
from planner.solve.cpsat.variables import StepVars, Variables

__all__ = ["Constraints"]


class Constraints:
    """Adds every constraint family of the model to ``variables.model``."""

    def __init__(
        self,
        variables: Variables,
        allowed_routes: Collection[str] | None,
        explain: bool,
        enforce_budget: bool,
        bounds: list[RouteBound],
        redundant: frozenset[str],
    ) -> None:
        self.vars, self.model, self.instance = variables, variables.model, variables.instance
        self.allowed_routes, self.explain = allowed_routes, explain
        self.enforce_budget, self.bounds, self.redundant = enforce_budget, bounds, redundant
        self.assumptions: dict[Family, cp_model.IntVar] = {}

    def add_constraints(self) -> None:
        """Every family, in this order."""
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
        self._spend_adds_up()
        self._route_bounds()

    def _guard(self, family: Family) -> list[cp_model.IntVar]:
        """Enforcement literals of a family: none normally, one assumption when explaining."""
        if not self.explain:
            return []
        if family not in self.assumptions:
            self.assumptions[family] = self.model.new_bool_var(f"assume[{family.key}]")
        return [self.assumptions[family]]

    @property
    def steps(self) -> dict[str, StepVars]:
        return self.vars.steps

    def _route_selection(self) -> None:
        """One route (Table 1 reading over a scope) is chosen; max-tier may choose none."""
        inst, m, routes, tier = self.instance, self.model, self.vars.routes, self.vars.tier
        if not inst.routes:
            m.add(tier == inst.current_tier)
            return
        chosen = list(routes.values())
        if inst.objective == "max-tier":
            m.add_at_most_one(chosen)
            m.add(
                tier
                == inst.current_tier
                + sum((r.tier - inst.current_tier) * routes[r.id] for r in inst.routes)
            )
        else:
            m.add_exactly_one(chosen)
            m.add(tier == sum(r.tier * routes[r.id] for r in inst.routes))
        if self.allowed_routes is not None:
            for rid, var in routes.items():
                if rid not in self.allowed_routes:
                    m.add(var == 0)

    def _step_presence(self) -> None:
        """A generated step is done iff the chosen route needs it; user steps always are."""
        inst = self.instance
        needed_by: dict[str, list[cp_model.IntVar]] = {sid: [] for sid in self.steps}
        for route in inst.routes:
            x = self.vars.routes[route.id]
            for sid in route.steps:
                needed_by[sid].append(x)
                self.model.add_implication(x, self.steps[sid].present)
        mandatory = set(inst.locks.mandatory)
        for sid in inst.locks.mandatory:  # what a mandatory step needs is mandatory too
            mandatory |= nx.ancestors(inst.graph, sid)
        for sid, xs in needed_by.items():
            if inst.steps[sid].kind == StepKind.USER or sid in mandatory:
                continue
            self.model.add(self.steps[sid].present <= sum(xs))
        for sid, step in inst.steps.items():
            v = self.steps[sid]
            if step.duration > self.vars.horizon:
                self.model.add(v.present == 0)
            if step.kind == StepKind.USER and not v.mandatory:
                self.model.add(v.present == 1)

    def _precedence(self) -> None:
        for a, b in self.instance.graph.edges:
            va, vb = self.steps[a], self.steps[b]
            if vb.mandatory:
                if not va.mandatory:
                    self.model.add(va.present == 1)
                self.model.add(va.end <= vb.start)
                continue
            self.model.add_implication(vb.present, va.present)
            self.model.add(va.end <= vb.start).only_enforce_if(vb.present)

    def _user_precedence(self) -> None:
        """User precedences hold whenever both steps are in the roadmap."""
        for a, b in self.instance.conditional_precedences:
            va, vb = self.steps[a], self.steps[b]
            both = [v.present for v in (va, vb) if not v.mandatory]
            self.model.add(va.end <= vb.start).only_enforce_if(both)

    def _locks(self) -> None:
        """Re-planning: done and started steps keep their dates; forced/forbidden; now."""
        locks, m = self.instance.locks, self.model
        for sid, start in locks.fixed_start.items():
            guard = self._guard(Family.lock(sid))
            m.add(self.steps[sid].present == 1).only_enforce_if(guard)
            m.add(self.steps[sid].start == start).only_enforce_if(guard)
        for sid in sorted(locks.forced):
            m.add(self.steps[sid].present == 1).only_enforce_if(self._guard(Family.forced(sid)))
        for sid in sorted(locks.forbidden):
            m.add(self.steps[sid].present == 0).only_enforce_if(self._guard(Family.forbidden(sid)))
        if locks.now:
            for sid, v in self.steps.items():
                if sid not in locks.fixed_start:
                    m.add(v.start >= locks.now).only_enforce_if(_if_present(v))

    def _horizon(self) -> None:
        """Everything ends within the planning horizon (a family of its own when explaining)."""
        if not self.explain or self.vars.horizon == self.instance.horizon:
            return
        guard = self._guard(Family.horizon())
        for v in self.steps.values():
            self.model.add(v.end <= self.instance.horizon).only_enforce_if(
                [*guard, *_if_present(v)]
            )

    def _target_time(self) -> None:
        """The target is met when every step of the chosen route is done.

        Without a tier target (user-defined work only) it is when every step is done.
        """
        inst, target = self.instance, self.vars.target
        if not inst.routes:
            for v in self.steps.values():
                self.model.add(target >= v.end).only_enforce_if(_if_present(v))
            return
        for route in inst.routes:
            x = self.vars.routes[route.id]
            for sid in route.targets:
                self.model.add(target >= self.steps[sid].end).only_enforce_if(x)

    def _cumulative(self, family: Family, demands: dict[str, int], profile: list[int]) -> None:
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
                block = self.model.new_fixed_size_interval_var(
                    t, u - t, f"reserved[{family.key},{t}]"
                )
                intervals.append(block)
                gap = peak - profile[t]
                amounts.append(gap * guard[0] if guard else gap)
            t = u
        self.model.add_cumulative(intervals, amounts, peak)

    def _staff_capacity(self) -> None:
        profile = self.instance.staff_profile
        if profile is not None:
            staff = {sid: s.staff for sid, s in self.instance.steps.items()}
            self._cumulative(Family.staff(), staff, profile)

    def _resource_capacity(self) -> None:
        for rid, profile in self.instance.resources.items():
            demands = {sid: dict(s.demands).get(rid, 0) for sid, s in self.instance.steps.items()}
            self._cumulative(Family.resource(rid), demands, profile)

    def _total_budget(self) -> None:
        inst = self.instance
        self.model.add(
            self.vars.cost == sum(inst.steps[sid].cost * v.present for sid, v in self.steps.items())
        )
        if inst.budget is not None and self.enforce_budget:
            self.model.add(self.vars.cost <= inst.budget).only_enforce_if(
                self._guard(Family.budget())
            )

    def _yearly_caps(self) -> None:
        """Spend within each calendar year (spread evenly over each step) stays under its cap."""
        m = self.model
        terms: dict[int, list[cp_model.LinearExprT]] = {}
        for o in self.vars.overlaps:
            v = self.steps[o.step]
            m.add_max_equality(o.lo, [v.start, o.first])
            m.add_min_equality(o.hi, [v.end, o.last])
            m.add(o.overlap >= o.hi - o.lo).only_enforce_if(_if_present(v))
            terms.setdefault(o.first, []).append(self.instance.steps[o.step].rate * o.overlap)
        for window in self.instance.years:
            if window.cap is not None and window.first in terms:
                guard = self._guard(Family.yearly_cap(window.year))
                m.add(sum(terms[window.first]) <= window.cap).only_enforce_if(guard)

    def _spend_adds_up(self) -> None:
        """Redundant: a step's periods in the years add up to its duration (when present; the
        years cover the horizon), so the yearly spends add up to the total cost."""
        if "spend" not in self.redundant or not self.vars.overlaps:
            return
        covered = max(w.last for w in self.instance.years)
        guard = [] if self.vars.horizon <= covered else self._guard(Family.horizon())
        if self.vars.horizon > covered and not guard:
            return
        per_step: dict[str, list[cp_model.IntVar]] = {}
        for o in self.vars.overlaps:
            per_step.setdefault(o.step, []).append(o.overlap)
        for sid, overlaps in per_step.items():
            v, duration = self.steps[sid], self.instance.steps[sid].duration
            self.model.add(sum(overlaps) == duration * v.present).only_enforce_if(guard)

    def _route_bounds(self) -> None:
        """Redundant: routes the pre-check rules out are not chosen; a chosen route's target
        period is at least its lower bound."""
        m, target, horizon = self.model, self.vars.target, self.vars.horizon
        for b in self.bounds:
            if b.route is None:
                if not self.instance.routes and not b.infeasible:
                    m.add(target >= b.target)
                continue
            x = self.vars.routes[b.route]
            if b.infeasible:
                m.add(x == 0)
            elif b.target > 0:
                m.add(target >= min(b.target, horizon)).only_enforce_if(x)

    def route_facts(self, lower: dict[str, int], out: set[str]) -> None:
        """What solving route by route proved: routes without a roadmap, and per route a
        lower bound on its target period. Each follows from a proof, so optima stay."""
        routes, target, horizon = self.vars.routes, self.vars.target, self.vars.horizon
        for rid in sorted(out):
            if rid in routes:
                self.model.add(routes[rid] == 0)
        for rid, bound in sorted(lower.items()):
            if rid in routes and rid not in out:
                self.model.add(target >= min(bound, horizon)).only_enforce_if(routes[rid])


def _if_present(v: StepVars) -> list[cp_model.IntVar]:
    """The enforcement literal of "when the step is in the roadmap" (none if it always is)."""
    return [] if v.mandatory else [v.present]


def search_strategy(variables: Variables) -> None:
    """Schedule-generation order for the fixed-search worker: route, then earliest starts."""
    model = variables.model
    model.add_decision_strategy(
        list(variables.routes.values()), cp_model.CHOOSE_FIRST, cp_model.SELECT_MAX_VALUE
    )
    model.add_decision_strategy(
        [v.start for v in variables.steps.values()],
        cp_model.CHOOSE_LOWEST_MIN,
        cp_model.SELECT_MIN_VALUE,
    )
