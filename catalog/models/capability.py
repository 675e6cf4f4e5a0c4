"""T/AIITRE 20001—2021 (new-capability system): perspectives, paradigms, dimensions, CL1–CL5."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from catalog.models.base import ClauseText, Frozen, Item, NamedClauseText, Note, Text

CapabilityLevelId = Literal["CL1", "CL2", "CL3", "CL4", "CL5"]
CAPABILITY_LEVEL_IDS: tuple[CapabilityLevelId, ...] = ("CL1", "CL2", "CL3", "CL4", "CL5")
PerspectiveId = Literal["carrier", "process", "object", "partner", "subject", "driving_element"]
PERSPECTIVE_IDS: tuple[PerspectiveId, ...] = (
    "carrier",
    "process",
    "object",
    "partner",
    "subject",
    "driving_element",
)
Phase = Literal["plan", "element", "management", "evaluate"]
PHASES: tuple[Phase, ...] = get_args(Phase)  # the phases of a level upgrade, in order (20001 §7)
ParadigmId = Literal["node", "flow", "network", "ecosystem"]
PARADIGM_IDS: tuple[ParadigmId, ...] = ("node", "flow", "network", "ecosystem")
DimensionId = Literal["process", "element", "management"]
DIMENSION_IDS: tuple[DimensionId, ...] = ("process", "element", "management")
SUB_AREAS: dict[DimensionId, tuple[str, ...]] = {
    "process": ("plan", "support_implement_operate", "evaluate", "improve"),
    "element": ("data", "technology", "process", "organisation"),
    "management": (
        "digital_governance",
        "organisational_mechanism",
        "management_style",
        "culture",
    ),
}


class Perspective(Frozen):
    """One of the six perspectives from which capabilities are identified (§5)."""

    id: PerspectiveId
    clause: str
    name: Text
    description: Text | None = None
    items: tuple[Item, ...] = ()


class Paradigm(Frozen):
    """A combination paradigm (6.3.2–6.3.5) with its evolution (6.4.2–6.4.5)."""

    id: ParadigmId
    clause: str
    name: Text
    carried_by: Text
    description: Text
    evolution: NamedClauseText
    items: tuple[Item, ...] = ()


class DecompositionCombination(Frozen):
    """The decomposition and combination process (6.1, 6.2 a–f)."""

    clause: str
    name: Text
    general: ClauseText
    intro: Text
    steps: tuple[Item, ...]


class Paradigms(Frozen):
    clause: str
    name: Text
    general: ClauseText
    items: tuple[Paradigm, ...]


class CapabilitySystem(Frozen):
    perspectives: tuple[Perspective, ...]
    identification: tuple[Item, ...] = ()
    decomposition_combination: DecompositionCombination
    paradigms: Paradigms
    evolution_general: NamedClauseText


class SubArea(Frozen):
    """A sub-area of a construction dimension (7.2.2–7.4.5)."""

    id: str
    clause: str
    name: Text
    intro: Text | None = None
    items: tuple[Item, ...] = ()
    notes: tuple[Note, ...] = ()


class Dimension(Frozen):
    """A construction dimension of a capability unit (7.2–7.4)."""

    id: DimensionId
    clause: str
    name: Text
    title: Text | None = None
    general: ClauseText
    sub_areas: tuple[SubArea, ...]


class Dimensions(Frozen):
    general: ClauseText
    dimensions: tuple[Dimension, ...]


class DimensionSummary(ClauseText):
    """8.x.2–8.x.4: a dimension's summary at one capability level (details in Appendix A)."""

    dimension: DimensionId
    intro: Text | None = None
    paragraphs: tuple[Text, ...] = ()
    items: tuple[Item, ...] = ()
    notes: tuple[Note, ...] = ()


class Characteristics(Frozen):
    clause: str
    intro: Text | None = None
    items: tuple[Item, ...] = ()


class LevelOverview(Frozen):
    """The per-level summary shown in 20001 Figure 1."""

    clause: str
    characteristics: Text
    process: Text
    element: Text
    management: Text


class CapabilityLevel(Frozen):
    """CL1–CL5 overall characteristics (8.2–8.6)."""

    id: CapabilityLevelId
    clause: str
    name: Text
    title: Text | None = None
    overview: LevelOverview | None = None
    characteristics: Characteristics
    dimension_summaries: tuple[DimensionSummary, ...] = ()


class CapabilityLevels(Frozen):
    general: tuple[ClauseText, ...] = Field(default_factory=tuple)
    figures: tuple[ClauseText, ...] = ()
    capability_levels: tuple[CapabilityLevel, ...]


class SubAreaPriorities(Frozen):
    sub_area: str
    clause: str
    intro: Text | None = None
    items: tuple[Item, ...] = ()


class DimensionPriorities(Frozen):
    dimension: DimensionId
    clause: str
    intro: Text | None = None
    items: tuple[Item, ...] = ()
    sub_areas: tuple[SubAreaPriorities, ...] = ()

    def all_items(self) -> tuple[Item, ...]:
        out: list[Item] = list(self.items)
        for area in self.sub_areas:
            out.extend(area.items)
        return tuple(out)


class LevelPriorities(Frozen):
    """Building priorities 建设重点 of one capability level (Appendix A.1–A.5)."""

    level: CapabilityLevelId
    clause: str
    dimensions: tuple[DimensionPriorities, ...]

    def dimension(self, dimension: DimensionId) -> DimensionPriorities:
        for block in self.dimensions:
            if block.dimension == dimension:
                return block
        raise KeyError(dimension)
