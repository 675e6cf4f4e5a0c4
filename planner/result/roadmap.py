"""The roadmap: scheduled steps, and everything recomputed from them without the solver."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, fields

from catalog.models.base import Frozen, Text
from planner.compile.instance import Instance, Route
from planner.compile.state import OrgState, TierReached, evaluate_tier
from planner.compile.step import Step
from planner.model.enums import StepKind
from planner.model.money import MONEY_SCALE


class ScheduledStep(Frozen):
    id: str
    kind: StepKind
    title: Text
    group: str
    unit: str | None = None
    module: str | None = None
    paradigm: str | None = None  # a combination: the module form it makes (node, flow, …)
    capability_level: int | None = None
    phase: str | None = None
    dimension: str | None = None
    stage: int | None = None
    start: int
    end: int
    start_date: dt.date
    end_date: dt.date
    rate: int  # spend per period in yuan (万元 × 10,000)
    staff: int
    demands: tuple[tuple[str, int], ...] = ()
    clauses: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    subdomain: str | None = None  # requirement work: the 10004 subdomain
    maturity_level: int | None = None  # requirement work: the level Lk
    meets: tuple[str, ...] = ()  # requirement work: the 10004 items it meets
    scope: str | None = None  # scope model: the scope it spans

    @property
    def cost(self) -> int:
        return self.rate * (self.end - self.start)


class Roadmap(Frozen):
    """A time-phased roadmap. Costs are in yuan (万元 × 10,000); periods count from the plan start."""

    route: str | None
    row: str | None
    target_period: int | None  # periods until the target tier is reached
    steps: tuple[ScheduledStep, ...]

    @property
    def total_cost(self) -> int:
        return sum(s.cost for s in self.steps)

    def spend_per_period(self, horizon: int) -> list[int]:
        out = [0] * horizon
        for s in self.steps:
            for t in range(s.start, min(s.end, horizon)):
                out[t] += s.rate
        return out

    def staff_per_period(self, horizon: int) -> list[int]:
        out = [0] * horizon
        for s in self.steps:
            for t in range(s.start, min(s.end, horizon)):
                out[t] += s.staff
        return out

    def spend_per_year(self, instance: Instance) -> dict[int, int]:
        per_period = self.spend_per_period(instance.horizon)
        out: dict[int, int] = defaultdict(int)
        for window in instance.years:
            out[window.year] = sum(per_period[window.first : window.last])
        return dict(out)


def wan(money: int) -> float:
    """Internal money (yuan (万元 × 10,000)) as 万元."""
    return money / MONEY_SCALE


def wan_at_least(money: float, digits: int = 2) -> float:
    """Yuan as 万元 rounded UP to ``digits`` decimals: a budget stated as "at least" this much
    must itself suffice, so it never rounds below the amount (499.4002 → 499.41)."""
    step = MONEY_SCALE / 10**digits  # yuan per last digit
    return float(math.ceil(round(money / step, 6)) * step / MONEY_SCALE)


def apply_step(state: OrgState, step: ScheduledStep) -> OrgState:
    """The state after a step is complete."""
    if step.kind == StepKind.REQUIREMENT:
        return state.with_items(step.meets)
    if step.kind == StepKind.MODEL and step.scope is not None and step.stage:
        return state.with_model(step.scope, step.stage)
    if (
        step.kind == StepKind.UPGRADE
        and step.phase == "evaluate"
        and step.unit
        and step.capability_level
    ):
        return state.with_level(step.unit, step.capability_level)
    if step.kind == StepKind.DEEPENING and step.unit and step.stage:
        return state.with_stage(step.unit, step.stage)
    if step.kind == StepKind.DECOMPOSITION:
        return state
    if step.kind == StepKind.COMBINATION and step.module:
        paradigm, name = step.module.split(":", 1)
        if paradigm == "node":
            return _replace(state, nodes=state.nodes | {name})
        if paradigm == "flow":
            return _replace(state, flows=state.flows | {name})
        if paradigm == "network":
            return _replace(state, network=True)
        return _replace(state, ecosystem=True)
    return state


def _replace(state: OrgState, **changes: object) -> OrgState:
    from dataclasses import replace

    return replace(state, **changes)  # type: ignore[arg-type]


def state_at(roadmap: Roadmap, instance: Instance, period_end: int) -> OrgState:
    """The state once every step ending by ``period_end`` is complete."""
    state = instance.state
    for step in sorted(roadmap.steps, key=lambda s: (s.end, s.id)):
        if step.end <= period_end:
            state = apply_step(state, step)
    return state


@dataclass(frozen=True)
class TrajectoryPoint:
    period: int  # index of the period at whose end the state is read
    date: dt.date  # last day covered: the start of the next period
    tier: int
    row: str | None
    level: str | None


def trajectory(roadmap: Roadmap, instance: Instance) -> list[TrajectoryPoint]:
    """The tier and level reached at the end of every period, recomputed from the steps."""
    out = []
    state = instance.state
    by_end: dict[int, list[ScheduledStep]] = defaultdict(list)
    for s in roadmap.steps:
        by_end[s.end].append(s)
    reached: TierReached = evaluate_tier(state, instance.org, instance.readings, instance.maturity)
    for t in range(instance.horizon):
        if t + 1 in by_end:
            for step in sorted(by_end[t + 1], key=lambda s: s.id):
                state = apply_step(state, step)
            reached = evaluate_tier(state, instance.org, instance.readings, instance.maturity)
        out.append(
            TrajectoryPoint(
                t,
                instance.problem.time.period_start(t + 1),
                reached.tier,
                reached.row,
                reached.level,
            )
        )
    return out


# what a scheduled step says of its step: every field both declare (the rest is placement)
CARRIED = tuple(f.name for f in fields(Step) if f.name in ScheduledStep.model_fields)
# the step's fields a scheduled step leaves out: its duration (end − start) and its effort
# range (the risk analysis reads the instance)
NOT_CARRIED = ("duration", "spread")


def scheduled(instance: Instance, sid: str, start: int) -> ScheduledStep:
    """One step of the instance placed at ``start`` (every shared field carried over)."""
    time = instance.problem.time
    st = instance.steps[sid]
    end = start + st.duration
    return ScheduledStep(
        **{name: getattr(st, name) for name in CARRIED},
        start=start,
        end=end,
        start_date=time.period_start(start),
        end_date=time.period_start(end),
    )


def schedule(instance: Instance, route: Route | None, starts: dict[str, int]) -> Roadmap:
    """Build a Roadmap from chosen start periods (used by every backend)."""
    steps = [
        scheduled(instance, sid, starts[sid])
        for sid in sorted(starts, key=lambda x: (starts[x], x))
    ]
    target = None
    if route is not None:
        target = max((s.end for s in steps if s.id in route.steps), default=0)
    elif not instance.routes:  # user-defined work only: when everything is done
        target = max((s.end for s in steps), default=0)
    return Roadmap(
        route=route.id if route else None,
        row=route.row if route else None,
        target_period=target,
        steps=tuple(steps),
    )
