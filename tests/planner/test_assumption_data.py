"""Assumptions as data (issue 11): depth stages, the level a stage needs and the order of the
module forms come from the catalogue's tier_mapping.yaml, not from code constants."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from catalog import Catalog, load_catalog
from catalog.errors import DataError
from catalog.loader import DATA_DIR
from planner.compile.instance import build_instance
from planner.compile.stages import Stages
from planner.model.problem import Problem
from tests.planner.conftest import TINY


def _catalog_with(tmp_path: Path, old: str, new: str) -> Catalog:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "assumptions" / "tier_mapping.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_catalog(data)


DIGITAL_CL2 = "  - depth: digital_integration\n    stage: 4\n    min_capability_level: CL2\n"
DIGITAL_CL3 = "  - depth: digital_integration\n    stage: 4\n    min_capability_level: CL3\n"


def _unit_at(level: int, depth: str) -> Problem:
    data: dict[str, Any] = {**TINY, "organisation": dict(TINY["organisation"])}
    units = [dict(u) for u in data["organisation"]["units"]]
    units[0].update(level=level, depth=depth)
    data["organisation"]["units"] = units
    return Problem.model_validate(data)


def test_a_catalogue_asking_cl3_for_digital_integration_rejects_a_cl2_unit(
    tmp_path: Path,
) -> None:
    problem = _unit_at(2, "digital_integration")
    build_instance(problem)  # the bundled catalogue: CL2 is enough
    strict = _catalog_with(tmp_path, DIGITAL_CL2, DIGITAL_CL3)
    with pytest.raises(DataError) as err:
        build_instance(problem, strict)
    assert "organisation.units[0].depth" in str(err.value)
    assert "CL3" in str(err.value)
    build_instance(_unit_at(3, "digital_integration"), strict)  # CL3 is accepted


def test_deepening_waits_for_the_level_the_catalogue_asks(tmp_path: Path) -> None:
    strict = _catalog_with(tmp_path, DIGITAL_CL2, DIGITAL_CL3)
    problem = Problem.model_validate(TINY).replace(target={"row": "L2-T5"})
    for catalog, level in ((load_catalog(), 2), (strict, 3)):
        instance = build_instance(problem, catalog)
        deepen = "deepen:a:digital_integration"
        assert deepen in instance.steps
        upgrade = f"upgrade:a:CL{level}:evaluate"
        assert upgrade in instance.predecessors(deepen)


def test_stages_read_the_catalogue() -> None:
    stages = Stages.of(load_catalog())
    assert stages.depth(4) == "digital_integration" and stages.stage("intelligent_autonomy") == 6
    assert [stages.min_level(s) for s in range(7)] == [0, 1, 1, 1, 2, 2, 2]
    assert stages.forms == (None, "node", "flow", "network", "ecosystem")
