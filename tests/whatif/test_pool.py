"""The one executor stack: stopping ends running work (only this pool's), in-process runs
lazily, Dask futures are cancelled."""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import CancelledError, Future
from concurrent.futures.process import BrokenProcessPool

import pytest

from planner.whatif.pool import DaskExecutor, LocalExecutor, SerialExecutor, imap, stop_executor


def _alive(pid: int) -> bool:
    return any(p.pid == pid for p in multiprocessing.active_children())


def _running(pool: LocalExecutor) -> tuple[int, Future[None]]:
    """The pool's worker pid, and the future of a long call it is running."""
    pid = pool.submit(os.getpid).result(timeout=60)
    future = pool.submit(time.sleep, 120)
    deadline = time.monotonic() + 30
    while not future.running():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return pid, future


def test_stopping_a_local_pool_ends_its_running_call_and_spares_other_pools() -> None:
    mine, other = LocalExecutor(1), LocalExecutor(1)
    try:
        pid, future = _running(mine)
        other_pid, other_future = _running(other)
        began = time.monotonic()
        stop_executor(mine)
        assert time.monotonic() - began < 10  # not the call's 120 s
        assert not _alive(pid)
        with pytest.raises((BrokenProcessPool, CancelledError)):
            future.result(timeout=10)
        assert _alive(other_pid) and other_future.running()
    finally:
        stop_executor(other)
    assert not _alive(other_pid)
    with pytest.raises(RuntimeError):
        mine.submit(os.getpid)  # a stopped pool takes no more work


def test_in_process_calls_run_only_when_asked_for() -> None:
    calls: list[int] = []

    def record(x: int) -> int:
        calls.append(x)
        return x * 10

    stream = imap(SerialExecutor(), record, [1, 2, 3])
    assert next(stream) == (0, 10) and calls == [1]
    stream.close()
    assert calls == [1]
    with pytest.raises(ZeroDivisionError):
        SerialExecutor().submit(divmod, 1, 0).result()


def test_local_pool_yields_every_index_once() -> None:
    with LocalExecutor(2) as pool:
        assert sorted(imap(pool, abs, [-3, 1, -2])) == [(0, 3), (1, 1), (2, 2)]


def test_stopping_dask_cancels_what_is_not_done(dask_address: str) -> None:
    executor = DaskExecutor(dask_address)
    assert executor.workers == 1
    future = executor.submit(time.sleep, 2)
    stop_executor(executor)
    assert future.cancelled()
    executor.shutdown()  # a second stop is harmless
