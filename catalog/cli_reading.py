"""``capplan catalog tiers``: capplan's reading of the maturity levels (maturity_reading.yaml).

An ASSUMPTION, titled as such: when a level holds, which items organisation work meets and
which the capability work meets, how the wording reads, the order of the work and which
Appendix A priorities are organisation-wide, each with the clause it reads.
"""

from __future__ import annotations

from rich.table import Table

from catalog.catalog import CULTURE_LEVELS_NOTE, Catalog, shows_both_cultures
from catalog.cli_render import row, table
from catalog.models.base import Lang

TITLES = {
    "reading": ("假设：成熟度等级的解读", "Assumption: reading of the maturity levels"),
    "work": ("假设：要求项由谁满足", "Assumption: what meets the requirement items"),
    "wording": ("假设：条款措辞的读法", "Assumption: how the wording reads"),
    "order": ("假设：工作顺序", "Assumption: order of the work"),
    "priorities": (
        "假设：组织层面的建设重点（附录A）",
        "Assumption: organisation-wide building priorities (Appendix A)",
    ),
    "scope_priorities": (
        "假设：按范围一次的建设重点（附录A）",
        "Assumption: building priorities once per scope (Appendix A)",
    ),
}
HEADERS = {
    "what": ("内容", "What"),
    "clause": ("条款", "Clause"),
    "reading": ("解读", "Reading"),
    "subdomains": ("子域", "Subdomains"),
    "met_by": ("满足方式", "Met by"),
    "priorities": ("建设重点", "Priorities"),
    "carried_by": ("承担的要求项工作", "Carried by the work of"),
    "level": ("能力等级", "Level"),
    "tied_to": ("所限定的范围", "Tied to"),
}
PER = {
    "scenario": ("范围内每个主场景一次", "once per main scenario of the scope"),
    "scope": ("每个范围一次", "once per scope"),
}
MET_BY = {
    "requirement_work": ("组织层面的要求项工作（每子域每等级一项）", "organisation-level requirement work (one step per subdomain and level)"),
    "capability_work": ("能力单元与能力模块的建设", "the capability work on units and modules"),
    "per_perspective": ("备选读法：按视角逐一满足（更严格，尚未编排）", "alternative reading: per perspective (stricter, not yet planned)"),
}  # fmt: skip


def _t(key: str, lg: Lang, source: dict[str, tuple[str, str]] = TITLES) -> str:
    zh, en = source[key]
    return zh if lg == "zh" else en


def _table(key: str, lg: Lang, cols: tuple[str, ...], caption: str | None = None) -> Table:
    out = table(_t(key, lg), lg, [_t(c, lg, HEADERS) for c in cols], caption=caption)
    return out


def reading_tables(cat: Catalog, lg: Lang) -> list[Table]:
    reading = cat.maturity_reading
    names = {sub.id: sub.name.get(lg) for sub in cat.subdomains()}
    rule = _table("reading", lg, ("what", "clause", "reading"), reading.assumption.get(lg))
    row(rule, "L1–L5", reading.level_rule.clause, reading.level_rule.reading.get(lg))
    derived = "默认已满足项" if lg == "zh" else "items met by default"
    row(rule, derived, "—", reading.derived_items.reading.get(lg))
    advisory = "建议项" if lg == "zh" else "advisory items"
    row(
        rule,
        advisory,
        ", ".join(reading.advisory_items.clauses),
        reading.advisory_items.rationale.get(lg),
    )
    work = _table("work", lg, ("met_by", "subdomains", "reading"))
    for key in ("requirement_work", "capability_work"):
        part = getattr(reading, key)
        subs = "\n".join(f"{s} {names.get(s, s)}" for s in part.subdomains)
        row(work, _t(key, lg, MET_BY), subs, part.rationale.get(lg))
    cw = reading.capability_work
    alt = (
        _t("per_perspective", lg, MET_BY)
        + f"\n(capability_work.per_perspective: {cw.per_perspective})"
    )
    row(work, alt, cw.clause, cw.per_perspective_reading.get(lg))
    wording = _table("wording", lg, ("what", "clause", "reading"))
    for r in reading.wording:
        row(wording, r.id, r.clause, r.reading.get(lg))
    order = _table("order", lg, ("what", "clause", "reading"))
    off = "（默认未启用）" if lg == "zh" else " (not applied by default)"
    for r in reading.order:
        row(order, r.id + ("" if r.applied else off), r.clause, r.reading.get(lg))
    prio = reading.organisation_priorities
    priorities = _table("priorities", lg, ("priorities", "carried_by"), prio.rationale.get(lg))
    for entry in prio.items:
        carried = f"{entry.carried_by} {names[entry.carried_by]}"
        if shows_both_cultures(entry.carried_by, entry.clauses):
            carried += "\n" + CULTURE_LEVELS_NOTE.get(lg)
        row(priorities, ", ".join(entry.clauses), carried)
    if prio.clauses_read is not None:
        row(priorities, "—", prio.clauses_read.get(lg))
    out = [rule, work, wording, order, priorities]
    scoped = reading.scope_priorities
    if scoped is not None:
        cols = ("level", "priorities", "tied_to", "reading")
        tbl = _table("scope_priorities", lg, cols, scoped.rationale.get(lg))
        for item in scoped.items:
            tied = (
                f"{item.tied_to.get(lg)}（{_t(item.per, lg, PER)}）"
                if lg == "zh"
                else (f"{item.tied_to.get(lg)} ({_t(item.per, lg, PER)})")
            )
            row(tbl, item.capability_level, ", ".join(item.clauses), tied, item.reading.get(lg))
        out.append(tbl)
    return out
