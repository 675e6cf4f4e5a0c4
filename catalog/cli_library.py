"""``capplan catalog units | system | effort``: the unit library, the 20001 system, the effort."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table

from catalog import Catalog, load_catalog
from catalog.cli_render import (
    JsonOpt,
    LangOpt,
    add_lines,
    assumed,
    block,
    choose,
    colon,
    console,
    dump,
    emit_json,
    item_lines,
    label,
    note_lines,
    paradigm_names,
    parse_lang,
    print_all,
    row,
    table,
    text,
    yes_no,
)
from catalog.models.base import Lang, Text
from catalog.models.capability import PHASES
from catalog.models.effort import Bounds
from catalog.models.maturity import Industry


def system_tables(cat: Catalog, lg: Lang) -> list[Table]:
    cs = cat.capability_system
    ident = table(label("identification", lg), lg, ("clause", "text"))
    add_lines(ident, [(p.clause, p.get(lg)) for p in cs.identification])
    described = any(p.description is not None or p.items for p in cs.perspectives)
    cols: tuple[str, ...] = ("id", "name", "clause", "description")[: 4 if described else 3]
    persp = table(label("perspectives", lg), lg, cols)
    for p in cs.perspectives:
        desc = [("", text(p.description, lg)), *item_lines(p.items, lg)]
        cells = (p.id, p.name.get(lg), p.clause, block(desc).strip())
        row(persp, *cells[: len(cols)])
    dc = cs.decomposition_combination
    decomp = table(label("decomposition", lg), lg, ("clause", "text"), lines=False)
    row(decomp, dc.general.clause, dc.general.get(lg))
    row(decomp, dc.clause, f"{dc.name.get(lg)}{colon(lg)}{dc.intro.get(lg)}")
    add_lines(decomp, item_lines(dc.steps, lg, 1))
    pd, evo = cs.paradigms, cs.evolution_general
    general = table(label("paradigms", lg), lg, ("clause", "text"))
    row(general, pd.general.clause, f"{pd.name.get(lg)}\n{pd.general.get(lg)}")
    row(general, evo.clause, f"{text(evo.name, lg)}\n{evo.get(lg)}")
    cols = ("id", "name", "clause", "description", "evolution")
    paradigms = table(label("paradigms", lg), lg, cols)
    for par in pd.items:
        desc_text = block([("", par.description.get(lg)), *item_lines(par.items, lg)])
        ev = par.evolution
        row(
            paradigms,
            par.id,
            par.name.get(lg),
            par.clause,
            desc_text,
            f"{ev.clause} {text(ev.name, lg)}\n{ev.get(lg)}",
        )
    return [ident, persp, decomp, general, paradigms]


def dimension_tables(cat: Catalog, lg: Lang) -> list[Table]:
    dims = cat.dimensions
    gen = table(label("dimensions", lg), lg, ("clause", "text"))
    row(gen, dims.general.clause, dims.general.get(lg))
    out = [gen]
    for dim in dims.dimensions:
        title = f"{dim.clause} {dim.name.get(lg)} — {text(dim.title, lg)}"
        tbl = table(title, lg, ("sub_area", "clause", "text"), lines=False)
        row(tbl, label("general", lg), dim.general.clause, dim.general.get(lg))
        tbl.add_section()
        for area in dim.sub_areas:
            row(tbl, area.name.get(lg), area.clause, text(area.intro, lg))
            add_lines(tbl, item_lines(area.items, lg, 1), "")
            add_lines(tbl, note_lines(area.notes, lg, 1), "")
            tbl.add_section()
        out.append(tbl)
    return out


def unit_breadth(cat: Catalog, unit: Any, lang: Lang) -> str:
    """A unit's department, process step and chains by name (the breadth vocabulary)."""
    vocabulary = cat.unit_library.breadth
    departments = {e.id: e.name for e in vocabulary.departments}
    steps = {e.id: e.name for e in vocabulary.process_steps}
    chains = {c.id: c.name for c in vocabulary.chains}

    def name(key: str | None, among: dict[str, Text]) -> str:
        if key is None:
            return "—"
        return among[key].get(lang) if key in among else key

    on = "、" if lang == "zh" else ", "
    return "\n".join(
        (
            name(unit.department, departments),
            name(unit.process_step, steps),
            on.join(name(c, chains) for c in unit.chains) or "—",
        )
    )


def chains_table(cat: Catalog, lang: Lang) -> Table:
    """The business chains of the breadth vocabulary, their steps in order (an ASSUMPTION)."""
    vocabulary = cat.unit_library.breadth
    steps = {s.id: s.name for s in vocabulary.process_steps}
    caption = f"{vocabulary.assumption.get(lang)} ({', '.join(vocabulary.clauses)})"
    tbl = table(assumed("chains", lang), lang, ("chain", "steps"), caption=caption)
    for chain in vocabulary.chains:
        row(tbl, chain.name.get(lang), " → ".join(steps[s].get(lang) for s in chain.steps))
    return tbl


def _industries_table(cat: Catalog, industries: Sequence[Industry], lg: Lang) -> Table:
    caption = cat.main_scenario_definition.get(lg)
    tbl = table(label("industries", lg), lg, ("id", "name", "main_scenarios"), caption=caption)
    for ind in industries:
        scen = "\n".join(f"{m.id}: {m.name.get(lg)}" for m in ind.main_scenarios)
        row(tbl, ind.id, ind.name.get(lg), scen)
    return tbl


def units(
    industry: Annotated[
        str | None,
        typer.Option("--industry", help="Industry id or name; omit to list the industries."),
    ] = None,
    lang: LangOpt = "zh",
    as_json: JsonOpt = False,
) -> None:
    """capplan's default capability-unit library (an ASSUMPTION) for one industry.

    Without --industry: the industry types and their main scenarios (10004 5.3.2.1 note).
    """
    lg, cat = parse_lang(lang), load_catalog()
    if industry is None:
        if as_json:
            definition = cat.main_scenario_definition.model_dump(mode="json")
            emit_json({"main_scenario_definition": definition, "industries": dump(cat.industries)})
        else:
            print_all(console(), [_industries_table(cat, cat.industries, lg)])
        return
    names = {k.casefold(): i.id for i in cat.industries for k in (i.id, i.name.zh, i.name.en)}
    ind_id = names.get(industry.casefold(), industry)
    choose(ind_id, [ind.id for ind in cat.industries], "industry", "'--industry'")
    ind, lib = cat.industry(ind_id), cat.units_for(ind_id)
    if as_json:
        assumption = cat.unit_library.assumption.model_dump(mode="json")
        industry_data = ind.model_dump(mode="json")
        breadth = cat.unit_library.breadth.model_dump(mode="json")
        emit_json(
            {"assumption": assumption, "industry": industry_data, "units": dump(lib)}
            | {"breadth": breadth}
        )
        return
    scen_names = {m.id: m.name.get(lg) for m in ind.main_scenarios}
    cols: tuple[str, ...] = ("unit", "perspective_scenario", "department_step_chains")
    cols += ("scope_key", "derived_from", "prerequisites")
    title = f"{assumed('units', lg)} — {ind.name.get(lg)}"
    tbl = table(title, lg, cols, narrow=("unit",), caption=cat.unit_library.assumption.get(lg))
    for u in lib:
        scen = scen_names.get(u.main_scenario or "", label("whole_org", lg))
        key = f"{label('key', lg)}{colon(lg)}{yes_no(u.key, lg)}"
        row(
            tbl,
            f"{u.id}\n{u.name.get(lg)}",
            f"{u.perspective}\n{scen}",
            unit_breadth(cat, u, lg),
            f"{label(u.scope, lg)}\n{key}",
            "\n".join(u.derived_from),
            "\n".join(u.prerequisites) or "—",
        )
    print_all(console(), [_industries_table(cat, [ind], lg), tbl, chains_table(cat, lg)])


def system(lang: LangOpt = "zh", as_json: JsonOpt = False) -> None:
    """The 20001 capability system: perspectives, decomposition, paradigms, dimensions."""
    lg, cat = parse_lang(lang), load_catalog()
    if as_json:
        emit_json(
            {
                "capability_system": cat.capability_system.model_dump(mode="json"),
                "dimensions": cat.dimensions.model_dump(mode="json"),
            }
        )
        return
    print_all(console(), system_tables(cat, lg) + dimension_tables(cat, lg))


def effort(lang: LangOpt = "zh", as_json: JsonOpt = False) -> None:
    """capplan's default effort of every kind of step (an ASSUMPTION), with its reasoning."""
    lg, cat = parse_lang(lang), load_catalog()
    model = cat.effort
    if as_json:
        emit_json(model.model_dump(mode="json"))
        return
    cols: tuple[str, ...] = ("step", "months", "cost", "staff", "reasoning")
    tbl = table(assumed("effort", lg), lg, cols, caption=model.assumption.get(lg))
    steps = [(label("decompose_step", lg), model.decomposition)]
    for cl_id, up in model.upgrade.items():
        phases = zip(PHASES, (up.plan, up.element, up.management, up.evaluate), strict=True)
        steps += [
            (f"{label('upgrade', lg)} {cl_id} · {label('phase_' + ph, lg)}", e)
            for ph, e in phases
            if e is not None
        ]
    for d, e in model.deepening.items():
        steps.append((f"{label('deepening', lg)} · {cat.depth(d).name.get(lg)}", e))
    paradigms = paradigm_names(cat)
    for p, e in model.combination.items():
        steps.append((f"{label('combination', lg)} · {paradigms[p].get(lg)}", e))
    scope_model = "范围模型" if lg == "zh" else "Scope model"
    for d, e in model.scope_model.items():
        steps.append((f"{scope_model} · {cat.depth(d).name.get(lg)}", e))
    scope_work = "范围建设重点" if lg == "zh" else "Scope work"
    steps += [(f"{scope_work} · {cl}", e) for cl, e in model.scope_work.items()]
    domains = {d.id: d.name.get(lg) for d in cat.domains}
    work = "要求项工作" if lg == "zh" else "Requirement work"
    for domain, by_level in model.requirement.items():
        steps += [(f"{work} · {domains[domain]} {lv}", e) for lv, e in by_level.items()]
    for name, e in steps:
        r = e.range
        months = _three(e.months, r.months if r else None)
        cost, staff = _three(e.cost, r.cost if r else None), _three(e.staff, r.staff if r else None)
        row(tbl, name, months, cost, staff, e.reasoning.get(lg))
        if r is not None:  # the range's reasoning on a row of its own
            row(tbl, "", "", "", "", r.reasoning.get(lg))
    if model.scope_model_per_unit is not None:
        per = model.scope_model_per_unit
        each = "范围模型 · 每个能力单元" if lg == "zh" else "Scope model · per unit"
        row(tbl, each, "", f"{per.cost:g}", "", per.reasoning.get(lg))
    mult = table(assumed("scope_multiplier", lg), lg, ("scope", "multiplier"))
    for scope, factor in model.scope_multiplier.items():
        row(mult, label(scope, lg), f"{factor:g}")
    print_all(console(), [tbl, mult])
    for key, part in (
        ("range_default", model.range_default),
        ("sampling", model.sampling),
        ("size_scaling", model.size_scaling),
    ):
        if part is not None:  # paragraphs, not table cells: these texts are long
            console().print(f"{key}: {part.reasoning.get(lg)}", soft_wrap=True)


def _three(value: float, bounds: Bounds | None) -> str:
    """A most likely value and, if given, its range: 3 (2.5–5.5)."""
    return f"{value:g}" if bounds is None else f"{value:g} ({bounds.low:g}–{bounds.high:g})"
