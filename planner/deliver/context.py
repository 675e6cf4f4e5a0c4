"""Everything one export needs: the delivery, the names, and each table when first asked for
(the executive summary needs no step table and no step graph)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from catalog import Catalog, load_catalog
from catalog.models.base import Lang
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
from planner.report.env import check_lang
from planner.report.lookup import Lookup
from planner.result.plan_result import PlanResult

if TYPE_CHECKING:
    from planner.assessment.models import AssessmentResult


@dataclass(frozen=True)
class ExportContext:
    lang: Lang
    delivery: Delivery
    lookup: Lookup
    assessment: AssessmentResult | None = None  # shown in the Word report's current state

    @cached_property
    def predecessors(self) -> dict[str, tuple[str, ...]]:
        return predecessors(self.delivery)

    @cached_property
    def initiatives(self) -> Table:
        return initiatives_table(self.delivery, self.lookup)

    @cached_property
    def annual(self) -> Table:
        return annual_table(self.delivery, self.lookup)

    @cached_property
    def investment(self) -> Table:
        return investment_table(self.delivery, self.lookup)

    @cached_property
    def steps(self) -> Table:
        return steps_table(self.delivery, self.lookup, self.predecessors)

    @cached_property
    def requirements(self) -> Table:
        return requirements_table(self.delivery, self.lookup)

    @cached_property
    def assumptions(self) -> Table:
        return assumptions_table(self.delivery, self.lookup)

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
    lang: Lang = "zh",
    catalog: Catalog | None = None,
    assessment: AssessmentResult | None = None,
) -> ExportContext:
    """The export context of a planned result; ValueError without a roadmap or for another
    language than zh and en."""
    check_lang(lang)
    catalog = catalog or load_catalog()
    d = deliver(result, catalog)
    return ExportContext(lang, d, Lookup.build(catalog, lang, result.problem), assessment)
