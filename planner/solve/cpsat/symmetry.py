"""Symmetry breaking between identical units: interchangeable units start in a fixed order.

Two units are interchangeable when renaming one into the other maps the instance onto itself:
their steps have the same kinds, durations, spend, staff and demands, the same steps among
them and the same steps around them (the precedences that bind when both steps are present,
the user's and the order rules', included), and each route and target set holds both or neither;
no lock or previous roadmap names them. Any roadmap then has a twin with the two units'
steps swapped, equally good on every objective, so the model may ask the first step of one
to start no later than the other's (redundant for the optima; measured in
benchmarks/bench_org.py).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Hashable
from itertools import pairwise

from planner.compile.instance import Instance
from planner.solve.cpsat.variables import Variables


def _local(step_id: str, unit: str) -> str:
    return ":".join("@" if part == unit else part for part in step_id.split(":"))


def identical_units(instance: Instance) -> list[list[str]]:
    """Groups (of two or more) of interchangeable units, each sorted by id; computed once per
    instance (it is not changed after it is built)."""
    cache: dict[str, list[list[str]]] = vars(instance).setdefault("_identical_units", {})
    if "groups" not in cache:
        cache["groups"] = _groups(instance)
    return [list(g) for g in cache["groups"]]


def _groups(instance: Instance) -> list[list[str]]:
    steps_of: dict[str, list[str]] = defaultdict(list)
    for sid, step in instance.steps.items():
        if step.unit is not None:
            steps_of[step.unit].append(sid)
    locks = instance.locks
    locked = set(locks.fixed_start) | set(locks.forced) | set(locks.forbidden) | set(locks.previous)
    groups: dict[Hashable, list[str]] = defaultdict(list)
    for unit, sids in steps_of.items():
        own = set(sids)
        if own & locked:
            continue
        groups[_signature(instance, unit, own)].append(unit)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)


def _signature(instance: Instance, unit: str, own: set[str]) -> Hashable:
    graph = instance.graph
    parts: list[tuple[object, ...]] = []
    for sid in sorted(own):
        s = instance.steps[sid]
        local = _local(sid, unit)
        parts.append(("step", local, s.kind, s.duration, s.rate, s.staff, s.demands))
        for p in graph.predecessors(sid):
            parts.append(("after", local, _local(p, unit) if p in own else p))
        for q in graph.successors(sid):
            if q not in own:
                parts.append(("before", local, q))
    # the precedences that bind when both steps are present (the user's and the order rules'):
    # twins must have the same ones, to the same steps outside them, to stay interchangeable
    for a, b in instance.conditional_precedences:
        if a in own or b in own:
            parts.append(("if both", _side(a, unit, own), _side(b, unit, own)))
    for route in instance.routes:
        held = set(route.steps)
        targets = set(route.targets)
        parts += [("route", route.id, _local(s, unit)) for s in sorted(own & held)]
        parts += [("target", route.id, _local(s, unit)) for s in sorted(own & targets)]
    return tuple(sorted(parts, key=repr))


def _side(sid: str, unit: str, own: set[str]) -> tuple[str, str]:
    return ("own", _local(sid, unit)) if sid in own else ("other", sid)


def break_symmetry(variables: Variables, groups: list[list[str]]) -> int:
    """Within each group, units start their first step in id order (when present). Returns
    how many constraints were added."""
    inst, model = variables.instance, variables.model
    added = 0
    for group in groups:
        first: list[str] = []
        for unit in group:
            own = [sid for sid, s in inst.steps.items() if s.unit == unit]
            first.append(min(own, key=lambda sid: (_local(sid, unit), sid)))
        for a, b in pairwise(first):
            va, vb = variables.steps[a], variables.steps[b]
            enforce = [v.present for v in (va, vb) if not v.mandatory]
            model.add(va.start <= vb.start).only_enforce_if(enforce)
            added += 1
    return added


def in_order(instance: Instance, groups: list[list[str]], starts: dict[str, int]) -> dict[str, int]:
    """A roadmap's twin that keeps the order: within each group, the units' work swapped so
    that their first steps start in id order (a hint that breaks the order would be lost)."""
    out = dict(starts)
    for group in groups:
        own = {u: [sid for sid, s in instance.steps.items() if s.unit == u] for u in group}
        local = {u: {_local(sid, u): sid for sid in own[u]} for u in group}
        lead = {u: local[u][min(local[u])] for u in group}  # each unit's first step
        ranked = sorted(group, key=lambda u: (starts.get(lead[u], sys.maxsize), u))
        for sid in (s for u in group for s in own[u]):
            out.pop(sid, None)
        for unit, source in zip(group, ranked, strict=True):
            for name, sid in local[source].items():
                if sid in starts:
                    out[local[unit][name]] = starts[sid]
    return out
