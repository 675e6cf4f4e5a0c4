"""Order rules that bind when both steps are in the roadmap (maturity_reading.yaml ``order``).

Some rules of the order of the work relate a step shared by many routes to a step of one
route: the scope work of a scope before the element work of its units (a unit belongs to many
scopes), a level's business integration after the modules the route forms, a node before the
models of the route's scope. A precedence edge of the DAG would pull its predecessor into every
route that holds its successor, so these are kept apart as pairs (before, after) that hold
whenever both steps are in the roadmap, like the user's precedences. A pair the DAG (with the
pairs already kept) orders the other way is left out: that order stands.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import networkx as nx

from planner.model.enums import StepKind

if TYPE_CHECKING:
    from planner.compile.instance import Route
    from planner.compile.steps import StepFactory


def order_precedences(
    factory: StepFactory,
    routes: Sequence[Route],
    needed: set[str],
    user: Iterable[tuple[str, str]] = (),
) -> tuple[tuple[str, str], ...]:
    """The pairs (before, after) of the conditional order rules among the needed steps."""
    pairs: dict[tuple[str, str], None] = {}
    if factory.ordered("scope_work_before_elements"):
        for pair in _scope_work_pairs(factory, routes):
            pairs[pair] = None
    if factory.ordered("integration_after_module"):
        for pair in _integration_pairs(factory):
            pairs[pair] = None
    if factory.ordered("node_after_strategy"):
        for route in routes:
            nodes = [
                s
                for s in sorted(route.steps)
                if factory.steps[s].paradigm == "node"
                and factory.steps[s].unit in route.scope.units
            ]
            for model in _of_kind(factory, route.steps, StepKind.MODEL):
                for node in nodes:
                    pairs[(node, model)] = None
    graph = factory.graph.subgraph(needed).copy()
    graph.add_edges_from((a, b) for a, b in user if a in needed and b in needed)
    kept = []
    for a, b in sorted(pairs):
        if a not in needed or b not in needed or graph.has_edge(a, b):
            continue
        if nx.has_path(graph, b, a):  # ordered the other way already: that order stands
            continue
        graph.add_edge(a, b)
        kept.append((a, b))
    return tuple(kept)


def _of_kind(factory: StepFactory, steps: Iterable[str], kind: StepKind) -> list[str]:
    return [s for s in sorted(steps) if factory.steps[s].kind == kind]


def _form_levels(factory: StepFactory) -> dict[str, int]:
    """The capability level whose form each paradigm is (tier_mapping.yaml level_forms)."""
    return {
        f.module: int(f.capability_level[2:])
        for f in factory.catalog.tier_mapping.level_forms
        if f.module is not None
    }


def _scope_work_pairs(factory: StepFactory, routes: Sequence[Route]) -> list[tuple[str, str]]:
    """Scope work of CLk before its units' CLk element work (and not their plan), the route's
    combinations of the forms of CLk and above (nodes aside) and the route's scope models."""
    out: list[tuple[str, str]] = []
    middle = factory.unit_phases[1:-1] or factory.unit_phases[1:]
    for sid in _of_kind(factory, factory.steps, StepKind.SCOPE):
        level = factory.steps[sid].capability_level
        for pred in sorted(factory.graph.predecessors(sid)):
            unit = factory.steps[pred].unit
            if factory.steps[pred].kind != StepKind.UPGRADE or unit is None:
                continue
            for phase in middle:
                after = f"upgrade:{unit}:CL{level}:{phase}"
                if after in factory.steps:
                    out.append((sid, after))
    forms = _form_levels(factory)
    for route in routes:
        combos = [
            s
            for s in _of_kind(factory, route.steps, StepKind.COMBINATION)
            if factory.steps[s].paradigm != "node"
        ]
        models = _of_kind(factory, route.steps, StepKind.MODEL)
        for sid in _of_kind(factory, route.steps, StepKind.SCOPE):
            level = factory.steps[sid].capability_level or 0
            for combo in combos:
                if forms.get(factory.steps[combo].paradigm or "", 0) >= level:
                    out.append((sid, combo))
            out += [(sid, model) for model in models]
    return out


def _integration_pairs(factory: StepFactory) -> list[tuple[str, str]]:
    """A level's business integration after the combinations of that level's form."""
    forms = {
        int(f.level[1:]): f.module
        for f in factory.catalog.tier_mapping.level_forms
        if f.module is not None
    }
    out = []
    for sid, step in sorted(factory.steps.items()):
        if step.subdomain != "business.integration" or step.maturity_level is None:
            continue
        module = forms.get(step.maturity_level)
        out += [
            (combo, sid)
            for combo in _of_kind(factory, factory.steps, StepKind.COMBINATION)
            if factory.steps[combo].paradigm == module
        ]
    return out
