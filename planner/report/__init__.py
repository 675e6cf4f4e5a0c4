"""HTML reports: take a PlanResult, return one self-contained HTML page (no script, no fetch)."""

from planner.report.roadmap import render_roadmap

__all__ = ["render_roadmap"]
