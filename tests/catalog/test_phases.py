"""The phases of a level upgrade are defined once (catalog.models.assumptions.PHASES)."""

from __future__ import annotations

from typing import get_args

from catalog.cli_render import LABELS as CATALOG_LABELS
from catalog.models.capability import PHASES
from catalog.models.effort import UpgradeEffort
from catalog.models.priorities import OrganisationPriorities
from planner.model.problem import PhaseId
from planner.report.labels import LABELS as REPORT_LABELS


def test_phases_are_the_upgrade_effort_fields_in_order() -> None:
    assert PHASES == ("plan", "element", "management", "evaluate")
    assert tuple(UpgradeEffort.model_fields) == PHASES


def test_every_use_of_a_phase_takes_the_one_definition() -> None:
    assert get_args(PhaseId) == PHASES  # a problem's overrides by phase
    (unit_phases,) = get_args(OrganisationPriorities.model_fields["unit_phases"].annotation)[:1]
    assert get_args(unit_phases) == PHASES


def test_every_phase_has_a_label_in_both_languages() -> None:
    for table in (CATALOG_LABELS, REPORT_LABELS):
        for phase in PHASES:
            zh, en = table[f"phase_{phase}"]
            assert zh and en and zh != en
