"""Initiatives (项目) and waves (阶段) over a roadmap: a solver-free layer.

The problem's own initiatives take their steps first (listed steps, then units, then groups);
every other step falls into the default initiative of its workstream and the level it builds
(capplan's grouping rule, catalog/data/assumptions/initiative_grouping.yaml). Waves are the
periods between tier milestones.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, replace

from catalog import Catalog, load_catalog
from catalog.models.base import Text
from planner.compile.state import ECOSYSTEM, ORGANISATION, PARTNERS
from planner.deliver.rules import GroupingRules, load_rules
from planner.deliver.spec import Benefit, InitiativeSpec
from planner.model.problem import Problem
from planner.result.plan_result import PlanResult
from planner.result.roadmap import Roadmap, ScheduledStep

USER = "user"
LEVEL_IN_ID = re.compile(r":L([1-5])(?::|$)")
WORKSTREAMS = {ORGANISATION: "organisation", PARTNERS: "partners", ECOSYSTEM: "ecosystem"}


@dataclass(frozen=True)
class Initiative:
    id: str
    name: Text
    source: str  # "default" (capplan's rule) or "problem" (named in the problem file)
    group: str | None
    level: str | None  # maturity level built (L1–L5), None for a user-named mixed initiative
    steps: tuple[ScheduledStep, ...]
    start: int  # first period
    end: int  # period after the last one
    start_date: dt.date
    end_date: dt.date  # first day after
    cost: int  # yuan
    cost_per_year: dict[int, int]
    staff_peak: int
    units: tuple[str, ...]
    modules: tuple[str, ...]
    clauses: tuple[str, ...]
    benefits: tuple[Benefit, ...] = ()
    description: Text | None = None
    code: str = ""  # P1, P2, ... in the order of the list (start, end, id)


@dataclass(frozen=True)
class Milestone:
    period: int  # periods from the start at whose end the tier is reached
    date: dt.date  # first day after
    tier: int
    row: str | None
    level: str | None


@dataclass(frozen=True)
class Wave:
    index: int  # 1, 2, ...
    start: int
    end: int
    start_date: dt.date
    end_date: dt.date
    goal: Milestone | None  # None: a closing wave, or the one wave of a plan without milestones
    initiatives: tuple[str, ...]
    spend: int  # yuan
    closing: bool = False  # work after the last tier milestone


@dataclass(frozen=True)
class Delivery:
    """A roadmap as leadership approves it."""

    result: PlanResult
    problem: Problem
    roadmap: Roadmap
    initiatives: tuple[Initiative, ...]
    waves: tuple[Wave, ...]
    milestones: tuple[Milestone, ...]
    rules: GroupingRules
    unmatched: tuple[str, ...]  # problem initiatives that took no step of this roadmap

    def initiative_of(self) -> dict[str, str]:
        """Step id → initiative id."""
        return {s.id: i.id for i in self.initiatives for s in i.steps}


def deliver(
    result: PlanResult, catalog: Catalog | None = None, rules: GroupingRules | None = None
) -> Delivery:
    """Initiatives and waves of a planned result (which must carry its roadmap and problem)."""
    if result.roadmap is None or result.problem is None:
        raise ValueError("the result has no roadmap to deliver")
    catalog = catalog or load_catalog()
    rules = rules or load_rules()
    problem, roadmap = result.problem, result.roadmap
    forms = _level_of_capability(catalog)
    default_level = _row_level(roadmap.row, catalog)
    specs = problem.initiatives
    taken: dict[str, list[ScheduledStep]] = defaultdict(list)
    keys: dict[str, tuple[str, str | None]] = {}
    for step in roadmap.steps:
        spec = _claim(step, specs)
        if spec is not None:
            taken[spec.id].append(step)
            continue
        level = step_level(step, forms, default_level)
        key = f"{step.group}@{level or 'all'}"
        keys[key] = (step.group, level)
        taken[key].append(step)
    by_id = {s.id: s for s in specs}
    scenarios = _scenario_names(problem, catalog)
    out = []
    for key, steps in taken.items():
        spec = by_id.get(key)
        if key in keys:
            group, level = keys[key]
            name = spec.name if spec else _default_name(group, level, rules, scenarios, catalog)
            out.append(_initiative(key, name, "default", group, level, steps, problem, spec))
        else:
            assert spec is not None
            levels = {step_level(s, forms, default_level) for s in steps}
            groups = {s.group for s in steps}
            out.append(
                _initiative(
                    key,
                    spec.name,
                    "problem",
                    groups.pop() if len(groups) == 1 else None,
                    levels.pop() if len(levels) == 1 else None,
                    steps,
                    problem,
                    spec,
                )
            )
    out.sort(key=lambda i: (i.start, i.end, i.id))
    out = [replace(i, code=f"P{k}") for k, i in enumerate(out, 1)]
    unmatched = tuple(s.id for s in specs if s.id not in taken)
    milestones = tier_milestones(result)
    waves = _waves(roadmap, problem, milestones, out)
    return Delivery(result, problem, roadmap, tuple(out), waves, milestones, rules, unmatched)


def _claim(step: ScheduledStep, specs: tuple[InitiativeSpec, ...]) -> InitiativeSpec | None:
    """The first problem initiative listing the step, else its unit, else its group."""
    for spec in specs:
        if step.id in spec.steps:
            return spec
    for spec in specs:
        if step.unit is not None and step.unit in spec.units:
            return spec
    for spec in specs:
        if step.group in spec.groups:
            return spec
    return None


def _level_of_capability(catalog: Catalog) -> dict[int, str]:
    """CLk → the lowest maturity level whose level form asks CLk."""
    out: dict[int, str] = {}
    for form in sorted(catalog.tier_mapping.level_forms, key=lambda f: f.level):
        out.setdefault(int(form.capability_level[2:]), form.level)
    return out


def _row_level(row: str | None, catalog: Catalog) -> str | None:
    if not row:
        return None
    try:
        return catalog.tier_row(row.split("/")[0]).level
    except KeyError:
        return None


def step_level(step: ScheduledStep, forms: dict[int, str], default: str | None) -> str | None:
    """The maturity level a step builds (the grouping rule's level_rule)."""
    if step.capability_level is not None and step.capability_level in forms:
        return forms[step.capability_level]
    found = LEVEL_IN_ID.search(step.id)
    if found:
        return f"L{found.group(1)}"
    return None if step.kind == USER else default


def _scenario_names(problem: Problem, catalog: Catalog) -> dict[str, Text]:
    out: dict[str, Text] = {}
    for industry in catalog.industries:
        for scenario in industry.main_scenarios:
            out.setdefault(scenario.id, scenario.name)
    org = problem.organisation
    if org is not None:
        with contextlib.suppress(KeyError):
            out.update({m.id: m.name for m in catalog.industry(org.industry).main_scenarios})
    return out


def _default_name(
    group: str,
    level: str | None,
    rules: GroupingRules,
    scenarios: dict[str, Text],
    catalog: Catalog,
) -> Text:
    names = rules.grouping.names
    if group in WORKSTREAMS:
        template = getattr(names, WORKSTREAMS[group])
    elif group == USER:
        template = names.user
    else:
        template = names.scenario
    level_name = catalog.level(level).name if level else names.no_level
    scenario = scenarios.get(group, Text(zh=group, en=group))
    return Text(
        zh=template.zh.format(scenario=scenario.zh, level=level_name.zh),
        en=template.en.format(scenario=scenario.en, level=level_name.en),
    )


def _initiative(
    key: str,
    name: Text,
    source: str,
    group: str | None,
    level: str | None,
    steps: list[ScheduledStep],
    problem: Problem,
    spec: InitiativeSpec | None,
) -> Initiative:
    time = problem.time
    start, end = min(s.start for s in steps), max(s.end for s in steps)
    per_year: dict[int, int] = defaultdict(int)
    staff = [0] * (end - start)
    for s in steps:
        for t in range(s.start, s.end):
            per_year[time.year_of(t)] += s.rate
            staff[t - start] += s.staff
    units = tuple(dict.fromkeys(s.unit for s in steps if s.unit))
    modules = tuple(dict.fromkeys(s.module for s in steps if s.module))
    clauses = tuple(sorted({c for s in steps for c in s.clauses}))
    return Initiative(
        id=key,
        name=name,
        source=source,
        group=group,
        level=level,
        steps=tuple(sorted(steps, key=lambda s: (s.start, s.end, s.id))),
        start=start,
        end=end,
        start_date=time.period_start(start),
        end_date=time.period_start(end),
        cost=sum(s.cost for s in steps),
        cost_per_year=dict(sorted(per_year.items())),
        staff_peak=max(staff, default=0),
        units=units,
        modules=modules,
        clauses=clauses,
        benefits=spec.benefits if spec else (),
        description=spec.description if spec else None,
    )


def tier_milestones(result: PlanResult) -> tuple[Milestone, ...]:
    """Every period at whose end the tier reached rises, from the result's trajectory."""
    if result.problem is None:
        return ()
    time = result.problem.time
    tier = result.current_tier if result.current_tier is not None else -1
    out = []
    for point in result.trajectory:
        if point.tier > tier:
            period = point.period + 1
            out.append(
                Milestone(period, time.period_start(period), point.tier, point.row, point.level)
            )
            tier = point.tier
    return tuple(out)


def _waves(
    roadmap: Roadmap,
    problem: Problem,
    milestones: tuple[Milestone, ...],
    initiatives: list[Initiative],
) -> tuple[Wave, ...]:
    time = problem.time
    last = max((s.end for s in roadmap.steps), default=0)
    spans: list[tuple[int, int, Milestone | None]] = []
    begin = 0
    for m in milestones:
        if m.period > begin:
            spans.append((begin, m.period, m))
            begin = m.period
    if last > begin:
        spans.append((begin, last, None))
    spend = roadmap.spend_per_period(max(last, 1))
    out = []
    for i, (a, b, goal) in enumerate(spans, 1):
        active = tuple(x.id for x in initiatives if x.start < b and x.end > a)
        out.append(
            Wave(
                i,
                a,
                b,
                time.period_start(a),
                time.period_start(b),
                goal,
                active,
                sum(spend[a:b]),
                closing=goal is None and bool(milestones),
            )
        )
    return tuple(out)
