"""PSPLIB j30 instances as user-defined work: the known optimum, validated, reproducible."""

from __future__ import annotations

from pathlib import Path

import pytest

import planner.solve.cpsat.search as cpsat_search
from catalog.errors import DataError
from planner.compile.instance import build_instance
from planner.model.psplib import read_sm, to_problem
from planner.result.plan_result import SolveParams, SolveStatus
from planner.result.validate import validate
from planner.solve.plan import plan

DATA = Path(__file__).resolve().parents[1] / "data" / "psplib"
OPTIMUM = {
    name: int(value)
    for name, value in (
        line.split(",") for line in (DATA / "optimum.csv").read_text().splitlines()[1:]
    )
}
PARAMS = SolveParams(time_limit=30, workers=2, compare_routes=False)


@pytest.mark.parametrize("name", sorted(OPTIMUM))
def test_known_optimum_reached_and_valid(name: str) -> None:
    problem = to_problem(read_sm(DATA / name))
    result = plan(problem, PARAMS)
    assert result.status == SolveStatus.OPTIMAL
    assert result.roadmap is not None
    assert result.objective.target_period == OPTIMUM[name]
    assert not validate(result.roadmap, build_instance(problem))


@pytest.mark.parametrize("single_worker_budget", [1.0, 1e-9])
def test_same_roadmap_whichever_path_proves_it(
    single_worker_budget: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Proven by one worker, or (budget too small) by the portfolio plus the canonical stage:
    either way the same input and seed give the same roadmap."""
    monkeypatch.setattr(cpsat_search, "SINGLE_WORKER_DETERMINISTIC_TIME", single_worker_budget)
    problem = to_problem(read_sm(DATA / "j3010_3.sm"))
    runs = [plan(problem, PARAMS) for _ in range(3)]
    assert all(r.status == SolveStatus.OPTIMAL for r in runs)
    dumps = {r.roadmap.model_dump_json() for r in runs if r.roadmap is not None}
    assert len(dumps) == 1


def test_broken_sm_names_the_line(tmp_path: Path) -> None:
    text = (DATA / "j301_1.sm").read_text().splitlines()
    at = next(i for i, line in enumerate(text) if line.startswith("PRECEDENCE RELATIONS"))
    text[at + 2] = "   1        1          x   2   3   4"
    broken = tmp_path / "broken.sm"
    broken.write_text("\n".join(text))
    with pytest.raises(DataError) as caught:
        read_sm(broken)
    assert f"broken.sm: line {at + 3}: cannot read" in str(caught.value)
