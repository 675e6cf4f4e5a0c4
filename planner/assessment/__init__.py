"""Assessment: from what an organisation has to its level, tier and the gap to a target.

Answers to the requirement items of T/AIITRE 10004 5.2–5.6 (per subdomain and level) and to
the key requirements of Table 1 (per main scenario and for the whole organisation) give the
level per subdomain, per evaluation domain and overall, and the tier; the gap analysis lists
what is still to meet for a target tier; ``to_problem_organisation`` hands the assessed state
to the planner. Scoring rules: catalog/data/assumptions/assessment_scoring.yaml.
"""

from planner.assessment.assess import assess
from planner.assessment.convert import to_problem, to_problem_organisation
from planner.assessment.files import load_assessment, write_questionnaire
from planner.assessment.gap import GapResult, gap_analysis, level_chart
from planner.assessment.models import Assessment, AssessmentResult, GroupAnswer, ItemAnswer
from planner.assessment.rules import ScoringRules, load_rules

__all__ = [
    "Assessment",
    "AssessmentResult",
    "GapResult",
    "GroupAnswer",
    "ItemAnswer",
    "ScoringRules",
    "assess",
    "gap_analysis",
    "level_chart",
    "load_assessment",
    "load_rules",
    "to_problem",
    "to_problem_organisation",
    "write_questionnaire",
]
