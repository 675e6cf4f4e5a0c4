"""An assessment attached to a report: levels, tier, the current-vs-target chart, main gaps.

``render_roadmap(result, lang, assessment=...)`` adds the section to the roadmap report;
``render_assessment`` renders it as a page of its own (``capplan assess --html``).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from catalog import Catalog, load_catalog
from catalog.errors import DataError
from catalog.models.base import Lang
from planner.report.env import ENV, check_lang
from planner.report.labels import fmt, label, labels
from planner.report.level_chart import LevelChart, level_text
from planner.report.level_chart import level_chart as chart_geometry
from planner.report.lookup import Lookup

if TYPE_CHECKING:  # planner.assessment (and openpyxl) load only when an assessment is shown
    from planner.assessment.gap import GapResult
    from planner.assessment.models import AssessmentResult, ItemShortfall

TOP_ITEMS = 3  # requirement items listed per subdomain; the rest are counted
CLIP = 110  # width units (CJK 2, Latin 1) of an item's text in the gap table
ANSWER_KEYS = {
    "not_met": "answer_not_met",
    "partly_met": "answer_partly_met",
    "unanswered": "answer_unanswered",
}


@dataclass(frozen=True)
class AttachedAssessment:
    """An assessment as a report shows it: the scored result and its gap to a target tier."""

    result: AssessmentResult
    gap: GapResult | None = None


def attach(
    result: AssessmentResult,
    target_tier: int | None,
    row: str | None = None,
    catalog: Catalog | None = None,
) -> AttachedAssessment:
    """The gap to ``target_tier`` measured against ``row`` (the plan's Table 1 row) if that row
    is of the target tier, else against the row the gap analysis picks; no gap without a
    target tier. Never raises: a target the assessment cannot be measured against is no gap.
    """
    from planner.assessment.gap import gap_analysis

    if target_tier is None:
        return AttachedAssessment(result)
    catalog = catalog or load_catalog()
    tries: list[str | None] = [None]
    if row and result.tier < target_tier:
        tries.insert(0, row)
    for choice in tries:
        try:
            gap = gap_analysis(result, target_tier, catalog=catalog, row=choice)
            return AttachedAssessment(result, gap)
        except DataError:
            continue
    return AttachedAssessment(result)


@dataclass(frozen=True)
class GapItem:
    clause: str
    text: str
    answer: str
    advisory: bool


@dataclass(frozen=True)
class GapRow:
    domain: str
    span: int  # rows the domain cell spans (0: covered by the row above)
    subdomain: str
    name: str
    levels: str
    count: int
    items: tuple[GapItem, ...]
    more: str


@dataclass(frozen=True)
class AssessmentSection:
    organisation: str
    answered: str
    cards: list[tuple[str, str, str]]
    notes: list[str]
    chart: LevelChart
    gaps: list[GapRow] = field(default_factory=list)
    table1: list[str] = field(default_factory=list)


def section(
    attached: AttachedAssessment, lk: Lookup, plan_tier: int | None = None
) -> AssessmentSection:
    """What the template shows; ``plan_tier``: the tier the roadmap starts from, if any."""
    from planner.assessment.gap import level_chart

    result, gap, lang = attached.result, attached.gap, lk.lang
    org = result.organisation
    try:
        industry = lk.t(lk.catalog.industry(org.industry).name)
    except KeyError:
        industry = org.industry
    notes = []
    if plan_tier is not None and plan_tier != result.tier:
        notes.append(fmt("tier_differs", lang, assessed=result.tier, plan=plan_tier))
    if gap is None:
        notes.append(label("no_assessment_target", lang))
    elif gap.reached:
        notes.append(fmt("assessment_reached", lang, tier=gap.target_tier))
    elif gap.row:
        notes.append(fmt("against_row", lang, row=lk.row_desc(gap.row)))
    show_target = gap is not None
    chart = chart_geometry(level_chart(result, gap), result.domains, lang, show_target)
    return AssessmentSection(
        organisation=fmt("assessed_org", lang, name=org.name or "–", industry=industry),
        answered=fmt("assessed_answered", lang, n=result.answered, m=result.unanswered),
        cards=_cards(attached, lk),
        notes=notes,
        chart=chart,
        gaps=_gaps(attached, lk) if gap and not gap.reached else [],
        table1=[lk.t(t) for t in gap.table1] if gap else [],
    )


def _cards(attached: AttachedAssessment, lk: Lookup) -> list[tuple[str, str, str]]:
    result, gap, lang = attached.result, attached.gap, lk.lang
    level_name = ""
    if result.level:
        with contextlib.suppress(KeyError):
            level_name = lk.t(lk.catalog.level(f"L{result.level}").name)
    tier_note = lk.row_desc(result.row) if result.row else ""
    if result.scope:
        tier_note += " " + fmt("route_scope", lang, scope=lk.scope_name(result.scope))
    cards = [
        (label("overall_level", lang), level_text(result.level), level_name),
        (label("assessed_tier", lang), str(result.tier), tier_note.strip()),
    ]
    if gap is None:
        return cards
    cards.append(
        (
            label("target_tier", lang),
            f"{gap.target_tier} · {level_text(gap.target_level)}",
            lk.row_desc(gap.row) if gap.row else "",
        )
    )
    count = sum(len(s.items) for s in gap.subdomains)
    below = sum(1 for s in gap.subdomains if s.current < s.target)
    cards.append((label("items_to_meet", lang), str(count), fmt("subdomains_below", lang, n=below)))
    return cards


def _gaps(attached: AttachedAssessment, lk: Lookup) -> list[GapRow]:
    """Per subdomain below the target: the level step, the count and the first few items."""
    result, gap, lang = attached.result, attached.gap, lk.lang
    if gap is None:
        return []
    names = {d.domain: lk.t(d.name) for d in result.domains}
    order = [d.domain for d in result.domains]
    subs = sorted(
        gap.subdomains,
        key=lambda s: order.index(s.domain) if s.domain in order else len(order),
    )
    rows: list[GapRow] = []
    for i, sub in enumerate(subs):
        first = i == 0 or subs[i - 1].domain != sub.domain
        span = sum(1 for s in subs if s.domain == sub.domain) if first else 0
        ranked = sorted(sub.items, key=lambda item: item.advisory)  # required items first
        shown, rest = ranked[:TOP_ITEMS], ranked[TOP_ITEMS:]
        more = (
            fmt("more_items", lang, n=len(rest), clauses=", ".join(i.clause for i in rest))
            if rest
            else ""
        )
        rows.append(
            GapRow(
                domain=names.get(sub.domain, sub.domain),
                span=span,
                subdomain=sub.subdomain,
                name=lk.t(sub.name),
                levels=f"{level_text(sub.current)} → {level_text(sub.target)}",
                count=len(sub.items),
                items=tuple(_item(item, lang) for item in shown),
                more=more,
            )
        )
    return rows


def _item(item: ItemShortfall, lang: Lang) -> GapItem:
    key = ANSWER_KEYS.get(item.answer)
    words = [label(key, lang) if key else item.answer]
    if item.advisory:
        words.append(label("advisory", lang))
    answer = fmt("item_answer", lang, answer=label("and_sep", lang).join(words))
    return GapItem(item.clause, clip(item.text.get(lang)), answer, item.advisory)


def clip(text: str, limit: int = CLIP) -> str:
    """The text cut to about ``limit`` width units (a CJK character counts 2), with '…'."""
    text = " ".join(text.split())
    used = 0
    for i, c in enumerate(text):
        used += 2 if ord(c) > 0x2E80 else 1
        if used > limit:
            return text[:i].rstrip(" ，,；;") + "…"
    return text


def as_attached(
    assessment: AssessmentResult | AttachedAssessment,
    target_tier: int | None,
    row: str | None,
    catalog: Catalog,
) -> AttachedAssessment:
    if isinstance(assessment, AttachedAssessment):
        return assessment
    return attach(assessment, target_tier, row, catalog)


def render_assessment(
    assessment: AssessmentResult | AttachedAssessment,
    lang: Lang = "zh",
    catalog: Catalog | None = None,
) -> str:
    """The assessment as a page of its own: levels, tier, chart and gaps (no roadmap)."""
    check_lang(lang)
    catalog = catalog or load_catalog()
    attached = as_attached(assessment, None, None, catalog)
    lk = Lookup.build(catalog, lang, None)
    ctx: dict[str, Any] = {
        "lang": lang,
        "L": labels(lang),
        "heading": attached.result.organisation.name or "",
        "assessment": section(attached, lk),
        "standards": lk.standards(),
    }
    return ENV.get_template("assessment.html.j2").render(ctx)
