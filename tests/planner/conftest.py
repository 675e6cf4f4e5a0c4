"""Planner fixtures: a tiny hand-made organisation whose optima are known by hand."""

from __future__ import annotations

from typing import Any

import pytest

from planner.model.problem import Problem

TINY: dict[str, Any] = {
    "name": "tiny",
    "organisation": {
        "industry": "discrete_manufacturing",
        "main_scenarios": ["rnd", "production"],
        "use_library": False,
        "units": [
            {
                "id": "a",
                "name": {"zh": "甲", "en": "A"},
                "perspective": "carrier",
                "main_scenario": "rnd",
                "level": 1,
                "depth": "is_integration",
            },
            {
                "id": "b",
                "name": {"zh": "乙", "en": "B"},
                "perspective": "process",
                "main_scenario": "rnd",
                "level": 1,
                "depth": "is_integration",
            },
            {
                "id": "c",
                "name": {"zh": "丙", "en": "C"},
                "perspective": "process",
                "main_scenario": "production",
                "level": 1,
                "depth": "is_application",
            },
            {
                "id": "d",
                "name": {"zh": "丁", "en": "D"},
                "perspective": "object",
                "main_scenario": "production",
                "level": 1,
                "depth": "is_application",
            },
        ],
    },
    "target": {"tier": 5},
    "time": {"start": "2027-01-01", "period": "month", "horizon": 24},
}


def make(**changes: Any) -> Problem:
    """The tiny problem with top-level fields replaced."""
    return (
        Problem.model_validate(TINY).replace(**changes) if changes else Problem.model_validate(TINY)
    )


@pytest.fixture
def tiny() -> Problem:
    return make()
