"""The executive summary's words: the solver's status, why this route, and what would make an
unreachable target reachable."""

from __future__ import annotations

from catalog.models.base import Lang
from planner.model.money import MONEY_SCALE, money_text
from planner.report.env import pct, status_words, texts, wan
from planner.report.labels import fmt, label
from planner.report.lookup import Lookup
from planner.result.critical import chain_words
from planner.result.plan_result import PlanResult, RouteComparison, SolveStatus
from planner.result.roadmap import wan_at_least


def objective(result: PlanResult) -> str:
    return result.problem.objective if result.problem else "fastest"


def problems(result: PlanResult, lang: Lang) -> list[str]:
    """Why the target cannot be reached: the explanation's text, else the message."""
    explanation = getattr(result, "explanation", None)
    if explanation is None:
        return texts(result.message, lang)
    lines = texts(explanation, lang)
    if _structured(explanation):  # the remedies are listed on their own below
        marks = ("可行的调整：", " What would make it feasible:")
        lines = [next((ln.split(m)[0] for m in marks if m in ln), ln) for ln in lines]
    return lines


def _structured(explanation: object) -> bool:
    fields = ("conflicting", "min_budget", "earliest_date", "highest_tier")
    return any(getattr(explanation, f, None) for f in fields)


def remedies(result: PlanResult, lk: Lookup) -> list[str]:
    """What would make an unreachable target reachable, from the result's fields."""
    lang, out = lk.lang, texts(getattr(result, "remedies", None), lk.lang)
    explanation = getattr(result, "explanation", None)
    if explanation is None:
        return out
    budget = getattr(explanation, "min_budget", None)
    problem = result.problem
    now = problem.budget.total if problem else None
    if budget is not None and (now is None or budget > now * MONEY_SCALE):
        current = "–" if now is None else money_text(now, 1, in_wan=True)
        out.append(
            fmt(
                "remedy_budget",
                lang,
                budget=money_text(wan_at_least(budget, 1), 1, in_wan=True),
                now=current,
            )
        )
    period = getattr(explanation, "earliest_period", None)
    if period is not None and problem is not None and period > problem.time.horizon:
        out.append(fmt("remedy_date", lang, date=lk.date_by_end(period)))
    tier = getattr(explanation, "highest_tier", None)
    if tier is not None:
        row = getattr(explanation, "highest_row", None)
        out.append(fmt("remedy_tier", lang, n=tier, row=f" ({row})" if row else ""))
    return out


def status_lines(result: PlanResult, lk: Lookup) -> list[str]:
    """The solver's status in plain words: proven optimal, or how far from it."""
    lang = lk.lang
    if result.status != SolveStatus.FEASIBLE:
        return [status_words(result.status, lang, objective(result))]
    lines = []
    obj, bound = result.objective, result.bound
    if bound.tier is not None and obj.tier is not None and bound.tier > obj.tier:
        lines.append(fmt("status_tier_words", lang, n=bound.tier))
    if (
        bound.target_period is not None
        and obj.target_period is not None
        and bound.target_period < obj.target_period
    ):
        lines.append(fmt("status_date_words", lang, date=lk.date_by_end(bound.target_period)))
    cost, low = obj.total_cost, bound.total_cost
    if cost and low is not None and low < cost:
        lines.append(fmt("status_gap_words", lang, gap=pct((cost - low) / cost), bound=wan(low)))
    if not lines and result.gap:
        lines.append(fmt("status_generic_gap", lang, gap=pct(result.gap)))
    return lines


def why_lines(result: PlanResult, lk: Lookup, chain_steps: bool = True) -> list[str]:
    """Why this route: the chosen route, what sets its date (the chain's steps, or with
    ``chain_steps`` false only its figures), then what each other route would cost or take."""
    lang, roadmap = lk.lang, result.roadmap
    assert roadmap is not None
    lines = [
        fmt(
            "why_chosen",
            lang,
            route=lk.route_name(roadmap.route),
            date=lk.date_by_end(roadmap.target_period),
            tier=result.target_tier if result.target_tier is not None else result.objective.tier,
            cost=wan(roadmap.total_cost),
        ),
        label("why_objective_" + objective(result).replace("-", "_"), lang),
    ]
    if result.problem is not None:
        time = result.problem.time
        chain = chain_words(result.critical_chain, roadmap, time.horizon, time.period, chain_steps)
        if chain is not None:
            lines.append(chain.get(lang))
    scopes = [c for c in result.routes if not c.chosen and c.row == roadmap.row and c.route]
    lines += [_compare(c, result, lk, lk.route_name(c.route)) for c in scopes]
    others = [c for c in result.routes if not c.chosen and c.row != roadmap.row]
    lines += [_compare(c, result, lk) for c in others]
    harder: dict[str, list[str]] = {}
    for row, reason in sorted(result.skipped_rows.items()):
        if row in result.harder_rows:
            harder.setdefault(result.harder_rows[row], []).append(row)
        else:
            lines.append(fmt("why_skipped", lang, row=lk.row_desc(row), reason=reason.get(lang)))
    for other, rows in harder.items():
        names = label("and_sep", lang).join(rows)
        lines.append(fmt("why_skipped_harder", lang, row=names, other=other))
    if not result.routes:
        lines.append(label("why_not_compared", lang))
    elif not others and not scopes and not result.skipped_rows:
        lines.append(label("why_only_route", lang))
    return lines


def _compare(c: RouteComparison, result: PlanResult, lk: Lookup, name: str | None = None) -> str:
    """What another row (or, with ``name``, the chosen row over another scope) would take."""
    lang, row = lk.lang, name or lk.row_desc(c.row)
    if c.status == SolveStatus.INFEASIBLE:
        return fmt("why_infeasible", lang, row=row)
    base_t, base_c = result.objective.target_period, result.objective.total_cost
    if c.target_period is None or c.total_cost is None or base_t is None or base_c is None:
        return fmt("why_no_solution", lang, row=row)
    months = lk.months(c.target_period - base_t)
    money = c.total_cost - base_c
    if months > 0:
        head = fmt("why_later", lang, row=row, months=months)
    elif months < 0:
        head = fmt("why_earlier", lang, row=row, months=-months)
    elif money == 0:
        return fmt("why_same", lang, row=row)
    else:
        head = fmt("why_same_date", lang, row=row)
    if money == 0:
        return head
    tail = fmt("why_more" if money > 0 else "why_less", lang, cost=wan(abs(money)))
    return head + label("and_sep", lang) + tail
