"""Depth stages and module forms as the catalogue's assumption data says (tier_mapping.yaml).

The stage number of each depth category, the capability level a stage needs, and the order of
the module forms (the forms of the maturity levels L1–L5, lowest first) come from
``depth_stages`` and ``level_forms``, never from code constants: a catalogue that asks CL3 for
digital integration is obeyed everywhere (unit states, deepening steps, row pruning).
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog import Catalog
from catalog.models.base import Text


@dataclass(frozen=True)
class Stages:
    """The depth stages 1..6 of a catalogue, their depth ids and minimum capability levels."""

    depths: tuple[str, ...]  # index = stage; depths[0] == "" (nothing built)
    min_levels: tuple[int, ...]  # index = stage; min_levels[0] == 0
    forms: tuple[str | None, ...]  # module forms in the order of the maturity levels

    @classmethod
    def of(cls, catalog: Catalog) -> Stages:
        mapping = catalog.tier_mapping
        ordered = sorted(mapping.depth_stages, key=lambda d: d.stage)
        forms: list[str | None] = [None]
        for form in sorted(mapping.level_forms, key=lambda f: f.level):
            if form.module not in forms:
                forms.append(form.module)
        return cls(
            ("", *(d.depth for d in ordered)),
            (0, *(int(d.min_capability_level[2:]) for d in ordered)),
            tuple(forms),
        )

    def depth(self, stage: int) -> str:
        """The depth id of a stage 1..6."""
        return self.depths[stage]

    def stage(self, depth: str) -> int:
        """The stage number of a depth id."""
        return self.depths.index(depth)

    def min_level(self, stage: int) -> int:
        """The capability level a unit needs to reach a stage (0 for stage 0)."""
        return self.min_levels[stage]

    def form_rank(self, module: str | None) -> int:
        """Where a module form stands in the order of the maturity levels (None first)."""
        return self.forms.index(module)

    def level_problem(self, depth: str, level: int) -> Text | None:
        """Why a unit at capability level ``level`` cannot be at depth ``depth``, or None."""
        stage = self.stage(depth)
        need = self.min_level(stage)
        if level >= need:
            return None
        return Text(
            zh=f"深度 {depth} 需要能力等级 CL{need} 或以上（该单元为 {level} 级；"
            "tier_mapping.yaml depth_stages）",
            en=f"depth {depth} needs capability level CL{need} or higher (unit is at level "
            f"{level}; tier_mapping.yaml depth_stages)",
        )
