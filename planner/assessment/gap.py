"""Gap analysis: what is still to meet for a target tier, and what the planner must deliver."""

from __future__ import annotations

from pydantic import Field

from catalog import Catalog, load_catalog
from catalog.errors import DataError, at
from catalog.models.base import Frozen, Text
from planner.assessment.assess import situation_of
from planner.assessment.items import level_rank
from planner.assessment.models import AssessmentResult, ItemShortfall
from planner.assessment.rules import ScoringRules, load_rules
from planner.assessment.scoring import items_to_meet
from planner.assessment.table1 import Situation
from planner.assessment.tier import best_scope, explain, missing
from planner.compile.state import ECOSYSTEM, PARTNERS, RowReading, row_readings


class SubdomainGap(Frozen):
    subdomain: str
    domain: str
    name: Text
    current: int
    target: int
    items: tuple[ItemShortfall, ...] = Field(description="items still to meet, advisory marked")


class UnitGap(Frozen):
    """A capability unit the planner must bring to a capability level and depth stage."""

    unit: str
    name: Text
    group: str
    level: int
    stage: int
    target_level: int
    target_stage: int
    node: bool = Field(description="must (also) be combined into a capability node")


class GapResult(Frozen):
    target_tier: int
    current_tier: int
    reached: bool
    row: str | None = Field(description="the Table 1 reading the gap is measured against")
    row_level: str | None
    scope: str | None
    current_level: int
    target_level: int
    subdomains: tuple[SubdomainGap, ...] = ()
    units: tuple[UnitGap, ...] = ()
    modules: tuple[str, ...] = Field(default=(), description="flow:<group>, network, ecosystem")
    table1: tuple[Text, ...] = Field(default=(), description="the Table 1 key requirements short")
    rationale: Text | None = None


class LevelBar(Frozen):
    """One bar pair of the current-vs-target chart."""

    subdomain: str
    domain: str
    name: Text
    current: int
    target: int


def _choose(
    target_tier: int, s: Situation, catalog: Catalog, rules: ScoringRules, row: str | None
) -> RowReading:
    options = list(row_readings(catalog).values())
    if row is not None:
        chosen = [r for r in options if row in (r.key, r.row.id)]
        if not chosen:
            raise DataError(
                [at(("row",), f"表1中没有 {row!r} 这一行", f"unknown Table 1 row {row!r}")]
            )
        if chosen[0].row.tier != target_tier:
            tier = chosen[0].row.tier
            raise DataError(
                [
                    at(
                        ("row",),
                        f"表1行 {row} 是第 {tier} 档，不是第 {target_tier} 档",
                        f"{row} is tier {tier}, not {target_tier}",
                    )
                ]
            )
    else:
        at_tier = [r for r in options if r.row.tier == target_tier]
        if not at_tier:
            raise DataError(
                [
                    at(
                        ("target",),
                        f"表1中没有第 {target_tier} 档的行",
                        f"no Table 1 row has tier {target_tier}",
                    )
                ]
            )
        ranks = [level_rank(r.row.level) for r in at_tier]
        pick = min(ranks) if rules.gap.row_choice == "lowest_level" else max(ranks)
        chosen = [r for r in at_tier if level_rank(r.row.level) == pick]

    def work(reading: RowReading) -> int:
        scope = best_scope(s, reading)
        return 10**9 if scope is None else missing(s, reading, scope)

    return min(chosen, key=work)


def gap_analysis(
    result: AssessmentResult,
    target_tier: int,
    rules: ScoringRules | None = None,
    catalog: Catalog | None = None,
    row: str | None = None,
) -> GapResult:
    """Requirement items, units, levels, depth stages and modules still needed for the target."""
    catalog = catalog or load_catalog()
    rules = rules or load_rules()
    if not 1 <= target_tier <= catalog.max_tier:
        raise DataError(
            [
                at(
                    ("target",),
                    f"档次须在 1 到 {catalog.max_tier} 之间",
                    f"tier must be between 1 and {catalog.max_tier}",
                )
            ]
        )
    if result.tier >= target_tier and row is None:
        return GapResult(
            target_tier=target_tier,
            current_tier=result.tier,
            reached=True,
            row=None,
            row_level=None,
            scope=None,
            current_level=result.level,
            target_level=result.level,
        )
    s = situation_of(result, catalog, rules)
    reading = _choose(target_tier, s, catalog, rules, row)
    target_level = level_rank(reading.row.level)
    subdomains = []
    for sub in result.subdomains:
        if sub.level >= target_level:
            continue
        items = items_to_meet(
            result.assessment, catalog, rules, sub.subdomain, sub.level, target_level
        )
        if all(i.advisory for i in items):
            continue  # advisory items never hold a level back (maturity_reading.yaml)
        subdomains.append(
            SubdomainGap(
                subdomain=sub.subdomain,
                domain=sub.domain,
                name=sub.name,
                current=sub.level,
                target=target_level,
                items=items,
            )
        )
    scope = best_scope(s, reading)
    units: list[UnitGap] = []
    modules: list[str] = []
    if scope is not None:
        for uid in scope.units:
            unit = s.org.units[uid]
            need_node = reading.module == "node" and uid not in s.nodes
            level, stage = s.levels[uid], s.stages[uid]
            if level < reading.capability_level or stage < reading.stage or need_node:
                units.append(
                    UnitGap(
                        unit=uid,
                        name=unit.name,
                        group=unit.group,
                        level=level,
                        stage=stage,
                        target_level=max(level, reading.capability_level),
                        target_stage=max(stage, reading.stage),
                        node=need_node,
                    )
                )
        if reading.module == "flow":
            groups = [g for g in scope.groups if g not in (PARTNERS, ECOSYSTEM)]
            modules += [f"flow:{g}" for g in groups if g not in s.flows]
        if reading.module in ("network", "ecosystem"):
            modules += [f"flow:{g}" for g in s.org.internal_groups() if g not in s.flows]
            modules += [] if s.network else ["network"]
        if reading.module == "ecosystem" and not s.ecosystem:
            modules.append("ecosystem")
    shortfall = explain(s, reading, catalog, rules)
    return GapResult(
        target_tier=target_tier,
        current_tier=result.tier,
        reached=result.tier >= target_tier,
        row=reading.key,
        row_level=reading.row.level,
        scope=None if scope is None else scope.label,
        current_level=result.level,
        target_level=target_level,
        subdomains=tuple(subdomains),
        units=tuple(units),
        modules=tuple(modules),
        table1=shortfall.reasons,
        rationale=rules.gap.rationale,
    )


def level_chart(result: AssessmentResult, gap: GapResult | None = None) -> tuple[LevelBar, ...]:
    """Per subdomain: the level attained and the level the target asks (for the report chart)."""
    target = gap.target_level if gap is not None else 0
    return tuple(
        LevelBar(
            subdomain=sub.subdomain,
            domain=sub.domain,
            name=sub.name,
            current=sub.level,
            target=max(sub.level, target),
        )
        for sub in result.subdomains
    )
