"""Render a what-if ``Comparison`` (planner/whatif/models.py) as one self-contained HTML page:
the variants side by side (date, cost, tier trajectory), the budget–time trade-off curve of a
budget sweep, and the steps that differ from the base. Same rules as the roadmap report: no
script, no fetch, every label from ``labels.py``, user text escaped."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from catalog import Catalog, load_catalog
from catalog.models.base import Lang
from planner.model.money import MONEY_SCALE, money_text
from planner.report.compare_charts import SeriesInput, curve_chart, multi_trajectory
from planner.report.env import ENV, check_lang, pct, status_name, wan
from planner.report.labels import fmt, label, labels
from planner.report.lookup import Lookup
from planner.result.roadmap import wan_at_least

if TYPE_CHECKING:
    from planner.whatif.models import Comparison, RoadmapDiff, Sweep, VariantResult

MONTHS = {"month": 1, "quarter": 3}


def render_comparison(
    comparison: Comparison, lang: Lang = "zh", catalog: Catalog | None = None
) -> str:
    """Variants side by side, the budget–time trade-off curve and the steps that differ."""
    check_lang(lang)
    lk = Lookup.build(catalog or load_catalog(), lang, None)
    return ENV.get_template("comparison.html.j2").render(comparison_context(comparison, lk))


def why_lines(
    comparison: Comparison, lang: Lang = "zh", catalog: Catalog | None = None
) -> list[tuple[str, str]]:
    """(variant, what changed its answer in words) for every variant with a diff."""
    check_lang(lang)
    lk = Lookup.build(catalog or load_catalog(), lang, None)
    base = next((v for v in comparison.variants if v.is_base), None)
    out = [(v.name, why_changed(v, base, lk)) for v in comparison.variants if not v.is_base]
    return [(name, words) for name, words in out if words]


@dataclass(frozen=True)
class VariantRow:
    name: str
    is_base: bool
    colour: str
    description: str
    changes: tuple[str, ...]
    status: str
    ok: bool
    notes: tuple[str, ...]
    date: str
    months: str
    months_delta: str
    cost: str
    cost_delta: str
    budget: str
    route: str
    gap: str
    checked: str


def _signed(value: float, digits: int = 0) -> str:
    return f"{value:+,.{digits}f}" if value else "±0"


def _months(periods: int | None, period: str) -> int | None:
    return None if periods is None else periods * MONTHS.get(period, 1)


def comparison_context(comparison: Comparison, lk: Lookup) -> dict[str, Any]:
    lang = lk.lang
    variants = list(comparison.variants)
    base = next((v for v in variants if v.is_base), None)
    inputs = [_series(v) for v in variants if v.roadmap is not None or v.trajectory]
    target = next((v.target_tier for v in variants if v.target_tier is not None), None)
    tier_n = lambda n: fmt("tier_n", lang, n=n)  # noqa: E731
    chart = multi_trajectory(inputs, target, tier_n) if inputs else None
    colours = {s.name: s.colour for s in chart.series} if chart else {}
    rows = [_row(v, base, colours.get(v.name, "#7f7f7f"), lk) for v in variants]
    years = sorted({y for v in variants for y in v.spend_per_year})
    spend = [
        (v.name, [wan(v.spend_per_year[y]) if y in v.spend_per_year else "–" for y in years])
        for v in variants
    ]
    sweep = comparison.sweep
    extra: dict[str, Any] = {"variant_risk": [], "RL": {}}
    if comparison.risk:  # P50 / P80 per variant (planner.risk)
        from planner.risk.labels import LABELS
        from planner.risk.labels import label as risk_label
        from planner.risk.variants import variant_risk_rows

        extra["variant_risk"] = variant_risk_rows(comparison, lang)
        extra["RL"] = {key: risk_label(key, lang) for key in LABELS}
    return {
        "lang": lang,
        "L": labels(lang),
        "heading": comparison.problem_name,
        "source": comparison.source or "",
        "partial": fmt("partial_run", lang, missing=", ".join(comparison.missing) or "–")
        if comparison.partial or (sweep is not None and sweep.partial)
        else "",
        "rows": rows,
        "trajectory": chart,
        "years": years,
        "spend": spend,
        "diffs": [_diff(v, base, lk) for v in variants if not v.is_base],
        "sweep": _sweep(sweep, lk) if sweep is not None else None,
        "standards": lk.standards(),
        **extra,
    }


def _series(v: VariantResult) -> SeriesInput:
    mpp = MONTHS.get(v.period, 1)
    horizon = v.horizon or len(v.trajectory) or 1
    return SeriesInput(
        v.name,
        v.start or dt.date(2000, 1, 1),
        mpp,
        v.current_tier or 0,
        [(p.period, p.tier) for p in v.trajectory],
        v.reached_period,
        horizon * mpp,
    )


def _row(v: VariantResult, base: VariantResult | None, colour: str, lk: Lookup) -> VariantRow:
    lang = lk.lang
    months = _months(v.reached_period, v.period)
    months_delta = cost_delta = ""
    if base is not None and not v.is_base:
        base_months = _months(base.reached_period, base.period)
        if months is not None and base_months is not None:
            months_delta = fmt("delta_months", lang, n=_signed(months - base_months))
        if v.total_cost is not None and base.total_cost is not None:
            cost_delta = _signed((v.total_cost - base.total_cost) / 10_000, 1)
    notes = tuple(v.errors_in(lang)) or ((lk.t(v.message),) if v.message else ())
    notes += tuple(found.text(lang) for found in v.violations)
    return VariantRow(
        name=v.name,
        is_base=v.is_base,
        colour=colour,
        # the base's description is the whole problem's (often the organisation's): not a change
        description="" if v.is_base else lk.t(v.description),
        changes=tuple(lk.t(c) for c in v.changes),
        status=status_name(v.status, lang),
        ok=v.status.has_roadmap,
        notes=notes,
        date=lk.end_of(v.reached_date),
        months="–" if months is None else str(months),
        months_delta=months_delta,
        cost=wan(v.total_cost),
        cost_delta=cost_delta,
        budget="–" if v.budget_total is None else money_text(v.budget_total, 1, in_wan=True),
        route=lk.route_name(v.route) if v.route else "–",
        gap="–" if v.gap is None else pct(v.gap),
        checked=label("check_ok" if v.validated and not v.violations else "check_none", lang),
    )


def _diff(v: VariantResult, base: VariantResult | None, lk: Lookup) -> dict[str, Any]:
    lang = lk.lang
    d: RoadmapDiff | None = v.diff
    out: dict[str, Any] = {"name": v.name, "diff": d, "summary": "", "rows": []}
    if d is None:
        return out
    mpp = MONTHS.get(v.period, 1)
    out["summary"] = fmt(
        "diff_summary",
        lang,
        added=len(d.added),
        removed=len(d.removed),
        moved=len(d.moved),
        unchanged=d.unchanged,
    )
    out["route_changed"] = d.route_changed
    out["target_shift"] = (
        "" if d.target_shift is None else fmt("delta_months", lang, n=_signed(d.target_shift * mpp))
    )
    out["cost_change"] = "" if d.cost_change is None else _signed(d.cost_change / 10_000, 1)
    out["why"] = why_changed(v, base, lk)
    rows = []
    for s in d.added:
        rows.append(
            (
                label("added", lang),
                s.title.get(lang),
                lk.kind_name(s.kind),
                "–",
                f"{s.start_date:%Y-%m}",
                "",
                "added",
            )
        )
    for s in d.removed:
        rows.append(
            (
                label("removed", lang),
                s.title.get(lang),
                lk.kind_name(s.kind),
                f"{s.start_date:%Y-%m}",
                "–",
                "",
                "removed",
            )
        )
    for m in d.moved:
        rows.append((label("moved", lang), m.title.get(lang), lk.kind_name(m.kind),
                     f"{m.base_start_date:%Y-%m}", f"{m.start_date:%Y-%m}",
                     _signed(m.shift * mpp), "moved"))  # fmt: skip
    out["rows"] = rows
    return out


def why_changed(v: VariantResult, base: VariantResult | None, lk: Lookup) -> str:
    """In words, what changed the variant's answer against the base's."""
    d, lang = v.diff, lk.lang
    if d is None or base is None:
        return ""
    mpp = MONTHS.get(v.period, 1)
    effects = []
    if d.target_shift:
        key = "why_effect_later" if d.target_shift > 0 else "why_effect_earlier"
        n = abs(d.target_shift) * mpp
        months = f"{n} 个月" if lang == "zh" else f"{n} month" + ("" if n == 1 else "s")
        effects.append(fmt(key, lang, months=months))
    if d.cost_change:
        key = "why_effect_more" if d.cost_change > 0 else "why_effect_less"
        effects.append(fmt(key, lang, cost=money_text(abs(d.cost_change) / 10_000, 1, in_wan=True)))
    effect = label("list_sep", lang).join(effects)
    if d.route_changed:
        (row, _, scope), (other, _, before) = (
            (v.route or "").partition("@"),
            (base.route or "").partition("@"),
        )
        if row and row == other and scope and before:  # the same row over another scope
            words = fmt(
                "why_scope_switch",
                lang,
                row=lk.row_desc(row),
                base=lk.scope_name(before),
                scope=lk.scope_name(scope),
                effect=effect or label("why_effect_none", lang),
            )
        else:
            words = fmt(
                "why_route_switch",
                lang,
                base=lk.route_name(base.route),
                route=lk.route_name(v.route),
                effect=effect or label("why_effect_none", lang),
            )
        later, cheaper = (d.target_shift or 0) > 0, (d.cost_change or 0) < 0
        if later and cheaper:
            words += label("why_route_tradeoff", lang)
        return words
    if not (d.added or d.removed or d.moved):
        if not effect:
            return label("why_same_answer", lang)
        return fmt("why_same_steps", lang, effect=effect)
    return fmt(
        "why_same_route",
        lang,
        moved=len(d.moved) if lang == "zh" else f"{len(d.moved)} step" + "s" * (len(d.moved) != 1),
        added=len(d.added),
        removed=len(d.removed),
        effect=effect or label("why_effect_none", lang),
    )


def _up(budget: float) -> str:
    """A budget that reaches the target, in 万元, never shown below itself."""
    return money_text(wan_at_least(budget * MONEY_SCALE), 2, in_wan=True)


def _sweep(sweep: Sweep, lk: Lookup) -> dict[str, Any]:
    lang = lk.lang
    mpp = MONTHS.get(sweep.period, 1)
    pts = [(p.budget, _months(p.reached_period, sweep.period), p.dominated) for p in sweep.points]
    reach = [(b, m if m is None else float(m), d) for b, m, d in pts]
    minimum = sweep.minimum
    chart = curve_chart(reach, minimum.budget if minimum is not None else None)
    if minimum is None:
        min_text = ""
    elif minimum.budget is None:
        min_text = label("min_budget_none", lang)
    elif minimum.exact or minimum.below is None:
        min_text = fmt("min_budget_exact", lang, budget=_up(minimum.budget))
    else:
        min_text = fmt(
            "min_budget_value",
            lang,
            budget=_up(minimum.budget),
            below=money_text(minimum.below, 2, in_wan=True),
            tol=f"{minimum.tolerance:g}",
        )
    points = [
        {
            "budget": money_text(p.budget, 1, in_wan=True),
            "source": label(f"source_{p.source}", lang)
            if p.source in ("grid", "minimum")
            else p.source,
            "status": status_name(p.status, lang),
            "date": lk.end_of(p.reached_date),
            "months": "–" if p.reached_period is None else str(p.reached_period * mpp),
            "cost": wan(p.total_cost),
            "route": p.row or "–",
            "dominated": p.dominated,
            "reaches": p.reaches,
        }
        for p in sweep.points
    ]
    tiers = [
        (
            fmt("tier_n", lang, n=t.tier),
            status_name(t.status, lang),
            lk.end_of(t.reached_date),
            wan(t.total_cost),
            lk.row_desc(t.row) if t.row else "–",
        )
        for t in sweep.tiers
    ]
    caps = sweep.caps if sweep.caps in ("scale", "keep", "drop") else None
    return {
        "chart": chart,
        "points": points,
        "minimum": min_text,
        "minimum_note": lk.t(minimum.note) if minimum is not None else "",
        "caps": fmt("caps_mode", lang, mode=label(f"caps_{caps}", lang) if caps else sweep.caps),
        "variant": fmt("sweep_of", lang, variant=sweep.variant),
        "tiers": tiers,
        "tier_budget": fmt(
            "tier_budget",
            lang,
            budget=label("unlimited", lang)
            if sweep.tier_budget is None
            else money_text(sweep.tier_budget, 1, in_wan=True),
        ),
    }
