"""A scenario as data: the document as written (``ScenarioDoc``, ``VariantSpec``; the format
is described in ``planner.whatif.variants``) and what it gives (``Scenario``, ``Variant``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import Field, model_validator

from catalog.errors import DataError, Issue, TextValueError
from catalog.models.base import Frozen, Text
from planner.model.problem import Problem

SCENARIO_KEYS = frozenset({"base", "base_file", "variants"})
BASE = "base"


class VariantSpec(Frozen):
    """One variant as written in a scenario document."""

    model_config = Frozen.model_config | {"populate_by_name": True, "serialize_by_alias": True}

    name: str = Field(min_length=1)
    description: Text | str | None = None
    unset: tuple[str, ...] = ()
    set_: dict[str, Any] = Field(default_factory=dict, alias="set")
    scale: dict[str, float] = Field(default_factory=dict)
    remove_units: tuple[str, ...] = ()
    add_units: tuple[dict[str, Any], ...] = ()
    remove_steps: tuple[str, ...] = ()
    add_steps: tuple[dict[str, Any], ...] = ()


class ScenarioDoc(Frozen):
    name: str | None = None
    description: Text | str | None = None
    base: dict[str, Any] | None = None
    base_file: str | None = None
    variants: tuple[VariantSpec, ...] = ()

    @model_validator(mode="after")
    def _one_base(self) -> ScenarioDoc:
        if (self.base is None) == (self.base_file is None):
            raise TextValueError(
                "基准问题须写在 base: 中或以 base_file: 给出，二者选一",
                "give the base problem either inline (base:) or as base_file:",
            )
        return self


@dataclass(frozen=True)
class Variant:
    """A derived, validated problem and how it differs from the base, in words."""

    name: str
    problem: Problem
    description: Text | None = None
    changes: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """A base problem and its variants (possibly none)."""

    base: Problem
    variants: tuple[Variant, ...] = ()
    name: str = ""
    source: str | None = None
    description: Text | None = None

    def variant(self, name: str) -> Variant:
        if name == BASE:
            return Variant(BASE, self.base)
        for v in self.variants:
            if v.name == name:
                return v
        known = ", ".join([BASE, *(v.name for v in self.variants)])
        raise DataError(
            [
                Issue.of(
                    f"没有名为 {name!r} 的变体（已有：{known}）",
                    f"no variant {name!r} (known: {known})",
                    file=self.source or "scenario",
                )
            ]
        )

    def all(self) -> tuple[Variant, ...]:
        """The base (named 'base') then every variant."""
        return (Variant(BASE, self.base, self.description), *self.variants)


def as_text(value: Text | str | None) -> Text | None:
    return Text(zh=value, en=value) if isinstance(value, str) else value
