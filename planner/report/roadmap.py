"""Render a PlanResult as one self-contained, printable HTML roadmap report for leadership.

No script, no external font, image or style: CSS and SVG are inline, so the file reads offline
and prints on A4 landscape. Every label comes from ``labels.py``; user texts are escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from catalog import Catalog, load_catalog
from catalog.catalog import CULTURE_LEVELS_NOTE, shows_both_cultures
from catalog.models.base import Lang
from planner.model.enums import StepKind
from planner.model.money import MONEY_SCALE, money_text
from planner.model.problem import Problem
from planner.model.work import index
from planner.report.assessment import AttachedAssessment, as_attached, section
from planner.report.assumptions import assumptions
from planner.report.charts import (
    KIND_COLOURS,
    OTHER_COLOUR,
    gantt_chart,
    spend_chart,
    trajectory_chart,
)
from planner.report.env import ENV, check_lang, pct, status_name, wan
from planner.report.labels import fmt, label, labels
from planner.report.lookup import Clause, Lookup, month_span
from planner.report.requirements import account_rows, maturity_notes
from planner.report.summary import problems, remedies, status_lines, why_lines
from planner.result.plan_result import PlanResult, RouteComparison
from planner.result.roadmap import ScheduledStep

if TYPE_CHECKING:
    from planner.assessment.models import AssessmentResult
    from planner.risk.models import RiskResult


@dataclass(frozen=True)
class StepRow:
    step: ScheduledStep
    title: str
    kind: str
    colour: str
    where: str
    start: str
    end: str
    months: int
    cost: str
    clauses: tuple[str, ...]
    priorities: tuple[Clause, ...]
    done: bool = False  # re-planning: already carried out
    note: str = ""  # e.g. the culture assumptions one level apart (CULTURE_LEVELS_NOTE)
    critical: bool = False  # on the chain that sets the date


def render_roadmap(
    result: PlanResult,
    lang: Lang = "zh",
    catalog: Catalog | None = None,
    *,
    assessment: AssessmentResult | AttachedAssessment | None = None,
    risk: RiskResult | None = None,
    executive: bool = True,
) -> str:
    """Executive summary, tier trajectory, Gantt, spend against caps, steps and assumptions.

    ``risk``: the schedule and cost risk of the roadmap (``planner.risk``) to show after the
    trajectory, with its P50 / P80 marked on the trajectory.
    ``executive``: put the executive summary (planner.deliver) in front of the full report.

    ``assessment``: an assessment to show with the plan (levels of the 22 subdomains against
    the target, tier, main gaps). A bare ``AssessmentResult`` is measured against the plan's
    target tier and Table 1 row; an ``AttachedAssessment`` is shown with the gap it carries.
    """
    check_lang(lang)
    catalog = catalog or load_catalog()
    lk = Lookup.build(catalog, lang, result.problem)
    ctx = roadmap_context(result, lk)
    if assessment is not None:
        row = result.roadmap.row if result.roadmap else None
        attached = as_attached(assessment, result.target_tier, row, catalog)
        ctx["assessment"] = section(attached, lk, result.current_tier)
    if risk is not None and result.roadmap is not None:
        from planner.risk.report import risk_context

        ctx.update(risk_context(risk, lk, result, ctx["trajectory"]))
    ctx["executive"] = False
    if executive:
        from planner.deliver.summary import executive_section

        summary = executive_section(result, lang, catalog)
        if summary is not None:
            ctx.update(summary, executive=True, ex_standalone=False)
    return ENV.get_template("roadmap.html.j2").render(ctx)


def roadmap_context(result: PlanResult, lk: Lookup) -> dict[str, Any]:
    lang, problem, roadmap = lk.lang, result.problem, result.roadmap
    horizon = problem.time.horizon if problem else 1
    ctx: dict[str, Any] = {
        "lang": lang,
        "L": labels(lang),
        "r": result,
        "problem": problem,
        "roadmap": roadmap,
        "heading": problem.display_name(lang) if problem else "",
        "description": lk.t(problem.description) if problem else "",
        "frame": _frame(result, lk),
        "status_name": status_name(result.status, lang),
        "status_lines": status_lines(result, lk),
        "cards": _cards(result, lk),
        "why": why_lines(result, lk) if roadmap else [],
        "derived": lk.t(result.derived_state),
        "routes": [_route_row(c, result, lk) for c in result.routes],
        "problems": problems(result, lang),
        "remedies": remedies(result, lk),
        "moves": _moves(result, lk),
        "kind_colours": _legend(result, lk),
        "assumptions": assumptions(result, lk),
        "standards": lk.standards(),
        "assessment": None,
        "account": [],
        "maturity_notes": [],
        "risk": None,  # planner.risk: set by render_roadmap(..., risk=...)
    }
    if roadmap is None:
        return ctx
    steps = sorted(roadmap.steps, key=lambda s: (s.start, s.end, lk.group_order(s.group), s.id))
    horizon = chart_span(horizon, max([roadmap.target_period or 0, *(s.end for s in steps)]))
    ctx["trajectory"] = trajectory_chart(
        result.trajectory, result.current_tier or 0, result.target_tier, lk, horizon
    )
    critical = frozenset(link.step for link in result.critical_chain)
    ctx["gantt"] = gantt_chart(
        steps,
        lk,
        horizon,
        result.trajectory,
        result.current_tier or 0,
        roadmap.target_period,
        lambda s: short_label(s, lk),
        *_progress_marks(result),
        critical=critical,
    )
    done = _progress_marks(result)[0]
    rows = _step_rows(steps, lk, done, critical)
    ctx["steps"] = rows
    ctx["appendix"] = list({c.ref: c for row in rows for c in row.priorities}.values())
    ctx["account"] = account_rows(result, lk)
    ctx["maturity_notes"] = maturity_notes(result, lk)
    years = _years(result)
    ctx["years"] = years
    ctx["spend_chart"] = spend_chart([(str(y), s, c) for y, s, c, *_ in years])
    ctx["spend_total"] = wan(sum(result.spend_per_year.values()))
    total = problem.budget.total if problem else None
    ctx["budget_total"] = (
        label("no_budget", lang) if total is None else money_text(total, 1, in_wan=True)
    )
    return ctx


def chart_span(horizon: int, last: int) -> int:
    """Periods the charts show: the horizon, unless the roadmap ends well before it."""
    if last > horizon * 0.6:
        return horizon
    return min(horizon, last + max(2, last // 5))


def _legend(result: PlanResult, lk: Lookup) -> list[tuple[str, str]]:
    """The step kinds present in the roadmap, with their colours."""
    present = {s.kind for s in result.roadmap.steps} if result.roadmap else set()
    known = [(lk.kind_name(k), c) for k, c in KIND_COLOURS.items() if k in present]
    return known + [(k, OTHER_COLOUR) for k in sorted(present - set(KIND_COLOURS))]


def _moves(result: PlanResult, lk: Lookup) -> list[tuple[str, str, str, str, str]]:
    """(step, change, was to start, now starts, reason) of a re-planned roadmap."""
    out = []
    titles = {s.id: s.title.get(lk.lang) for s in result.roadmap.steps} if result.roadmap else {}
    for m in getattr(result, "moves", ()):
        change = label(m.change, lk.lang)
        out.append(
            (
                titles.get(m.step, m.step),
                change,
                lk.date_start(m.previous_start),
                lk.date_start(m.start),
                lk.t(m.reason),
            )
        )
    return out


def _frame(result: PlanResult, lk: Lookup) -> str:
    if result.problem is None:
        return ""
    time = result.problem.time
    return fmt(
        "plan_frame",
        lk.lang,
        start=time.start.isoformat(),
        horizon=time.horizon,
        months=time.months_per_period,
    )


def _cards(result: PlanResult, lk: Lookup) -> list[tuple[str, str, str]]:
    """(label, big value, small print) of the summary cards."""
    lang, problem, roadmap = lk.lang, result.problem, result.roadmap
    current = "–" if result.current_tier is None else str(result.current_tier)
    goal = result.target_tier if result.target_tier is not None else result.objective.tier
    target = "–" if goal is None else str(goal)
    cards = [
        (
            f"{label('current_tier', lang)} → {label('target_tier', lang)}",
            f"{current} → {target}",
            lk.row_desc(roadmap.row) if roadmap else "",
        )
    ]
    if roadmap is None or problem is None:
        return cards
    period = roadmap.target_period or 0
    cards.append(
        (
            label("reached_on", lang),
            lk.date_by_end(period),
            fmt("months_after", lang, months=lk.months(period)),
        )
    )
    total = roadmap.total_cost
    budget = problem.budget.total
    note = (
        fmt("of_budget", lang, pct=pct(total / (budget * MONEY_SCALE)))
        if budget
        else label("no_budget", lang)
    )
    cards.append((label("total_cost", lang), wan(total), note))
    cards.append(_peak_staff(result, problem, lang))
    return cards


def _peak_staff(result: PlanResult, problem: Problem, lang: Lang) -> tuple[str, str, str]:
    """The peak and the capacity of the period of that peak (the one that binds)."""
    used = list(result.staff_per_period)
    peak = max(used, default=0)
    if problem.staff is None:
        return (label("peak_staff", lang), str(peak), fmt("staff_fte", lang, peak=peak))
    profile = problem.staff.profile(problem.time.horizon)
    # the tightest period among those at the peak: where the capacity is least
    at = min((t for t, u in enumerate(used) if u == peak), key=lambda t: (profile[t], t), default=0)
    cap = profile[at] if at < len(profile) else profile[-1]
    if len(set(profile)) == 1:
        staff = fmt("staff_of", lang, peak=peak, cap=cap)
    else:
        date = problem.time.period_start(at).isoformat()
        staff = fmt("staff_of_at", lang, peak=peak, cap=cap, date=date)
    return (label("peak_staff", lang), str(peak), staff)


def _route_row(c: RouteComparison, result: PlanResult, lk: Lookup) -> dict[str, Any]:
    scope = (c.route or "").partition("@")[2]
    return {
        "row": lk.row_desc(c.row),
        "scope": lk.scope_name(scope) if scope else "–",
        "chosen": c.chosen,
        "status": status_name(c.status, lk.lang),
        "date": lk.date_by_end(c.target_period),
        "months": "–" if c.target_period is None else str(lk.months(c.target_period)),
        "cost": wan(c.total_cost),
    }


def short_label(step: ScheduledStep, lk: Lookup) -> str:
    """A few words drawn inside the step's Gantt bar."""
    lang = lk.lang
    if step.kind == StepKind.UPGRADE and step.capability_level:
        phase = f" {label('phase_' + step.phase, lang)}" if step.phase else ""
        return f"CL{step.capability_level}{phase}"
    if step.kind == StepKind.DEEPENING and step.stage:
        return lk.depth_name(step.stage) or lk.kind_name(step.kind)
    if step.kind == StepKind.COMBINATION and step.paradigm:
        return label(step.paradigm, lang)
    return lk.kind_name(step.kind)


def _progress_marks(result: PlanResult) -> tuple[frozenset[str], int | None]:
    """Re-planning: the steps already done, and the current period (None: not re-planning)."""
    problem = result.problem
    if problem is None or problem.progress is None:
        return frozenset(), None
    time = problem.time
    try:
        progress = problem.progress.in_periods(time.start, time.months_per_period)
    except ValueError:  # an invalid progress has no roadmap to mark
        return frozenset(), None
    return frozenset(d.id for d in progress.done), index(progress.now)


def _step_rows(
    steps: list[ScheduledStep],
    lk: Lookup,
    done: frozenset[str] = frozenset(),
    critical: frozenset[str] = frozenset(),
) -> list[StepRow]:
    out = []
    for s in steps:
        where = lk.group_name(s.group)
        if s.unit:
            where += " / " + lk.unit_name(s.unit)
        out.append(
            StepRow(
                s,
                s.title.get(lk.lang),
                lk.kind_name(s.kind),
                KIND_COLOURS.get(s.kind, OTHER_COLOUR),
                where,
                *month_span(s.start_date, s.end_date),
                lk.months(s.end - s.start),
                wan(s.cost),
                s.clauses,
                tuple(lk.clauses(s.kind, s.priorities)),
                s.id in done,
                lk.t(CULTURE_LEVELS_NOTE) if shows_both_cultures(s.subdomain, s.priorities) else "",
                s.id in critical,
            )
        )
    return out


def _years(result: PlanResult) -> list[tuple[int, float, float | None, str, str]]:
    """(year, spend, cap, use of cap, headroom) in 万元."""
    caps = result.problem.budget.yearly_caps if result.problem else {}
    out = []
    for year, spent in sorted(result.spend_per_year.items()):
        cap = caps.get(year)
        spend = spent / MONEY_SCALE
        use = pct(spend / cap) if cap else "–"
        headroom = money_text(cap - spend, 1, in_wan=True) if cap is not None else "–"
        out.append((year, spend, cap, use, headroom))
    return out
