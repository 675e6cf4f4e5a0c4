"""Rendering helpers of ``capplan catalog``: labels, option parsing, tables and item trees.

Also the table builders of the larger views (tier mapping, capability system, dimensions).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Sequence
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text as RichText

from catalog.catalog import Catalog
from catalog.labels import Labels
from catalog.models.base import Item, Lang, Note, Text, as_lang
from catalog.models.maturity import KeyRequirement

LABELS: dict[str, tuple[str, str]] = {
    "id": ("编号", "ID"),
    "name": ("名称", "Name"),
    "clause": ("条款", "Clause"),
    "text": ("内容", "Text"),
    "definition": ("定义", "Definition"),
    "order": ("序号", "Order"),
    "level": ("等级", "Level"),
    "tier": ("档次", "Tier"),
    "breadth": ("转型广度", "Breadth"),
    "depth": ("转型深度", "Depth"),
    "operating_mode": ("运行模式", "Operating mode"),
    "focus": ("关注焦点", "Focus"),
    "key_goal": ("关键目标", "Key goal"),
    "focus_goal": ("关注焦点 / 关键目标", "Focus / key goal"),
    "requirements": ("要求", "Requirements"),
    "key_requirements": ("关键要求", "Key requirements"),
    "characteristics": ("总体特征", "Overall characteristics"),
    "process": ("过程维", "Process dimension"),
    "element": ("要素维", "Element dimension"),
    "management": ("管理维", "Management dimension"),
    "or": ("或", "or"),
    "note": ("注：", "Note: "),
    "assumption": (
        "capplan 假设（非标准内容）",
        "capplan ASSUMPTION (not part of the standards)",
    ),
    "maturity_levels": ("成熟度等级（T/AIITRE 10004 5.1）", "Maturity levels (T/AIITRE 10004 5.1)"),
    "capability_levels": (
        "新型能力等级 CL1–CL5（T/AIITRE 20001 §8）",
        "Capability levels CL1–CL5 (T/AIITRE 20001 §8)",
    ),
    "cl_general": (
        "新型能力的分级建设（20001 8.1）",
        "Level-based building of new capabilities (20001 8.1)",
    ),
    "overview": ("新型能力等级概览（20001 图1）", "Capability level overview (20001 Figure 1)"),
    "tier_rows": (
        "表1 数字化转型水平档次及其关键要求（10004 6.3）",
        "Table 1 Transformation tiers and their key requirements (10004 6.3)",
    ),
    "breadths": ("转型广度（10004 6.1）", "Transformation breadth (10004 6.1)"),
    "depths": ("转型深度（10004 6.2）", "Transformation depth (10004 6.2)"),
    "breadth_rules": ("广度范围规则", "Breadth scope rules"),
    "level_forms": ("等级对应的能力等级与模块形态", "Capability level and module form per level"),
    "depth_stages": ("深度阶段", "Depth stages"),
    "row_overrides": ("表1各行的解读", "Reading of each Table 1 row"),
    "scope_models": ("范围模型（表1第2项关键要求）", "Scope models (Table 1 key requirement 2)"),
    "model": ("模型", "Model"),
    "rule": ("规则", "Rule"),
    "rationale": ("理由", "Rationale"),
    "capability_level": ("能力等级", "Capability level"),
    "module": ("模块形态", "Module form"),
    "stage": ("阶段", "Stage"),
    "min_capability_level": ("最低能力等级", "Minimum capability level"),
    "domains": ("评价域与子域（10004 §4）", "Domains and subdomains (10004 §4)"),
    "domain": ("评价域", "Domain"),
    "dimension": ("维度", "Dimension"),
    "subdomain": ("子域", "Subdomain"),
    "perspective": ("视角", "Perspective"),
    "general": ("通则", "General"),
    "priorities": ("建设重点（20001 附录A）", "Building priorities (20001 Appendix A)"),
    "summaries": ("维度建设重点概述（20001 §8）", "Dimension summaries (20001 §8)"),
    "sub_area": ("子领域", "Sub-area"),
    "units": ("默认能力单元库", "Default capability-unit library"),
    "main_scenario": ("主场景", "Main scenario"),
    "main_scenarios": ("主场景（10004 5.3.2.1 注）", "Main scenarios (10004 5.3.2.1 note)"),
    "industries": ("行业类型（10004 5.3.2.1 注）", "Industry types (10004 5.3.2.1 note)"),
    "scope": ("范围", "Scope"),
    "unit": ("能力单元（编号 / 名称）", "Unit (id / name)"),
    "perspective_scenario": ("视角 / 主场景", "Perspective / main scenario"),
    "scope_key": ("范围 / 关键", "Scope / key"),
    "key": ("关键", "Key"),
    "derived_from": ("来源条款", "Derived from"),
    "prerequisites": ("前置单元", "Prerequisites"),
    "whole_org": ("全组织", "Whole organisation"),
    "department_step_chains": ("部门 / 业务环节 / 业务链", "Department / step / chains"),
    "chains": ("业务链（广度与能力流的解读）", "Business chains (breadth and flow reading)"),
    "chain": ("业务链", "Chain"),
    "steps": ("业务环节（依次）", "Process steps (in order)"),
    "internal": ("内部", "Internal"),
    "partner": ("合作伙伴", "Partner"),
    "ecosystem": ("生态", "Ecosystem"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "perspectives": ("新型能力的六个视角（20001 §5）", "Six capability perspectives (20001 §5)"),
    "identification": ("新型能力的识别（20001 §5）", "Identifying new capabilities (20001 §5)"),
    "decomposition": (
        "新型能力的分解与组合（20001 6.1、6.2）",
        "Decomposition and combination (20001 6.1, 6.2)",
    ),
    "paradigms": (
        "能力单元组合范式及其演进（20001 6.3、6.4）",
        "Combination paradigms and their evolution (20001 6.3, 6.4)",
    ),
    "description": ("说明", "Description"),
    "evolution": ("演进", "Evolution"),
    "dimensions": ("能力单元建设维度（20001 §7）", "Construction dimensions (20001 §7)"),
    "effort": ("默认工作量", "Default effort"),
    "step": ("步骤", "Step"),
    "months": ("月", "Months"),
    "cost": ("费用（万元）", "Cost (CNY 10k)"),
    "staff": ("人员（FTE）", "Staff (FTE)"),
    "reasoning": ("依据", "Reasoning"),
    "multiplier": ("系数", "Multiplier"),
    "scope_multiplier": ("范围系数", "Scope multipliers"),
    "decompose_step": ("分解（每个单元）", "Decomposition (per unit)"),
    "upgrade": ("等级提升", "Upgrade"),
    "deepening": ("深化", "Deepening"),
    "combination": ("组合", "Combination"),
    "phase_plan": ("策划", "Planning"),
    "phase_element": ("要素维建设", "Element work"),
    "phase_management": ("管理维建设", "Management work"),
    "phase_evaluate": ("评测与改进", "Evaluation and improvement"),
}

# Columns of names: capped (in cells) so that the long text columns get the width.
MAX_WIDTH: dict[str, int] = {
    "name": 32,
    **dict.fromkeys(
        (
            "operating_mode", "focus_goal", "breadth", "depth", "level", "domain", "subdomain",
            "sub_area", "perspective", "dimension", "main_scenario", "module", "step",
        ),
        24,
    ),
}  # fmt: skip


label = Labels("catalog", LABELS)


def parse_lang(value: str) -> Lang:
    """The parser of every command's ``--lang``: the language, or a usage error (exit 2) in
    both languages."""
    lang = as_lang(value)
    if lang is not None:
        return lang
    raise typer.BadParameter(
        f"不支持的语言 {value!r}，请用 zh 或 en / {value!r} is not a supported language; "
        "use zh or en"
    )


LangOpt = Annotated[
    Lang,
    typer.Option(
        "--lang",
        parser=parse_lang,
        metavar="zh|en",
        help="输出语言 / output language: zh (default) or en",
    ),
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print the catalogue objects as JSON instead of tables.")
]


def choose(value: str, known: Sequence[str], what: str, hint: str) -> str:
    """Return ``value`` if it is one of ``known``; else a usage error (exit 2) listing them."""
    if value in known:
        return value
    raise typer.BadParameter(
        f"unknown {what} {value!r}; known: {', '.join(known)}", param_hint=hint
    )


def console() -> Console:
    width = shutil.get_terminal_size((120, 40)).columns
    return Console(width=max(width, 60), highlight=False)


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def dump(models: Iterable[BaseModel]) -> list[Any]:
    return [m.model_dump(mode="json") for m in models]


def table(
    title: str,
    lang: Lang,
    columns: Sequence[str],
    *,
    narrow: Sequence[str] = ("id", "clause", "tier", "order", "stage"),
    caption: str | None = None,
    lines: bool = True,
) -> Table:
    """A table whose columns fold long text; columns are label keys (other names verbatim).

    Columns whose key is in ``narrow`` hold short ids and are never wrapped.
    """
    out = Table(
        title=escape(title),
        caption=escape(caption) if caption else None,
        show_lines=lines,
        title_justify="left",
        caption_justify="left",
    )
    for key in columns:
        header = label(key, lang) if key in LABELS else key
        width = MAX_WIDTH.get(key)
        out.add_column(escape(header), overflow="fold", no_wrap=key in narrow, max_width=width)
    return out


def row(tbl: Table, *cells: str | None, style: str | None = None) -> None:
    """Add a row of plain (never markup-parsed) strings; missing trailing cells are empty."""
    tbl.add_row(*(RichText(cell or "") for cell in cells), style=style)


def text(value: Text | None, lang: Lang) -> str:
    return value.get(lang) if value is not None else ""


def colon(lang: Lang) -> str:
    return "：" if lang == "zh" else ": "


def gap(lang: Lang) -> str:
    """Space after an item mark: none in Chinese, so rich never breaks the line right there."""
    return "" if lang == "zh" else " "


def note_lines(notes: Sequence[Note], lang: Lang, depth: int = 0) -> list[tuple[str, str]]:
    pad = "  " * depth
    return [(n.clause or "", f"{pad}{label('note', lang)}{n.get(lang)}") for n in notes]


def item_lines(items: Sequence[Item], lang: Lang, depth: int = 0) -> list[tuple[str, str]]:
    """(clause, text) lines of items depth first; nested items and notes are indented."""
    out: list[tuple[str, str]] = []
    pad = "  " * depth
    for item in items:
        mark = "•" if item.id.startswith("•") else f"{item.id})"
        out.append((item.clause, f"{pad}{mark}{gap(lang)}{item.get(lang)}"))
        out.extend(note_lines(item.notes, lang, depth + 1))
        out.extend(item_lines(item.items, lang, depth + 1))
    return out


def block(lines: Sequence[tuple[str, str]], *, clauses: bool = True) -> str:
    """Lines as one multi-line cell: ``clause  text`` per line."""
    if clauses:
        return "\n".join(f"{c}  {t}" if c else t for c, t in lines)
    return "\n".join(t for _, t in lines)


def add_lines(tbl: Table, lines: Sequence[tuple[str, str]], *lead: str) -> None:
    """One table row per line: leading cells, then clause and text."""
    for clause, line in lines:
        row(tbl, *lead, clause, line)


def yes_no(flag: bool, lang: Lang) -> str:
    return label("yes" if flag else "no", lang)


def print_all(con: Console, tables: Iterable[Table]) -> None:
    for tbl in tables:
        con.print(tbl)
        con.print()


def assumed(key: str, lang: Lang) -> str:
    return f"{label('assumption', lang)}: {label(key, lang)}"


def paradigm_names(cat: Catalog) -> dict[str, Text]:
    return {p.id: p.name for p in cat.capability_system.paradigms.items}


def perspective_names(cat: Catalog) -> dict[str, Text]:
    return {p.id: p.name for p in cat.capability_system.perspectives}


def key_requirement(req: KeyRequirement, lang: Lang) -> str:
    """A Table 1 key requirement; each further alternative on its own line, marked 或/or."""
    head = f"{req.id}){gap(lang)}"
    if req.alternatives:
        joiner = f"\n   {label('or', lang)}{colon(lang)}"
        return head + joiner.join(alt.get(lang) for alt in req.alternatives)
    return head + (req.zh if lang == "zh" else req.en)


def mapping_tables(cat: Catalog, lg: Lang) -> list[Table]:
    """capplan's tier-mapping ASSUMPTION, titled as such."""
    mapping, paradigms = cat.tier_mapping, paradigm_names(cat)
    cols: tuple[str, ...] = ("breadth", "rule", "rationale")
    rules = table(assumed("breadth_rules", lg), lg, cols, caption=mapping.assumption.get(lg))
    for scope in mapping.breadth_scopes:
        row(rules, cat.breadth(scope.breadth).name.get(lg), scope.rule, scope.rationale.get(lg))
    cols = ("level", "capability_level", "module", "rationale")
    forms = table(assumed("level_forms", lg), lg, cols)
    for form in mapping.level_forms:
        module = paradigms[form.module].get(lg) if form.module else "—"
        row(forms, form.level, form.capability_level, module, form.rationale.get(lg))
    cols = ("stage", "depth", "min_capability_level", "rationale")
    stages = table(assumed("depth_stages", lg), lg, cols)
    for st in sorted(mapping.depth_stages, key=lambda s: s.stage):
        depth = cat.depth(st.depth).name.get(lg)
        row(stages, str(st.stage), depth, st.min_capability_level, st.rationale.get(lg))
    out = [rules, forms, stages]
    cols = ("id", "capability_level", "depth", "module", "rationale")
    rows_table = table(assumed("row_overrides", lg), lg, cols)
    for o in mapping.rows:
        depth = cat.depth(o.depth).name.get(lg) if o.depth else "—"
        module = paradigms[o.module].get(lg) if o.module else "—"
        row(rows_table, o.row, o.capability_level or "—", depth, module, o.rationale.get(lg))
        for alt in o.alternatives:
            alt_depth = cat.depth(alt.depth).name.get(lg)
            mark = "或" if lg == "zh" else "or"
            row(rows_table, f"{o.row} {mark}", "—", alt_depth, "—", alt.rationale.get(lg))
    out.append(rows_table)
    caption = mapping.existing_models.get(lg) if mapping.existing_models else None
    models = table(
        assumed("scope_models", lg), lg, ("depth", "model", "rationale"), caption=caption
    )
    for m in mapping.scope_models:
        row(models, cat.depth(m.depth).name.get(lg), m.name.get(lg), m.rationale.get(lg))
    out.append(models)
    return out
