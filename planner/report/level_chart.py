"""Geometry of the assessment chart: the 22 subdomains of T/AIITRE 10004, grouped by the five
evaluation domains, each with its current level and the level the target asks (L0–L5).

A bullet chart: the target level is a light bar drawn behind, the current level a dark bar
inside it, so what is still to do is the light part. The template only draws what is here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from catalog.models.base import Lang

if TYPE_CHECKING:
    from planner.assessment.gap import LevelBar
    from planner.assessment.models import DomainResult

WIDTH = 1100.0
TOP = 30.0  # below the axis labels
ROW_H = 20.0
HEAD_H = 22.0
FONT = 11.0  # subdomain names
MAX_LEVEL = 5


@dataclass(frozen=True)
class LevelRow:
    y: float  # top of the row
    subdomain: str
    name: str
    current: int
    target: int
    current_w: float
    target_w: float
    text: str  # "L1 → L2", or "L3" when the target asks no more

    @property
    def short(self) -> bool:
        return self.current < self.target


@dataclass(frozen=True)
class DomainHead:
    y: float  # top of the heading
    bottom: float  # bottom of the domain's last row
    domain: str
    name: str
    level: str


@dataclass(frozen=True)
class LevelChart:
    left: float
    right: float
    height: float
    show_target: bool
    rows: tuple[LevelRow, ...]
    heads: tuple[DomainHead, ...]
    grid: tuple[tuple[float, str], ...]  # (x, "L0" … "L5")

    def x(self, level: int) -> float:
        return round(self.left + (self.right - self.left) * level / MAX_LEVEL, 1)


def text_width(text: str, size: float = FONT) -> float:
    """Rough rendered width: CJK full width, Latin about half."""
    return sum(size if ord(c) > 0x2E80 else size * 0.56 for c in text)


def level_text(level: int) -> str:
    return f"L{level}"


def level_chart(
    bars: Sequence[LevelBar],
    domains: Sequence[DomainResult],
    lang: Lang,
    show_target: bool = True,
) -> LevelChart:
    """Rows grouped by evaluation domain in the standard's order; bars scaled L0–L5."""
    names = [b.name.get(lang) for b in bars]
    label_w = max([120.0, *(text_width(n) for n in names)])
    left = round(min(WIDTH * 0.45, 24 + label_w + 14), 1)
    right = WIDTH - 90
    span = right - left

    def w(level: int) -> float:
        return round(span * max(0, min(MAX_LEVEL, level)) / MAX_LEVEL, 1)

    rows: list[LevelRow] = []
    heads: list[DomainHead] = []
    y = TOP
    order = [d.domain for d in domains]
    known = set(order)
    extra = sorted({b.domain for b in bars} - known)
    for domain in [*order, *extra]:
        members = [b for b in bars if b.domain == domain]
        if not members:
            continue
        dom = next((d for d in domains if d.domain == domain), None)
        head_y = y
        y += HEAD_H
        for bar in members:
            target = bar.target if show_target else bar.current
            text = level_text(bar.current)
            if show_target and target > bar.current:
                text += f" → {level_text(target)}"
            rows.append(
                LevelRow(
                    y,
                    bar.subdomain,
                    bar.name.get(lang),
                    bar.current,
                    target,
                    w(bar.current),
                    w(target),
                    text,
                )
            )
            y += ROW_H
        heads.append(
            DomainHead(
                head_y,
                y,
                domain,
                dom.name.get(lang) if dom else domain,
                level_text(dom.level) if dom else "",
            )
        )
        y += 4
    grid = tuple(
        (round(left + span * k / MAX_LEVEL, 1), level_text(k)) for k in range(MAX_LEVEL + 1)
    )
    return LevelChart(left, right, y + 8, show_target, tuple(rows), tuple(heads), grid)
