"""Where solves run: a local process pool (default) or a Dask cluster (when configured)."""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any

from api.settings import Settings

log = logging.getLogger("capplan.api")


class DaskExecutor(Executor):
    """A ``concurrent.futures.Executor`` over a ``distributed.Client``."""

    def __init__(self, address: str) -> None:
        distributed: Any = importlib.import_module("distributed")  # slow import: only here
        self.client: Any = distributed.Client(address, set_as_default=False, timeout="10s")
        self._inner: Any = self.client.get_executor(pure=False)

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = self._inner.submit(fn, *args, **kwargs)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        try:
            self._inner.shutdown(wait=wait)
        finally:
            self.client.close()


def make_executor(settings: Settings) -> Executor:
    if settings.executor == "dask":
        if not settings.dask_scheduler:
            raise ValueError("executor=dask needs CAPPLAN_DASK_SCHEDULER (e.g. tcp://host:8786)")
        log.info("solves run on the Dask cluster at %s", settings.dask_scheduler)
        try:
            return DaskExecutor(settings.dask_scheduler)
        except Exception as exc:
            raise RuntimeError(
                f"cannot reach the Dask scheduler at {settings.dask_scheduler}: {exc}"
            ) from exc
    context = multiprocessing.get_context("spawn")  # no fork of a threaded server
    log.info("solves run in a local pool of %d process(es)", settings.pool_workers)
    return ProcessPoolExecutor(
        max_workers=settings.pool_workers,
        mp_context=context,
        initializer=_worker_start,
        initargs=(os.getpid(),),
    )


def _worker_start(parent: int) -> None:
    """Ctrl-C reaches the whole process group: the server shuts down and stops the workers.
    And a worker ends within a second of its server's death (even by kill -9), instead of
    running an abandoned solve to its time limit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def stop_executor(executor: Executor) -> None:
    """Stop without waiting for solves in progress (their jobs are recovered at start-up)."""
    processes = list((getattr(executor, "_processes", None) or {}).values())  # ours only
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
