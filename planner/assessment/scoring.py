"""Levels attained per subdomain, per evaluation domain and overall, with the items at fault.

A subdomain attains level L when its items at L hold and it attains every lower level; a
domain takes the lowest level of its subdomains; the organisation the lowest of its domains
(assessment_scoring.yaml ``levels``).
"""

from __future__ import annotations

from catalog import Catalog
from catalog.models.maturity import LEVEL_IDS
from planner.assessment.items import RequirementItem, section_of
from planner.assessment.models import (
    Assessment,
    DomainResult,
    ItemShortfall,
    NotApplicableItem,
    Shortfall,
    SubdomainResult,
)
from planner.assessment.rules import NOT_APPLICABLE, ScoringRules


def answer_of(assessment: Assessment, item_id: str) -> str:
    """met / partly_met / not_met, or 'unanswered'."""
    given = assessment.answers.get(item_id)
    return given.answer if given is not None and given.answer is not None else "unanswered"


def is_advisory(item: RequirementItem, rules: ScoringRules) -> bool:
    conditional = rules.conditional_items
    return conditional.policy == "advisory" and item.id in conditional.clauses


def shortfall(item: RequirementItem, answer: str, advisory: bool = False) -> ItemShortfall:
    kind: Shortfall = (
        "partly_met"
        if answer == "partly_met"
        else ("not_met" if answer == "not_met" else "unanswered")
    )
    rank = LEVEL_IDS.index(item.level) + 1
    return ItemShortfall(
        clause=item.id,
        level=rank,
        subdomain=item.subdomain,
        answer=kind,
        text=item.text,
        advisory=advisory,
    )


def level_holds(
    items: tuple[RequirementItem, ...], assessment: Assessment, rules: ScoringRules
) -> tuple[bool, tuple[ItemShortfall, ...]]:
    """Whether one subdomain's items at one level hold, and the items that do not."""
    counted = [
        i
        for i in items
        if not is_advisory(i, rules) and answer_of(assessment, i.id) != NOT_APPLICABLE
    ]
    answers = {i.id: answer_of(assessment, i.id) for i in counted}
    failing = [i for i in counted if answers[i.id] in ("not_met", "unanswered")]
    partly = [i for i in counted if answers[i.id] == "partly_met"]
    if not failing and not partly:
        return True, ()
    rule = rules.partly_met_counts
    if not failing and rule is not None:
        met = sum(1 for i in counted if answers[i.id] == "met")
        if met >= rule.min_met_share * len(counted) - 1e-9:
            return True, ()
    out = [shortfall(i, answers[i.id]) for i in counted if i in failing or i in partly]
    return False, tuple(out)


def score_subdomains(
    assessment: Assessment, catalog: Catalog, rules: ScoringRules
) -> tuple[SubdomainResult, ...]:
    out = []
    for domain in catalog.domains:
        for sub in domain.subdomains:
            level = 0
            held: tuple[ItemShortfall, ...] = ()
            for rank, level_id in enumerate(LEVEL_IDS, start=1):
                holds, missing = level_holds(
                    section_of(catalog, level_id, sub.id).items, assessment, rules
                )
                if not holds:
                    held = missing
                    break
                level = rank
            out.append(
                SubdomainResult(
                    subdomain=sub.id,
                    domain=domain.id,
                    name=sub.name,
                    level=level,
                    held_back_by=held,
                )
            )
    return tuple(out)


def score_domains(
    subdomains: tuple[SubdomainResult, ...], catalog: Catalog
) -> tuple[DomainResult, ...]:
    out = []
    for domain in catalog.domains:
        subs = [s for s in subdomains if s.domain == domain.id]
        level = min(s.level for s in subs)
        held = tuple(s.subdomain for s in subs if s.level == level) if level < 5 else ()
        out.append(DomainResult(domain=domain.id, name=domain.name, level=level, held_back_by=held))
    return tuple(out)


def overall_level(domains: tuple[DomainResult, ...]) -> tuple[int, tuple[str, ...]]:
    level = min(d.level for d in domains)
    held = tuple(d.domain for d in domains if d.level == level) if level < 5 else ()
    return level, held


def items_to_meet(
    assessment: Assessment,
    catalog: Catalog,
    rules: ScoringRules,
    subdomain: str,
    above: int,
    up_to: int,
) -> tuple[ItemShortfall, ...]:
    """Every item of the subdomain at levels above..up_to not (fully) met, advisory marked.

    Unlike ``level_holds`` a partly met item is listed even where the partly-met allowance
    would let its level hold: a gap lists everything still to do at the levels not attained.
    """
    out = []
    for level_id in LEVEL_IDS[above:up_to]:
        for item in section_of(catalog, level_id, subdomain).items:
            answer = answer_of(assessment, item.id)
            if answer not in ("met", NOT_APPLICABLE):
                out.append(shortfall(item, answer, advisory=is_advisory(item, rules)))
    return tuple(out)


def met_items(assessment: Assessment, catalog: Catalog, rules: ScoringRules) -> frozenset[str]:
    """The items the planner's state counts as met: answered met, or in a section that holds
    under the partly-met allowance (assessment_scoring.yaml ``partly_met_counts``)."""
    out: set[str] = set()
    for domain in catalog.domains:
        for sub in domain.subdomains:
            for level_id in LEVEL_IDS:
                items = section_of(catalog, level_id, sub.id).items
                holds, _ = level_holds(items, assessment, rules)
                for item in items:
                    if answer_of(assessment, item.id) == "met" or (
                        holds and answer_of(assessment, item.id) == "partly_met"
                    ):
                        out.add(item.id)
    return frozenset(out)


def not_applicable_answers(assessment: Assessment) -> tuple[NotApplicableItem, ...]:
    """The items answered not applicable, with their reasons, in clause order."""
    return tuple(
        NotApplicableItem(clause=clause, reason=a.reason or "")
        for clause, a in sorted(assessment.answers.items())
        if a.answer == NOT_APPLICABLE
    )


def credit_advisory_levels(
    subdomains: tuple[SubdomainResult, ...], overall: int, catalog: Catalog, rules: ScoringRules
) -> tuple[SubdomainResult, ...]:
    """Levels earned by advisory items alone are not shown (maturity_reading.yaml ``advisory``).

    A level whose only items are advisory holds vacuously (it never holds a level back), but it
    never raises a subdomain above the organisation's overall level on its own: a subdomain is
    shown at most at the highest level where it has a counted item, or the overall level.
    """
    out = []
    for sub in subdomains:
        counted = [
            rank
            for rank, level_id in enumerate(LEVEL_IDS[: sub.level], start=1)
            if any(
                not is_advisory(i, rules)
                for i in section_of(catalog, level_id, sub.subdomain).items
            )
        ]
        shown = min(sub.level, max(overall, max(counted, default=0)))
        out.append(sub if shown == sub.level else sub.model_copy(update={"level": shown}))
    return tuple(out)
