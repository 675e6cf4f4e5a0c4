"""What an organisation answers (Assessment) and what capplan makes of it (AssessmentResult)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from catalog.models.base import Frozen, Text
from planner.compile.state import ORGANISATION

Answer = Literal["met", "partly_met", "not_met", "not_applicable"]
Shortfall = Literal["not_met", "partly_met", "unanswered"]
ORGANISATION_GROUP = ORGANISATION  # the Table 1 answers for the whole organisation (its group)
FORMAT = "capplan-assessment/1"


class ItemAnswer(Frozen):
    """The answer to one requirement item, with optional evidence notes.

    ``not_applicable`` needs a ``reason`` (maturity_reading.yaml wording ``not_applicable``):
    the item then never holds a level back and never counts as met.
    """

    answer: Answer | None = None
    evidence: str | None = None
    reason: str | None = None


class NotApplicableItem(Frozen):
    """An item answered not applicable, with the reason given."""

    clause: str
    reason: str


class GroupAnswer(Frozen):
    """Table 1 answers for one main scenario or the whole organisation.

    breadth: a breadth id (or "none"); the three aspects: the depth id whose key requirement
    of that aspect has been reached (or "none").
    """

    breadth: str = "none"
    data_collection: str = "none"
    model: str = "none"
    business_integration: str = "none"
    notes: str | None = None


class AssessedOrganisation(Frozen):
    name: str | None = None
    industry: str
    main_scenarios: tuple[str, ...] | None = Field(
        default=None, description="default: the industry's main scenarios (10004 5.3.2.1 注)"
    )


class Assessment(Frozen):
    """A filled questionnaire: answers by item id (clause) and Table 1 answers by group."""

    organisation: AssessedOrganisation
    answers: dict[str, ItemAnswer] = Field(default_factory=dict)
    table1: dict[str, GroupAnswer] = Field(default_factory=dict)


# -- results ----------------------------------------------------------------------------------


class ItemShortfall(Frozen):
    """A requirement item that does not hold."""

    clause: str
    level: int
    subdomain: str
    answer: Shortfall
    text: Text
    advisory: bool = False


class SubdomainResult(Frozen):
    subdomain: str
    domain: str
    name: Text
    level: int = Field(ge=0, le=5, description="0: not even L1")
    held_back_by: tuple[ItemShortfall, ...] = Field(
        default=(), description="the items of the next level that do not hold"
    )


class DomainResult(Frozen):
    domain: str
    name: Text
    level: int = Field(ge=0, le=5)
    held_back_by: tuple[str, ...] = Field(default=(), description="subdomains at the lowest level")


class GroupState(Frozen):
    """What the Table 1 answers of one group say: breadth, depth per aspect, depth reached."""

    group: str
    name: Text
    breadth: str
    aspects: dict[str, str]
    depth: str | None
    stage: int
    units: tuple[str, ...] = Field(default=(), description="the units the breadth covers")


class UnitState(Frozen):
    """A capability unit as the planner will start from it."""

    unit: str
    name: Text
    group: str
    perspective: str
    scope: str
    key: bool
    level: int
    stage: int
    exists: bool
    node: bool


class RowShortfall(Frozen):
    """Why a Table 1 row (or one alternative reading of it) is not met."""

    row: str
    tier: int
    level: str
    scope: str | None
    reasons: tuple[Text, ...]


class AssessmentResult(Frozen):
    organisation: AssessedOrganisation
    level: int = Field(ge=0, le=5, description="overall maturity level, 0 when L1 is not met")
    held_back_by: tuple[str, ...] = Field(default=(), description="domains at the lowest level")
    domains: tuple[DomainResult, ...]
    subdomains: tuple[SubdomainResult, ...]
    groups: tuple[GroupState, ...]
    units: tuple[UnitState, ...]
    flows: tuple[str, ...] = ()
    network: bool = False
    ecosystem: bool = False
    tier: int = Field(ge=0, le=10)
    row: str | None = None
    scope: str | None = None
    tier_reasons: tuple[RowShortfall, ...] = Field(
        default=(), description="why each row of the next tier is not met"
    )
    answered: int = 0
    unanswered: int = 0
    not_applicable: tuple[NotApplicableItem, ...] = Field(
        default=(), description="items answered not applicable, with the reasons"
    )
    items_met: tuple[str, ...] | None = Field(
        default=None,
        description="the items the planner's state counts as met, under the scoring rules used",
    )
    assessment: Assessment = Field(description="the answers scored")

    def subdomain(self, subdomain_id: str) -> SubdomainResult:
        for sub in self.subdomains:
            if sub.subdomain == subdomain_id:
                return sub
        raise KeyError(subdomain_id)

    def domain(self, domain_id: str) -> DomainResult:
        for dom in self.domains:
            if dom.domain == domain_id:
                return dom
        raise KeyError(domain_id)


def level_name(level: int) -> str:
    """0 → '–', 3 → 'L3'."""
    return f"L{level}" if level > 0 else "–"
