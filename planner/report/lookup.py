"""Readable names and standard texts for a report: scenarios, units, rows, routes, clauses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from catalog import Catalog
from catalog.catalog import STANDARD_10004, STANDARD_20001
from catalog.errors import DataError
from catalog.models.base import Item, Lang, Text
from planner.compile.state import ECOSYSTEM, ORGANISATION, PARTNERS
from planner.model.enums import StepKind
from planner.model.problem import Problem
from planner.report.labels import fmt, label

USER = "user"  # group and kind of user-defined extra steps
KINDS = (
    "requirement",
    "decomposition",
    "upgrade",
    "deepening",
    "model",
    "scope",
    "combination",
    USER,
)
GROUP_LABELS = {
    ORGANISATION: "group_organisation",
    PARTNERS: "group_partners",
    ECOSYSTEM: "group_ecosystem",
    USER: "group_user",
}
PERSPECTIVES = ("carrier", "process", "object", "partner", "subject", "driving_element")
SCOPE_RULES = {
    "all_scenarios": "scope_all_scenarios",
    "with_partners": "scope_with_partners",
    "with_ecosystem": "scope_with_ecosystem",
}


@dataclass(frozen=True)
class UnitInfo:
    name: Text
    perspective: str | None


@dataclass(frozen=True)
class Clause:
    """A clause a step carries out, with its standard, number and text."""

    ref: str  # e.g. "20001 A.2.1.1 a"
    short: str  # first sentence, for the step table
    full: str  # the whole text with its sub-items, for the appendix
    details: tuple[str, ...] = ()


@dataclass
class Lookup:
    """Everything a report needs to turn ids and clause numbers into words."""

    catalog: Catalog
    lang: Lang
    problem: Problem | None = None
    units: dict[str, UnitInfo] = field(default_factory=dict)
    scenarios: dict[str, Text] = field(default_factory=dict)
    main_scenarios: tuple[str, ...] = ()

    @classmethod
    def build(cls, catalog: Catalog, lang: Lang, problem: Problem | None) -> Lookup:
        out = cls(catalog, lang, problem)
        for industry in catalog.industries:
            for scenario in industry.main_scenarios:
                out.scenarios.setdefault(scenario.id, scenario.name)
        org = problem.organisation if problem else None
        if problem is None or org is None:
            return out
        try:
            industry = catalog.industry(org.industry)
            out.scenarios.update({m.id: m.name for m in industry.main_scenarios})
            out.main_scenarios = org.main_scenarios or tuple(m.id for m in industry.main_scenarios)
        except KeyError:
            pass
        out.units = _units(problem, catalog)
        return out

    # -- names ---------------------------------------------------------------------------
    def t(self, text: Text | None) -> str:
        return "" if text is None else text.get(self.lang)

    def group_name(self, group: str) -> str:
        if group in GROUP_LABELS:
            return label(GROUP_LABELS[group], self.lang)
        return self.t(self.scenarios.get(group)) or group

    def group_order(self, group: str) -> tuple[int, str]:
        order = [*self.main_scenarios, ORGANISATION, PARTNERS, ECOSYSTEM, USER]
        return (order.index(group), "") if group in order else (len(order), group)

    def perspective_name(self, perspective: str | None) -> str:
        if perspective in PERSPECTIVES:
            return label(f"persp_{perspective}", self.lang)
        return label("persp_none", self.lang)

    def unit_name(self, unit: str | None) -> str:
        if unit is None:
            return ""
        info = self.units.get(unit)
        return self.t(info.name) if info else unit

    def perspective_of(self, unit: str | None) -> str | None:
        info = self.units.get(unit or "")
        return info.perspective if info else None

    def kind_name(self, kind: str) -> str:
        return label(kind, self.lang) if kind in KINDS else kind

    def depth_name(self, stage: int) -> str:
        for d in self.catalog.tier_mapping.depth_stages:
            if d.stage == stage:
                return self.t(self.catalog.depth(d.depth).name)
        return ""

    def standards(self) -> list[str]:
        return [STANDARD_10004.get(self.lang), STANDARD_20001.get(self.lang)]

    # -- dates ---------------------------------------------------------------------------
    def date_by_end(self, period: int | None) -> str:
        """'end of Mar 2029' for the date after ``period`` periods from the start."""
        if period is None or self.problem is None:
            return "–"
        return self.end_of(self.problem.time.period_start(period))

    def end_of(self, first_day_after: dt.date | None) -> str:
        """'end of Mar 2029' for the first day of April 2029 (when a state is read)."""
        if first_day_after is None:
            return "–"
        day = first_day_after - dt.timedelta(days=1)
        months = label("month_abbr", self.lang).split()
        return fmt("date_by_end", self.lang, y=day.year, mon=months[day.month - 1])

    def date_start(self, period: int | None) -> str:
        """'2027-04': the month a period starts in."""
        if period is None or self.problem is None:
            return "–"
        return f"{self.problem.time.period_start(period):%Y-%m}"

    def months(self, periods: int) -> int:
        return periods * (self.problem.time.months_per_period if self.problem else 1)

    # -- rows and routes -----------------------------------------------------------------
    def row_desc(self, row_key: str | None) -> str:
        if not row_key:
            return "–"
        row_id = row_key.split("/")[0]
        try:
            row = self.catalog.tier_row(row_id)
            breadth = self.catalog.breadth(row.breadth).name
            depth = self.catalog.depth(row.depth).name
        except KeyError:
            return row_key
        return fmt(
            "route_desc",
            self.lang,
            row=row_key,
            level=row.level,
            breadth=self.t(breadth),
            depth=self.t(depth),
        )

    def scope_name(self, scope: str) -> str:
        if scope in SCOPE_RULES:
            return label(SCOPE_RULES[scope], self.lang)
        if ":" in scope:
            group, perspectives = scope.split(":", 1)
            names = [self.perspective_name(p) for p in perspectives.split("+")]
            return f"{self.group_name(group)} · {' + '.join(names)}"
        if scope in self.units:
            return self.unit_name(scope)
        return self.group_name(scope)

    def route_name(self, route: str | None) -> str:
        if not route:
            return "–"
        row, _, scope = route.partition("@")
        text = self.row_desc(row)
        if scope:
            text += " " + fmt("route_scope", self.lang, scope=self.scope_name(scope))
        return text

    # -- clauses -------------------------------------------------------------------------
    def clauses(self, kind: str, refs: tuple[str, ...]) -> list[Clause]:
        """The standard texts of a step's priorities (Appendix A, 6.2 x, 6.3.x)."""
        out = []
        for ref in refs:
            found = self._clause(kind, ref)
            out.append(found or Clause(ref, ref, ref))
        return out

    def _clause(self, kind: str, ref: str) -> Clause | None:
        cat = self.catalog
        if kind == StepKind.DEEPENING:
            for depth in cat.depths:
                if depth.clause == ref:
                    head = f"{self.t(depth.name)}：" if self.lang == "zh" else f"{depth.name.en}: "
                    text = head + self.t(depth.definition)
                    return Clause(f"10004 {ref}", text, text)
            return None
        if kind == StepKind.COMBINATION:
            for paradigm in cat.capability_system.paradigms.items:
                if paradigm.clause == ref:
                    name = self.t(paradigm.name)
                    text = self.t(paradigm.description).replace("\n", " ")
                    return Clause(f"20001 {ref}", name, f"{name}：{text}")
            return None
        if kind == StepKind.DECOMPOSITION:
            for step in cat.capability_system.decomposition_combination.steps:
                if step.clause == ref:
                    return _item_clause(f"20001 {ref}", step, self.lang)
            return None
        for block in cat.priorities:
            for dimension in block.dimensions:
                for item in (w for i in dimension.all_items() for w in i.walk()):
                    if item.clause == ref:  # an item, or one bullet of it (A.2.2.2 b •1)
                        return _item_clause(f"20001 {ref}", item, self.lang)
        return None


def month_span(start: dt.date, first_day_after: dt.date) -> tuple[str, str]:
    """('2027-04', '2027-06'): the first and the last calendar month of a step, both included
    (the one date convention of the step table, the Gantt chart and the CLI)."""
    return f"{start:%Y-%m}", f"{first_day_after - dt.timedelta(days=1):%Y-%m}"


def _item_clause(ref: str, item: Item, lang: Lang) -> Clause:
    text = item.get(lang).strip()
    short = text
    for cut in ("，包括但不限于", ", including but not limited to", "。", "；", ". "):
        if cut in short:
            short = short.split(cut)[0]
    short = short.rstrip("：:;；,，.")
    details = tuple(child.get(lang) for child in item.items)
    return Clause(ref, short, text, details)


def _units(problem: Problem, catalog: Catalog) -> dict[str, UnitInfo]:
    """Unit names and perspectives as the planner resolves them (library plus the user's)."""
    from planner.compile.compiled import compile_problem

    org = problem.organisation
    if org is None:
        return {}
    try:
        resolved = compile_problem(problem, catalog).org
        return {uid: UnitInfo(u.name, u.perspective) for uid, u in resolved.units.items()}
    except (DataError, KeyError, ValueError):
        pass
    out: dict[str, UnitInfo] = {}
    try:
        for template in catalog.units_for(org.industry):
            out[template.id] = UnitInfo(template.name, template.perspective)
    except KeyError:
        pass
    for spec in org.units:
        known = out.get(spec.id)
        name = spec.name or (known.name if known else Text(zh=spec.id, en=spec.id))
        out[spec.id] = UnitInfo(name, spec.perspective or (known.perspective if known else None))
    return out
