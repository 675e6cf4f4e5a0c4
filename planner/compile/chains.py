"""Breadth along business chains: capability flows formed along a chain, scope names.

Our reading (tier_mapping.yaml, L3 level form): a capability flow is formed per main scenario
or along a business, supply or industry chain, possibly across main scenarios (20001 6.3.3,
6.4.3; note under 10004 5.4.2.3). A chain flow is the combination of the key units on the
chain (after each is a node), so it needs key units of at least two perspectives, as a
scenario flow does (20001 6.4.3: a flow spans several perspectives).
"""

from __future__ import annotations

from catalog import Catalog
from catalog.models.base import Text
from planner.compile.state import CHAIN_FLOW, ECOSYSTEM, ORGANISATION, PARTNERS, Organisation, Scope
from planner.compile.step import StepError
from planner.compile.steps import StepFactory


def chain_name(catalog: Catalog, chain: str) -> Text:
    try:
        return catalog.unit_library.breadth.chain(chain).name
    except KeyError:
        return Text(zh=chain, en=chain)


def chain_flow_possible(org: Organisation, chain: str) -> bool:
    units = [u for u in org.key_units() if chain in u.chains]
    return len({u.perspective for u in units}) >= 2


def chain_flow(factory: StepFactory, chain: str) -> list[str]:
    """The step combining the flow along one chain (none if it exists already)."""
    flow = CHAIN_FLOW + chain
    if flow in factory.state.flows:
        return []
    name = chain_name(factory.catalog, chain)
    if not chain_flow_possible(factory.org, chain):
        raise StepError(
            f"沿“{name.zh}”组合能力流需要链上至少两个视角的关键能力单元（20001 6.3.3）",
            f"a capability flow along {name.en!r} needs key units of at least two "
            "perspectives on the chain (20001 6.3.3)",
        )
    units = [u for u in factory.org.key_units() if chain in u.chains]
    before = [sid for u in units for sid in factory.node(u.id)]
    return [factory._combine("flow", flow, ORGANISATION, None, before, name)]


def chain_flow_targets(factory: StepFactory, scope: Scope) -> list[str] | None:
    """The flows of a scope formed along chains where they can be: each internal group whose
    units in the scope all lie on a chain that can carry a flow is covered by chain flows
    (each unit not yet covered adds the first such chain it lies on); the other groups keep
    their own flow. None when no group can be covered by chains (no alternative route)."""
    org = factory.org
    along = dict(scope.on_chains)
    chosen: list[str] = []
    own: list[str] = []
    for group in scope.groups:
        if group in (PARTNERS, ECOSYSTEM):
            continue
        units_chains = along.get(group, ())
        usable = [tuple(c for c in cs if chain_flow_possible(org, c)) for cs in units_chains]
        if not usable or not all(usable):
            own.append(group)
            continue
        for chains in usable:
            if not any(c in chosen for c in chains):
                chosen.append(chains[0])
    if not chosen:
        return None
    targets = [sid for c in chosen for sid in chain_flow(factory, c)]
    return targets + [sid for g in own for sid in factory.flow(g)]


def basis_name(
    scope: Scope, org: Organisation, catalog: Catalog, scenarios: dict[str, Text]
) -> Text:
    """'生产·生产部' / "process step '生产作业'" / '订单交付链：销售与订单→计划调度'."""
    vocabulary = catalog.unit_library.breadth
    departments = {e.id: e.name for e in vocabulary.departments}
    steps = {e.id: e.name for e in vocabulary.process_steps}
    chains = {c.id: c.name for c in vocabulary.chains}

    def name(key: str, names: dict[str, Text] = steps) -> Text:
        if key.startswith("unit:"):
            return org.units[key[5:]].name
        return names.get(key, Text(zh=key, en=key))

    kind, *keys = scope.basis or ("", scope.label)
    if kind == "department":
        group = scenarios.get(keys[0], Text(zh=keys[0], en=keys[0]))
        dept = name(keys[1], departments)
        return Text(zh=f"{group.zh}·{dept.zh}", en=f"{group.en} · {dept.en}")
    if kind == "step":
        step = name(keys[0])
        return Text(zh=f"业务环节“{step.zh}”", en=f"process step '{step.en}'")
    if kind == "chain":
        chain, a, b = name(keys[0], chains), name(keys[1]), name(keys[2])
        return Text(zh=f"{chain.zh}：{a.zh}→{b.zh}", en=f"{chain.en}: {a.en} → {b.en}")
    return Text(zh=scope.label, en=scope.label)
