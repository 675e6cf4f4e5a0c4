"""The requirement items an assessment answers: the planner's own enumeration (10004 5.2–5.6).

Kept here under its old name for the assessment's modules; the items are defined once, in
``planner.model.requirements``, which the tier definition uses too.
"""

from planner.model.requirements import (
    Entry,
    RequirementItem,
    Section,
    items_by_id,
    level_rank,
    requirement_items,
    section_of,
    sections,
)

__all__ = [
    "Entry",
    "RequirementItem",
    "Section",
    "items_by_id",
    "level_rank",
    "requirement_items",
    "section_of",
    "sections",
]
