"""capplan planner: problems, steps, the CP-SAT backend, roadmaps and their validation.

The public API (kept stable; everything else is internal and may move)::

    from planner import load_problem, plan, SolveParams

    problem = load_problem("scenarios/discrete_manufacturer.yaml")
    result = plan(problem, SolveParams(time_limit=30, workers=2, seed=0))

``import planner`` does not import OR-Tools: the solver is imported on the first ``plan``.
``plan`` and ``validate`` are imported here, not on first use, because they share their name
with their modules (``planner.plan``, ``planner.validate``): bound after those modules load,
the names stay the functions.
"""

from planner.plan import plan
from planner.problem import Problem, load_problem
from planner.psplib import read_psplib
from planner.result import PlanResult, SolveParams
from planner.validate import validate

__all__ = [
    "PlanResult",
    "Problem",
    "SolveParams",
    "load_problem",
    "plan",
    "read_psplib",
    "validate",
]
