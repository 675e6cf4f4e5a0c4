"""The PlanResult, built once: a solver's outcome, with the instance's facts and everything the
roadmap gives without the solver (the validator's findings, the tier trajectory re-evaluated,
spend and staff series, the requirement account, what moved against a previous roadmap)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from catalog.models.base import Text
from planner.result.account import requirement_account
from planner.result.critical import critical_chain
from planner.result.plan_result import Explanation, PlanResult, SolveOutcome
from planner.result.replan import moves
from planner.result.roadmap import trajectory
from planner.result.validate import validate, validate_trajectory

if TYPE_CHECKING:
    from planner.compile.instance import Instance


def assemble(
    instance: Instance,
    outcome: SolveOutcome,
    began: float,
    explanation: Explanation | None = None,
    message: Text | None = None,
) -> PlanResult:
    """The PlanResult of ``outcome`` on ``instance``; ``message`` (e.g. an explanation's text)
    replaces the outcome's own; the runtime is the wall time since ``began`` (monotonic
    clock), this work included."""
    roadmap = outcome.roadmap
    derived: dict[str, object] = {}
    if roadmap is not None:
        points = tuple(trajectory(roadmap, instance))
        chain = critical_chain(roadmap, instance)
        derived = {
            "critical_chain": chain.links if chain else (),
            "violations": (
                *validate(roadmap, instance),
                *validate_trajectory(points, roadmap, instance),
            ),
            "moves": moves(instance, roadmap),
            "trajectory": points,
            "spend_per_year": roadmap.spend_per_year(instance),
            "spend_per_period": tuple(roadmap.spend_per_period(instance.horizon)),
            "staff_per_period": tuple(roadmap.staff_per_period(instance.horizon)),
            "requirements": requirement_account(roadmap, instance),
        }
    return PlanResult.model_validate(
        {
            **dict(outcome),
            **derived,
            "message": message if message is not None else outcome.message,
            "explanation": explanation,
            "runtime": time.monotonic() - began,
            "problem": instance.problem,
            "current_tier": instance.current_tier,
            "target_tier": instance.target_tier,
            "derived_state": instance.derived.rule if instance.derived else None,
            "derived_items": instance.derived_items,
            "skipped_rows": instance.skipped_rows,
            "harder_rows": instance.harder_rows,
        }
    )
