"""The CP-SAT backend: the only package that imports ortools."""

from planner.solve.cpsat.solve import solve_instance

__all__ = ["solve_instance"]
