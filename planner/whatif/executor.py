"""Independent solves on an executor (``planner.whatif.pool``): in-process, a local process
pool, or Dask distributed.

A task is plain JSON (the problem as ``model_dump(mode="json")`` and the solve parameters); the
worker rebuilds the problem, plans it, runs the validator on the roadmap and returns an
``Outcome`` as JSON. So the same tasks give the same outcomes whichever executor runs them
(each solve is deterministic for its seed: use one CP-SAT worker per solve).

``run_tasks`` collects outcomes as they complete, reports progress, and on KeyboardInterrupt
(Ctrl-C, or raised by the progress callback) stops the executor and returns the outcomes
solved so far, flagged as interrupted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from planner.model.problem import Problem
from planner.result.plan_result import InputErrors, SolveParams
from planner.result.roadmap import Roadmap
from planner.solve.plan import plan
from planner.whatif.models import SolveSummary, TierPoint
from planner.whatif.pool import Pool, imap, stop_executor

Payload = dict[str, Any]


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


class Outcome(SolveSummary, InputErrors):
    """What a worker sends back: the solve, summarised, with the validator's findings."""

    key: str
    current_tier: int | None = None
    target_tier: int | None = None
    tier_reached: int | None = None
    target_period: int | None = None
    roadmap: Roadmap | None = None
    trajectory: tuple[TierPoint, ...] = ()
    spend_per_year: dict[int, int] = Field(default_factory=dict)

    @property
    def reaches(self) -> bool:
        return self.status.has_roadmap and self.target_period is not None


def solve_payload(payload: Payload) -> Payload:
    """The worker function: rebuild, plan, validate, summarise (JSON in, JSON out)."""
    problem = Problem.model_validate(payload["problem"])
    params = SolveParams.model_validate(payload["params"])
    result = plan(problem, params)
    roadmap = result.roadmap
    # plan() validated its roadmap against the instance it compiled (no second compile here)
    validated, violations = roadmap is not None, result.violations
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

    executor: Pool
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
        stream = imap(self.executor, solve_payload, [t.payload() for t in tasks])
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
            stop_executor(self.executor)
        finally:
            stream.close()
        return out
