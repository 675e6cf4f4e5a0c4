"""Solver-free validator: checks a roadmap against every rule of its problem.

Returns the violations, each naming the step (or period, year) and the rule broken. An empty
list means the roadmap is valid.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.compile.instance import Instance
from planner.compile.state import evaluate_tier, satisfies
from planner.result.roadmap import Roadmap, ScheduledStep, state_at, wan


@dataclass(frozen=True)
class Violation:
    rule: str  # step | duration | horizon | precedence | budget | yearly_cap | staff | route | tier
    subject: str  # the step id, period or year at fault
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.subject}: {self.message}"


def validate(roadmap: Roadmap, instance: Instance) -> list[Violation]:
    out: list[Violation] = []
    by_id = {}
    for s in roadmap.steps:
        if s.id in by_id:
            out.append(Violation("step", s.id, "scheduled twice"))
        by_id[s.id] = s
    for s in roadmap.steps:
        spec = instance.steps.get(s.id)
        if spec is None:
            out.append(Violation("step", s.id, "not a step of this problem"))
            continue
        if s.end - s.start != spec.duration:
            out.append(
                Violation(
                    "duration", s.id, f"lasts {s.end - s.start} periods, must last {spec.duration}"
                )
            )
        if s.rate != spec.rate or s.staff != spec.staff:
            out.append(
                Violation("step", s.id, "cost rate or staff differ from the problem's effort")
            )
        if s.start < 0 or s.end > instance.horizon:
            out.append(
                Violation(
                    "horizon",
                    s.id,
                    f"runs {s.start}–{s.end}, outside the horizon 0–{instance.horizon}",
                )
            )
        for pred in instance.graph.predecessors(s.id):
            before = by_id.get(pred)
            if before is None and pred not in {x.id for x in roadmap.steps}:
                out.append(
                    Violation("precedence", s.id, f"needs {pred}, which is not in the roadmap")
                )
            elif before is not None and before.end > s.start:
                out.append(
                    Violation(
                        "precedence",
                        s.id,
                        f"starts at {s.start} before {pred} ends at {before.end}",
                    )
                )
    if instance.budget is not None and roadmap.total_cost > instance.budget:
        out.append(
            Violation(
                "budget",
                "total",
                f"costs {wan(roadmap.total_cost):.2f}, budget is {wan(instance.budget):.2f} (CNY 10k)",
            )
        )
    spend = roadmap.spend_per_year(instance)
    for window in instance.years:
        if window.cap is not None and spend.get(window.year, 0) > window.cap:
            out.append(
                Violation(
                    "yearly_cap",
                    str(window.year),
                    f"spends {wan(spend[window.year]):.2f}, cap is {wan(window.cap):.2f} (CNY 10k)",
                )
            )
    if instance.staff_profile is not None:
        for t, used in enumerate(roadmap.staff_per_period(instance.horizon)):
            if used > instance.staff_profile[t]:
                out.append(
                    Violation(
                        "staff",
                        f"period {t}",
                        f"needs {used} staff, capacity is {instance.staff_profile[t]}",
                    )
                )
    out.extend(_resource_rules(roadmap, instance, by_id))
    out.extend(_lock_rules(roadmap, instance, by_id))
    out.extend(_route_rules(roadmap, instance))
    return out


def _resource_rules(
    roadmap: Roadmap, instance: Instance, by_id: dict[str, ScheduledStep]
) -> list[Violation]:
    out: list[Violation] = []
    for rid, profile in instance.resources.items():
        used = [0] * instance.horizon
        for s in roadmap.steps:
            amount = dict(instance.steps[s.id].demands).get(rid, 0) if s.id in instance.steps else 0
            for t in range(max(0, s.start), min(s.end, instance.horizon)):
                used[t] += amount
        for t, amount in enumerate(used):
            if amount > profile[t]:
                out.append(
                    Violation(
                        "resource", f"{rid} period {t}", f"needs {amount}, capacity is {profile[t]}"
                    )
                )
    for a, b in instance.user_precedences:
        if a in by_id and b in by_id and by_id[a].end > by_id[b].start:
            out.append(
                Violation(
                    "precedence", b, f"starts at {by_id[b].start} before {a} ends at {by_id[a].end}"
                )
            )
    for sid, step in instance.steps.items():
        if step.kind == "user" and sid not in by_id:
            out.append(Violation("step", sid, "user-defined step missing from the roadmap"))
    return out


def _lock_rules(
    roadmap: Roadmap, instance: Instance, by_id: dict[str, ScheduledStep]
) -> list[Violation]:
    locks = instance.locks
    out: list[Violation] = []
    for sid, start in locks.fixed_start.items():
        step = by_id.get(sid)
        if step is None:
            out.append(Violation("lock", sid, "done or in progress, but missing from the roadmap"))
        elif step.start != start:
            out.append(
                Violation(
                    "lock",
                    sid,
                    f"must start at {start} (done or in progress), starts at {step.start}",
                )
            )
    for sid in locks.forced:
        if sid not in by_id:
            out.append(Violation("lock", sid, "forced, but missing from the roadmap"))
    for sid in locks.forbidden:
        if sid in by_id:
            out.append(Violation("lock", sid, "forbidden, but in the roadmap"))
    for s in roadmap.steps:
        if s.id not in locks.fixed_start and s.start < locks.now:
            out.append(Violation("lock", s.id, f"starts at {s.start}, before now ({locks.now})"))
    return out


def _route_rules(roadmap: Roadmap, instance: Instance) -> list[Violation]:
    out: list[Violation] = []
    if roadmap.route is None:
        if instance.routes and instance.objective != "max-tier":
            out.append(Violation("route", "-", "the roadmap names no route to the target"))
        elif not instance.routes:
            makespan = max((s.end for s in roadmap.steps), default=0)
            if roadmap.target_period != makespan:
                out.append(
                    Violation(
                        "route",
                        "-",
                        f"target period {roadmap.target_period} is not the makespan {makespan}",
                    )
                )
        return out
    route = next((r for r in instance.routes if r.id == roadmap.route), None)
    if route is None:
        return [Violation("route", roadmap.route, "not a route of this problem")]
    ids = {s.id for s in roadmap.steps}
    for missing in sorted(route.steps - ids):
        out.append(Violation("route", missing, f"route {route.id} needs this step"))
    expected = max((s.end for s in roadmap.steps if s.id in route.steps), default=0)
    if roadmap.target_period != expected:
        out.append(
            Violation(
                "route",
                route.id,
                f"target period {roadmap.target_period} differs from the route's last step end {expected}",
            )
        )
    if roadmap.target_period is None:
        return out
    state = state_at(roadmap, instance, roadmap.target_period)
    if not satisfies(state, route.reading, route.scope, instance.org, instance.maturity):
        out.append(
            Violation(
                "tier",
                route.row,
                f"row {route.row} over {route.scope.label} is not met at period {roadmap.target_period}",
            )
        )
    reached = evaluate_tier(state, instance.org, instance.readings, instance.maturity)
    wanted = route.tier
    if reached.tier < wanted:
        out.append(
            Violation(
                "tier",
                f"period {roadmap.target_period}",
                f"tier {reached.tier} reached, target is {wanted}",
            )
        )
    return out
