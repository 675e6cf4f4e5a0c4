"""Bilingual label tables and the one lookup over them.

Each table stays as data beside the code that shows it (key → (Chinese, English)); it is
registered by name with :class:`Labels`, whose instance is that module's ``label``:
``label(key, lang)`` is the Chinese text for ``zh`` and the English one otherwise, with
``{placeholders}`` filled in when values are given. ``TABLES`` holds every registered table,
so one test checks them all (both languages present, the same placeholders in each).
"""

from __future__ import annotations

from catalog.models.base import Lang

LabelTable = dict[str, tuple[str, str]]
TABLES: dict[str, LabelTable] = {}  # name → table, every table registered


class Labels:
    """The lookup of one registered table: ``labels(key, lang, **values)``."""

    def __init__(self, name: str, table: LabelTable) -> None:
        if name in TABLES and TABLES[name] is not table:
            raise RuntimeError(f"label table {name!r} registered twice")
        TABLES[name] = table
        self.name, self.table = name, table

    def __call__(self, key: str, lang: Lang, **values: object) -> str:
        zh, en = self.table[key]
        text = zh if lang == "zh" else en
        return text.format(**values) if values else text
