"""What a problem file may say about its initiatives: names, the steps and units they take,
and expected benefits (the user's KPIs, never invented by capplan)."""

from __future__ import annotations

from pydantic import Field, model_validator

from catalog.errors import TextValueError
from catalog.models.base import Frozen, OptionalTextOrStr, TextOrStr


class Benefit(Frozen):
    """An expected benefit (价值效益): a KPI with its baseline and target, as the user gives it."""

    kpi: TextOrStr
    baseline: float | str | None = None
    target: float | str | None = None
    unit: str | None = Field(default=None, description="unit of the KPI, e.g. % or 天")
    category: OptionalTextOrStr = Field(
        default=None, description="benefit category, e.g. 20001 7.2.2's 效率提升"
    )


class InitiativeSpec(Frozen):
    """A user-named initiative (项目): takes the listed steps, every step of the listed units
    and of the listed groups (main scenario ids, ``organisation``, ...), before the default
    grouping applies to the rest. One with the id of a default initiative (``production@L2``)
    and nothing to take renames that initiative and gives it benefits."""

    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.:@\-]+$")
    name: TextOrStr
    description: OptionalTextOrStr = None
    steps: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    benefits: tuple[Benefit, ...] = ()

    @model_validator(mode="after")
    def _takes_something(self) -> InitiativeSpec:
        if not (self.steps or self.units or self.groups) and "@" not in self.id:
            raise TextValueError(
                "项目须写明其包含的步骤、能力单元或分组，或使用默认项目的 id"
                "（分组@等级，如 production@L2）以重新命名",
                "an initiative names the steps, units or groups it takes, or has the id of a "
                "default initiative (group@level, e.g. production@L2) to rename it",
            )
        return self
