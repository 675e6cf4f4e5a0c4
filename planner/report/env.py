"""The reports' Jinja2 environment (autoescape on, strict) and small formatting helpers."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from catalog.models.base import Lang, as_lang
from planner.model.money import money_text
from planner.report.labels import label
from planner.result.plan_result import SolveStatus


def check_lang(lang: Lang) -> str:
    """The report language, or ValueError (every report page checks it first)."""
    if as_lang(lang) is None:
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    return lang


ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html", "j2"], default=True, default_for_string=True),
    undefined=StrictUndefined,  # a missing label or value is an error, never a blank or a key
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)

STATUS_KEYS = {
    SolveStatus.OPTIMAL: ("status_optimal", "status_optimal_words_"),
    SolveStatus.FEASIBLE: ("status_feasible", ""),
    SolveStatus.INFEASIBLE: ("status_infeasible", "status_infeasible_words"),
    SolveStatus.INVALID_INPUT: ("status_invalid_input", "status_invalid_words"),
    SolveStatus.NO_SOLUTION: ("status_no_solution", "status_no_solution_words"),
}


def wan(money: float | None, digits: int = 1) -> str:
    """Internal money (yuan) as 万元 in the reports' style: one decimal; '–' when unknown."""
    return money_text(money, digits)


def wan_amount(amount: float | None, digits: int = 1) -> str:
    """An amount already in 万元 (a budget, a cap, a risk quantile) in the same style."""
    return money_text(amount, digits, in_wan=True)


def status_name(status: SolveStatus | str, lang: Lang) -> str:
    try:
        return label(STATUS_KEYS[SolveStatus(status)][0], lang)
    except (KeyError, ValueError):
        return str(status)


def status_words(status: SolveStatus | str, lang: Lang, objective: str = "fastest") -> str:
    """The status in plain words; 'proven optimal' says what was optimised."""
    try:
        key = STATUS_KEYS[SolveStatus(status)][1]
    except (KeyError, ValueError):
        return ""
    if key.endswith("_"):
        key += objective.replace("-", "_")
    return label(key, lang) if key else ""


def pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def texts(value: object, lang: Lang) -> list[str]:
    """Anything a result may carry as an explanation, as lines of text in the language.

    Handles strings, bilingual texts (``get(lang)`` or ``zh``/``en``), mappings, models with
    a ``message``/``description``/``text`` field, and sequences of any of these.
    """
    if value is None or value == "" or value == ():
        return []
    if isinstance(value, str):
        return [value]
    getter = getattr(value, "get", None)
    if hasattr(value, "zh") and hasattr(value, "en") and callable(getter):
        return [str(getter(lang))]
    if isinstance(value, dict):
        if "zh" in value and "en" in value:
            return [str(value["zh"] if lang == "zh" else value["en"])]
        return [f"{k}: {'; '.join(texts(v, lang))}" for k, v in value.items()]
    for name in ("text", "message", "description", "explanation", "remedy"):
        inner = getattr(value, name, None)
        if inner is not None and not callable(inner):
            return texts(inner, lang)
    fields = _fields(value)
    if fields is not None:
        parts = [f"{k}: {'; '.join(texts(v, lang))}" for k, v in fields.items() if v is not None]
        return ["; ".join(parts)] if parts else []
    if isinstance(value, Iterable):
        return [line for item in value for line in texts(item, lang)]
    return [str(value)]


def _fields(value: object) -> dict[str, object] | None:
    """The fields of a pydantic model or dataclass (not its iteration protocol)."""
    model_fields = getattr(type(value), "model_fields", None)
    if isinstance(model_fields, dict):
        return {name: getattr(value, name) for name in model_fields}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return None


ENV.filters["wan"] = wan
ENV.filters["wan_amount"] = wan_amount
