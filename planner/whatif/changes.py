"""A variant's overrides in words, in both languages: '总预算 × 0.7' / 'total budget × 0.7'.

Known places of the problem document get their name; any other path is shown as written, so
the words stay exact (the path is what the scenario file says).
"""

from __future__ import annotations

from typing import Any

from catalog.models.base import Lang, Text

PATH_NAMES: dict[str, tuple[str, str]] = {
    "budget": ("预算", "budget"),
    "staff": ("人力", "staff"),
    "target": ("目标", "target"),
    "time": ("时间安排", "time"),
    "budget.total": ("总预算", "total budget"),
    "budget.yearly_caps": ("年度投入上限", "yearly caps"),
    "staff.capacity": ("人力容量", "staff capacity"),
    "staff.changes": ("人力容量变化", "staff capacity changes"),
    "target.tier": ("目标档次", "target tier"),
    "target.row": ("目标表1行", "target Table 1 row"),
    "time.start": ("起始日期", "start date"),
    "time.horizon": ("规划期数", "horizon (periods)"),
    "time.period": ("期间长度", "period length"),
    "objective": ("规划目标", "objective"),
    "overrides.multipliers.cost": ("成本系数", "cost multiplier"),
    "overrides.multipliers.duration": ("工期系数", "duration multiplier"),
    "organisation.current_tier": ("当前档次", "current tier"),
}
KIND_NAMES: dict[str, tuple[str, str]] = {
    "unit": ("能力单元", "unit"),
    "step": ("步骤", "step"),
}


def path_name(path: str) -> Text:
    """The name of a place in the problem document; a yearly cap names its year."""
    if path in PATH_NAMES:
        zh, en = PATH_NAMES[path]
        return Text(zh=zh, en=en)
    head, _, year = path.rpartition(".")
    if head == "budget.yearly_caps" and year.isdigit():
        return Text(zh=f"{year}年度投入上限", en=f"{year} yearly cap")
    return Text(zh=path, en=path)


def unset(path: str) -> Text:
    name = path_name(path)
    return Text(zh=f"{name.zh}：恢复默认", en=f"{name.en} back to default")


def set_to(path: str, value: Any) -> Text:
    """'name = value'; a mapping is said key by key, never as a Python dict."""
    if isinstance(value, dict) and value:
        parts = [set_to(f"{path}.{key}", item) for key, item in value.items()]
        return Text(zh="；".join(p.zh for p in parts), en="; ".join(p.en for p in parts))
    name = path_name(path)
    return Text(zh=f"{name.zh} = {_value(value, 'zh')}", en=f"{name.en} = {_value(value, 'en')}")


def _value(value: Any, lang: Lang, limit: int = 60) -> str:
    """A value as a planner writes it: lists and mappings in words, long values shortened."""
    if isinstance(value, bool):
        text = ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    elif isinstance(value, list | tuple):
        sep = "、" if lang == "zh" else ", "
        text = sep.join(_value(v, lang, limit) for v in value) or ("无" if lang == "zh" else "none")
    elif isinstance(value, dict):
        sep = "，" if lang == "zh" else ", "
        text = "(" + sep.join(f"{k} {_value(v, lang, limit)}" for k, v in value.items()) + ")"
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def scaled(path: str, factor: float) -> Text:
    name = path_name(path)
    return Text(zh=f"{name.zh} × {factor:g}", en=f"{name.en} × {factor:g}")


def added(kind: str, item_id: str) -> Text:
    zh, en = KIND_NAMES.get(kind, (kind, kind))
    return Text(zh=f"新增{zh} {item_id}", en=f"+ {en} {item_id}")


def removed(kind: str, item_id: str) -> Text:
    zh, en = KIND_NAMES.get(kind, (kind, kind))
    return Text(zh=f"移除{zh} {item_id}", en=f"− {en} {item_id}")
