"""The words the planner adds to a problem's result exist in Chinese and English."""

from __future__ import annotations

from typing import Any

import pytest

from tests.planner.conftest import make


@pytest.mark.parametrize(
    ("reasoning", "en"),
    [
        ("按历史项目估算", "按历史项目估算"),
        ({"zh": "按历史项目估算", "en": "from past projects"}, "from past projects"),
    ],
)
def test_override_reasoning_is_a_plain_string_or_bilingual(reasoning: Any, en: str) -> None:
    problem = make(overrides={"effort": [{"unit": "c", "months": 2, "reasoning": reasoning}]})
    (override,) = problem.overrides.effort
    assert override.reasoning is not None
    assert (override.reasoning.zh, override.reasoning.en) == ("按历史项目估算", en)
    assert (
        make(overrides={"effort": [{"unit": "c", "months": 2}]}).overrides.effort[0].reasoning
        is None
    )
