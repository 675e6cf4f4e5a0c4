"""T/AIITRE 10004—2023 (maturity model): levels, breadth, depth, tiers, domains, requirements."""

from __future__ import annotations

from typing import Literal

from catalog.models.base import ClauseText, Frozen, Item, Note, Text

LevelId = Literal["L1", "L2", "L3", "L4", "L5"]
LEVEL_IDS: tuple[LevelId, ...] = ("L1", "L2", "L3", "L4", "L5")
BreadthId = Literal[
    "single_point",
    "single_department",
    "cross_department",
    "main_scenario",
    "whole_organisation",
    "platform_user_group",
    "ecosystem",
]
DepthId = Literal[
    "it_application",
    "is_application",
    "is_integration",
    "digital_integration",
    "dynamic_collaboration",
    "intelligent_autonomy",
]


class MaturityLevel(Frozen):
    """One of the five maturity levels (5.1.1–5.1.5, Figure 1)."""

    id: LevelId
    clause: str
    name: Text
    focus: Text
    key_goal: Text
    operating_mode: Text
    requirements: tuple[Item, ...]

    @property
    def rank(self) -> int:
        return LEVEL_IDS.index(self.id) + 1


class Breadth(Frozen):
    """A transformation breadth category (6.1)."""

    id: BreadthId
    order: int
    clause: str
    name: Text
    definition: Text


class Depth(Frozen):
    """A transformation depth category (6.2)."""

    id: DepthId
    order: int
    clause: str
    name: Text
    definition: Text


class KeyRequirement(Frozen):
    """One of the three key requirements of a Table 1 row; alternatives kept as written (或)."""

    id: str
    aspect: Literal["data_collection", "model", "business_integration"]
    zh: str
    en: str
    alternatives: tuple[Text, ...] = ()


class TierRow(Frozen):
    """A row of Table 1: a (level, tier, breadth, depth) combination and its key requirements."""

    id: str
    clause: str
    level: LevelId
    tier: int
    breadth: BreadthId
    depth: DepthId
    key_requirements: tuple[KeyRequirement, ...]


class Subdomain(Frozen):
    """One of the 22 evaluation subdomains with its clause at each level."""

    id: str
    name: Text
    perspective: str | None = None
    clauses: dict[LevelId, str]


class Domain(Frozen):
    """One of the five evaluation domains (§4)."""

    id: str
    name: Text
    subdomains: tuple[Subdomain, ...]


class DomainGeneral(ClauseText):
    """A domain's 通则 sub-clause at one level."""

    items: tuple[Item, ...] = ()


class SubdomainRequirements(Frozen):
    """The requirement items of one subdomain at one level."""

    subdomain: str
    clause: str
    intro: Text
    items: tuple[Item, ...] = ()
    notes: tuple[Note, ...] = ()


class DomainRequirements(Frozen):
    domain: str
    clause: str
    general: DomainGeneral | None = None
    subdomains: tuple[SubdomainRequirements, ...]


class LevelRequirements(Frozen):
    """All requirements of one maturity level (5.2–5.6)."""

    level: LevelId
    clause: str
    general: ClauseText
    domains: tuple[DomainRequirements, ...]

    def subdomain(self, subdomain_id: str) -> SubdomainRequirements:
        for domain in self.domains:
            for sub in domain.subdomains:
                if sub.subdomain == subdomain_id:
                    return sub
        raise KeyError(subdomain_id)


class MainScenario(Frozen):
    id: str
    name: Text


class Industry(Frozen):
    """An industry type and its main scenarios (note under 5.3.2.1)."""

    id: str
    name: Text
    main_scenarios: tuple[MainScenario, ...]
