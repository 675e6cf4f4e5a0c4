"""The planning problem: organisation state, target, time, money, people and overrides.

Plain pydantic, no solver import. Problems are immutable; variants are made with
``problem.replace(...)``, which re-validates the result.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from catalog.errors import DataError, Issue, TextValueError, at
from catalog.models.base import Frozen, Lang, OptionalTextOrStr, Text
from catalog.models.capability import CapabilityLevelId, Phase
from catalog.yamlio import YamlDocument, validate_data
from planner.deliver.spec import InitiativeSpec
from planner.model.org_spec import (
    ModuleSpec as ModuleSpec,
)
from planner.model.org_spec import (
    NotApplicable as NotApplicable,
)
from planner.model.org_spec import (
    Organisation as Organisation,
)
from planner.model.org_spec import (
    OrgSize as OrgSize,
)
from planner.model.org_spec import (
    RequirementsSpec as RequirementsSpec,
)
from planner.model.org_spec import (  # re-exported: a problem's organisation
    UnitSpec as UnitSpec,
)
from planner.model.work import (
    ExtraStep,
    FigureRange,
    Precedence,
    Progress,
    Resource,
    Staff,
    check_range,
)

PhaseId = Phase
Objective = Literal["fastest", "cheapest", "max-tier"]


class RouteFilter(Frozen):
    """Which routes to the target to consider (target.include) or to leave out (exclude)."""

    rows: tuple[str, ...] = Field(
        default=(), description="Table 1 rows ('L2-T7') or readings ('L1-T5/alt1')"
    )
    scenarios: tuple[str, ...] = Field(
        default=(), description="main scenarios a route's scope covers ('organisation' too)"
    )
    scopes: tuple[str, ...] = Field(default=(), description="scope labels, e.g. 'production'")


class Target(Frozen):
    tier: int | None = Field(default=None, ge=1, le=10)
    row: str | None = Field(default=None, description="an explicit Table 1 row id, e.g. L3-T7")
    include: RouteFilter | None = Field(
        default=None, description="only routes matching every list given"
    )
    exclude: RouteFilter | None = Field(
        default=None, description="leave out routes matching any entry"
    )
    alternatives: bool = Field(
        default=True, description="consider the '或' alternative readings of Table 1 rows"
    )

    @model_validator(mode="after")
    def _one(self) -> Target:
        if self.tier is None and self.row is None:
            raise TextValueError(
                "请给出目标档次或表1中的一行", "give a target tier or a Table 1 row"
            )
        return self


class TimeFrame(Frozen):
    start: dt.date
    period: Literal["month", "quarter"] = "month"
    horizon: int = Field(gt=0, le=240, description="number of periods")

    @field_validator("start")
    @classmethod
    def _first_of_month(cls, start: dt.date) -> dt.date:
        """Periods are calendar months (or quarters of them): never move a start silently."""
        if start.day != 1:
            following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
            first, nxt = start.replace(day=1).isoformat(), following.isoformat()
            raise TextValueError(
                f"各期从每月1日开始；{start.isoformat()} 不是（请用 {first} 或 {nxt}）",
                f"periods begin on the first day of a month; {start.isoformat()} is not "
                f"(use {first} or {nxt})",
            )
        return start

    @property
    def months_per_period(self) -> int:
        return 1 if self.period == "month" else 3

    def period_start(self, index: int) -> dt.date:
        months = self.start.month - 1 + index * self.months_per_period
        return dt.date(self.start.year + months // 12, months % 12 + 1, 1)

    def year_of(self, index: int) -> int:
        return self.period_start(index).year


class Budget(Frozen):
    """Money in 万元 (10,000 CNY)."""

    total: float | None = Field(default=None, ge=0)
    yearly_caps: dict[int, float] = Field(default_factory=dict)

    @field_validator("yearly_caps")
    @classmethod
    def _caps(cls, caps: dict[int, float]) -> dict[int, float]:
        for year, cap in caps.items():
            if cap < 0:
                raise TextValueError(
                    f"{year}年度投入上限不能为负", f"yearly cap for {year} must not be negative"
                )
        return caps


class EffortOverride(Frozen):
    """Override the effort of matching steps; unset selectors match everything."""

    unit: str | None = None
    capability_level: CapabilityLevelId | None = None
    phase: PhaseId | None = None
    dimension: Literal["process", "element", "management"] | None = None
    kind: (
        Literal[
            "decomposition", "upgrade", "deepening", "combination", "requirement", "model", "scope"
        ]
        | None
    ) = None
    subdomain: str | None = Field(default=None, description="requirement work of a subdomain")
    level: Literal["L1", "L2", "L3", "L4", "L5"] | None = Field(
        default=None, description="requirement work of a maturity level"
    )
    months: int | None = Field(default=None, ge=1)
    cost: float | None = Field(default=None, ge=0)
    staff: int | None = Field(default=None, ge=0)
    reasoning: OptionalTextOrStr = Field(
        default=None,
        description="why these figures (shown in the report): {zh, en}, or one plain string "
        "used for both languages",
    )
    range: FigureRange | None = Field(
        default=None, description="low and high of months, cost, staff (risk analysis)"
    )

    @model_validator(mode="after")
    def _range(self) -> EffortOverride:
        check_range(self, ("months", "cost", "staff"))
        return self


class Multipliers(Frozen):
    cost: float = Field(default=1.0, gt=0)
    duration: float = Field(default=1.0, gt=0)


class Overrides(Frozen):
    effort: tuple[EffortOverride, ...] = ()
    multipliers: Multipliers = Multipliers()


WHOLE = frozenset({"target"})  # fields replace() never merges
NO_ENGLISH_NAME = "(no English name given)"


class Problem(Frozen):
    """A complete planning problem. Immutable: derive variants with ``replace``."""

    name: str = "capplan problem"  # the Chinese (or only) name; `name: {zh, en}` also reads
    name_en: str | None = Field(default=None, description="the English name, if there is one")
    description: Text | None = None
    organisation: Organisation | None = None
    target: Target | None = None
    time: TimeFrame
    budget: Budget = Budget()
    staff: Staff | None = None
    resources: tuple[Resource, ...] = ()
    objective: Objective = "fastest"
    overrides: Overrides = Overrides()
    extra_steps: tuple[ExtraStep, ...] = ()
    precedences: tuple[Precedence, ...] = ()
    progress: Progress | None = None
    initiatives: tuple[InitiativeSpec, ...] = Field(
        default=(), description="named initiatives (项目) and the steps or units they take"
    )

    @model_validator(mode="before")
    @classmethod
    def _bilingual_name(cls, data: Any) -> Any:
        """``name: {zh, en}`` reads as name (zh) and name_en."""
        if isinstance(data, dict) and isinstance(data.get("name"), dict):
            given = data["name"]
            if not isinstance(given.get("zh"), str) or not given["zh"].strip():
                raise TextValueError("name 须给出中文名称 zh", "name needs a Chinese name zh")
            data = {**data, "name": given["zh"], "name_en": given.get("en") or data.get("name_en")}
        return data

    def display_name(self, lang: Lang) -> str:
        """The name in a language: in English the English name with the Chinese one after it,
        or, without an English form, the Chinese name and that it has none (one convention for
        every report and export)."""
        if lang == "zh" or self.name.isascii():
            return self.name
        return f"{self.name_en} ({self.name})" if self.name_en else f"{self.name} {NO_ENGLISH_NAME}"

    @model_validator(mode="after")
    def _what_to_plan(self) -> Problem:
        if self.target is not None and self.organisation is None:
            raise TextValueError("档次目标需要给出组织", "a tier target needs an organisation")
        if self.target is None and self.objective != "max-tier" and not self.extra_steps:
            raise TextValueError(
                "请给出目标（档次或表1中的一行）或自定义步骤 extra_steps",
                "give a target (tier or Table 1 row) or user-defined extra_steps",
            )
        if self.objective == "max-tier" and self.organisation is None:
            raise TextValueError(
                "max-tier 目标需要给出组织", "objective max-tier needs an organisation"
            )
        ids = [r.id for r in self.resources]
        if "staff" in ids or len(set(ids)) != len(ids):
            raise TextValueError(
                "资源 id 须唯一且不能为 'staff'", "resource ids must be unique and not 'staff'"
            )
        named = [i.id for i in self.initiatives]
        if len(set(named)) != len(named):
            raise TextValueError("项目（initiative）id 须唯一", "initiative ids must be unique")
        return self

    def replace(self, **changes: Any) -> Problem:
        """A validated copy with top-level fields replaced.

        A model replaces the field as a whole; a plain dict changes only the keys it names and
        keeps the others (``replace(budget={"total": 900})`` keeps the yearly caps). ``target``
        is always replaced whole: its tier and row are alternatives.
        """
        data = self.model_dump()
        for key, value in changes.items():
            if key not in type(self).model_fields:
                raise DataError([at(("replace",), f"未知字段 {key!r}", f"unknown field {key!r}")])
            if isinstance(value, Frozen):
                data[key] = value.model_dump()
            elif isinstance(value, dict) and isinstance(data[key], dict) and key not in WHOLE:
                data[key] = {**data[key], **value}
            else:
                data[key] = value
        return validate_data(Problem, data, None)


def load_problem(path: str | Path) -> Problem:
    """Read a problem from YAML or JSON; errors name the file, key path and line."""
    doc = YamlDocument.from_path(Path(path))
    if not isinstance(doc.data, dict):
        raise DataError(
            [doc.issue((), "顶层应为映射（键: 值）", "expected a mapping at the top level")]
        )
    return _remember(doc.validate(Problem), doc)


def parse_problem(text: str, source: str = "<input>") -> Problem:
    doc = YamlDocument(text, source)
    return _remember(doc.validate(Problem), doc)


# The document each loaded problem came from, so that errors found later (unknown units,
# inconsistent progress...) name the file and line as YAML errors do. A side table keyed by
# identity: a private attribute would make equal problems compare unequal. Variants made with
# replace() are new objects and are not in it (their lines could be wrong).
_SOURCES: dict[int, YamlDocument] = {}


def _remember(problem: Problem, doc: YamlDocument) -> Problem:
    _SOURCES[id(problem)] = doc
    weakref.finalize(problem, _SOURCES.pop, id(problem), None)
    return problem


def locate(problem: Problem, issues: Sequence[Issue]) -> list[Issue]:
    """Issues found after loading (unknown units, inconsistent progress...) with the file and
    line of their key path when the problem was loaded from a file; others as they are."""
    doc = _SOURCES.get(id(problem))
    if doc is None:
        return list(issues)
    return [
        i.replace(file=doc.source, line=doc.line_of(i.loc))
        if i.loc and i.file is None and (i.loc[0],) in doc.lines
        else i
        for i in issues
    ]
