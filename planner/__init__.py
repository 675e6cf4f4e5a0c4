"""capplan planner: problems, steps, the CP-SAT backend, roadmaps and their validation.

The public API (kept stable; everything else is internal and may move)::

    from planner import load_problem, plan, SolveParams

    problem = load_problem("scenarios/discrete_manufacturer.yaml")
    result = plan(problem, SolveParams(time_limit=30, workers=2, seed=0))

``import planner`` does not import OR-Tools: the solver is imported on the first ``plan``.
The layers, lowest first: ``planner.model`` (inputs) → ``planner.compile`` (the Instance)
→ ``planner.result`` → ``planner.solve`` → what-if, assessment, report, deliver, risk → cli.
"""

from planner.compile.compiled import compile_problem
from planner.compile.instance import Instance
from planner.model.problem import Problem, load_problem
from planner.model.psplib import read_psplib
from planner.result.plan_result import PlanResult, SolveParams
from planner.result.validate import validate
from planner.solve.plan import plan

__all__ = [
    "Instance",
    "PlanResult",
    "Problem",
    "SolveParams",
    "compile_problem",
    "load_problem",
    "plan",
    "read_psplib",
    "validate",
]
