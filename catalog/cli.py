"""``capplan catalog``: browse both standards and capplan's assumptions as tables or JSON."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from catalog import Catalog, load_catalog
from catalog.catalog import CULTURE_LEVELS_NOTE, shows_both_cultures
from catalog.cli_library import effort, system, units
from catalog.cli_reading import reading_tables
from catalog.cli_render import (
    JsonOpt,
    LangOpt,
    add_lines,
    block,
    choose,
    colon,
    console,
    dump,
    emit_json,
    item_lines,
    key_requirement,
    label,
    mapping_tables,
    note_lines,
    parse_lang,
    print_all,
    row,
    table,
    text,
)
from catalog.models.base import Lang
from catalog.models.capability import CAPABILITY_LEVEL_IDS
from catalog.models.maturity import LEVEL_IDS, LevelRequirements

app = typer.Typer(
    help="Browse the catalogue: T/AIITRE 10004—2023, T/AIITRE 20001—2021 and capplan's "
    "labelled assumptions.",
    no_args_is_help=True,
)


@app.command()
def levels(lang: LangOpt = "zh", as_json: JsonOpt = False) -> None:
    """Maturity levels L1–L5 (10004 5.1) and capability levels CL1–CL5 (20001 §8)."""
    lg, cat = parse_lang(lang), load_catalog()
    caps = cat.capability_levels
    if as_json:
        emit_json(
            {
                "maturity_levels": dump(cat.levels),
                "capability_levels": dump(caps.capability_levels),
                "general": dump(caps.general),
                "figures": dump(caps.figures),
            }
        )
        return
    cols: tuple[str, ...] = ("id", "name", "operating_mode", "focus_goal", "clause", "requirements")
    mat = table(label("maturity_levels", lg), lg, cols, lines=False)
    for lv in cat.levels:
        head = (lv.id, f"{lv.name.get(lg)}\n{lv.clause}", lv.operating_mode.get(lg))
        focus = "\n".join(
            f"{label(key, lg)}{colon(lg)}{value.get(lg)}"
            for key, value in (("focus", lv.focus), ("key_goal", lv.key_goal))
        )
        lines = item_lines(lv.requirements, lg) or [("", "")]
        row(mat, *head, focus, *lines[0])
        add_lines(mat, lines[1:], "", "", "", "")
        mat.add_section()
    gen = table(label("cl_general", lg), lg, ("clause", "text"))
    for clause_text in (*caps.general, *caps.figures):
        row(gen, clause_text.clause, clause_text.get(lg))
    cols = ("id", "name", "clause", "characteristics")
    cl = table(label("capability_levels", lg), lg, cols, lines=False)
    cols = ("id", "characteristics", "process", "element", "management")
    over = table(label("overview", lg), lg, cols)
    for level in caps.capability_levels:
        chars = level.characteristics
        row(
            cl,
            level.id,
            f"{level.name.get(lg)}\n{level.clause}",
            chars.clause,
            text(chars.intro, lg),
        )
        add_lines(cl, item_lines(chars.items, lg, 1), "", "")
        cl.add_section()
        if level.overview is not None:
            o = level.overview
            texts = (o.characteristics, o.process, o.element, o.management)
            row(over, level.id, *(t.get(lg) for t in texts))
    print_all(console(), (mat, gen, cl, over))


@app.command()
def tiers(lang: LangOpt = "zh", as_json: JsonOpt = False) -> None:
    """Table 1 tiers, breadth and depth categories (10004 §6) and capplan's tier mapping."""
    lg, cat = parse_lang(lang), load_catalog()
    if as_json:
        emit_json(
            {
                "tier_rows": dump(cat.tier_rows),
                "breadths": dump(cat.breadths),
                "breadth_notes": dump(cat.breadth_notes),
                "depths": dump(cat.depths),
                "tier_mapping": cat.tier_mapping.model_dump(mode="json"),
                "maturity_reading": cat.maturity_reading.model_dump(mode="json"),
            }
        )
        return
    cols: tuple[str, ...] = ("id", "level", "tier", "breadth", "depth", "key_requirements")
    rows = table(label("tier_rows", lg), lg, cols)
    for tr in cat.tier_rows:
        row(
            rows,
            tr.id,
            f"{tr.level} {cat.level(tr.level).name.get(lg)}",
            str(tr.tier),
            cat.breadth(tr.breadth).name.get(lg),
            cat.depth(tr.depth).name.get(lg),
            "\n".join(key_requirement(req, lg) for req in tr.key_requirements),
        )
    out: list[Table] = [rows]
    notes = block(note_lines(cat.breadth_notes, lg)) or None
    for key, cats in (("breadths", cat.breadths), ("depths", cat.depths)):
        cols = ("order", "id", "name", "clause", "definition")
        tbl = table(label(key, lg), lg, cols, caption=notes if key == "breadths" else None)
        for c in cats:
            row(tbl, str(c.order), c.id, c.name.get(lg), c.clause, c.definition.get(lg))
        out.append(tbl)
    print_all(console(), out + reading_tables(cat, lg) + mapping_tables(cat, lg))


def _filtered_requirements(reqs: LevelRequirements, selected: set[str] | None) -> dict[str, Any]:
    data = reqs.model_dump(mode="json")
    if selected is None:
        return data
    domains = []
    for dom in data["domains"]:
        subs = [s for s in dom["subdomains"] if s["subdomain"] in selected]
        if subs:
            domains.append({**dom, "subdomains": subs})
    return {**data, "domains": domains}


def _requirements_table(
    cat: Catalog, reqs: LevelRequirements, selected: set[str] | None, lg: Lang
) -> Table:
    names = {s.id: s.name.get(lg) for s in cat.subdomains()}
    domain_names = {d.id: d.name.get(lg) for d in cat.domains}
    level = cat.level(reqs.level)
    title = f"{level.id} {level.name.get(lg)} — {reqs.clause} {label('requirements', lg)}"
    tbl = table(title, lg, ("subdomain", "clause", "text"), lines=False)
    if selected is None:
        row(tbl, label("general", lg), reqs.general.clause, reqs.general.get(lg))
        tbl.add_section()
    for dom in reqs.domains:
        subs = [s for s in dom.subdomains if selected is None or s.subdomain in selected]
        if not subs:
            continue
        if dom.general is not None:
            head = f"{domain_names[dom.domain]} {label('general', lg)}"
            row(tbl, head, dom.general.clause, dom.general.get(lg))
            add_lines(tbl, item_lines(dom.general.items, lg, 1), "")
            tbl.add_section()
        for sub in subs:
            row(tbl, names[sub.subdomain], sub.clause, sub.intro.get(lg))
            add_lines(tbl, item_lines(sub.items, lg, 1), "")
            add_lines(tbl, note_lines(sub.notes, lg, 1), "")
            if shows_both_cultures(sub.subdomain, ()):  # 20001 A.x.3.4 says it differently
                row(tbl, "", "", CULTURE_LEVELS_NOTE.get(lg))
            tbl.add_section()
    return tbl


@app.command()
def subdomains(
    lang: LangOpt = "zh",
    as_json: JsonOpt = False,
    level: Annotated[
        str | None, typer.Option("--level", help="Show the requirements of level L1..L5.")
    ] = None,
    subdomain: Annotated[
        str | None,
        typer.Option(
            "--subdomain", help="Only this subdomain id (or every subdomain of a domain)."
        ),
    ] = None,
) -> None:
    """The 5 domains and 22 subdomains (10004 §4) and their requirements per level (5.2–5.6).

    With --subdomain but no --level, the subdomain's requirements at every level are shown.
    """
    lg, cat = parse_lang(lang), load_catalog()
    selected: set[str] | None = None
    if subdomain is not None:
        known = [d.id for d in cat.domains] + [s.id for s in cat.subdomains()]
        choose(subdomain, known, "subdomain", "'--subdomain'")
        selected = {s.id for d in cat.domains for s in d.subdomains if subdomain in (d.id, s.id)}
    level_ids: tuple[str, ...] = ()
    if level is not None:
        level_ids = (choose(level.upper(), LEVEL_IDS, "maturity level", "'--level'"),)
    elif selected is not None:
        level_ids = LEVEL_IDS
    picked = [
        (d, [s for s in d.subdomains if selected is None or s.id in selected]) for d in cat.domains
    ]
    domains = [(d, subs) for d, subs in picked if subs]
    blocks = [cat.requirements_of(lv) for lv in level_ids]
    if as_json:
        data: dict[str, Any] = {
            "domains": [{**d.model_dump(mode="json"), "subdomains": dump(s)} for d, s in domains]
        }
        if blocks:
            data["requirements"] = [_filtered_requirements(b, selected) for b in blocks]
        emit_json(data)
        return
    cols = ("id", "subdomain", *LEVEL_IDS)
    overview = table(label("domains", lg), lg, cols, narrow=("id", *LEVEL_IDS))
    for dom, subs in domains:
        row(overview, dom.id, f"{label('domain', lg)}{colon(lg)}{dom.name.get(lg)}", style="bold")
        for sub in subs:
            name = sub.name.get(lg)
            if sub.perspective:
                name += f"\n({label('perspective', lg)}{colon(lg)}{sub.perspective})"
            row(overview, sub.id, name, *(sub.clauses.get(lv, "") for lv in LEVEL_IDS))
    tables = [overview] + [_requirements_table(cat, b, selected, lg) for b in blocks]
    print_all(console(), tables)


@app.command()
def priorities(
    capability_level: Annotated[str, typer.Argument(help="Capability level CL1..CL5.")],
    lang: LangOpt = "zh",
    as_json: JsonOpt = False,
) -> None:
    """Building priorities of one capability level (20001 Appendix A) and its 8.x summaries."""
    lg, cat = parse_lang(lang), load_catalog()
    cl_id = choose(
        capability_level.upper(), CAPABILITY_LEVEL_IDS, "capability level", "CAPABILITY_LEVEL"
    )
    prio = cat.priorities_of(cl_id)
    level = next(c for c in cat.capability_levels.capability_levels if c.id == cl_id)
    if as_json:
        summaries = dump(level.dimension_summaries)
        emit_json(
            {
                "level": cl_id,
                "priorities": prio.model_dump(mode="json"),
                "dimension_summaries": summaries,
            }
        )
        return
    dims = {d.id: d for d in cat.dimensions.dimensions}
    out: list[Table] = []
    for dp in prio.dimensions:
        dim = dims[dp.dimension]
        areas = {a.id: a.name.get(lg) for a in dim.sub_areas}
        title = f"{cl_id} {level.name.get(lg)} — {label('priorities', lg)}: {dim.name.get(lg)}"
        tbl = table(f"{title} {dp.clause}", lg, ("sub_area", "clause", "text"), lines=False)
        if dp.intro is not None or dp.items:
            row(tbl, "", dp.clause, text(dp.intro, lg))
            add_lines(tbl, item_lines(dp.items, lg, 1), "")
            tbl.add_section()
        for area in dp.sub_areas:
            row(tbl, areas.get(area.sub_area, area.sub_area), area.clause, text(area.intro, lg))
            add_lines(tbl, item_lines(area.items, lg, 1), "")
            if shows_both_cultures(None, (area.clause,)):  # 10004 5.x.5.6 says it differently
                row(tbl, "", "", CULTURE_LEVELS_NOTE.get(lg))
            tbl.add_section()
        out.append(tbl)
    cols: tuple[str, ...] = ("dimension", "clause", "text")
    summary = table(f"{cl_id} — {label('summaries', lg)}", lg, cols, lines=False)
    for s in level.dimension_summaries:
        row(summary, dims[s.dimension].name.get(lg), s.clause, text(s.intro, lg))
        for para in s.paragraphs:
            row(summary, "", "", f"  {para.get(lg)}")
        add_lines(summary, item_lines(s.items, lg, 1), "")
        add_lines(summary, note_lines(s.notes, lg, 1), "")
        row(summary, "", "", s.get(lg))
        summary.add_section()
    print_all(console(), [*out, summary])


app.command()(units)
app.command()(system)
app.command()(effort)
