"""The assumptions an export rests on, and whether each is capplan's default or the user's."""

from __future__ import annotations

from planner.deliver.build import Delivery
from planner.deliver.tables import Table
from planner.deliver.words import w
from planner.model.money import money_text
from planner.report.assumptions import assumptions as report_assumptions
from planner.report.lookup import Lookup


def assumptions_table(d: Delivery, lk: Lookup) -> Table:
    """(item, value, nature, reasoning): grouping, waves, staff, effort, mapping, overrides."""
    lang, rules, cat = lk.lang, d.rules, lk.catalog
    default, given = w("capplan_default", lang), w("problem_given", lang)
    t = Table("assumptions", [w(k, lang) for k in ("item", "value", "whose", "rationale")])
    t.rows.append(
        [w("a_grouping", lang), lk.t(rules.assumption), default, lk.t(rules.grouping.rationale)]
    )
    t.rows.append([w("a_level", lang), "", default, lk.t(rules.grouping.level_rule)])
    t.rows.append([w("a_waves", lang), "", default, lk.t(rules.waves.rationale)])
    t.rows.append([w("a_staff", lang), "", default, lk.t(rules.staff.rationale)])
    t.rows.append(
        [w("a_risks", lang), f"{rules.risks.cap_use:.0%}", default, lk.t(rules.risks.rationale)]
    )
    t.rows.append([w("a_effort", lang), "effort.yaml", default, lk.t(cat.effort.assumption)])
    t.rows.append(
        [w("a_mapping", lang), "tier_mapping.yaml", default, lk.t(cat.tier_mapping.assumption)]
    )
    report = report_assumptions(d.result, lk)
    for what, sets, why in report.overrides:
        t.rows.append([w("a_override", lang, what=what), sets, given, why])
    if report.multipliers:
        t.rows.append([w("a_multipliers", lang), report.multipliers, given, ""])
    budget = d.problem.budget
    caps = w("sep", lang).join(
        f"{y}: {money_text(c, 1, in_wan=True)}" for y, c in sorted(budget.yearly_caps.items())
    )
    total = (
        w("no_budget", lang) if budget.total is None else money_text(budget.total, 1, in_wan=True)
    )
    t.rows.append([w("a_budget", lang), f"{total}; {caps}" if caps else total, given, ""])
    named = [i for i in d.initiatives if i.source == "problem"]
    if named or d.problem.initiatives:
        ids = ", ".join(s.id for s in d.problem.initiatives)
        t.rows.append([w("a_initiatives", lang), ids, given, ""])
    for row in report.effort:
        t.rows.append(
            [
                f"{row.kind} · {row.item}",
                f"{row.months} / {row.cost} / {row.staff}",
                default,
                row.reasoning,
            ]
        )
    t.notes.append(w("defaults_note", lang))
    return t
