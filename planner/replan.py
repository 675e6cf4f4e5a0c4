"""Re-planning: what moved against the previous roadmap, and why (solver-free)."""

from __future__ import annotations

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
            reason = (
                "forbidden"
                if sid in instance.locks.forbidden
                else (
                    f"not needed by route {roadmap.route}"
                    if roadmap.route
                    else "not needed any more"
                )
            )
            out.append(Move(step=sid, change="removed", previous_start=before, reason=reason))
    return tuple(out)


def _added(instance: Instance, roadmap: Roadmap, sid: str) -> str:
    if sid in instance.locks.forced:
        return "forced"
    if instance.steps[sid].kind == "user":
        return "new user-defined step"
    return f"needed by route {roadmap.route}"


def _moved(instance: Instance, roadmap: Roadmap, sid: str, before: int) -> str:
    locks = instance.locks
    step = next(s for s in roadmap.steps if s.id == sid)
    if sid in locks.fixed_start:
        return "actual start recorded in progress"
    if step.start > before:
        if before < locks.now <= step.start:
            return f"previous start {before} is in the past (now = {locks.now})"
        ends = {s.id: s.end for s in roadmap.steps}
        late = [p for p in instance.graph.predecessors(sid) if ends.get(p, 0) > before]
        if late:
            blocker = max(late, key=lambda p: (ends[p], p))
            return f"predecessor {blocker} now ends at {ends[blocker]}"
        return "capacity, yearly cap or budget limits in the revised plan"
    return "room freed earlier in the revised plan"
