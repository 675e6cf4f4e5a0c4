"""Everything one export needs, computed once: the delivery, the names and every table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from catalog import Catalog, load_catalog
from planner.deliver.assumptions import assumptions_table
from planner.deliver.build import Delivery, deliver
from planner.deliver.tables import (
    Table,
    annual_table,
    initiatives_table,
    investment_table,
    predecessors,
    requirements_table,
    steps_table,
)
from planner.report.lookup import Lookup
from planner.result import PlanResult

if TYPE_CHECKING:
    from planner.assessment.models import AssessmentResult

LANGS = ("zh", "en")


@dataclass(frozen=True)
class ExportContext:
    lang: str
    delivery: Delivery
    lookup: Lookup
    predecessors: dict[str, tuple[str, ...]]
    initiatives: Table
    annual: Table
    investment: Table
    steps: Table
    requirements: Table
    assumptions: Table
    assessment: AssessmentResult | None = None  # shown in the Word report's current state

    @property
    def sheets(self) -> tuple[Table, ...]:
        return (
            self.initiatives,
            self.annual,
            self.investment,
            self.steps,
            self.requirements,
            self.assumptions,
        )


def export_context(
    result: PlanResult,
    lang: str = "zh",
    catalog: Catalog | None = None,
    assessment: AssessmentResult | None = None,
) -> ExportContext:
    """The tables of a planned result; ValueError when it has no roadmap or lang is unknown."""
    if lang not in LANGS:
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    catalog = catalog or load_catalog()
    d = deliver(result, catalog)
    lk = Lookup.build(catalog, lang, result.problem)
    preds = predecessors(d)
    return ExportContext(
        lang,
        d,
        lk,
        preds,
        initiatives_table(d, lk),
        annual_table(d, lk),
        investment_table(d, lk),
        steps_table(d, lk, preds),
        requirements_table(d, lk),
        assumptions_table(d, lk),
        assessment,
    )
