"""HTML reports: take a PlanResult (or a what-if Comparison, or an assessment), return one
self-contained page.

No script, no fetch: CSS and SVG are inline; Chinese by default, English with ``lang="en"``.
"""

from planner.report.assessment import AttachedAssessment, attach, render_assessment
from planner.report.comparison import render_comparison
from planner.report.roadmap import render_roadmap

__all__ = [
    "AttachedAssessment",
    "attach",
    "render_assessment",
    "render_comparison",
    "render_roadmap",
]
