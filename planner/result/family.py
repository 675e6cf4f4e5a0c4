"""A constraint family of the planner's model as a value: its kind, its subject, its label.

The infeasibility explainer (planner/solve/cpsat/explain.py) puts each family behind an
assumption literal and names the families that conflict; the solver-free pre-check
(planner/solve/bounds.py) names the families a route is ruled out by. The subject is the year
of a yearly cap, the id of a resource, or the id of a locked, forced or forbidden step; the
label says it in Chinese and English, with the step's title or the resource's name where the
caller has it at hand (``text(name)``).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, computed_field, model_validator

from catalog.models.base import Text


class FamilyKind(StrEnum):
    """The kinds of constraint family that can make a target unreachable, in label order."""

    BUDGET = "budget"
    YEARLY_CAP = "yearly_cap"
    HORIZON = "horizon"
    STAFF = "staff"
    RESOURCE = "resource"
    LOCK = "lock"  # a done or started step keeps its start (re-planning)
    FORCED = "forced"
    FORBIDDEN = "forbidden"
    STORED = "stored"  # a family stored as an English string by an older capplan


# (zh, en) per kind; "{s}" is the subject, with its name when at hand
_LABELS: dict[FamilyKind, tuple[str, str]] = {
    FamilyKind.BUDGET: ("总预算", "total budget"),
    FamilyKind.YEARLY_CAP: ("{s}年度投入上限", "yearly cap {s}"),
    FamilyKind.HORIZON: ("规划期限", "horizon"),
    FamilyKind.STAFF: ("人力容量", "staff capacity"),
    FamilyKind.RESOURCE: ("资源“{s}”的容量", "capacity of resource {s}"),
    FamilyKind.LOCK: ("已锁定步骤 {s}", "lock on step {s}"),
    FamilyKind.FORCED: ("强制步骤 {s}", "forced step {s}"),
    FamilyKind.FORBIDDEN: ("禁止步骤 {s}", "forbidden step {s}"),
    FamilyKind.STORED: ("{s}", "{s}"),
}
# a family whose kind takes a subject, named without one
_WITHOUT_SUBJECT: dict[FamilyKind, tuple[str, str]] = {
    FamilyKind.YEARLY_CAP: ("年度投入上限", "yearly caps"),
    FamilyKind.RESOURCE: ("资源容量", "resource capacity"),
    FamilyKind.LOCK: ("已锁定的步骤", "locked steps"),
    FamilyKind.FORCED: ("强制的步骤", "forced steps"),
    FamilyKind.FORBIDDEN: ("禁止的步骤", "forbidden steps"),
    FamilyKind.STORED: ("（未知约束）", "(unknown constraint)"),
}
# the kinds whose subject is a step id
STEP_KINDS = frozenset({FamilyKind.LOCK, FamilyKind.FORCED, FamilyKind.FORBIDDEN})
_ORDER = {kind: i for i, kind in enumerate(FamilyKind)}


class Family(BaseModel):
    """One constraint family: ``Family(kind=FamilyKind.YEARLY_CAP, subject="2027")``.

    Serialised as ``{"kind", "subject", "label": {"zh", "en"}}``; the label is derived (input
    ignores it). A plain string, as results stored before families were values hold them,
    loads as kind ``stored`` with that string as its subject, shown as it is.
    """

    model_config = ConfigDict(frozen=True)

    kind: FamilyKind
    subject: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _stored_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"kind": FamilyKind.STORED, "subject": value}
        return value

    @computed_field(description="the family in Chinese and English", repr=False)  # type: ignore[prop-decorator]
    @property
    def label(self) -> Text:
        return self.text()

    def text(self, name: Text | None = None) -> Text:
        """The label; ``name`` (a step's title, a resource's name) is shown beside the subject."""
        if self.subject is None and self.kind in _WITHOUT_SUBJECT:
            zh, en = _WITHOUT_SUBJECT[self.kind]
            return Text(zh=zh, en=en)
        zh, en = _LABELS[self.kind]
        s = self.subject or ""
        if name is None:
            return Text(zh=zh.format(s=s), en=en.format(s=s))
        return Text(zh=zh.format(s=f"{s}（{name.zh}）"), en=en.format(s=f"{s} ({name.en})"))

    @property
    def key(self) -> str:
        """``kind:subject``, e.g. ``yearly_cap:2027``: a name for the family's model variables."""
        return f"{self.kind}:{self.subject or ''}"

    def sort_key(self) -> tuple[int, str]:
        return _ORDER[self.kind], self.subject or ""

    @classmethod
    def budget(cls) -> Family:
        return cls(kind=FamilyKind.BUDGET)

    @classmethod
    def horizon(cls) -> Family:
        return cls(kind=FamilyKind.HORIZON)

    @classmethod
    def staff(cls) -> Family:
        return cls(kind=FamilyKind.STAFF)

    @classmethod
    def yearly_cap(cls, year: int) -> Family:
        return cls(kind=FamilyKind.YEARLY_CAP, subject=str(year))

    @classmethod
    def resource(cls, rid: str) -> Family:
        return cls(kind=FamilyKind.RESOURCE, subject=rid)

    @classmethod
    def lock(cls, step: str) -> Family:
        return cls(kind=FamilyKind.LOCK, subject=step)

    @classmethod
    def forced(cls, step: str) -> Family:
        return cls(kind=FamilyKind.FORCED, subject=step)

    @classmethod
    def forbidden(cls, step: str | None = None) -> Family:
        return cls(kind=FamilyKind.FORBIDDEN, subject=step)


def ordered(families: Iterable[Family]) -> tuple[Family, ...]:
    """Families in label order: by kind, then subject; each once."""
    return tuple(sorted(set(families), key=Family.sort_key))
