"""Which routes a problem considers: the Table 1 readings that reach the target without asking
more than another one (pruned on the actual organisation), and the problem's
``target.include`` / ``exclude`` / ``alternatives``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from catalog import Catalog
from catalog.errors import DataError, Issue, at
from catalog.models.base import Text
from planner.compile.stages import Stages
from planner.compile.state import ORGANISATION, Organisation, RowReading, scopes
from planner.model.problem import Problem, RouteFilter

if TYPE_CHECKING:
    from planner.compile.instance import Route


def _harder(a: RowReading, b: RowReading, nested: Nesting, stages: Stages) -> bool:
    """Reading a asks at least as much as reading b on every axis (so b is never worse); the
    order of the module forms is the catalogue's (tier_mapping.yaml ``level_forms``)."""
    return (
        a.key != b.key
        and a.capability_level >= b.capability_level
        and a.stage >= b.stage
        and stages.form_rank(a.module) >= stages.form_rank(b.module)
        and nested(a.rule, b.rule)
    )


class Nesting:
    """Whether every scope of one breadth rule contains a scope of another, in this
    organisation (and the other rule has a scope at all), so the wider rule is never easier."""

    def __init__(self, org: Organisation) -> None:
        self.org = org
        self.cache: dict[tuple[str, str], bool] = {}

    def __call__(self, wide: str, narrow: str) -> bool:
        if (wide, narrow) not in self.cache:
            inner = [frozenset(s.units) for s in scopes(narrow, self.org)]
            self.cache[wide, narrow] = bool(inner) and all(
                any(i <= frozenset(s.units) for i in inner) for s in scopes(wide, self.org)
            )
        return self.cache[wide, narrow]


def candidate_rows(
    readings: dict[str, RowReading],
    problem: Problem,
    current: int,
    org: Organisation,
    catalog: Catalog,
) -> tuple[list[RowReading], dict[str, Text], dict[str, str]]:
    """Readings that reach the target, without those that only ask more than another one
    (with why, and the row each of those asks at least as much as).

    For ``max-tier`` every reading above the current tier is a candidate, pruned only against
    readings of the same tier.
    """
    target = problem.target
    if target is not None and target.row is not None:
        chosen = [r for r in readings.values() if target.row in (r.key, r.row.id)]
        if not chosen:
            raise DataError(
                [
                    at(
                        "target.row",
                        zh=f"表1中没有 {target.row!r} 这一行",
                        en=f"unknown Table 1 row {target.row!r}",
                    )
                ]
            )
        return chosen, {}, {}
    if problem.objective == "max-tier":
        reaching = [r for r in readings.values() if r.row.tier > current]
        if target is not None and target.tier is not None:
            reaching = [r for r in reaching if r.row.tier <= target.tier]
        same_tier = True
    else:
        assert target is not None and target.tier is not None
        reaching = [r for r in readings.values() if r.row.tier >= target.tier]
        same_tier = False
    kept, skipped, harder = [], {}, {}
    nested = Nesting(org)
    stages = Stages.of(catalog)
    for a in reaching:
        easier = next(
            (
                b
                for b in reaching
                if _harder(a, b, nested, stages)
                and not _harder(b, a, nested, stages)
                and (not same_tier or a.row.tier == b.row.tier)
            ),
            None,
        )
        if easier is not None:
            skipped[a.key] = Text(
                zh=f"在范围、能力等级、深度和模块形态上的要求均不低于{easier.key}",
                en=f"asks at least as much as {easier.key} on scope, level, depth and form",
            )
            harder[a.key] = easier.key
        else:
            kept.append(a)
    return kept, skipped, harder


def filter_routes(
    routes: list[Route],
    problem: Problem,
    readings: dict[str, RowReading],
    org: Organisation,
    skipped: dict[str, Text],
) -> list[Route]:
    """The routes the problem asks to consider (target.include / exclude / alternatives)."""
    target = problem.target
    if target is None:
        return routes
    problems: list[Issue] = []
    known_rows = set(readings) | {r.row.id for r in readings.values()}
    known_scenarios = {*org.main_scenarios, ORGANISATION}
    labels = {r.scope.label for r in routes}
    for key in ("include", "exclude"):
        spec = getattr(target, key)
        if spec is None:
            continue
        for i, row in enumerate(spec.rows):
            if row not in known_rows:
                problems.append(
                    at(
                        f"target.{key}.rows[{i}]",
                        zh=f"未知的表1行 {row!r}",
                        en=f"unknown Table 1 row {row!r}",
                    )
                )
        for i, scenario in enumerate(spec.scenarios):
            if scenario not in known_scenarios:
                known = ", ".join(sorted(known_scenarios))
                problems.append(
                    at(
                        f"target.{key}.scenarios[{i}]",
                        zh=f"未知的主场景 {scenario!r}（可选：{known}）",
                        en=f"unknown main scenario {scenario!r} (known: {known})",
                    )
                )
        for i, label in enumerate(spec.scopes):
            if label not in labels:
                known = ", ".join(sorted(labels))
                problems.append(
                    at(
                        f"target.{key}.scopes[{i}]",
                        zh=f"没有覆盖范围 {label!r} 的路径（范围：{known}）",
                        en=f"no route over scope {label!r} (scopes: {known})",
                    )
                )
    if problems:
        raise DataError(problems)

    def matches(route: Route, spec: RouteFilter, every: bool) -> bool:
        tests = []
        if spec.rows:
            tests.append(route.row in spec.rows or route.reading.row.id in spec.rows)
        if spec.scenarios:
            tests.append(bool(set(route.scope.groups) & set(spec.scenarios)))
        if spec.scopes:
            tests.append(route.scope.label in spec.scopes)
        return all(tests) if every else any(tests)

    kept = []
    for route in routes:
        why = None
        if not target.alternatives and route.reading.alternative:
            why = Text(zh="问题不考虑“或”备选读法", en="the problem leaves out '或' alternatives")
        elif target.include is not None and not matches(route, target.include, True):
            why = Text(
                zh="不在问题的 target.include 之内", en="not in the problem's target.include"
            )
        elif target.exclude is not None and matches(route, target.exclude, False):
            why = Text(
                zh="被问题的 target.exclude 排除", en="left out by the problem's target.exclude"
            )
        if why is None:
            kept.append(route)
        elif not any(r.row == route.row for r in kept):
            skipped.setdefault(route.row, why)
    for route in kept:
        skipped.pop(route.row, None)
    return kept
