"""Rendering helpers of ``capplan catalog``: labels, option parsing, tables and item trees."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Sequence
from typing import Any

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text as RichText

from catalog.models.base import Item, Lang, Note, Text

LANGS: tuple[Lang, ...] = ("zh", "en")

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
    "row_overrides": ("表1行覆盖", "Table 1 row overrides"),
    "rule": ("规则", "Rule"),
    "rationale": ("理由", "Rationale"),
    "capability_level": ("能力等级", "Capability level"),
    "module": ("模块形态", "Module form"),
    "stage": ("阶段", "Stage"),
    "min_capability_level": ("最低能力等级", "Minimum capability level"),
    "domains": ("评价域与子域（10004 §4）", "Domains and subdomains (10004 §4)"),
    "domain": ("评价域", "Domain"),
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
    "key": ("关键", "Key"),
    "derived_from": ("来源条款", "Derived from"),
    "prerequisites": ("前置单元", "Prerequisites"),
    "whole_org": ("全组织", "Whole organisation"),
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
    "carried_by": ("承载", "Carried by"),
    "description": ("说明", "Description"),
    "evolution": ("演进", "Evolution"),
    "dimensions": ("能力单元建设维度（20001 §7）", "Construction dimensions (20001 §7)"),
    "effort": ("默认工作量", "Default effort"),
    "step": ("步骤", "Step"),
    "months": ("月", "Months"),
    "cost": ("费用（万元）", "Cost (10k CNY)"),
    "staff": ("人员（FTE）", "Staff (FTE)"),
    "reasoning": ("依据", "Reasoning"),
    "multiplier": ("系数", "Multiplier"),
    "scope_multiplier": ("范围系数", "Scope multipliers"),
    "decompose_step": ("分解（每个单元）", "Decomposition (per unit)"),
    "upgrade": ("等级提升", "Upgrade"),
    "deepening": ("深化", "Deepening"),
    "combination": ("组合", "Combination"),
    "plan": ("策划", "plan"),
    "evaluate": ("评测与改进", "evaluate"),
}

PHASES: tuple[str, ...] = ("plan", "element", "management", "evaluate")


def label(key: str, lang: Lang) -> str:
    zh, en = LABELS[key]
    return zh if lang == "zh" else en


def parse_lang(value: str) -> Lang:
    """Typer callback (and body-side parser) of ``--lang``."""
    for lang in LANGS:
        if value == lang:
            return lang
    raise typer.BadParameter(f"{value!r} is not a supported language; use 'zh' or 'en'.")


def choose(value: str, known: Sequence[str], what: str) -> str:
    """Return ``value`` if it is one of ``known``; else a usage error (exit 2) listing them."""
    if value in known:
        return value
    raise typer.BadParameter(f"unknown {what} {value!r}; known: {', '.join(known)}")


def console() -> Console:
    width = shutil.get_terminal_size((120, 40)).columns
    return Console(width=max(width, 60), highlight=False)


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def dump(models: Iterable[BaseModel]) -> list[Any]:
    return [m.model_dump(mode="json") for m in models]


def table(
    title: str,
    columns: Sequence[str],
    *,
    narrow: Sequence[str] = (),
    caption: str | None = None,
) -> Table:
    """A table whose columns fold long text; columns named in ``narrow`` are never wrapped."""
    out = Table(
        title=escape(title),
        caption=escape(caption) if caption else None,
        show_lines=True,
        title_justify="left",
        caption_justify="left",
    )
    for column in columns:
        out.add_column(escape(column), overflow="fold", no_wrap=column in narrow)
    return out


def row(tbl: Table, *cells: str | None) -> None:
    """Add a row of plain (never markup-parsed) strings."""
    tbl.add_row(*(RichText(cell or "") for cell in cells))


def text(value: Text | None, lang: Lang) -> str:
    return value.get(lang) if value is not None else ""


def note_lines(notes: Sequence[Note], lang: Lang, depth: int = 0) -> list[tuple[str, str]]:
    pad = "  " * depth
    return [(n.clause or "", f"{pad}{label('note', lang)}{n.get(lang)}") for n in notes]


def item_lines(items: Sequence[Item], lang: Lang, depth: int = 0) -> list[tuple[str, str]]:
    """(clause, text) lines of items depth first; nested items and notes are indented."""
    out: list[tuple[str, str]] = []
    pad = "  " * depth
    for item in items:
        out.append((item.clause, f"{pad}{item.id}) {item.get(lang)}"))
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
