"""The decision variables of the CP-SAT model of an Instance, and a complete hint for them.

Per route a choice literal; per step its presence, start, end and (optional) interval; the
target period, the total cost and the tier reached; per step and capped calendar year the
periods of the step inside that year (the time-indexed spend the yearly caps are stated on).
Steps every roadmap holds (user-defined steps) get a constant presence and a plain interval,
so a model without routes (PSPLIB, user-defined work) is as small as a plain RCPSP model.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.compile.instance import Instance
from planner.model.enums import StepKind


@dataclass
class StepVars:
    present: cp_model.IntVar
    start: cp_model.IntVar
    end: cp_model.IntVar
    interval: cp_model.IntervalVar
    mandatory: bool  # present in every roadmap: a constant presence, a plain interval


@dataclass(frozen=True)
class Overlap:
    """Periods of one step inside one calendar year: ``overlap ≥ hi - lo`` when present."""

    step: str
    first: int
    last: int
    lo: cp_model.IntVar
    hi: cp_model.IntVar
    overlap: cp_model.IntVar


class Variables:
    """Every variable of the model, created before any constraint."""

    def __init__(self, model: cp_model.CpModel, instance: Instance, horizon: int) -> None:
        self.model, self.instance, self.horizon = model, instance, horizon
        m, h = model, horizon
        self.routes = {r.id: m.new_bool_var(f"route[{r.id}]") for r in instance.routes}
        self.steps: dict[str, StepVars] = {}
        for sid, step in instance.steps.items():
            self.steps[sid] = self._step(sid, step.duration, step.kind == StepKind.USER)
        self.target = m.new_int_var(0, h, "target_period")
        self.cost = m.new_int_var(0, sum(s.cost for s in instance.steps.values()), "total_cost")
        tiers = [r.tier for r in instance.routes] + [instance.current_tier]
        self.tier = m.new_int_var(min(tiers), max(tiers), "tier_reached")
        self.overlaps = self._overlaps()

    def _step(self, sid: str, duration: int, mandatory: bool) -> StepVars:
        m, h = self.model, self.horizon
        start = m.new_int_var(0, max(0, h - duration), f"start[{sid}]")
        end = m.new_int_var(duration, max(duration, h), f"end[{sid}]")
        if mandatory and duration <= h:
            present = m.new_constant(1)
            interval = m.new_interval_var(start, duration, end, f"iv[{sid}]")
            return StepVars(present, start, end, interval, True)
        present = m.new_bool_var(f"present[{sid}]")
        interval = m.new_optional_interval_var(start, duration, end, present, f"iv[{sid}]")
        return StepVars(present, start, end, interval, False)

    def _overlaps(self) -> list[Overlap]:
        """Per step with spend and per calendar year, when some year is capped."""
        inst, m, h = self.instance, self.model, self.horizon
        if all(w.cap is None for w in inst.years):
            return []
        out = []
        for window in inst.years:
            for sid in self.steps:
                step = inst.steps[sid]
                if step.rate == 0:
                    continue
                width = min(step.duration, window.last - window.first)
                out.append(
                    Overlap(
                        sid,
                        window.first,
                        window.last,
                        m.new_int_var(0, h, ""),
                        m.new_int_var(0, h, ""),
                        m.new_int_var(0, width, f"ov[{sid},{window.year}]"),
                    )
                )
        return out

    def hint(self, route: str | None, starts: dict[str, int]) -> None:
        """A complete hint (every auxiliary variable too) from a known roadmap."""
        inst, m = self.instance, self.model
        m.clear_hints()  # type: ignore[no-untyped-call]
        for rid, var in self.routes.items():
            m.add_hint(var, int(rid == route))
        ends = {sid: start + inst.steps[sid].duration for sid, start in starts.items()}
        for sid, v in self.steps.items():
            start = starts.get(sid, 0)
            if not v.mandatory:
                m.add_hint(v.present, int(sid in starts))
            m.add_hint(v.start, start)
            m.add_hint(v.end, start + inst.steps[sid].duration)
        for o in self.overlaps:
            start = starts.get(o.step, 0)
            end = start + inst.steps[o.step].duration
            m.add_hint(o.lo, max(start, o.first))
            m.add_hint(o.hi, min(end, o.last))
            inside = max(0, min(end, o.last) - max(start, o.first))
            m.add_hint(o.overlap, inside if o.step in starts else 0)
        chosen = next((r for r in inst.routes if r.id == route), None)
        if chosen is not None:
            m.add_hint(self.target, max(ends[s] for s in chosen.targets if s in ends))
            m.add_hint(self.tier, chosen.tier)
        elif not inst.routes:
            m.add_hint(self.target, max(ends.values(), default=0))
        m.add_hint(self.cost, sum(inst.steps[sid].cost for sid in starts))
