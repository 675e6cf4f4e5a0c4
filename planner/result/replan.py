"""Re-planning: what moved against the previous roadmap, and why (solver-free)."""

from __future__ import annotations

import datetime as dt

from catalog.models.base import Text
from planner.compile.instance import Instance
from planner.model.enums import StepKind
from planner.result.plan_result import Move, MoveChange
from planner.result.roadmap import Roadmap


def moves(instance: Instance, roadmap: Roadmap) -> tuple[Move, ...]:
    """Steps added, removed or moved against ``progress.previous``, each with a reason."""
    previous = instance.locks.previous
    if not previous:
        return ()
    now = {s.id: s for s in roadmap.steps}
    out: list[Move] = []
    for sid, step in sorted(now.items()):
        before = previous.get(sid)
        if before is None:
            if sid not in instance.locks.fixed_start:
                out.append(
                    Move(
                        step=sid,
                        change=MoveChange.ADDED,
                        start=step.start,
                        reason=_added(instance, roadmap, sid),
                    )
                )
        elif before != step.start:
            out.append(
                Move(
                    step=sid,
                    change=MoveChange.MOVED,
                    previous_start=before,
                    start=step.start,
                    reason=_moved(instance, roadmap, sid, before),
                )
            )
    for sid, before in sorted(previous.items()):
        if sid not in now:
            reason = _removed(instance, roadmap, sid)
            out.append(
                Move(step=sid, change=MoveChange.REMOVED, previous_start=before, reason=reason)
            )
    return tuple(out)


def _title(instance: Instance, sid: str) -> Text:
    step = instance.steps.get(sid)
    return step.title if step is not None else Text(zh=sid, en=sid)


def _date(instance: Instance, period: int) -> str:
    """The first day of a period."""
    return instance.problem.time.period_start(period).isoformat()


def _last_day(instance: Instance, end: int) -> str:
    """The last day of the period before ``end`` (an exclusive end)."""
    return (instance.problem.time.period_start(end) - dt.timedelta(days=1)).isoformat()


def _route(instance: Instance, route: str | None) -> Text:
    found = next((r for r in instance.routes if r.id == route), None)
    if found is None:
        return Text(zh=str(route), en=str(route))
    row, scope = found.row, found.scope.label
    return Text(zh=f"{row}（范围：{scope}）", en=f"{row} (scope: {scope})")


def _removed(instance: Instance, roadmap: Roadmap, sid: str) -> Text:
    if sid in instance.locks.forbidden:
        return Text(zh="已被禁止", en="forbidden")
    if roadmap.route:
        route = _route(instance, roadmap.route)
        return Text(
            zh=f"所选路径 {route.zh} 不需要此步骤", en=f"not needed by the route {route.en}"
        )
    return Text(zh="不再需要", en="not needed any more")


def _added(instance: Instance, roadmap: Roadmap, sid: str) -> Text:
    if sid in instance.locks.forced:
        return Text(zh="被指定执行", en="forced")
    if instance.steps[sid].kind == StepKind.USER:
        return Text(zh="新增的自定义步骤", en="new user-defined step")
    route = _route(instance, roadmap.route)
    return Text(zh=f"所选路径 {route.zh} 需要此步骤", en=f"needed by the route {route.en}")


def _moved(instance: Instance, roadmap: Roadmap, sid: str, before: int) -> Text:
    locks = instance.locks
    step = next(s for s in roadmap.steps if s.id == sid)
    if sid in locks.fixed_start:
        date = _date(instance, step.start)
        return Text(
            zh=f"按进度中记录的实际开始时间（{date}）",
            en=f"the actual start recorded in progress ({date})",
        )
    if step.start < before:
        return Text(zh="修订后计划中前期腾出了余量", en="room freed earlier in the revised plan")
    if before < locks.now:
        was, now = _date(instance, before), _date(instance, locks.now)
        return Text(
            zh=f"原定开始时间（{was}）已过去（现在为{now}）",
            en=f"its previous start ({was}) is in the past (now is {now})",
        )
    ends = {s.id: s.end for s in roadmap.steps}
    preds = instance.ends_before(sid)
    late = [p for p in preds if ends.get(p, 0) > before]
    if late:
        blocker = max(late, key=lambda p: (ends[p], p))
        name, day = _title(instance, blocker), _last_day(instance, ends[blocker])
        return Text(
            zh=f"前置步骤“{name.zh}”现在{day}才结束",
            en=f"its predecessor '{name.en}' now ends only on {day}",
        )
    return _full_at(instance, roadmap, sid, before) or Text(
        zh="修订后的最优计划把它排在此时（原定时间也可行）",
        en="the revised optimum starts it then (its previous start would also fit)",
    )


def _full_at(instance: Instance, roadmap: Roadmap, sid: str, before: int) -> Text | None:
    """Which limit the step would break at its previous start, the rest staying as planned."""
    spec, h = instance.steps[sid], instance.horizon
    span = range(before, min(before + spec.duration, h))
    others = [s for s in roadmap.steps if s.id != sid]
    if instance.staff_profile is not None and spec.staff:
        used = [0] * h
        for s in others:
            for t in range(s.start, min(s.end, h)):
                used[t] += s.staff
        for t in span:
            if used[t] + spec.staff > instance.staff_profile[t]:
                date, cap = _date(instance, t), instance.staff_profile[t]
                return Text(
                    zh=f"原定时间人力不足：{date}起其他步骤已用{used[t]}人，容量{cap}人，"
                    f"此步骤需{spec.staff}人",
                    en=f"not enough staff at its previous start: from {date} other steps use "
                    f"{used[t]} of {cap}, this step needs {spec.staff}",
                )
    for rid, amount in spec.demands:
        profile, used = instance.resources[rid], [0] * h
        for s in others:
            for t in range(s.start, min(s.end, h)):
                used[t] += dict(instance.steps[s.id].demands).get(rid, 0)
        for t in span:
            if used[t] + amount > profile[t]:
                date = _date(instance, t)
                return Text(
                    zh=f"原定时间资源“{rid}”不足（{date}起已用{used[t]}，容量{profile[t]}）",
                    en=f"resource '{rid}' is taken at its previous start (from {date}: "
                    f"{used[t]} of {profile[t]} in use)",
                )
    spend = [0] * h
    for s in others:
        for t in range(s.start, min(s.end, h)):
            spend[t] += s.rate
    for window in instance.years:
        if window.cap is None:
            continue
        overlap = len([t for t in span if window.first <= t < window.last])
        if overlap and sum(spend[window.first : window.last]) + overlap * spec.rate > window.cap:
            return Text(
                zh=f"原定时间会超出{window.year}年度投入上限",
                en=f"its previous start would exceed the {window.year} yearly cap",
            )
    return None
