"""The report's account of the 10004 requirement items of the claimed level and below.

One row per subdomain and level: how many items, and how each is met (already met, by which
requirement-work step, by the capability work, advisory, not applicable with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.models.base import Text
from planner.report.lookup import Lookup
from planner.result.account import STATUS_TEXT, ItemAccount
from planner.result.plan_result import PlanResult


@dataclass(frozen=True)
class AccountRow:
    level: str
    subdomain: str
    counts: str  # "已满足 3 · 由要求项工作满足 2"
    how: str  # the step titles or the reasons
    open: bool  # an item is not met (never in a valid roadmap)


def account_rows(result: PlanResult, lk: Lookup) -> list[AccountRow]:
    """Rows in the standard's order (level, then subdomain)."""
    names = {sub.id: lk.t(sub.name) for sub in lk.catalog.subdomains()}
    order = {sub.id: i for i, sub in enumerate(lk.catalog.subdomains())}
    titles = {s.id: lk.t(s.title) for s in (result.roadmap.steps if result.roadmap else ())}
    groups: dict[tuple[str, str], list[ItemAccount]] = {}
    for a in result.requirements:
        groups.setdefault((a.level, a.subdomain), []).append(a)
    rows = []
    sep = "；" if lk.lang == "zh" else "; "
    for (level, sub), items in sorted(groups.items(), key=lambda kv: (kv[0][0], order[kv[0][1]])):
        counts: dict[str, int] = {}
        how: list[str] = []
        for a in items:
            counts[a.status] = counts.get(a.status, 0) + 1
            if a.status in ("met_by_capability_work", "presumed_by_reading") and a.reason:
                if lk.t(a.reason) not in how:
                    how.append(lk.t(a.reason))
                continue
            for sid in a.steps:
                title = titles.get(sid, sid)
                if title not in how:
                    how.append(title)
            if a.status == "not_applicable" and a.reason is not None:
                how.append(
                    f"{a.clause}{lk.t(a.reason)}"
                    if lk.lang == "zh"
                    else f"{a.clause}: {lk.t(a.reason)}"
                )
        rows.append(
            AccountRow(
                level,
                names.get(sub, sub),
                " · ".join(f"{lk.t(STATUS_TEXT[k])} {n}" for k, n in counts.items()),
                sep.join(how[:4]) + (" …" if len(how) > 4 else ""),
                "not_met" in counts,
            )
        )
    return rows


def maturity_notes(result: PlanResult, lk: Lookup) -> list[str]:
    """The reading of the level rule and how the items met at the start were derived."""
    reading = lk.catalog.maturity_reading
    out = [
        f"{reading.level_rule.clause}：{lk.t(reading.level_rule.reading)}"
        if lk.lang == "zh"
        else f"{reading.level_rule.clause}: {lk.t(reading.level_rule.reading)}"
    ]
    if result.derived_items is not None:
        out.append(lk.t(result.derived_items))
    out.append(lk.t(reading.capability_work.rationale))
    presumed = presumed_count(result)
    if presumed:
        out.append(lk.t(presumed_note(presumed, reading.capability_work.clause)))
    out += [
        f"{r.clause}{colon}{lk.t(r.reading)}"
        for r in (*reading.order, *reading.wording)
        for colon in ["：" if lk.lang == "zh" else ": "]
    ]
    out.append(lk.t(reading.organisation_priorities.rationale))
    if reading.organisation_priorities.clauses_read is not None:
        out.append(lk.t(reading.organisation_priorities.clauses_read))
    if reading.scope_priorities is not None:
        out.append(lk.t(reading.scope_priorities.rationale))
        out += [
            f"{item.capability_level} {', '.join(item.clauses)}{colon}{lk.t(item.reading)}"
            for item in reading.scope_priorities.items
            for colon in ["：" if lk.lang == "zh" else ": "]
        ]
    return out


def presumed_count(result: PlanResult) -> int:
    """How many items of the account rest on the reading ``capability_work`` alone."""
    return sum(a.status == "presumed_by_reading" for a in result.requirements)


def presumed_note(n: int, clause: str) -> Text:
    return Text(
        zh=f"有 {n} 项新型能力要求项按 capplan 的解读 capability_work（{clause}）推定满足："
        "范围内没有该视角的能力单元，严格满足需要该视角的能力单元（见“要求项”一节各项的说明）。",
        en=f"{n} new-capability items are presumed met by capplan's reading capability_work "
        f"({clause}): the scope has no unit of their perspective; strictly they need a unit of "
        "that perspective (see each item's note in the requirement items section).",
    )
