"""Resolve a problem's organisation: units from the library or the user, and their state."""

from __future__ import annotations

from dataclasses import dataclass, replace

from catalog import Catalog
from catalog.errors import DataError, Issue, at
from catalog.loader import prerequisite_problems
from catalog.models.base import Text
from planner.compile.chains import basis_name
from planner.compile.maturity import Maturity
from planner.compile.stages import Stages
from planner.compile.state import (
    CHAIN_FLOW,
    ECOSYSTEM,
    ORGANISATION,
    PARTNERS,
    Organisation,
    OrgState,
    RowReading,
    Scope,
    Unit,
    derive_models,
    evaluate_tier,
    scopes,
)
from planner.model.problem import Problem, UnitSpec

# breadth rules whose scope lies in one main scenario (the others span the organisation)
SCENARIO_RULES = (
    "one_unit",
    "one_department_or_step",
    "departments_and_steps_on_chain",
    "one_scenario",
)


@dataclass(frozen=True)
class DerivedState:
    """How the shorthand current tier was turned into unit states (shown to the user)."""

    tier: int
    row: str | None
    scope: str | None
    rule: Text


def _group(spec_scenario: str | None, scope: str) -> str:
    if scope == "partner":
        return PARTNERS
    if scope == "ecosystem":
        return ECOSYSTEM
    return spec_scenario or ORGANISATION


def resolve_organisation(problem: Problem, catalog: Catalog) -> Organisation:
    org = problem.organisation
    assert org is not None, "resolve_organisation needs an organisation"
    problems: list[Issue] = []
    try:
        industry = catalog.industry(org.industry)
    except KeyError as exc:
        known = ", ".join(i.id for i in catalog.industries)
        zh = f"未知行业 {org.industry!r}（已知：{known}）"
        raise DataError([at("organisation.industry", zh, str(exc.args[0]))]) from exc
    known_scenarios = [m.id for m in industry.main_scenarios]
    scenarios = org.main_scenarios or tuple(known_scenarios)
    for i, scenario in enumerate(scenarios):
        if scenario not in known_scenarios:
            known = ", ".join(known_scenarios)
            problems.append(
                at(
                    f"organisation.main_scenarios[{i}]",
                    zh=f"行业 {org.industry!r} 没有主场景 {scenario!r}（已知：{known}）",
                    en=f"unknown main scenario {scenario!r} for "
                    f"industry {org.industry!r} (known: {known})",
                )
            )
    library = {u.id: u for u in catalog.units_for(org.industry)}
    specs: dict[str, tuple[int, UnitSpec]] = {}
    for i, spec in enumerate(org.units):
        if spec.id in specs:
            problems.append(
                at(
                    ("organisation", "units", i, "id"),
                    f"能力单元 {spec.id!r} 重复",
                    f"duplicate unit {spec.id!r}",
                )
            )
        specs[spec.id] = (i, spec)
    vocabulary = catalog.unit_library.breadth
    resolved = Organisation(org.industry, tuple(scenarios))
    resolved.chains = {c.id: c.steps for c in vocabulary.chains}
    failed: set[str] = set()  # units already reported: no cascade of errors naming them
    # use_library: false keeps the library units the organisation lists, and only those
    order = [uid for uid in library if org.use_library or uid in specs]
    order += [uid for uid in specs if uid not in library]
    for uid in order:
        template = library.get(uid)
        i, spec = specs.get(uid, (-1, UnitSpec(id=uid)))
        where = f"organisation.units[{i}]"
        if template is None and (spec.name is None or spec.perspective is None):
            problems.append(
                at(
                    f"{where}.id",
                    zh=f"未知能力单元 {uid!r}：不在 {org.industry} 能力单元库中，"
                    "须给出名称（name）和视角（perspective）",
                    en=f"unknown unit {uid!r}: not in the {org.industry} library, so "
                    "it needs its own name and perspective",
                )
            )
            failed.add(uid)
            continue
        scope = spec.scope or (template.scope if template else "internal")
        home: str | None = spec.main_scenario
        if home is None and template is not None:
            home = template.main_scenario
        if scope == "internal" and home is not None and home not in scenarios:
            if template is not None and spec.main_scenario is None:
                continue  # library unit of a main scenario the organisation does not have
            own = ", ".join(scenarios)
            problems.append(
                at(
                    f"{where}.main_scenario",
                    zh=f"未知主场景 {home!r}（本组织的主场景：{own}）",
                    en=f"unknown main scenario {home!r} (the organisation's: {own})",
                )
            )
            failed.add(uid)
            continue
        name = spec.name or (template.name if template else Text(zh=uid, en=uid))
        perspective = spec.perspective or (template.perspective if template else "process")
        key = spec.key if spec.key is not None else (template.key if template else True)
        prereqs = spec.prerequisites
        if prereqs is None:
            prereqs = template.prerequisites if template else ()
        department = spec.department or (template.department if template else None)
        step = spec.process_step or (template.process_step if template else None)
        chains = spec.chains
        if chains is None:
            chains = template.chains if template else ()
        breadth = vocabulary.unit_problems(department, step, chains, strict=False)
        if breadth:
            problems += [
                Issue(message, ("organisation", "units", i, name_)) for name_, message in breadth
            ]
            continue
        resolved.units[uid] = Unit(
            uid,
            name,
            perspective,
            _group(home, scope),
            scope,
            key,
            prereqs,
            template is not None,
            department,
            step,
            tuple(chains),
        )
    # a library prerequisite on a unit the organisation does not have (its main scenario was
    # left out) is dropped; prerequisites the user wrote must name units that exist
    user_set = {s.id for s in org.units if s.prerequisites is not None}
    for uid, unit in list(resolved.units.items()):
        if uid not in user_set:
            kept = tuple(p for p in unit.prerequisites if p in resolved.units)
            if kept != unit.prerequisites:
                resolved.units[uid] = replace(unit, prerequisites=kept)
    prereq_map = {
        u.id: tuple(p for p in u.prerequisites if p not in failed) for u in resolved.units.values()
    }
    for msg in prerequisite_problems(prereq_map):
        problems.append(Issue(msg, ("organisation", "units")))
    if problems:
        raise DataError(problems)
    return resolved


def initial_state(
    problem: Problem, org: Organisation, readings: dict[str, RowReading], catalog: Catalog
) -> tuple[OrgState, DerivedState | None]:
    """Unit states as given, with the shorthand current tier filling what is not given."""
    spec_org = problem.organisation
    assert spec_org is not None, "initial_state needs an organisation"
    specs = {s.id: s for s in spec_org.units}
    depth_stages = Stages.of(catalog)
    levels = {uid: 0 for uid in org.units}
    stages = {uid: 0 for uid in org.units}
    derived: DerivedState | None = None
    nodes: set[str] = set()
    flows: set[str] = set()
    network = ecosystem = False
    tier = spec_org.current_tier
    if tier is not None and tier > 0:
        reading, scope = _derivation_row(problem, org, readings, tier)
        in_scope = set(scope.units)
        for uid, unit in org.units.items():
            if uid in in_scope:
                levels[uid], stages[uid] = reading.capability_level, reading.stage
            elif tier >= 2 and unit.scope == "internal":
                levels[uid], stages[uid] = 1, 1
        if reading.module in ("node", "flow", "network", "ecosystem"):
            nodes |= in_scope
        if reading.module in ("flow", "network", "ecosystem"):
            flows |= {g for g in scope.groups if g not in (PARTNERS, ECOSYSTEM)}
        network = reading.module in ("network", "ecosystem")
        ecosystem = reading.module == "ecosystem"
        name = scope_name(scope, reading, org, catalog)
        depth = stage_name(reading.stage, catalog)
        model = _model_today(reading, catalog, depth_stages)
        derived = DerivedState(
            tier,
            reading.row.id,
            scope.label,
            Text(
                zh=f"按当前档次{tier}（{reading.row.id}）推定：范围“{name.zh}”内能力单元为"
                f"CL{reading.capability_level}、{depth.zh}（深度阶段{reading.stage}）"
                + (f"，该范围的{model.zh}已建成（existing_models）" if model else "")
                + "；其余组织内能力单元"
                + ("为CL1、信息技术应用。" if tier >= 2 else "尚未建设。"),
                en=f"Derived from current tier {tier} ({reading.row.id}): units in scope "
                f"'{name.en}' at CL{reading.capability_level}, {depth.en} (depth stage {reading.stage})"
                + (f", the scope's {model.en} built (existing_models)" if model else "")
                + "; "
                + (
                    "other internal units at CL1, IT application."
                    if tier >= 2
                    else "other units not built yet."
                ),
            ),
        )
    for uid, spec in specs.items():
        if uid not in org.units:
            continue
        if spec.level is not None:
            levels[uid] = int(spec.level)
        if spec.depth is not None:
            stages[uid] = depth_stages.stage(spec.depth)
    problems: list[Issue] = []
    for i, spec in enumerate(spec_org.units):
        if spec.id in org.units and stages[spec.id] >= 1:
            why = depth_stages.level_problem(depth_stages.depth(stages[spec.id]), levels[spec.id])
            if why is not None:
                problems.append(at(f"organisation.units[{i}].depth", zh=why.zh, en=why.en))
    for i, module in enumerate(spec_org.modules):
        if module.paradigm == "node":
            if module.unit not in org.units:
                problems.append(
                    at(
                        ("organisation", "modules", i, "unit"),
                        f"未知能力单元 {module.unit!r}",
                        f"unknown unit {module.unit!r}",
                    )
                )
            nodes.add(str(module.unit))
        elif module.paradigm == "flow":
            chain = (module.scenario or "").removeprefix(CHAIN_FLOW)
            if str(module.scenario).startswith(CHAIN_FLOW) and chain in org.chains:
                pass  # a flow formed along a business chain (chain:<chain id>)
            elif module.scenario not in org.internal_groups():
                chains = ", ".join(org.chains)
                problems.append(
                    at(
                        ("organisation", "modules", i, "scenario"),
                        f"未知主场景 {module.scenario!r}（沿业务链的流程写作 chain:<链 id>，"
                        f"业务链：{chains}）",
                        f"unknown main scenario {module.scenario!r} "
                        f"(a chain flow is chain:<chain id>, chains: {chains})",
                    )
                )
            flows.add(str(module.scenario))
        elif module.paradigm == "network":
            network = True
        else:
            network = ecosystem = True
    if problems:
        raise DataError(problems)
    exists = frozenset(
        uid
        for uid in org.units
        if levels[uid] > 0 or (specs[uid].exists if uid in specs and specs[uid].exists else False)
    )
    state = OrgState(levels, stages, exists, frozenset(nodes), frozenset(flows), network, ecosystem)
    return derive_models(state, org, readings), derived


def _model_today(reading: RowReading, catalog: Catalog, stages: Stages) -> Text | None:
    """The name of the scope model the derived state counts as built (tier_mapping.yaml
    existing_models), if the row's stage asks one."""
    if not reading.scope_model:
        return None
    for m in catalog.tier_mapping.scope_models:
        if stages.stage(m.depth) == reading.stage:
            return m.name
    return None


def stage_name(stage: int, catalog: Catalog) -> Text:
    """The name of a depth stage 1–6 (10004 6.2 a–f) in both languages."""
    depth = next(d.depth for d in catalog.tier_mapping.depth_stages if d.stage == stage)
    return catalog.depth(depth).name


def scope_name(scope: Scope, reading: RowReading, org: Organisation, catalog: Catalog) -> Text:
    """The scope a reading picked, for people: its unit, its main scenario, its department,
    process step or chain (with the units), or the breadth of the whole organisation and beyond."""
    if reading.rule not in SCENARIO_RULES:
        return catalog.breadth(reading.breadth).name
    units = [org.units[uid].name for uid in scope.units]
    if reading.rule == "one_unit":
        return units[0]
    scenarios = {m.id: m.name for m in catalog.industry(org.industry).main_scenarios}
    scenarios[ORGANISATION] = Text(zh="全组织层面", en="whole organisation")
    if reading.rule == "one_scenario":
        return scenarios[scope.groups[0]]
    head = basis_name(scope, org, catalog, scenarios)
    return Text(
        zh=f"{head.zh}：{'、'.join(u.zh for u in units)}",
        en=f"{head.en}: {', '.join(u.en for u in units)}",
    )


def _derivation_row(
    problem: Problem, org: Organisation, readings: dict[str, RowReading], tier: int
) -> tuple[RowReading, Scope]:
    assert problem.organisation is not None
    row_id = problem.organisation.current_row
    if row_id is not None:
        if row_id not in readings:
            raise DataError(
                [
                    at(
                        "organisation.current_row",
                        f"表1中没有 {row_id!r} 这一行",
                        f"unknown Table 1 row {row_id!r}",
                    )
                ]
            )
        reading = readings[row_id]
        if reading.row.tier != tier:
            raise DataError(
                [
                    at(
                        "organisation.current_row",
                        f"表1行 {row_id} 是第 {reading.row.tier} 档，不是第 {tier} 档",
                        f"row {row_id} is tier {reading.row.tier}, not {tier}",
                    )
                ]
            )
    else:
        candidates = [r for r in readings.values() if r.row.tier == tier]
        if not candidates:
            raise DataError(
                [
                    at(
                        "organisation.current_tier",
                        f"表1中没有第 {tier} 档的行",
                        f"no Table 1 row has tier {tier}",
                    )
                ]
            )
        reading = min(candidates, key=lambda r: r.row.level)
    scope = next(scopes(reading.rule, org), None)
    if scope is None:
        raise DataError(
            [
                at(
                    "organisation.current_tier",
                    f"本组织没有表1行 {reading.row.id} 所需的能力单元",
                    f"the organisation has no units for row {reading.row.id}",
                )
            ]
        )
    return reading, scope


def current_tier(
    state: OrgState, org: Organisation, readings: dict[str, RowReading], maturity: Maturity
) -> int:
    return evaluate_tier(state, org, readings, maturity).tier
