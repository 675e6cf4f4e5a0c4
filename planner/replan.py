"""Re-planning: what moved against the previous roadmap, and why (solver-free)."""

from __future__ import annotations

from catalog.models.base import Text
from planner.instance import Instance
from planner.result import Move
from planner.roadmap import Roadmap


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
                        change="added",
                        start=step.start,
                        reason=_added(instance, roadmap, sid),
                    )
                )
        elif before != step.start:
            out.append(
                Move(
                    step=sid,
                    change="moved",
                    previous_start=before,
                    start=step.start,
                    reason=_moved(instance, roadmap, sid, before),
                )
            )
    for sid, before in sorted(previous.items()):
        if sid not in now:
            reason = _removed(instance, roadmap, sid)
            out.append(Move(step=sid, change="removed", previous_start=before, reason=reason))
    return tuple(out)


def _removed(instance: Instance, roadmap: Roadmap, sid: str) -> Text:
    if sid in instance.locks.forbidden:
        return Text(zh="已被禁止", en="forbidden")
    if roadmap.route:
        route = roadmap.route
        return Text(zh=f"路径 {route} 不需要此步骤", en=f"not needed by route {route}")
    return Text(zh="不再需要", en="not needed any more")


def _added(instance: Instance, roadmap: Roadmap, sid: str) -> Text:
    if sid in instance.locks.forced:
        return Text(zh="被指定执行", en="forced")
    if instance.steps[sid].kind == "user":
        return Text(zh="新增的自定义步骤", en="new user-defined step")
    route = roadmap.route
    return Text(zh=f"路径 {route} 需要此步骤", en=f"needed by route {route}")


def _moved(instance: Instance, roadmap: Roadmap, sid: str, before: int) -> Text:
    locks = instance.locks
    step = next(s for s in roadmap.steps if s.id == sid)
    if sid in locks.fixed_start:
        return Text(zh="按进度中记录的实际开始时间", en="actual start recorded in progress")
    if step.start > before:
        if before < locks.now <= step.start:
            return Text(
                zh=f"原定开始时间（第 {before} 期）已过去（当前为第 {locks.now} 期）",
                en=f"previous start {before} is in the past (now = {locks.now})",
            )
        ends = {s.id: s.end for s in roadmap.steps}
        late = [p for p in instance.graph.predecessors(sid) if ends.get(p, 0) > before]
        if late:
            blocker = max(late, key=lambda p: (ends[p], p))
            return Text(
                zh=f"前置步骤 {blocker} 现于第 {ends[blocker]} 期结束",
                en=f"predecessor {blocker} now ends at {ends[blocker]}",
            )
        return Text(
            zh="修订后计划中的人力、年度上限或预算限制",
            en="capacity, yearly cap or budget limits in the revised plan",
        )
    return Text(zh="修订后计划中前期腾出了余量", en="room freed earlier in the revised plan")
