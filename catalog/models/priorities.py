"""Whose work carries each Appendix A building priority of 20001 (capplan's reading).

Organisation-wide priorities are carried once per level by a requirement subdomain's work
(``OrganisationPriorities``); priorities the standard ties to the scope of a capability (the
key business scenario, the main business domain, the organisation as a whole, the ecosystem)
once per scope and capability level by scope work (``ScopePriorities``); every other priority
is the unit's own.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from catalog.errors import TextValueError
from catalog.models.base import Frozen, Text
from catalog.models.capability import CapabilityLevelId, Phase


def _matches(clause: str, prefixes: tuple[str, ...]) -> bool:
    return any(clause == p or clause.startswith(p + " ") for p in prefixes)


class OrganisationPriority(Frozen):
    """Appendix A priorities (by clause prefix) carried by one requirement subdomain's work."""

    clauses: tuple[str, ...]
    carried_by: str


class OrganisationPriorities(Frozen):
    items: tuple[OrganisationPriority, ...]
    unit_phases: tuple[Phase, ...]
    rationale: Text
    clauses_read: Text | None = Field(
        default=None, description="the clauses read to find which priorities concern a scope"
    )

    def carrier(self, clause: str) -> str | None:
        """The requirement subdomain whose work carries a priority (None: the unit's own)."""
        for entry in self.items:
            if _matches(clause, entry.clauses):
                return entry.carried_by
        return None


class ScopePriority(Frozen):
    """Priorities of one capability level the standard ties to the scope of the capability."""

    capability_level: CapabilityLevelId
    clauses: tuple[str, ...]
    per: Literal["scenario", "scope"] = Field(
        description="once per main scenario of the scope, or once per scope"
    )
    tied_to: Text  # the scope as the standard names it (关键业务场景, 主营业务领域 …)
    reading: Text  # what the standard's wording says, with the clauses quoted


class ScopePriorities(Frozen):
    """Priorities carried once per scope (and capability level) by one scope-work step."""

    items: tuple[ScopePriority, ...]
    rationale: Text

    @model_validator(mode="after")
    def _once(self) -> ScopePriorities:
        levels = [i.capability_level for i in self.items]
        if len(set(levels)) != len(levels):
            raise TextValueError(
                "scope_priorities：每个能力等级一项",
                "scope_priorities: one entry per capability level",
            )
        return self

    def of_level(self, level: int) -> ScopePriority | None:
        """The scope-tied priorities of CL{level}, if the reading names any."""
        return next((i for i in self.items if i.capability_level == f"CL{level}"), None)

    def tied(self, clause: str) -> bool:
        """Whether a priority is carried by scope work (not by the unit)."""
        return any(_matches(clause, i.clauses) for i in self.items)
