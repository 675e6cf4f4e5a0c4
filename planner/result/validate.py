"""Solver-free validator: checks a roadmap against every rule of its problem.

Returns the violations, each naming the step (or period, year) and the rule broken. An empty
list means the roadmap is valid.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.compile.instance import Instance
from planner.compile.state import evaluate_tier, satisfies
from planner.model.enums import StepKind
from planner.result.roadmap import (
    CARRIED,
    Roadmap,
    ScheduledStep,
    TrajectoryPoint,
    scheduled,
    state_at,
    wan,
)
from planner.result.violation import Rule, Violation, violation

__all__ = ["Rule", "Violation", "validate", "validate_trajectory"]


def _facts_differ(s: ScheduledStep, instance: Instance) -> list[str]:
    """The fields a scheduled step copies from its compiled step (and the dates of its periods)
    that differ from what the instance gives: the roadmap keeps these copies, so the validator
    holds them to the instance (docs/architecture.md)."""
    expected = scheduled(instance, s.id, s.start)
    names = [
        n for n in CARRIED if n not in ("rate", "staff") and getattr(s, n) != getattr(expected, n)
    ]
    if s.start_date != expected.start_date:
        names.append("start_date")
    if s.end_date != instance.problem.time.period_start(s.end):
        names.append("end_date")
    return names


def validate(roadmap: Roadmap, instance: Instance) -> list[Violation]:
    out: list[Violation] = []
    by_id = {}
    for s in roadmap.steps:
        if s.id in by_id:
            out.append(violation(Rule.STEP, s.id, "安排了两次", "scheduled twice"))
        by_id[s.id] = s
    for s in roadmap.steps:
        spec = instance.steps.get(s.id)
        if spec is None:
            out.append(violation(Rule.STEP, s.id, "不是本问题的步骤", "not a step of this problem"))
            continue
        if s.end - s.start != spec.duration:
            lasts = s.end - s.start
            out.append(
                violation(
                    Rule.DURATION,
                    s.id,
                    f"历时{lasts}期，应为{spec.duration}期",
                    f"lasts {lasts} periods, must last {spec.duration}",
                )
            )
        if s.rate != spec.rate or s.staff != spec.staff:
            out.append(
                violation(
                    Rule.STEP,
                    s.id,
                    "每期费用或人力与问题给出的工作量不一致",
                    "cost rate or staff differ from the problem's effort",
                )
            )
        differ = _facts_differ(s, instance)
        if differ:
            named = ", ".join(differ)
            out.append(
                violation(
                    Rule.STEP,
                    s.id,
                    f"所载事实与问题中的该步骤不一致：{named}",
                    f"its facts differ from the problem's step: {named}",
                )
            )
        if s.start < 0 or s.end > instance.horizon:
            out.append(
                violation(
                    Rule.HORIZON,
                    s.id,
                    f"安排在第{s.start}–{s.end}期，超出规划期0–{instance.horizon}",
                    f"runs {s.start}–{s.end}, outside the horizon 0–{instance.horizon}",
                )
            )
        for pred in instance.graph.predecessors(s.id):
            before = by_id.get(pred)
            if before is None and pred not in {x.id for x in roadmap.steps}:
                out.append(
                    violation(
                        Rule.PRECEDENCE,
                        s.id,
                        f"需要 {pred}，但路线图中没有它",
                        f"needs {pred}, which is not in the roadmap",
                    )
                )
            elif before is not None and before.end > s.start:
                out.append(
                    violation(
                        Rule.PRECEDENCE,
                        s.id,
                        f"第{s.start}期开始，早于 {pred} 结束的第{before.end}期",
                        f"starts at {s.start} before {pred} ends at {before.end}",
                    )
                )
    if instance.budget is not None and roadmap.total_cost > instance.budget:
        out.append(
            violation(
                Rule.BUDGET,
                "total",
                f"花费{wan(roadmap.total_cost):.2f}万元，预算为{wan(instance.budget):.2f}万元",
                f"costs {wan(roadmap.total_cost):.2f}, budget is {wan(instance.budget):.2f} (CNY 10k)",
            )
        )
    spend = roadmap.spend_per_year(instance)
    for window in instance.years:
        if window.cap is not None and spend.get(window.year, 0) > window.cap:
            out.append(
                violation(
                    Rule.YEARLY_CAP,
                    str(window.year),
                    f"支出{wan(spend[window.year]):.2f}万元，上限为{wan(window.cap):.2f}万元",
                    f"spends {wan(spend[window.year]):.2f}, cap is {wan(window.cap):.2f} (CNY 10k)",
                )
            )
    if instance.staff_profile is not None:
        for t, used in enumerate(roadmap.staff_per_period(instance.horizon)):
            if used > instance.staff_profile[t]:
                out.append(
                    violation(
                        Rule.STAFF,
                        f"period {t}",
                        f"需要{used}人，可用{instance.staff_profile[t]}人",
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
                    violation(
                        Rule.RESOURCE,
                        f"{rid} period {t}",
                        f"需要{amount}，可用{profile[t]}",
                        f"needs {amount}, capacity is {profile[t]}",
                    )
                )
    for a, b in instance.conditional_precedences:
        if a in by_id and b in by_id and by_id[a].end > by_id[b].start:
            out.append(
                violation(
                    Rule.PRECEDENCE,
                    b,
                    f"第{by_id[b].start}期开始，早于 {a} 结束的第{by_id[a].end}期",
                    f"starts at {by_id[b].start} before {a} ends at {by_id[a].end}",
                )
            )
    for sid, step in instance.steps.items():
        if step.kind == StepKind.USER and sid not in by_id:
            out.append(
                violation(
                    Rule.STEP,
                    sid,
                    "路线图缺少用户定义的步骤",
                    "user-defined step missing from the roadmap",
                )
            )
    return out


def _lock_rules(
    roadmap: Roadmap, instance: Instance, by_id: dict[str, ScheduledStep]
) -> list[Violation]:
    locks = instance.locks
    out: list[Violation] = []
    for sid, start in locks.fixed_start.items():
        step = by_id.get(sid)
        if step is None:
            out.append(
                violation(
                    Rule.LOCK,
                    sid,
                    "已完成或进行中，但路线图中没有它",
                    "done or in progress, but missing from the roadmap",
                )
            )
        elif step.start != start:
            out.append(
                violation(
                    Rule.LOCK,
                    sid,
                    f"已完成或进行中，须在第{start}期开始，却在第{step.start}期开始",
                    f"must start at {start} (done or in progress), starts at {step.start}",
                )
            )
    for sid in locks.forced:
        if sid not in by_id:
            out.append(
                violation(
                    Rule.LOCK,
                    sid,
                    "必须安排，但路线图中没有它",
                    "forced, but missing from the roadmap",
                )
            )
    for sid in locks.forbidden:
        if sid in by_id:
            out.append(
                violation(Rule.LOCK, sid, "已排除，但在路线图中", "forbidden, but in the roadmap")
            )
    for s in roadmap.steps:
        if s.id not in locks.fixed_start and s.start < locks.now:
            out.append(
                violation(
                    Rule.LOCK,
                    s.id,
                    f"第{s.start}期开始，早于当前（第{locks.now}期）",
                    f"starts at {s.start}, before now ({locks.now})",
                )
            )
    return out


def _route_rules(roadmap: Roadmap, instance: Instance) -> list[Violation]:
    out: list[Violation] = []
    if roadmap.route is None:
        if instance.routes and instance.objective != "max-tier":
            out.append(
                violation(
                    Rule.ROUTE,
                    "-",
                    "路线图没有给出通往目标的路径",
                    "the roadmap names no route to the target",
                )
            )
        elif not instance.routes:
            makespan = max((s.end for s in roadmap.steps), default=0)
            if roadmap.target_period != makespan:
                out.append(
                    violation(
                        Rule.ROUTE,
                        "-",
                        f"目标期{roadmap.target_period}不等于总工期{makespan}",
                        f"target period {roadmap.target_period} is not the makespan {makespan}",
                    )
                )
        return out
    route = next((r for r in instance.routes if r.id == roadmap.route), None)
    if route is None:
        return [
            violation(Rule.ROUTE, roadmap.route, "不是本问题的路径", "not a route of this problem")
        ]
    ids = {s.id for s in roadmap.steps}
    for missing in sorted(route.steps - ids):
        out.append(
            violation(
                Rule.ROUTE,
                missing,
                f"路径 {route.id} 需要这一步骤",
                f"route {route.id} needs this step",
            )
        )
    expected = max((s.end for s in roadmap.steps if s.id in route.steps), default=0)
    if roadmap.target_period != expected:
        out.append(
            violation(
                Rule.ROUTE,
                route.id,
                f"目标期{roadmap.target_period}不同于该路径最后一步的结束期{expected}",
                f"target period {roadmap.target_period} differs from the route's last step end {expected}",
            )
        )
    if roadmap.target_period is None:
        return out
    state = state_at(roadmap, instance, roadmap.target_period)
    if not satisfies(state, route.reading, route.scope, instance.org, instance.maturity):
        out.append(
            violation(
                Rule.TIER,
                route.row,
                f"第{roadmap.target_period}期时，{route.scope.label}范围上未满足 {route.row}",
                f"row {route.row} over {route.scope.label} is not met at period {roadmap.target_period}",
            )
        )
    reached = evaluate_tier(state, instance.org, instance.readings, instance.maturity)
    wanted = route.tier
    if reached.tier < wanted:
        out.append(
            violation(
                Rule.TIER,
                f"period {roadmap.target_period}",
                f"达到{reached.tier}档，目标为{wanted}档",
                f"tier {reached.tier} reached, target is {wanted}",
            )
        )
    return out


def validate_trajectory(
    points: Sequence[TrajectoryPoint], roadmap: Roadmap, instance: Instance
) -> list[Violation]:
    """Every tier the trajectory claims, re-evaluated on the roadmap's states.

    A claim is checked with the one tier definition wherever the state changes (a step ends)
    or the claim changes; in between the state is the same, so an unchanged claim stands.
    """
    out: list[Violation] = []
    periods = [p.period for p in points]
    if periods != list(range(len(points))) or len(points) > instance.horizon:
        out.append(
            violation(
                Rule.TIER,
                "trajectory",
                f"应逐期给出第0–{instance.horizon - 1}期，实为{len(points)}个点",
                f"must give periods 0–{instance.horizon - 1} in order, has {len(points)} points",
            )
        )
    ends = {s.end for s in roadmap.steps}
    before: TrajectoryPoint | None = None
    reached = None
    for p in points:
        claim = (p.tier, p.row)
        if (
            reached is None
            or before is None
            or p.period + 1 in ends
            or claim != (before.tier, before.row)
        ):
            state = state_at(roadmap, instance, p.period + 1)
            reached = evaluate_tier(state, instance.org, instance.readings, instance.maturity)
        if claim != (reached.tier, reached.row):
            out.append(
                violation(
                    Rule.TIER,
                    f"period {p.period}",
                    f"声称{p.tier}档（{p.row or '—'}），该期末的状态为{reached.tier}档（{reached.row or '—'}）",
                    f"claims tier {p.tier} ({p.row or '-'}), the state at the period's end is "
                    f"at tier {reached.tier} ({reached.row or '-'})",
                )
            )
        before = p
    return out
