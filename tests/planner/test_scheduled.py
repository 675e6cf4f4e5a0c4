"""A scheduled step carries every field of its step but the ones it says it leaves out."""

from __future__ import annotations

from dataclasses import fields

from planner.compile.compiled import compile_problem
from planner.compile.step import Step
from planner.result.roadmap import CARRIED, NOT_CARRIED, ScheduledStep, scheduled
from tests.planner.conftest import make

PLACEMENT = {"start", "end", "start_date", "end_date"}


def test_every_field_of_a_step_is_carried_or_named_as_left_out() -> None:
    step_fields = {f.name for f in fields(Step)}
    assert set(CARRIED) | set(NOT_CARRIED) == step_fields
    assert not set(CARRIED) & set(NOT_CARRIED)
    assert set(ScheduledStep.model_fields) == set(CARRIED) | PLACEMENT


def test_a_scheduled_step_says_what_its_step_says() -> None:
    instance = compile_problem(make(name="scheduled"))
    for sid, step in instance.steps.items():
        placed = scheduled(instance, sid, 3)
        assert (placed.start, placed.end) == (3, 3 + step.duration)
        for name in CARRIED:
            assert getattr(placed, name) == getattr(step, name), (sid, name)
