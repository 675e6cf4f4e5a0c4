"""The one executor stack: ``concurrent.futures`` executors for what-if, risk and the service.

- ``SerialExecutor``: in this process, each call when it is submitted (debugging, tests);
- ``LocalExecutor``: a ``ProcessPoolExecutor`` of spawned worker processes (no fork of a
  process running OR-Tools or a threaded server) that ignore Ctrl-C (the parent handles it)
  and end within a second of their parent's death, even by kill -9;
- ``DaskExecutor``: ``distributed.Client.get_executor()`` on a scheduler at an address, or on a
  LocalCluster started here (``distributed`` is imported only then, through
  ``planner.model.extras.require``: a missing ``dask`` extra is a clear error).

``stop_executor`` stops any of them without waiting: pending work is dropped and running work
ends now (the local pool's worker processes are terminated, Dask tasks cancelled). The local
pool knows its own workers because each reports its process id when it starts; no private
attribute of ``ProcessPoolExecutor`` is read. ``imap`` runs a function over payloads and
yields ``(index, result)`` as each completes.

This module imports nothing of the solver, so the workers of a risk run need not.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from multiprocessing.queues import SimpleQueue
from typing import Any, Literal, ParamSpec, TypeVar

from planner.model.extras import require

ExecutorName = Literal["local", "dask", "serial"]
CONNECT_TIMEOUT = "10s"  # to reach a Dask scheduler and see a worker
WATCH_SECONDS = 0.5  # how often a local worker checks that its parent is alive
P = ParamSpec("P")
T = TypeVar("T")
A = TypeVar("A")
R = TypeVar("R")


class SerialExecutor(Executor):
    """In this process: ``submit`` runs the call at once and returns its finished future."""

    name = "serial"
    workers = 1

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future: Future[T] = Future()
        future.set_running_or_notify_cancel()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # KeyboardInterrupt and the like reach the caller at once
            future.set_exception(exc)
        return future


def _worker_start(parent: int, started: SimpleQueue[int]) -> None:
    """In each local worker: report its process id, ignore Ctrl-C (it reaches the whole
    process group; the parent stops the workers), and end when the parent is gone."""
    started.put(os.getpid())
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


class LocalExecutor(ProcessPoolExecutor):
    """A pool of ``workers`` spawned local processes; ``terminate`` ends them now."""

    name = "local"

    def __init__(self, workers: int = 2) -> None:
        self.workers = max(1, workers)
        context = multiprocessing.get_context("spawn")
        self._pid_queue: SimpleQueue[int] = context.SimpleQueue()
        self._worker_pids: set[int] = set()
        super().__init__(
            max_workers=self.workers,
            mp_context=context,
            initializer=_worker_start,
            initargs=(os.getpid(), self._pid_queue),
        )

    def terminate(self) -> None:
        """Drop pending work and end the worker processes (with the solves they run)."""
        self.shutdown(wait=False, cancel_futures=True)
        while not self._pid_queue.empty():
            self._worker_pids.add(self._pid_queue.get())
        # live children of this process (so never a reused pid) that reported as ours
        ours = [p for p in multiprocessing.active_children() if p.pid in self._worker_pids]
        for process in ours:
            process.terminate()
        for process in ours:
            process.join(timeout=5)


class DaskExecutor(Executor):
    """``Client.get_executor()`` on the scheduler at ``address``, or on a LocalCluster of
    ``workers`` processes on loopback when there is none. ``need_worker``: fail at once when no
    worker joins within the connect timeout (else each solve would wait). Workers of a remote
    cluster need capplan installed (they import the submitted functions' modules)."""

    name = "dask"

    def __init__(
        self, address: str | None = None, workers: int = 2, need_worker: bool = True
    ) -> None:
        distributed: Any = require("distributed", "dask")
        self._cluster: Any = None
        self._closed = False
        if address is None:
            self._cluster = distributed.LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            )
            address = self._cluster.scheduler_address
        self.address = address
        self.workers = max(1, workers)
        self.client: Any = None
        try:
            self.client = distributed.Client(address, set_as_default=False, timeout=CONNECT_TIMEOUT)
            if need_worker:  # a scheduler without workers would leave every solve waiting
                self.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
                self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        except BaseException:
            if self.client is not None:
                self.client.close()
            if self._cluster is not None:
                self._cluster.close()
            raise
        self._inner: Executor = self.client.get_executor(pure=False)

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        return self._inner.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Close the client (and the LocalCluster started here); without ``wait`` or with
        ``cancel_futures``, the tasks not finished are cancelled first."""
        if self._closed:
            return
        self._closed = True
        try:
            self._inner.shutdown(wait=wait and not cancel_futures)
        finally:
            self.client.close()
            if self._cluster is not None:
                self._cluster.close()


Pool = SerialExecutor | LocalExecutor | DaskExecutor


def make_executor(
    name: ExecutorName = "local", workers: int = 2, scheduler: str | None = None
) -> Pool:
    if name == "serial":
        return SerialExecutor()
    if name == "dask":
        return DaskExecutor(scheduler, workers)
    return LocalExecutor(workers)


def stop_executor(executor: Executor) -> None:
    """Stop without waiting: pending work is dropped, running work ends now."""
    if isinstance(executor, LocalExecutor):
        executor.terminate()
    else:
        executor.shutdown(wait=False, cancel_futures=True)


def imap(
    executor: Executor, func: Callable[[A], R], payloads: Sequence[A]
) -> Generator[tuple[int, R], None, None]:
    """``(index, func(payload))`` as each completes; closing the stream cancels the rest.
    In process, each call runs only when the stream asks for it (so Ctrl-C stops at once)."""
    if isinstance(executor, SerialExecutor):
        for i, payload in enumerate(payloads):
            yield i, func(payload)
        return
    index = {executor.submit(func, p): i for i, p in enumerate(payloads)}
    pending = set(index)
    try:
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=index.__getitem__):
                yield index[future], future.result()
    finally:
        for future in pending:
            future.cancel()
