"""The same answers whichever executor runs the solves: in-process, local pool, Dask."""

from __future__ import annotations

from typing import Any

from planner.whatif.compare import compare
from planner.whatif.pool import DaskExecutor, LocalExecutor, SerialExecutor, make_executor
from planner.whatif.scenario import Scenario
from planner.whatif.sweep import sweep
from tests.whatif.conftest import OPTIONS


def _answers(small: Scenario, executor: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        comparison = compare(small, OPTIONS, executor, only=["lean", "tier-5"])
        swept = sweep(
            small.base, (500, 700), OPTIONS, minimum=False, tiers=False, executor=executor
        )
    finally:
        executor.shutdown()
    assert comparison.run.executor == executor.name
    return comparison.comparable(), swept.comparable()


def test_identical_results_on_every_executor(small: Scenario, dask_address: str) -> None:
    serial = _answers(small, SerialExecutor())
    local = _answers(small, LocalExecutor(2))
    dask = _answers(small, DaskExecutor(dask_address))
    assert serial == local == dask
    assert [v["name"] for v in serial[0]["variants"]] == ["base", "lean", "tier-5"]
    assert all(v["validated"] for v in serial[0]["variants"])


def test_make_executor() -> None:
    assert isinstance(make_executor("serial"), SerialExecutor)
    local = make_executor("local", workers=3)
    assert isinstance(local, LocalExecutor) and local.workers == 3
    local.shutdown()  # never started: nothing to stop
