"""What the executive summary, the deck and the report say: cards, waves, risks, alternatives."""

from __future__ import annotations

from dataclasses import dataclass

from catalog.models.base import Lang
from planner.deliver.build import Wave
from planner.deliver.context import ExportContext
from planner.deliver.tables import benefit_lines, last_month, level_name
from planner.deliver.words import w
from planner.model.money import MONEY_SCALE, money_text
from planner.report.env import status_name
from planner.report.requirements import presumed_count, presumed_note
from planner.report.summary import status_lines, why_lines
from planner.result.plan_result import SolveStatus

MAX_ALTERNATIVES = 4  # routes in the summary's table (the full report lists them all)


@dataclass(frozen=True)
class WaveRow:
    name: str
    span: str
    goal: str
    initiatives: tuple[str, ...]
    spend: float  # 万元


@dataclass(frozen=True)
class InitiativeRow:
    id: str
    name: str
    level: str
    span: str
    cost: float
    staff: int
    units: int
    benefits: tuple[str, ...]


@dataclass(frozen=True)
class YearRow:
    year: int
    spend: float
    cap: float | None


@dataclass(frozen=True)
class Alternative:
    row: str
    status: str
    date: str
    cost: str
    chosen: bool


@dataclass(frozen=True)
class Facts:
    title: str
    heading: str
    cards: tuple[tuple[str, str, str], ...]
    status: str
    waves: tuple[WaveRow, ...]
    initiatives: tuple[InitiativeRow, ...]
    years: tuple[YearRow, ...]
    why: tuple[str, ...]
    risks: tuple[str, ...]
    alternatives: tuple[Alternative, ...]
    next_steps: tuple[str, ...]
    note: str


def _closing(wave: Wave, lang: Lang) -> str:
    if not wave.closing:
        return ""
    word = w("closing_wave", lang)
    return f"（{word}）" if lang == "zh" else f" ({word})"


def wave_goal(wave: Wave, ctx: ExportContext) -> str:
    lk, lang = ctx.lookup, ctx.lang
    if wave.goal is None:
        return w("goal_closing" if wave.closing else "goal_all", lang)
    return w(
        "goal_tier",
        lang,
        tier=wave.goal.tier,
        row=wave.goal.row or "–",
        level=level_name(wave.goal.level, lk),
    )


def facts(ctx: ExportContext) -> Facts:
    d, lk, lang = ctx.delivery, ctx.lookup, ctx.lang
    r, problem, roadmap = d.result, d.problem, d.roadmap
    names = {i.id: lk.t(i.name) for i in d.initiatives}
    codes = {i.id: i.code for i in d.initiatives}
    goal = r.target_tier if r.target_tier is not None else r.objective.tier
    budget = problem.budget.total
    total = roadmap.total_cost / MONEY_SCALE
    cards = (
        (
            w("current_target", lang),
            f"{'–' if r.current_tier is None else r.current_tier} → {'–' if goal is None else goal}",
            lk.row_desc(roadmap.row),
        ),
        (w("reached_on", lang), lk.date_by_end(roadmap.target_period), ""),
        (
            w("total_cost", lang),
            money_text(total, 1, in_wan=True),
            w("no_budget", lang)
            if budget is None
            else f"{w('budget', lang)} {money_text(budget, 1, in_wan=True)}",
        ),
        (w("staff_peak", lang), str(max(r.staff_per_period, default=0)), ""),
    )
    waves = tuple(
        WaveRow(
            w("wave_n", lang, n=wave.index) + _closing(wave, lang),
            f"{wave.start_date:%Y-%m} – {last_month(wave.end_date)}",
            wave_goal(wave, ctx),
            tuple(codes[i] for i in wave.initiatives),
            wave.spend / MONEY_SCALE,
        )
        for wave in d.waves
    )
    inits = tuple(
        InitiativeRow(
            i.code,
            names[i.id],
            level_name(i.level, lk),
            f"{i.start_date:%Y-%m} – {last_month(i.end_date)}",
            i.cost / MONEY_SCALE,
            i.staff_peak,
            len(i.units),
            tuple(benefit_lines(i, lang)),
        )
        for i in d.initiatives
    )
    caps = problem.budget.yearly_caps
    years = tuple(
        YearRow(y, s / MONEY_SCALE, caps.get(y)) for y, s in sorted(r.spend_per_year.items())
    )
    # the chosen route, then those that reach the target, then the rest; a few on the summary
    ranked = sorted(r.routes, key=lambda c: (not c.chosen, c.target_period is None))
    shown = ranked[:MAX_ALTERNATIVES]
    alternatives = tuple(
        Alternative(
            lk.route_name(c.route) if c.route else lk.row_desc(c.row),  # with its scope
            status_name(c.status, lang),
            lk.date_by_end(c.target_period),
            money_text(c.total_cost, 1),
            c.chosen,
        )
        for c in shown
    )
    if len(ranked) > len(shown):
        alternatives += (Alternative(f"… (+{len(ranked) - len(shown)})", "", "", "", False),)
    first = d.waves[0].initiatives if d.waves else ()
    next_steps = (
        w("next_1", lang),
        w("next_3", lang, names=w("sep", lang).join(codes[i] for i in first)),
        w("next_2", lang),
    )
    status = " — ".join([status_name(r.status, lang), *(x for x in status_lines(r, lk) if x)])
    return Facts(
        w("exec_title", lang),
        problem.display_name(lang),
        cards,
        status,
        waves,
        inits,
        years,
        tuple(why_lines(r, lk, chain_steps=False)),  # three pages: the chain's figures only
        risks(ctx),
        alternatives,
        next_steps,
        w("defaults_note", lang),
    )


def risks(ctx: ExportContext) -> tuple[str, ...]:
    """Binding caps, budget and staff (at or above the rule's share), an unproven gap."""
    d, lang = ctx.delivery, ctx.lang
    r, problem = d.result, d.problem
    share = d.rules.risks.cap_use
    out = []
    for year, spent in sorted(r.spend_per_year.items()):
        cap = problem.budget.yearly_caps.get(year)
        if cap and spent / MONEY_SCALE >= share * cap:
            use = spent / MONEY_SCALE / cap
            out.append(
                w(
                    "risk_cap",
                    lang,
                    year=year,
                    spent=money_text(spent, 1),
                    cap=money_text(cap, 1, in_wan=True),
                    pct=f"{use:.1%}",
                )
            )
    total, budget = d.roadmap.total_cost / MONEY_SCALE, problem.budget.total
    if budget and total >= share * budget:
        out.append(
            w(
                "risk_budget",
                lang,
                cost=money_text(total, 1, in_wan=True),
                budget=money_text(budget, 1, in_wan=True),
                pct=f"{total / budget:.1%}",
            )
        )
    staff = list(r.staff_per_period)
    if staff:
        peak = max(staff)
        when = ctx.lookup.date_start(staff.index(peak))
        profile = problem.staff.profile(len(staff)) if problem.staff else None
        cap = profile[staff.index(peak)] if profile else None
        if cap is not None and peak >= share * cap:
            out.append(w("risk_staff", lang, peak=peak, cap=cap, date=when))
        elif cap is None and peak:
            out.append(w("risk_staff_nocap", lang, peak=peak, date=when))
    if r.status == SolveStatus.FEASIBLE and r.gap:
        out.append(w("risk_gap", lang, gap=f"{r.gap:.1%}"))
    presumed = presumed_count(r)
    if presumed:
        clause = ctx.lookup.catalog.maturity_reading.capability_work.clause
        out.append(presumed_note(presumed, clause).get(lang))
    if not out:
        out.append(w("risk_none", lang))
    out.append(w("risk_defaults", lang))
    return tuple(out)
