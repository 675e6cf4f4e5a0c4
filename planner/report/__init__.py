"""HTML reports: take a PlanResult (or a what-if Comparison), return one self-contained page.

No script, no fetch: CSS and SVG are inline; Chinese by default, English with ``lang="en"``.
"""

from planner.report.comparison import render_comparison
from planner.report.roadmap import render_roadmap

__all__ = ["render_comparison", "render_roadmap"]
