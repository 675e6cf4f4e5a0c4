"""An interrupted run keeps what was solved and says it is partial."""

from __future__ import annotations

from collections.abc import Callable

from planner.whatif.compare import compare
from planner.whatif.executor import Tick
from planner.whatif.pool import LocalExecutor, SerialExecutor
from planner.whatif.scenario import Scenario
from planner.whatif.sweep import sweep
from tests.whatif.conftest import OPTIONS


def interrupt_after(count: int) -> tuple[list[Tick], Callable[[Tick], None]]:
    seen: list[Tick] = []

    def progress(tick: Tick) -> None:
        seen.append(tick)
        if tick.done == count:
            raise KeyboardInterrupt

    return seen, progress


def test_compare_interrupted_in_process(small: Scenario) -> None:
    seen, progress = interrupt_after(2)
    comparison = compare(small, OPTIONS, SerialExecutor(), progress)
    assert comparison.partial
    assert [v.name for v in comparison.variants] == ["base", "lean"]
    assert comparison.missing == ("tier-5", "no-caps", "slow")
    assert all(v.validated for v in comparison.variants)
    assert comparison.variant("lean").diff is not None
    assert [t.done for t in seen] == [1, 2] and seen[0].total == 5


def test_compare_interrupted_on_a_process_pool(small: Scenario) -> None:
    count = 2
    _, progress = interrupt_after(count)
    executor = LocalExecutor(2)
    try:
        comparison = compare(small, OPTIONS, executor, progress)
    finally:
        executor.shutdown()
    assert comparison.partial
    assert len(comparison.variants) == count
    assert len(comparison.missing) == 5 - count
    assert {v.name for v in comparison.variants} | set(comparison.missing) == {
        "base", "lean", "tier-5", "no-caps", "slow",
    }  # fmt: skip


def test_sweep_interrupted_keeps_solved_points(small: Scenario) -> None:
    _, progress = interrupt_after(3)
    result = sweep(
        small.base,
        (400, 600, 800, 1000),
        OPTIONS,
        executor=SerialExecutor(),
        progress=progress,
    )
    assert result.partial
    assert [p.budget for p in result.points] == [400, 600, 800]
    assert result.minimum is None and result.tiers == ()
    assert result.points[2].reaches and result.points[2].validated
