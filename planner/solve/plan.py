"""``plan(problem, params) -> PlanResult``: the one entry point of the planner."""

from __future__ import annotations

import time

from catalog import Catalog
from catalog.errors import DataError
from catalog.models.base import Text
from planner.compile.compiled import compile_problem
from planner.compile.instance import Instance
from planner.model.problem import Problem, locate
from planner.result.assemble import assemble
from planner.result.plan_result import PlanResult, SolveParams, SolveStatus
from planner.solve.deadline import Deadline, finish_estimate

UNREACHABLE = Text(zh="在给定约束下无法达成目标", en="the target cannot be reached as constrained")


def plan(
    problem: Problem, params: SolveParams | None = None, catalog: Catalog | None = None
) -> PlanResult:
    """Plan a roadmap. Never raises for bad input or unreachable targets: see ``status``."""
    params = params or SolveParams()
    began = time.monotonic()
    try:
        instance = compile_problem(problem, catalog)
    except DataError as exc:
        issues = locate(problem, exc.issues)
        return PlanResult(
            status=SolveStatus.INVALID_INPUT,
            runtime=time.monotonic() - began,
            message=SolveStatus.INVALID_INPUT.describe(),
            issues=tuple(issues),
            errors=tuple(i.format("en") for i in issues),  # file and line where known
            error_texts=tuple(i.text() for i in issues),
        )
    return plan_instance(instance, params, began)


def plan_instance(
    instance: Instance,
    params: SolveParams,
    began: float | None = None,
    deadline: Deadline | None = None,
) -> PlanResult:
    """Solve, explain an unreachable target, validate. ``runtime`` is the wall time the user
    waited: from ``began`` (default: now) through the explanation and the validation.

    Every solve keeps within ``deadline`` (default: ``time_limit`` from ``began``, plus
    ``explain_time_limit`` when it explains): the solve within its first ``time_limit``
    seconds less the time the roadmap's trajectory, validation and account take after it, the
    explanation within ``explain_time_limit`` after it (planner/solve/deadline.py).
    """
    from planner.solve.cpsat import solve_instance  # the only place the solver backend is chosen
    from planner.solve.cpsat.explain import explain_infeasible

    began = time.monotonic() if began is None else began
    if deadline is None:
        deadline = Deadline.of_plan(
            params.time_limit, params.explain_time_limit, params.explain, began
        )
    finish = finish_estimate(len(instance.steps), vars(instance).get("_finish_seconds"))
    outcome = solve_instance(instance, params, deadline.first(max(0.0, params.time_limit - finish)))
    explanation, message = None, outcome.message
    if outcome.status == SolveStatus.INFEASIBLE and not params.explain:
        message = UNREACHABLE
    if outcome.status == SolveStatus.INFEASIBLE and params.explain:
        explain_time = deadline.part(params.explain_time_limit or params.time_limit)
        explanation = explain_infeasible(instance, params, explain_time)
        message = explanation.text
    finishing = time.monotonic()
    result = assemble(instance, outcome, began, explanation, message)
    if outcome.roadmap is not None:
        vars(instance)["_finish_seconds"] = time.monotonic() - finishing  # for the next plan
    return result
