"""The requirement items an organisation meets at the start (10004 5.2–5.6), and those it
declares not applicable: the labelled default (maturity_reading.yaml ``derived_items``), then
the problem's ``organisation.requirements``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from catalog.errors import DataError, Issue, at
from catalog.models.base import Text
from catalog.models.maturity import LEVEL_IDS
from planner.compile.maturity import Maturity
from planner.compile.state import Organisation, OrgState, RowReading, evaluate_tier
from planner.model.problem import Problem

if TYPE_CHECKING:
    from planner.compile.organisation import DerivedState


def initial_items(
    problem: Problem,
    org: Organisation,
    state: OrgState,
    readings: dict[str, RowReading],
    maturity: Maturity,
    derived: DerivedState | None,
) -> tuple[OrgState, Text | None]:
    """The requirement items met at the start: the labelled default, then the problem's lists.

    Default (maturity_reading.yaml ``derived_items``): the level of the row the current tier
    (or, without one, the unit states by breadth × depth) reaches holds, so its items and those
    of every lower level count as met.
    """
    spec_org = problem.organisation
    assert spec_org is not None
    spec = spec_org.requirements
    where = "organisation.requirements"
    problems: list[Issue] = []
    met: set[str] = set()
    note: Text | None = None
    if spec.derive:
        if derived is not None and derived.row is not None:
            row_level: str | None = readings[derived.row].row.level
            source = Text(
                zh=f"当前档次{derived.tier}（{derived.row}）",
                en=f"current tier {derived.tier} ({derived.row})",
            )
        else:
            reached = evaluate_tier(state, org, readings, None)
            row_level = reached.level
            source = Text(
                zh="能力单元状态所达的表1行" + (f"（{reached.row}）" if reached.row else "（无）"),
                en="the Table 1 row the unit states reach"
                + (f" ({reached.row})" if reached.row else " (none)"),
            )
        level = int(row_level[1:]) if row_level else 0  # "L2" → 2
        met |= set(maturity.counted_up_to(level))
        note = Text(
            zh=f"要求项按{source.zh}推定："
            + (
                f"L{level}及以下各等级的要求项（建议项除外）视为已满足，更高等级的视为未满足。"
                if level
                else "各等级要求项均视为未满足。"
            ),
            en=f"Requirement items derived from {source.en}: "
            + (
                f"the items of L{level} and below (advisory items aside) count as met, those above as not met."
                if level
                else "no level holds, so no item counts as met."
            ),
        )
    subdomains = {sub.id for sub in maturity.catalog.subdomains()}
    for sub, level in spec.subdomain_levels.items():
        if sub not in subdomains:
            problems.append(
                _both(
                    f"{where}.subdomain_levels.{sub}",
                    f"未知的子域 {sub!r}",
                    f"unknown subdomain {sub!r}",
                )
            )
            continue
        if not 0 <= level <= len(LEVEL_IDS):
            problems.append(
                _both(
                    f"{where}.subdomain_levels.{sub}",
                    f"等级须为0～5，而不是{level}",
                    f"level must be 0–5, not {level}",
                )
            )
            continue
        met -= {i for i, item in maturity.items.items() if item.subdomain == sub}
        met |= {i for lv in range(1, level + 1) for i in maturity.section(sub, lv).items}
    for key in ("met", "not_met"):
        for i, item in enumerate(getattr(spec, key)):
            if item not in maturity.items:
                problems.append(
                    _both(
                        f"{where}.{key}[{i}]",
                        f"未知的要求项 {item!r}",
                        f"unknown requirement item {item!r}",
                    )
                )
            elif key == "met":
                met.add(item)
            else:
                met.discard(item)
    for i, na in enumerate(spec.not_applicable):
        if na.item not in maturity.items:
            problems.append(
                _both(
                    f"{where}.not_applicable[{i}].item",
                    f"未知的要求项 {na.item!r}",
                    f"unknown requirement item {na.item!r}",
                )
            )
    if problems:
        raise DataError(problems)
    if spec.met or spec.not_met or spec.subdomain_levels or not spec.derive:
        changed = Text(
            zh="并按问题中的 organisation.requirements 改写。",
            en=" Changed as the problem's organisation.requirements says.",
        )
        note = changed if note is None else Text(zh=note.zh + changed.zh, en=note.en + changed.en)
    return state.with_items(met), note


def _both(where: str, zh: str, en: str) -> Issue:
    """An input error at a key path, in both languages."""
    return at(where, zh, en)


def not_applicable_items(problem: Problem) -> dict[str, Text]:
    """Items the problem declares not applicable, with their reasons (both languages)."""
    assert problem.organisation is not None
    out: dict[str, Text] = {}
    for na in problem.organisation.requirements.not_applicable:
        out[na.item] = (
            na.reason if isinstance(na.reason, Text) else Text(zh=na.reason, en=na.reason)
        )
    return out
