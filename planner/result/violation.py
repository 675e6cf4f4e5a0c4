"""What the solver-free validator finds: a rule broken, the subject at fault, in zh and en."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from catalog.models.base import Lang, Text


class Rule(StrEnum):
    """The rules a roadmap is checked against (one per family of the planner's model)."""

    STEP = "step"
    DURATION = "duration"
    HORIZON = "horizon"
    PRECEDENCE = "precedence"
    BUDGET = "budget"
    YEARLY_CAP = "yearly_cap"
    STAFF = "staff"
    RESOURCE = "resource"
    LOCK = "lock"
    ROUTE = "route"
    TIER = "tier"
    STORED = "stored"  # a finding stored as plain text by an older capplan


RULE_NAMES: dict[Rule, Text] = {
    Rule.STEP: Text(zh="步骤", en="step"),
    Rule.DURATION: Text(zh="工期", en="duration"),
    Rule.HORIZON: Text(zh="规划期", en="horizon"),
    Rule.PRECEDENCE: Text(zh="前后顺序", en="precedence"),
    Rule.BUDGET: Text(zh="总预算", en="budget"),
    Rule.YEARLY_CAP: Text(zh="年度上限", en="yearly cap"),
    Rule.STAFF: Text(zh="人力", en="staff"),
    Rule.RESOURCE: Text(zh="资源", en="resource"),
    Rule.LOCK: Text(zh="已完成或进行中", en="lock"),
    Rule.ROUTE: Text(zh="路径", en="route"),
    Rule.TIER: Text(zh="水平档次", en="tier"),
    Rule.STORED: Text(zh="已存结果", en="stored"),
}


class Violation(BaseModel):
    """One finding: which rule, which step (or period, year, route) and what is wrong."""

    model_config = ConfigDict(frozen=True)

    rule: Rule
    subject: str  # the step id, period, year or route at fault
    message: Text

    @model_validator(mode="before")
    @classmethod
    def _stored_text(cls, value: Any) -> Any:
        """Results stored by an older capplan hold each finding as one English line."""
        if isinstance(value, str):
            return {"rule": Rule.STORED, "subject": "-", "message": {"zh": value, "en": value}}
        return value

    def text(self, lang: Lang = "zh") -> str:
        sep = "：" if lang == "zh" else ": "
        return f"[{RULE_NAMES[self.rule].get(lang)}] {self.subject}{sep}{self.message.get(lang)}"

    def __str__(self) -> str:
        return self.text("en")


def violation(rule: Rule, subject: str, zh: str, en: str) -> Violation:
    return Violation(rule=rule, subject=subject, message=Text(zh=zh, en=en))
