"""CP-SAT model of an Instance: variables, constraint families (in order), objectives."""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.instance import Instance


@dataclass
class StepVars:
    present: cp_model.IntVar
    start: cp_model.IntVar
    end: cp_model.IntVar
    interval: cp_model.IntervalVar


class RoadmapModel:
    """Builds the model; constraint families are added in a fixed, explicit order."""

    def __init__(self, instance: Instance, allowed_routes: set[str] | None = None) -> None:
        self.instance = instance
        self.model = cp_model.CpModel()
        self.allowed_routes = allowed_routes
        self._variables()
        self._route_selection()
        self._step_presence()
        self._precedence()
        self._target_time()
        self._staff_capacity()
        self._total_budget()
        self._yearly_caps()
        self._search_strategy()

    # -- variables -------------------------------------------------------------------
    def _variables(self) -> None:
        m, inst = self.model, self.instance
        h = inst.horizon
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

    # -- constraint families -----------------------------------------------------------
    def _route_selection(self) -> None:
        """Exactly one route (Table 1 row over a scope) is chosen."""
        self.model.add_exactly_one(self.routes.values())
        if self.allowed_routes is not None:
            for rid, var in self.routes.items():
                if rid not in self.allowed_routes:
                    self.model.add(var == 0)

    def _step_presence(self) -> None:
        """A step is done iff the chosen route needs it."""
        needed_by: dict[str, list[cp_model.IntVar]] = {sid: [] for sid in self.steps}
        for route in self.instance.routes:
            x = self.routes[route.id]
            for sid in route.steps:
                needed_by[sid].append(x)
                self.model.add_implication(x, self.steps[sid].present)
        for sid, xs in needed_by.items():
            self.model.add(self.steps[sid].present <= sum(xs))

    def _precedence(self) -> None:
        for a, b in self.instance.graph.edges:
            va, vb = self.steps[a], self.steps[b]
            self.model.add_implication(vb.present, va.present)
            self.model.add(va.end <= vb.start).only_enforce_if(vb.present)

    def _target_time(self) -> None:
        """The target is met when every step of the chosen route is done."""
        for v in self.steps.values():
            self.model.add(self.target >= v.end).only_enforce_if(v.present)

    def _staff_capacity(self) -> None:
        profile = self.instance.staff_profile
        if profile is None:
            return
        peak = max(profile) if profile else 0
        intervals = [v.interval for v in self.steps.values()]
        demands = [self.instance.steps[sid].staff for sid in self.steps]
        # fixed blocks lower the capacity where the profile is below its peak
        t = 0
        while t < len(profile):
            gap = peak - profile[t]
            if gap == 0:
                t += 1
                continue
            u = t
            while u < len(profile) and profile[u] == profile[t]:
                u += 1
            intervals.append(self.model.new_fixed_size_interval_var(t, u - t, f"reserved[{t}]"))
            demands.append(gap)
            t = u
        self.model.add_cumulative(intervals, demands, peak)

    def _total_budget(self) -> None:
        inst = self.instance
        self.model.add(
            self.cost == sum(inst.steps[sid].cost * v.present for sid, v in self.steps.items())
        )
        if inst.budget is not None:
            self.model.add(self.cost <= inst.budget)

    def _yearly_caps(self) -> None:
        """Spend within each calendar year (spread evenly over each step) stays under its cap."""
        m = self.model
        for window in self.instance.years:
            if window.cap is None:
                continue
            terms = []
            for sid, v in self.steps.items():
                step = self.instance.steps[sid]
                if step.rate == 0:
                    continue
                lo = m.new_int_var(0, self.instance.horizon, "")
                hi = m.new_int_var(0, self.instance.horizon, "")
                m.add_max_equality(lo, [v.start, window.first])
                m.add_min_equality(hi, [v.end, window.last])
                overlap = m.new_int_var(
                    0, min(step.duration, window.last - window.first), f"ov[{sid},{window.year}]"
                )
                m.add(overlap >= hi - lo).only_enforce_if(v.present)
                terms.append(step.rate * overlap)
            m.add(sum(terms) <= window.cap)

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
    def minimise_time(self) -> None:
        self.model.minimize(self.target)

    def minimise_cost(self, target_period: int) -> None:
        self.model.clear_objective()  # type: ignore[no-untyped-call]
        self.model.add(self.target <= target_period)
        self.model.minimize(self.cost)

    def minimise_starts(self, target_period: int, cost: int) -> None:
        """Canonical tie-break: among optimal roadmaps, every step as early as possible."""
        self.model.clear_objective()  # type: ignore[no-untyped-call]
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        self.model.add(self.target <= target_period)
        self.model.add(self.cost <= cost)
        self.model.minimize(sum(v.start for v in self.steps.values()))
