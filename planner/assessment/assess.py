"""Score an assessment: levels, tier, reasons; and check it against the catalogue first."""

from __future__ import annotations

from catalog import Catalog, load_catalog
from catalog.errors import DataError, Issue, at
from catalog.models.base import Text
from planner.assessment.items import items_by_id
from planner.assessment.models import (
    ORGANISATION_GROUP,
    Assessment,
    AssessmentResult,
    NotApplicableItem,
)
from planner.assessment.rules import (
    ASPECTS,
    NOT_APPLICABLE,
    ORGANISATION_BREADTHS,
    SCENARIO_BREADTHS,
    ScoringRules,
    load_rules,
    needs_reason,
)
from planner.assessment.scoring import (
    credit_advisory_levels,
    met_items,
    not_applicable_answers,
    overall_level,
    score_domains,
    score_subdomains,
)
from planner.assessment.table1 import (
    Situation,
    build_situation,
    organisation_of,
    unit_states,
)
from planner.assessment.tier import evaluate, next_tier_reasons


def allowed_answers(rules: ScoringRules, aspect: str) -> tuple[str, ...]:
    """The depth ids an aspect can be answered with ('none' first)."""
    return ("none", *rules.table1.aspects[aspect].depths)


def scenarios_of(assessment: Assessment, catalog: Catalog) -> tuple[str, ...]:
    industry = catalog.industry(assessment.organisation.industry)
    return assessment.organisation.main_scenarios or tuple(m.id for m in industry.main_scenarios)


def check_assessment(assessment: Assessment, catalog: Catalog, rules: ScoringRules) -> list[Issue]:
    """Problems of an assessment built in code (the file readers report file positions)."""
    org = assessment.organisation
    try:
        industry = catalog.industry(org.industry)
    except KeyError as exc:
        known_industries = ", ".join(i.id for i in catalog.industries)
        zh = f"未知行业 {org.industry!r}（已知：{known_industries}）"
        return [at(("organisation", "industry"), zh, str(exc.args[0]))]
    problems: list[Issue] = []
    known = [m.id for m in industry.main_scenarios]
    for i, scenario in enumerate(org.main_scenarios or ()):
        if scenario not in known:
            problems.append(
                at(
                    ("organisation", "main_scenarios", i),
                    f"行业 {org.industry!r} 没有主场景 {scenario!r}（已知：{', '.join(known)}）",
                    f"unknown main scenario {scenario!r} for "
                    f"industry {org.industry!r} (known: {', '.join(known)})",
                )
            )
    items = items_by_id(catalog)
    for item_id, given in assessment.answers.items():
        if item_id not in items:
            problems.append(
                at(
                    ("answers", item_id),
                    f"未知要求项 {item_id!r}",
                    f"unknown requirement item {item_id!r}",
                )
            )
        elif given.answer == NOT_APPLICABLE and not (given.reason or "").strip():
            problems.append(needs_reason(("answers", item_id)))
    groups = (*(org.main_scenarios or known), ORGANISATION_GROUP)
    for group, answer in assessment.table1.items():
        if group not in groups:
            problems.append(
                at(
                    ("table1", group),
                    f"未知主场景 {group!r}（已知：{', '.join(groups)}）",
                    f"unknown main scenario {group!r} (known: {', '.join(groups)})",
                )
            )
            continue
        breadths = ORGANISATION_BREADTHS if group == ORGANISATION_GROUP else SCENARIO_BREADTHS
        if answer.breadth not in breadths:
            problems.append(
                at(
                    ("table1", group, "breadth"),
                    f"无效的广度 {answer.breadth!r}（可选：{', '.join(breadths)}）",
                    f"invalid breadth {answer.breadth!r} (allowed: {', '.join(breadths)})",
                )
            )
        for aspect in ASPECTS:
            value = getattr(answer, aspect)
            if value not in allowed_answers(rules, aspect):
                allowed = ", ".join(allowed_answers(rules, aspect))
                problems.append(
                    at(
                        ("table1", group, aspect),
                        f"无效的答复 {value!r}（可选：{allowed}）",
                        f"invalid answer {value!r} (allowed: {allowed})",
                    )
                )
    return problems


def assess(
    assessment: Assessment,
    rules: ScoringRules | None = None,
    catalog: Catalog | None = None,
) -> AssessmentResult:
    """Levels per subdomain, domain and overall, the tier, and the reasons; DataError if bad."""
    catalog = catalog or load_catalog()
    rules = rules or load_rules()
    problems = check_assessment(assessment, catalog, rules)
    if problems:
        raise DataError(problems)
    subdomains = score_subdomains(assessment, catalog, rules)
    level, held = overall_level(score_domains(subdomains, catalog))
    subdomains = credit_advisory_levels(subdomains, level, catalog, rules)
    domains = score_domains(subdomains, catalog)
    perspectives = {
        sub.id: sub.perspective for sub in catalog.subdomains() if sub.perspective is not None
    }
    capability = {
        perspectives[s.subdomain]: s.level for s in subdomains if s.subdomain in perspectives
    }
    situation = build_situation(assessment, level, catalog, rules, capability)
    situation.items = met_items(assessment, catalog, rules)
    not_applicable = not_applicable_answers(assessment)
    situation.not_applicable = _reasons(not_applicable)
    tier, row, scope = evaluate(situation, catalog)
    items = items_by_id(catalog)
    answered = sum(1 for k, a in assessment.answers.items() if k in items and a.answer is not None)
    org = assessment.organisation.model_copy(
        update={"main_scenarios": scenarios_of(assessment, catalog)}
    )
    return AssessmentResult(
        organisation=org,
        level=level,
        held_back_by=held,
        domains=domains,
        subdomains=subdomains,
        groups=tuple(situation.groups.values()),
        units=unit_states(situation),
        flows=tuple(sorted(situation.flows)),
        network=situation.network,
        ecosystem=situation.ecosystem,
        tier=tier,
        row=row,
        scope=scope,
        tier_reasons=next_tier_reasons(situation, tier, catalog, rules),
        answered=answered,
        unanswered=len(items) - answered,
        not_applicable=not_applicable,
        items_met=tuple(sorted(situation.items)),
        assessment=assessment,
    )


def _reasons(items: tuple[NotApplicableItem, ...]) -> dict[str, Text]:
    return {i.clause: Text(zh=i.reason, en=i.reason) for i in items}


def situation_of(
    result: AssessmentResult, catalog: Catalog, rules: ScoringRules | None = None
) -> Situation:
    """Rebuild the unit states of a result (for the gap analysis and the planner).

    The items met are the result's own (scored with the rules actually used); a result stored
    without them is re-scored with ``rules`` (default: the bundled scoring rules).
    """
    org = result.organisation
    scenarios = tuple(org.main_scenarios or ())
    s = Situation(organisation_of(org.industry, scenarios, catalog), result.level)
    s.groups = {g.group: g for g in result.groups}
    for u in result.units:
        s.levels[u.unit], s.stages[u.unit] = u.level, u.stage
        if u.exists:
            s.exists.add(u.unit)
        if u.node:
            s.nodes.add(u.unit)
    s.flows, s.network, s.ecosystem = set(result.flows), result.network, result.ecosystem
    s.items = items_met(result, catalog, rules)
    s.not_applicable = _reasons(result.not_applicable)
    return s


def items_met(
    result: AssessmentResult, catalog: Catalog, rules: ScoringRules | None = None
) -> frozenset[str]:
    """The items a result counts as met: its own, or re-scored with ``rules`` when rules are
    given or the result holds none."""
    if rules is None and result.items_met is not None:
        return frozenset(result.items_met)
    return met_items(result.assessment, catalog, rules or load_rules())
