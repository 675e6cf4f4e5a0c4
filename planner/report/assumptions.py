"""The assumptions a roadmap rests on (capplan's effort and tier mapping) and where they came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.models.base import Lang
from catalog.models.capability import PHASES
from catalog.models.effort import Effort
from planner.model.money import money_text
from planner.model.problem import EffortOverride
from planner.report.labels import fmt, label
from planner.report.lookup import Lookup
from planner.result.plan_result import PlanResult


@dataclass(frozen=True)
class EffortRow:
    kind: str
    item: str
    months: str
    cost: str
    staff: str
    reasoning: str


@dataclass(frozen=True)
class MappingRow:
    key: str
    detail: str
    rationale: str
    highlight: bool = False


@dataclass
class Assumptions:
    effort_source: str
    effort: list[EffortRow] = field(default_factory=list)
    scope_multipliers: str = ""
    size: str = ""  # the organisation's size and the factors it gives (planner.compile.sizing)
    effort_notes: list[str] = field(default_factory=list)  # default range, sampling, scaling
    overrides: list[tuple[str, str, str]] = field(default_factory=list)
    multipliers: str = ""
    mapping_source: str = ""
    rows: list[MappingRow] = field(default_factory=list)
    breadths: list[MappingRow] = field(default_factory=list)
    forms: list[MappingRow] = field(default_factory=list)
    depths: list[MappingRow] = field(default_factory=list)


def _effort(kind: str, item: str, e: Effort, lang: Lang) -> EffortRow:
    """A default effort: most likely figures, their range (low–high) and the reasoning."""
    reasoning, r = e.reasoning.get(lang), e.range
    months, cost, staff = str(e.months), money_text(e.cost, 1, in_wan=True), str(e.staff)
    if r is not None:
        reasoning += " " + r.reasoning.get(lang)
        months += f" ({r.months.low:g}–{r.months.high:g})" if r.months else ""
        cost += (
            f" ({money_text(r.cost.low, 1, in_wan=True)}–{money_text(r.cost.high, 1, in_wan=True)})"
            if r.cost
            else ""
        )
        staff += f" ({r.staff.low:g}–{r.staff.high:g})" if r.staff else ""
    return EffortRow(kind, item, months, cost, staff, reasoning)


def assumptions(result: PlanResult, lk: Lookup) -> Assumptions:
    """Effort defaults, the problem's overrides, and the tier mapping with its rationale."""
    lang, cat = lk.lang, lk.catalog
    effort, mapping = cat.effort, cat.tier_mapping
    out = Assumptions(lk.t(effort.assumption), mapping_source=lk.t(mapping.assumption))
    out.effort.append(_effort(label("decomposition", lang), "–", effort.decomposition, lang))
    for level in sorted(effort.upgrade):
        phases = effort.upgrade[level]
        for phase in PHASES:
            if getattr(phases, phase) is None:
                continue
            item = f"{level} · {label('phase_' + phase, lang)}"
            out.effort.append(_effort(label("upgrade", lang), item, getattr(phases, phase), lang))
    for depth_id, e in effort.deepening.items():
        out.effort.append(
            _effort(label("deepening", lang), lk.t(cat.depth(depth_id).name), e, lang)
        )
    for paradigm, e in effort.combination.items():
        out.effort.append(_effort(label("combination", lang), label(paradigm, lang), e, lang))
    for depth_id, e in effort.scope_model.items():
        out.effort.append(_effort(label("model", lang), lk.t(cat.depth(depth_id).name), e, lang))
    per = effort.scope_model_per_unit
    if per is not None:
        each = "每个能力单元" if lang == "zh" else "per unit"
        reason = lk.t(per.reasoning)
        out.effort.append(
            EffortRow(
                label("model", lang), each, "–", money_text(per.cost, 1, in_wan=True), "–", reason
            )
        )
    for cl, e in effort.scope_work.items():
        out.effort.append(_effort(label("scope", lang), cl, e, lang))
    domains = {d.id: lk.t(d.name) for d in cat.domains}
    for domain, by_level in effort.requirement.items():
        for level_id, e in by_level.items():
            item = f"{domains[domain]} · {level_id}"
            out.effort.append(_effort(label("requirement", lang), item, e, lang))
    for note in (effort.range_default, effort.sampling, effort.size_scaling):
        if note is not None:
            out.effort_notes.append(note.reasoning.get(lang))
    out.scope_multipliers = label("and_sep", lang).join(
        f"{label('scope_' + scope, lang)} ×{value:g}"
        for scope, value in effort.scope_multiplier.items()
    )
    compared = {c.row.split("/")[0] for c in result.routes}
    chosen = result.roadmap.row.split("/")[0] if result.roadmap and result.roadmap.row else None
    if chosen:
        compared.add(chosen)
    problem = result.problem
    if problem is not None:
        from planner.compile.sizing import describe

        size = describe(problem, cat)
        out.size = size.get(lang) if size is not None else ""
        out.overrides = [_override(o, lk) for o in problem.overrides.effort]
        m = problem.overrides.multipliers
        if (m.cost, m.duration) != (1.0, 1.0):
            out.multipliers = fmt(
                "multipliers", lang, cost=f"{m.cost:g}", duration=f"{m.duration:g}"
            )
    rationale = {r.row: r for r in mapping.rows}
    for row in cat.tier_rows:
        why = rationale.get(row.id)
        extra = [lk.t(a.rationale) for a in why.alternatives] if why else []
        out.rows.append(
            MappingRow(
                lk.row_desc(row.id),
                fmt("tier_n", lang, n=row.tier),
                " ".join([lk.t(why.rationale) if why else "", *extra]).strip(),
                row.id in compared,
            )
        )
    for b in mapping.breadth_scopes:
        breadth = cat.breadth(b.breadth)
        out.breadths.append(
            MappingRow(lk.t(breadth.name), f"10004 {breadth.clause}", lk.t(b.rationale))
        )
    for f in mapping.level_forms:
        form = f"{f.level} → {f.capability_level}" + (
            f" · {label(f.module, lang)}" if f.module else ""
        )
        out.forms.append(MappingRow(form, "", lk.t(f.rationale)))
    for d in mapping.depth_stages:
        depth = cat.depth(d.depth)
        out.depths.append(
            MappingRow(
                f"{d.stage}. {lk.t(depth.name)}",
                f"{label('min_level', lang)} {d.min_capability_level}",
                lk.t(d.rationale),
            )
        )
    for sm in mapping.scope_models:  # Table 1 key requirement 2, the model over a scope
        out.depths.append(
            MappingRow(
                f"{label('model', lang)} · {lk.t(sm.name)}",
                lk.t(cat.depth(sm.depth).name),
                lk.t(sm.rationale),
            )
        )
    if mapping.existing_models is not None:
        out.depths.append(MappingRow(label("model", lang), "", lk.t(mapping.existing_models)))
    return out


def _override(o: EffortOverride, lk: Lookup) -> tuple[str, str, str]:
    """(what the override applies to, what it sets, why)."""
    lang = lk.lang
    parts = []
    if o.unit:
        parts.append(lk.unit_name(o.unit))
    if o.kind:
        parts.append(label(o.kind, lang))
    if o.capability_level:
        parts.append(o.capability_level)
    if o.phase:
        parts.append(label("phase_" + o.phase, lang))
    if o.dimension:
        parts.append(o.dimension)
    sets = []
    if o.months is not None:
        sets.append(f"{label('duration', lang)} {o.months}")
    if o.cost is not None:
        sets.append(f"{label('cost', lang)} {money_text(o.cost, 1, in_wan=True)}")
    if o.staff is not None:
        sets.append(f"{label('staff', lang)} {o.staff}")
    sep = label("and_sep", lang)
    return (sep.join(parts) or label("all", lang), sep.join(sets), lk.t(o.reasoning))
