"""Schedule and cost risk of a roadmap by Monte Carlo simulation, without the solver.

``analyse(instance, roadmap, options, executor)`` draws each step's months, cost and staff
from its three-point range, replays the roadmap in the same order under the same rules, and
reports quantiles of the dates and the cost, probabilities, criticality and binding caps.
"""

from planner.risk.engine import DEFAULT_RUNS, RiskOptions, analyse
from planner.risk.models import RiskResult

__all__ = ["DEFAULT_RUNS", "RiskOptions", "RiskResult", "analyse"]
