"""Closed vocabularies of capplan's own domain, as StrEnums (their values are the JSON ids)."""

from __future__ import annotations

from enum import StrEnum


class StepKind(StrEnum):
    """What a step of a roadmap does (10004 requirement work, 20001 unit and module work)."""

    REQUIREMENT = "requirement"  # meets the 10004 5.2–5.6 items of one subdomain and level
    DECOMPOSITION = "decomposition"  # 20001 6.2: the organisation's capabilities into units
    UPGRADE = "upgrade"  # 20001 7.x: a unit to the next capability level, in phases
    DEEPENING = "deepening"  # 10004 6.2: a unit to the next depth stage
    COMBINATION = "combination"  # 20001 6.3: units into a node, flow, network or ecosystem
    MODEL = "model"  # 10004 Table 1: the model of a scope (数字模型 / 知识模型 / 智能模型)
    SCOPE = "scope"  # 20001 Appendix A priorities the standard ties to a scope
    USER = "user"  # a step the problem file defines


# the kinds whose effort a problem may override (a user's step states its own effort)
OVERRIDABLE_KINDS: tuple[StepKind, ...] = tuple(k for k in StepKind if k is not StepKind.USER)
