"""The result layer: the roadmap, PlanResult, the solver-free validator, what moved on re-planning."""
