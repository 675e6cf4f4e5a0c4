"""The exports' tables as plain rows (shared by Excel, Word and PowerPoint).

Money cells are 万元 floats; the writers give them the number format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from catalog.models.base import Lang
from planner.deliver.build import Delivery, Initiative
from planner.deliver.words import w
from planner.model.enums import StepKind
from planner.model.money import MONEY_SCALE
from planner.model.problem import EffortOverride
from planner.report.lookup import Lookup
from planner.result.account import STATUS_TEXT
from planner.result.roadmap import ScheduledStep

Cell = str | float | int | None


@dataclass
class Table:
    key: str  # words key of the title (sheet name)
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    money: set[int] = field(default_factory=set)  # columns in 万元
    notes: list[str] = field(default_factory=list)


def wan(money: int) -> float:
    return round(money / MONEY_SCALE, 4)


def last_month(first_day_after: dt.date) -> str:
    """'2027-06': the last month of something ending before ``first_day_after``."""
    return f"{first_day_after - dt.timedelta(days=1):%Y-%m}"


def scope(ini: Initiative, lk: Lookup) -> str:
    sep = w("sep", lk.lang)
    groups = sep.join(dict.fromkeys(lk.group_name(s.group) for s in ini.steps))
    units = sep.join(lk.unit_name(u) for u in ini.units)
    return (
        f"{groups}：{units}"
        if units and lk.lang == "zh"
        else (f"{groups}: {units}" if units else groups)
    )


def benefit_lines(ini: Initiative, lang: Lang) -> list[str]:
    out = []
    for b in ini.benefits:
        unit = b.unit or ""
        baseline, target = _figure(b.baseline), _figure(b.target)
        line = w(
            "benefit_line", lang, kpi=b.kpi.get(lang), baseline=baseline, target=target, unit=unit
        )
        if b.category is not None:
            line += f"（{b.category.get(lang)}）" if lang == "zh" else f" ({b.category.get(lang)})"
        out.append(line)
    return out


def _figure(value: float | str | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}" if isinstance(value, float) else str(value)


def level_name(level: str | None, lk: Lookup) -> str:
    if level is None:
        return "–"
    try:
        return f"{level} {lk.t(lk.catalog.level(level).name)}"
    except KeyError:
        return level


def years_of(d: Delivery) -> list[int]:
    return sorted(
        {y for i in d.initiatives for y in i.cost_per_year} | set(d.problem.budget.yearly_caps)
    )


def initiatives_table(d: Delivery, lk: Lookup) -> Table:
    lang = lk.lang
    t = Table(
        "initiatives",
        [
            w(k, lang)
            for k in (
                "code",
                "name",
                "scope",
                "level",
                "start",
                "end",
                "months",
                "cost",
                "staff_peak",
                "units",
                "modules",
                "clauses",
                "benefits",
                "source",
                "id",
            )
        ],
        money={7},
    )
    for i in d.initiatives:
        t.rows.append(
            [
                i.code,
                lk.t(i.name),
                scope(i, lk),
                level_name(i.level, lk),
                f"{i.start_date:%Y-%m}",
                last_month(i.end_date),
                lk.months(i.end - i.start),
                wan(i.cost),
                i.staff_peak,
                w("sep", lang).join(lk.unit_name(u) for u in i.units),
                ", ".join(i.modules),
                ", ".join(i.clauses),
                "\n".join(benefit_lines(i, lang)),
                w("source_default" if i.source == "default" else "source_problem", lang),
                i.id,
            ]
        )
    if d.unmatched:
        t.notes.append(w("unmatched", lang, ids=", ".join(d.unmatched)))
    return t


def quarter_of(d: Delivery, period: int) -> tuple[int, int]:
    day = d.problem.time.period_start(period)
    return day.year, (day.month - 1) // 3 + 1


def annual_table(d: Delivery, lk: Lookup) -> Table:
    """Steps by year and quarter: one row per step and quarter it runs in."""
    lang = lk.lang
    owner = d.initiative_of()
    names = {i.id: lk.t(i.name) for i in d.initiatives}
    t = Table(
        "annual_plan",
        [
            w(k, lang)
            for k in ("year", "quarter", "initiative", "step", "kind", "start", "end", "cost")
        ],
        money={7},
    )
    for s in sorted(d.roadmap.steps, key=lambda s: (s.start, s.id)):
        per_q: dict[tuple[int, int], int] = {}
        for p in range(s.start, s.end):
            key = quarter_of(d, p)
            per_q[key] = per_q.get(key, 0) + s.rate
        for (year, q), money in per_q.items():
            t.rows.append(
                [
                    year,
                    f"Q{q}",
                    names[owner[s.id]],
                    s.title.get(lang),
                    lk.kind_name(s.kind),
                    f"{s.start_date:%Y-%m}",
                    last_month(s.end_date),
                    wan(money),
                ]
            )
    t.rows.sort(key=lambda r: (r[0], str(r[1]), str(r[5])))
    return t


def investment_table(d: Delivery, lk: Lookup) -> Table:
    lang = lk.lang
    years = years_of(d)
    t = Table(
        "investment",
        [w("initiative", lang), *map(str, years), w("total", lang)],
        money=set(range(1, len(years) + 2)),
    )
    for i in d.initiatives:
        t.rows.append([lk.t(i.name), *(wan(i.cost_per_year.get(y, 0)) for y in years), wan(i.cost)])
    per_year = [sum(i.cost_per_year.get(y, 0) for i in d.initiatives) for y in years]
    t.rows.append([w("total", lang), *map(wan, per_year), wan(sum(per_year))])
    caps = d.problem.budget.yearly_caps
    total = d.problem.budget.total
    t.rows.append([w("cap", lang), *(caps.get(y) for y in years), total])
    t.rows.append(
        [
            w("use", lang),
            *(
                f"{spent / MONEY_SCALE / caps[y]:.1%}" if caps.get(y) else "–"
                for y, spent in zip(years, per_year, strict=True)
            ),
            (f"{sum(per_year) / MONEY_SCALE / total:.1%}" if total else "–"),
        ]
    )
    return t


def figures(step: ScheduledStep, d: Delivery, lang: Lang) -> str:
    """Whose numbers a step's effort is: capplan's defaults, scaled, overridden or the user's."""
    if step.kind == StepKind.USER:
        return w("fig_user", lang)
    over = d.problem.overrides
    if any(_matches(o, step) for o in over.effort):
        return w("fig_override", lang)
    m = over.multipliers
    return w("fig_scaled" if (m.cost, m.duration) != (1.0, 1.0) else "fig_default", lang)


def _matches(o: EffortOverride, s: ScheduledStep) -> bool:
    if o.unit not in (None, s.unit) or o.kind not in (None, s.kind):
        return False
    if o.phase not in (None, s.phase) or o.dimension not in (None, s.dimension):
        return False
    return o.capability_level is None or (
        s.capability_level is not None and int(o.capability_level[2:]) == s.capability_level
    )


def predecessors(d: Delivery) -> dict[str, tuple[str, ...]]:
    """Each scheduled step's direct predecessors in this roadmap (from the step DAG)."""
    from catalog.errors import DataError
    from planner.compile.compiled import compile_problem

    try:
        graph = compile_problem(d.problem).graph
    except (DataError, KeyError, ValueError):  # a saved result whose problem no longer builds
        return {}
    here = {s.id for s in d.roadmap.steps}
    return {
        sid: tuple(sorted(p for p in graph.predecessors(sid) if p in here)) if sid in graph else ()
        for sid in here
    }


def steps_table(d: Delivery, lk: Lookup, preds: dict[str, tuple[str, ...]]) -> Table:
    lang = lk.lang
    owner = d.initiative_of()
    t = Table(
        "step_detail",
        [
            w(k, lang)
            for k in (
                "id",
                "step",
                "kind",
                "initiative",
                "scope",
                "start",
                "end",
                "months",
                "cost",
                "staff",
                "clauses",
                "priorities",
                "predecessors",
                "figures",
            )
        ],
        money={8},
    )
    names = {i.id: lk.t(i.name) for i in d.initiatives}
    for s in sorted(d.roadmap.steps, key=lambda s: (s.start, s.end, s.id)):
        where = lk.group_name(s.group) + (f" / {lk.unit_name(s.unit)}" if s.unit else "")
        t.rows.append(
            [
                s.id,
                s.title.get(lang),
                lk.kind_name(s.kind),
                names[owner[s.id]],
                where,
                f"{s.start_date:%Y-%m}",
                last_month(s.end_date),
                lk.months(s.end - s.start),
                wan(s.cost),
                s.staff,
                ", ".join(s.clauses),
                ", ".join(s.priorities),
                ", ".join(preds.get(s.id, ())),
                figures(s, d, lang),
            ]
        )
    return t


def requirement_rows(d: Delivery, lk: Lookup) -> list[list[Cell]]:
    """(clause, subdomain, level, requirement, status, step, reason) of every requirement item.

    The plan's own account (``result.requirements``) when it has one; otherwise every
    catalogue item of the claimed level and below, marked as not planned by this version.
    """
    from planner.assessment.items import items_by_id, requirement_items

    lang = lk.lang
    subs = {s.id: s.name for s in lk.catalog.subdomains()}
    titles = {s.id: s.title.get(lang) for s in d.roadmap.steps}
    items = items_by_id(lk.catalog)
    rows: list[list[Cell]] = []
    sep = "；" if lang == "zh" else "; "
    for a in d.result.requirements:  # planner.result.account: the plan's own account
        item = items.get(a.clause)
        rows.append(
            [
                a.clause,
                lk.t(subs.get(a.subdomain)),
                a.level,
                lk.t(item.text) if item else "",
                STATUS_TEXT[a.status].get(lang),
                sep.join(titles.get(sid, sid) for sid in a.steps[:3])
                + (" …" if len(a.steps) > 3 else ""),
                a.reason.get(lang) if a.reason is not None else "",
            ]
        )
    if rows:
        return rows
    claimed = (d.milestones[-1].level if d.milestones else None) or _claimed(d, lk)
    if claimed is None:
        return rows
    why = w("req_not_planned_why", lang)
    for item in requirement_items(lk.catalog):
        if item.level <= claimed:
            rows.append(
                [
                    item.id,
                    lk.t(subs.get(item.subdomain)),
                    item.level,
                    lk.t(item.text),
                    w("req_not_planned", lang),
                    "",
                    why,
                ]
            )
    return rows


def _claimed(d: Delivery, lk: Lookup) -> str | None:
    row = d.roadmap.row
    if not row:
        return None
    try:
        return lk.catalog.tier_row(row.split("/")[0]).level
    except KeyError:
        return None


def requirements_table(d: Delivery, lk: Lookup) -> Table:
    lang = lk.lang
    t = Table(
        "requirements",
        [w(k, lang) for k in ("clause", "subdomain", "level", "text", "status", "step", "reason")],
    )
    t.rows = requirement_rows(d, lk)
    return t
