"""The tier: the highest Table 1 row the situation meets, and why the next rows are not met.

Rows are read, scoped and checked by the planner's own code (planner.compile.state: row_readings,
scopes, satisfies, evaluate_tier) on the situation's organisation and state, so the assessed
tier is the planner's current tier of the same unit states. The reasons are put in the
assessment's terms: overall level, breadth and the key requirements of each aspect.
"""

from __future__ import annotations

from catalog import Catalog
from catalog.models.base import Text
from planner.assessment.items import level_rank
from planner.assessment.models import ORGANISATION_GROUP, RowShortfall
from planner.assessment.rules import ASPECTS, ScoringRules
from planner.assessment.table1 import Situation, asked_aspects, stage_of
from planner.compile.maturity import Maturity
from planner.compile.state import (
    OrgState,
    RowReading,
    Scope,
    derive_models,
    evaluate_tier,
    module_formed,
    row_readings,
    satisfies,
    scopes,
)


def planner_state(s: Situation, catalog: Catalog) -> OrgState:
    """The situation as the planner's state; a scope whose units all reached a model stage
    has its model (the Table 1 answers include the model aspect: depth_reached)."""
    return derive_models(s.state(), s.org, row_readings(catalog))


def evaluate(s: Situation, catalog: Catalog) -> tuple[int, str | None, str | None]:
    """(tier, reading key, scope label) of the highest row met; (0, None, None) when none."""
    reached = evaluate_tier(
        planner_state(s, catalog), s.org, row_readings(catalog), Maturity(catalog, s.not_applicable)
    )
    return reached.tier, reached.row, reached.scope


def _short_units(s: Situation, reading: RowReading, scope: Scope) -> list[str]:
    return [
        u
        for u in scope.units
        if s.levels[u] < reading.capability_level or s.stages[u] < reading.stage
    ]


def missing(s: Situation, reading: RowReading, scope: Scope) -> int:
    """Capability levels and depth stages the scope's units still lack for the reading."""
    return sum(
        max(0, reading.capability_level - s.levels[u]) + max(0, reading.stage - s.stages[u])
        for u in scope.units
    )


def best_scope(s: Situation, reading: RowReading) -> Scope | None:
    """The scope closest to meeting the reading (fewest levels and stages missing)."""
    state = s.state()  # modules only: models are not part of the deficit

    def deficit(scope: Scope) -> tuple[int, int]:
        formed = module_formed(state, reading.module, scope)
        return missing(s, reading, scope), 0 if formed else 1

    return min(scopes(reading.rule, s.org), key=deficit, default=None)


# -- reasons ----------------------------------------------------------------------------------

_SCENARIO_NEEDS = {
    "one_unit": "single_point",
    "one_department_or_step": "single_department",
    "departments_and_steps_on_chain": "cross_department",
}
_ORGANISATION_NEEDS = {"with_partners": "platform_user_group", "with_ecosystem": "ecosystem"}


def needed_breadth(rule: str, group: str) -> str:
    if group == ORGANISATION_GROUP:
        return _ORGANISATION_NEEDS.get(rule, "whole_organisation")
    return _SCENARIO_NEEDS.get(rule, "main_scenario")


class Labels:
    """Names of breadths, depths and aspect answers in both languages."""

    def __init__(self, catalog: Catalog, rules: ScoringRules) -> None:
        self.catalog, self.rules = catalog, rules

    def breadth(self, breadth: str) -> Text:
        if breadth == "none":
            return self.rules.table1.none
        return self.catalog.breadth(breadth).name

    def depth(self, depth: str | None) -> Text:
        return self.catalog.depth(depth).name if depth else self.rules.table1.none

    def aspect(self, aspect: str) -> Text:
        return self.rules.table1.aspects[aspect].name

    def answer(self, aspect: str, depth: str) -> Text:
        label = self.rules.table1.aspects[aspect].depths.get(depth)
        if label is None:
            return self.rules.table1.none if depth == "none" else Text(zh=depth, en=depth)
        return Text(zh=label.zh, en=label.en)


def key_requirement_text(reading: RowReading, aspect: str) -> Text | None:
    """'Table 1 L2-T6 2) …' for the aspect (the alternative's text for an alternative reading)."""
    for k in reading.row.key_requirements:
        if k.aspect != aspect:
            continue
        text: Text = Text(zh=k.zh, en=k.en)
        # the '或' parts: [0] is the row as written, [n] the n-th alternative reading
        if len(k.alternatives) > reading.alternative:
            text = k.alternatives[reading.alternative]
        return Text(
            zh=f"表1 {reading.row.id} {k.id}）{text.zh.rstrip('；。;.')}",
            en=f"Table 1 {reading.row.id} {k.id}) {text.en.rstrip(';.')}",
        )
    return None


def _narrower(answered: str, needed: str, rules: ScoringRules) -> bool:
    """The answered breadth is narrower than the one the row needs (same scale only)."""
    for scale in (rules.table1.scenario_breadths, rules.table1.organisation_breadths):
        if answered in scale and needed in scale:
            return scale.index(answered) < scale.index(needed)
    return True


def group_reasons(
    s: Situation, reading: RowReading, scope: Scope, catalog: Catalog, rules: ScoringRules
) -> list[Text]:
    """Breadth and depth shortfalls of the groups in the scope, naming key requirements."""
    names = Labels(catalog, rules)
    stages = stage_of(catalog)
    asked = asked_aspects(catalog).get(reading.stage, set())
    short = set(_short_units(s, reading, scope))
    order = (*s.org.main_scenarios, ORGANISATION_GROUP)
    groups = sorted(
        {s.answer_group(s.org.units[u]) for u in scope.units if u in short}, key=order.index
    )
    narrow: list[tuple[Text, Text, Text]] = []
    shallow: dict[str, list[tuple[Text, Text]]] = {a: [] for a in ASPECTS}
    for group in groups:
        state = s.groups[group]
        in_scope = [u for u in scope.units if s.answer_group(s.org.units[u]) == group]
        needed = needed_breadth(reading.rule, group)
        if any(u not in state.units for u in in_scope) and _narrower(state.breadth, needed, rules):
            narrow.append((state.name, names.breadth(state.breadth), names.breadth(needed)))
        if state.stage >= reading.stage:
            continue
        for aspect in ASPECTS:
            answer = state.aspects[aspect]
            if aspect in asked and stages.get(answer, 0) < reading.stage:
                shallow[aspect].append((state.name, names.answer(aspect, answer)))
    out: list[Text] = []
    if narrow:
        out.append(
            Text(
                zh="广度不足："
                + "、".join(f"{g.zh}（“{h.zh}”，需要“{n.zh}”）" for g, h, n in narrow),
                en="breadth short: "
                + "; ".join(f"{g.en} ('{h.en}', needs '{n.en}')" for g, h, n in narrow),
            )
        )
    for aspect, where in shallow.items():
        if not where:
            continue
        a, need = names.aspect(aspect), names.answer(aspect, reading.depth)
        ref = key_requirement_text(reading, aspect)
        out.append(
            Text(
                zh=f"{a.zh}需达到“{need.zh}”"
                + (f"（{ref.zh}）" if ref else "")
                + "，未达到："
                + "、".join(f"{g.zh}（“{h.zh}”）" for g, h in where),
                en=f"{a.en} must reach '{need.en}'"
                + (f" ({ref.en})" if ref else "")
                + "; not reached in: "
                + "; ".join(f"{g.en} ('{h.en}')" for g, h in where),
            )
        )
    return out


def explain(
    s: Situation, reading: RowReading, catalog: Catalog, rules: ScoringRules
) -> RowShortfall:
    """Why a reading is not met (empty reasons when it is)."""
    reasons: list[Text] = []
    rank = level_rank(reading.row.level)
    if s.level < rank:
        reasons.append(
            Text(
                zh=(f"总体成熟度等级为L{s.level}" if s.level else "总体成熟度等级未达L1")
                + f"，该行需要{reading.row.level}",
                en=f"overall maturity level is {'L' + str(s.level) if s.level else 'below L1'}; "
                f"the row needs {reading.row.level}",
            )
        )
    scope = best_scope(s, reading)
    if scope is None:
        reasons.append(
            Text(
                zh="组织没有该广度所需的能力单元",
                en="the organisation has no units for this breadth",
            )
        )
        return RowShortfall(
            row=reading.key,
            tier=reading.row.tier,
            level=reading.row.level,
            scope=None,
            reasons=tuple(reasons),
        )
    reasons += group_reasons(s, reading, scope, catalog, rules)
    state = planner_state(s, catalog)
    if not reasons and not satisfies(
        state, reading, scope, s.org, Maturity(catalog, s.not_applicable)
    ):
        module = reading.module or ""
        reasons.append(Text(zh=f"尚未形成能力模块：{module}", en=f"{module} not formed yet"))
    return RowShortfall(
        row=reading.key,
        tier=reading.row.tier,
        level=reading.row.level,
        scope=scope.label,
        reasons=tuple(reasons),
    )


def next_tier_reasons(
    s: Situation, tier: int, catalog: Catalog, rules: ScoringRules
) -> tuple[RowShortfall, ...]:
    """For each reading of the next tier above the current one: why it is not met."""
    above = [r for r in row_readings(catalog).values() if r.row.tier > tier]
    if not above:
        return ()
    nxt = min(r.row.tier for r in above)
    return tuple(explain(s, r, catalog, rules) for r in above if r.row.tier == nxt)
