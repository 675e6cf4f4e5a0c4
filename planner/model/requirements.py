"""The requirement items of T/AIITRE 10004 5.2–5.6, read from the catalogue.

An item is a leaf of a subdomain's clause at one level, identified by its clause string
("5.3.4.2 a", nested "5.2.6.2 e 3"). Items with nested items are headings: their children are
answered. A subdomain clause without items is answered as a whole, identified by its clause.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog import Catalog
from catalog.models.base import Item, Text
from catalog.models.maturity import LEVEL_IDS, LevelId, SubdomainRequirements


@dataclass(frozen=True)
class RequirementItem:
    """One requirement to answer."""

    id: str
    level: LevelId
    domain: str
    subdomain: str
    text: Text
    heading: Text | None  # the parent item's text for nested items ("管理数字化，包括但不限于：")


@dataclass(frozen=True)
class Entry:
    """A line of a questionnaire section: an item to answer, or a heading (indent > 0 nests)."""

    clause: str
    label: str  # "a", "e 3", or "" for a whole-clause requirement
    text: Text
    indent: int
    item: RequirementItem | None  # None for headings


@dataclass(frozen=True)
class Section:
    """The requirements of one subdomain at one level (e.g. 5.3.4.2 数据 at L2)."""

    level: LevelId
    domain: str
    subdomain: str
    clause: str
    name: Text
    intro: Text
    entries: tuple[Entry, ...]

    @property
    def items(self) -> tuple[RequirementItem, ...]:
        return tuple(e.item for e in self.entries if e.item is not None)


_CACHE: dict[int, tuple[Catalog, tuple[Section, ...]]] = {}


def sections(catalog: Catalog) -> tuple[Section, ...]:
    """Every (level, subdomain) section in the standard's order: L1 5.2.2.1 … L5 5.6.6.5."""
    cached = _CACHE.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    names = {sub.id: sub.name for sub in catalog.subdomains()}
    out: list[Section] = []
    for level in LEVEL_IDS:
        block = catalog.requirements_of(level)
        for domain in block.domains:
            for sub in domain.subdomains:
                entries = tuple(_entries(level, domain.domain, sub))
                out.append(
                    Section(
                        level,
                        domain.domain,
                        sub.subdomain,
                        sub.clause,
                        names[sub.subdomain],
                        sub.intro,
                        entries,
                    )
                )
    result = tuple(out)
    _CACHE[id(catalog)] = (catalog, result)
    return result


def _entries(level: LevelId, domain: str, sub: SubdomainRequirements) -> list[Entry]:
    if not sub.items:
        item = RequirementItem(sub.clause, level, domain, sub.subdomain, sub.intro, None)
        return [Entry(sub.clause, "", sub.intro, 0, item)]
    out: list[Entry] = []

    def walk(node: Item, indent: int, heading: Text | None) -> None:
        label = node.clause.removeprefix(sub.clause).strip()
        if node.items:
            out.append(Entry(node.clause, label, _plain(node), indent, None))
            for child in node.items:
                walk(child, indent + 1, _plain(node))
            return
        item = RequirementItem(node.clause, level, domain, sub.subdomain, _plain(node), heading)
        out.append(Entry(node.clause, label, item.text, indent, item))

    for top in sub.items:
        walk(top, 0, None)
    return out


def _plain(item: Item) -> Text:
    return Text(zh=item.zh, en=item.en)


def requirement_items(catalog: Catalog) -> tuple[RequirementItem, ...]:
    return tuple(item for section in sections(catalog) for item in section.items)


def items_by_id(catalog: Catalog) -> dict[str, RequirementItem]:
    return {item.id: item for item in requirement_items(catalog)}


def section_of(catalog: Catalog, level: str, subdomain: str) -> Section:
    for section in sections(catalog):
        if section.level == level and section.subdomain == subdomain:
            return section
    raise KeyError(f"no requirements for {subdomain!r} at {level}")


def level_rank(level: str) -> int:
    """L1 → 1 … L5 → 5."""
    return LEVEL_IDS.index(level) + 1
