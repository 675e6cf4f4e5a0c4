"""Independent solves on an executor: in-process, a local process pool, or Dask distributed.

A task is plain JSON (the problem as ``model_dump(mode="json")`` and the solve parameters); the
worker rebuilds the problem, plans it, runs the validator on the roadmap and returns an
``Outcome`` as JSON. So the same tasks give the same outcomes whichever executor runs them
(each solve is deterministic for its seed: use one CP-SAT worker per solve).

``run_tasks`` collects outcomes as they complete, reports progress, and on KeyboardInterrupt
(Ctrl-C, or raised by the progress callback) stops the executor and returns the outcomes
solved so far, flagged as interrupted.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict

from catalog.models.base import OptionalTextOrStr, Text
from planner.extras import require
from planner.instance import build_instance
from planner.plan import plan
from planner.problem import Problem
from planner.result import SolveParams, SolveStatus
from planner.roadmap import Roadmap
from planner.validate import validate
from planner.whatif.models import TierPoint

ExecutorName = Literal["local", "dask", "serial"]
CONNECT_TIMEOUT = "10s"  # to reach a Dask scheduler
Payload = dict[str, Any]
Stream = Generator[tuple[int, Payload], None, None]


@dataclass(frozen=True)
class Task:
    """One solve: a key naming it in the run, the problem and the solve parameters."""

    key: str
    problem: Problem
    params: SolveParams

    def payload(self) -> Payload:
        return {
            "key": self.key,
            "problem": self.problem.model_dump(mode="json"),
            "params": self.params.model_dump(mode="json"),
        }


class Outcome(BaseModel):
    """What a worker sends back: the solve, summarised, with the validator's findings."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    status: SolveStatus
    message: OptionalTextOrStr = None
    errors: tuple[str, ...] = ()
    error_texts: tuple[Text, ...] = ()  # the same errors in Chinese and English
    current_tier: int | None = None
    target_tier: int | None = None
    tier_reached: int | None = None
    target_period: int | None = None
    total_cost: int | None = None  # yuan
    gap: float | None = None
    runtime: float = 0.0
    route: str | None = None
    row: str | None = None
    roadmap: Roadmap | None = None
    trajectory: tuple[TierPoint, ...] = ()
    spend_per_year: dict[int, int] = {}
    validated: bool = False
    violations: tuple[str, ...] = ()

    @property
    def reaches(self) -> bool:
        return self.status.has_roadmap and self.target_period is not None


def solve_payload(payload: Payload) -> Payload:
    """The worker function: rebuild, plan, validate, summarise (JSON in, JSON out)."""
    problem = Problem.model_validate(payload["problem"])
    params = SolveParams.model_validate(payload["params"])
    result = plan(problem, params)
    roadmap = result.roadmap
    validated, violations = False, tuple(result.violations)
    if roadmap is not None:
        violations = tuple(str(v) for v in validate(roadmap, build_instance(problem)))
        validated = True
    points = tuple(
        TierPoint(period=p.period, date=p.date, tier=p.tier, row=p.row) for p in result.trajectory
    )
    return Outcome(
        key=str(payload["key"]),
        status=result.status,
        message=result.message,
        errors=result.errors,
        error_texts=result.error_texts,
        current_tier=result.current_tier,
        target_tier=result.target_tier,
        tier_reached=max((p.tier for p in points), default=result.current_tier),
        target_period=roadmap.target_period if roadmap is not None else None,
        total_cost=result.objective.total_cost if roadmap is not None else None,
        gap=result.gap,
        runtime=result.runtime,
        route=roadmap.route if roadmap is not None else None,
        row=roadmap.row if roadmap is not None else None,
        roadmap=roadmap,
        trajectory=points,
        spend_per_year=result.spend_per_year,
        validated=validated,
        violations=violations,
    ).model_dump(mode="json")


class Executor(Protocol):
    """Runs payloads through a function, yielding ``(index, result)`` as each completes."""

    name: str
    workers: int

    def imap(self, func: Callable[[Payload], Payload], payloads: Sequence[Payload]) -> Stream: ...

    def abort(self) -> None:
        """Drop pending work and stop running work (after an interrupt)."""

    def close(self) -> None: ...


class SerialExecutor:
    """In this process, one task after another (debugging; no parallelism)."""

    name = "serial"
    workers = 1

    def imap(self, func: Callable[[Payload], Payload], payloads: Sequence[Payload]) -> Stream:
        for i, payload in enumerate(payloads):
            yield i, func(payload)

    def abort(self) -> None:
        pass

    def close(self) -> None:
        pass


def _ignore_sigint() -> None:
    # Ctrl-C reaches the whole process group: the parent handles it and stops the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class LocalExecutor:
    """A pool of local worker processes (spawned: no fork of a process running OR-Tools)."""

    name = "local"

    def __init__(self, workers: int = 2) -> None:
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._pending: set[Future[Payload]] = set()

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_ignore_sigint,
            )
        return self._pool

    def imap(self, func: Callable[[Payload], Payload], payloads: Sequence[Payload]) -> Stream:
        pool = self._get_pool()
        index = {pool.submit(func, p): i for i, p in enumerate(payloads)}
        self._pending = set(index)
        try:
            while self._pending:
                done, self._pending = wait(self._pending, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=lambda f: index[f]):
                    yield index[future], future.result()
        finally:
            for future in self._pending:
                future.cancel()

    def abort(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list(getattr(pool, "_processes", {}).values())  # our own workers only
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _distributed() -> Any:
    """The ``distributed`` module, imported only when Dask is used (it is slow to import);
    MissingExtraError naming the ``dask`` extra when it is not installed."""
    return require("distributed", "dask")


class DaskExecutor:
    """Dask distributed: a scheduler at ``address``, or a LocalCluster started here.

    Workers of a remote cluster need capplan installed (they import this module).
    """

    name = "dask"

    def __init__(self, address: str | None = None, workers: int = 2) -> None:
        self._cluster: Any = None
        if address is None:
            self._cluster = _distributed().LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            )
            address = self._cluster.scheduler_address
        self.address = address
        self._client: Any = _distributed().Client(
            address, set_as_default=False, timeout=CONNECT_TIMEOUT
        )
        try:  # a scheduler without workers would leave every solve waiting
            self._client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except BaseException:
            self.close()
            raise
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))
        self._futures: list[Any] = []

    def imap(self, func: Callable[[Payload], Payload], payloads: Sequence[Payload]) -> Stream:
        futures = [self._client.submit(func, p, pure=False) for p in payloads]
        index = {f.key: i for i, f in enumerate(futures)}
        self._futures = futures
        try:
            for future in _distributed().as_completed(futures, loop=self._client.loop):
                yield index[future.key], future.result()
        finally:
            self._client.cancel([f for f in futures if not f.done()])
            self._futures = []

    def abort(self) -> None:
        if self._futures:
            self._client.cancel(self._futures)
            self._futures = []

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(
    name: ExecutorName = "local", workers: int = 2, scheduler: str | None = None
) -> Executor:
    if name == "serial":
        return SerialExecutor()
    if name == "dask":
        return DaskExecutor(scheduler, workers)
    return LocalExecutor(workers)


@dataclass(frozen=True)
class Tick:
    """Progress: ``done`` of ``total`` solves so far (total may grow, e.g. in a bisection)."""

    done: int
    total: int
    key: str
    outcome: Outcome


ProgressCallback = Callable[[Tick], None]


@dataclass
class Runner:
    """Runs batches of tasks on one executor, counting progress across batches."""

    executor: Executor
    progress: ProgressCallback | None = None
    total: int = 0
    done: int = 0
    interrupted: bool = False

    def expect(self, count: int) -> None:
        """Announce more solves to come (for the progress total)."""
        self.total += count

    def run(self, tasks: Sequence[Task]) -> dict[str, Outcome]:
        """Outcomes by key; after an interrupt, only those solved (``interrupted`` is set)."""
        out: dict[str, Outcome] = {}
        if self.interrupted or not tasks:
            return out
        self.total = max(self.total, self.done + len(tasks))
        stream = self.executor.imap(solve_payload, [t.payload() for t in tasks])
        try:
            for i, payload in stream:
                outcome = Outcome.model_validate(payload)
                out[tasks[i].key] = outcome
                self.done += 1
                if self.progress is not None:
                    self.progress(
                        Tick(self.done, max(self.total, self.done), tasks[i].key, outcome)
                    )
        except KeyboardInterrupt:
            self.interrupted = True
            self.executor.abort()
        finally:
            stream.close()
        return out
