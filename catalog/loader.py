"""Load and cross-check the catalogue data files.

Every error names the file, the key path and, where known, the line. Cross-file checks
(duplicate ids, references to unknown levels, scenarios or units, prerequisite cycles) run
after each file has validated on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

from catalog.catalog import Catalog
from catalog.errors import CatalogError, DataError, Issue
from catalog.models.assumptions import MaturityReading, TierMapping, UnitLibrary
from catalog.models.base import Frozen, Note, Text, texts_of
from catalog.models.capability import (
    CAPABILITY_LEVEL_IDS,
    CapabilityLevels,
    CapabilitySystem,
    Dimensions,
    LevelPriorities,
)
from catalog.models.effort import EffortModel
from catalog.models.maturity import (
    LEVEL_IDS,
    Breadth,
    Depth,
    Domain,
    Industry,
    LevelRequirements,
    MaturityLevel,
    TierRow,
)
from catalog.yamlio import YamlDocument

DATA_DIR = Path(__file__).parent / "data"
CJK = re.compile(r"[\u4e00-\u9fff]")
CATALOG_VERSION = "2026.11.1"


class _Levels(Frozen):
    levels: tuple[MaturityLevel, ...]


class _Scale(Frozen):
    breadths: tuple[Breadth, ...]
    breadth_notes: tuple[Note, ...] = ()
    depths: tuple[Depth, ...]


class _Tiers(Frozen):
    tier_rows: tuple[TierRow, ...]


class _Domains(Frozen):
    domains: tuple[Domain, ...]


class _Industries(Frozen):
    clause: str
    main_scenario_definition: Text
    industries: tuple[Industry, ...]


class _Reader:
    """Reads files one by one, collecting every problem instead of stopping at the first."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.problems: list[Issue] = []
        self.docs: dict[str, YamlDocument] = {}

    def read(self, rel: str, model: type[Any]) -> Any:
        path = self.data_dir / rel
        if not path.exists():
            self.problems.append(Issue.of("文件缺失", "file missing", file=str(path)))
            return None
        try:
            doc = YamlDocument.from_path(path)
            self.docs[rel] = doc
            return doc.validate(model)
        except DataError as exc:
            self.problems.extend(exc.issues)
            return None

    def fail(self, rel: str, path: tuple[str | int, ...], zh: str, en: str) -> None:
        """An issue at a key path of a catalogue file, with its file and line."""
        doc = self.docs.get(rel)
        if doc is not None:
            self.problems.append(doc.issue(path, zh, en))
        else:
            self.problems.append(Issue.of(zh, en, path, file=str(self.data_dir / rel)))


STD = "standard/"
ASM = "assumptions/"


def load_catalog(data_dir: Path | None = None) -> Catalog:
    """Load, validate and cross-check the catalogue; raise CatalogError listing every problem."""
    if data_dir is None:
        return _default_catalog()
    return _load(Path(data_dir))


@lru_cache(maxsize=1)
def _default_catalog() -> Catalog:
    return _load(DATA_DIR)


def _load(data_dir: Path) -> Catalog:
    r = _Reader(data_dir)
    levels = r.read(STD + "t10004_levels.yaml", _Levels)
    scale = r.read(STD + "t10004_scale.yaml", _Scale)
    tiers = r.read(STD + "t10004_tiers.yaml", _Tiers)
    domains = r.read(STD + "t10004_domains.yaml", _Domains)
    industries = r.read(STD + "t10004_industries.yaml", _Industries)
    requirements = [
        r.read(STD + f"t10004_requirements_{lv}.yaml", LevelRequirements) for lv in LEVEL_IDS
    ]
    system = r.read(STD + "t20001_capability_system.yaml", CapabilitySystem)
    dimensions = r.read(STD + "t20001_dimensions.yaml", Dimensions)
    cap_levels = r.read(STD + "t20001_levels.yaml", CapabilityLevels)
    priorities = [
        r.read(STD + f"t20001_priorities_{cl}.yaml", LevelPriorities) for cl in CAPABILITY_LEVEL_IDS
    ]
    library = r.read(ASM + "unit_library.yaml", UnitLibrary)
    mapping = r.read(ASM + "tier_mapping.yaml", TierMapping)
    effort = r.read(ASM + "effort.yaml", EffortModel)
    reading = r.read(ASM + "maturity_reading.yaml", MaturityReading)
    if r.problems:
        raise CatalogError(r.problems)
    catalog = Catalog(
        version=CATALOG_VERSION,
        levels=levels.levels,
        breadths=scale.breadths,
        breadth_notes=scale.breadth_notes,
        depths=scale.depths,
        tier_rows=tiers.tier_rows,
        domains=domains.domains,
        requirements=tuple(requirements),
        main_scenario_definition=industries.main_scenario_definition,
        industries=industries.industries,
        capability_system=system,
        dimensions=dimensions,
        capability_levels=cap_levels,
        priorities=tuple(priorities),
        unit_library=library,
        tier_mapping=mapping,
        effort=effort,
        maturity_reading=reading,
    )
    _cross_check(catalog, r)
    if r.problems:
        raise CatalogError(r.problems)
    return catalog


def _duplicates(r: _Reader, rel: str, ids: list[tuple[str, tuple[str | int, ...]]]) -> None:
    seen: set[str] = set()
    for key, path in ids:
        if key in seen:
            r.fail(rel, path, f"id {key!r} 重复", f"duplicate id {key!r}")
        seen.add(key)


def _cross_check(cat: Catalog, r: _Reader) -> None:
    tiers_rel = STD + "t10004_tiers.yaml"
    _duplicates(
        r, tiers_rel, [(row.id, ("tier_rows", i, "id")) for i, row in enumerate(cat.tier_rows)]
    )
    named: dict[str, list[str]] = {
        "levels": [x.id for x in cat.levels],
        "breadths": [x.id for x in cat.breadths],
        "depths": [x.id for x in cat.depths],
    }
    for name, ids in named.items():
        rel = STD + ("t10004_levels.yaml" if name == "levels" else "t10004_scale.yaml")
        _duplicates(r, rel, [(x, (name, i, "id")) for i, x in enumerate(ids)])
    sub_ids = [s.id for s in cat.subdomains()]
    _duplicates(
        r,
        STD + "t10004_domains.yaml",
        [(sid, ("domains",)) for sid in sub_ids],
    )
    for i, block in enumerate(cat.requirements):
        rel = STD + f"t10004_requirements_{LEVEL_IDS[i]}.yaml"
        if block.level != LEVEL_IDS[i]:
            r.fail(
                rel,
                ("level",),
                f"应为等级 {LEVEL_IDS[i]}，实为 {block.level}",
                f"expected level {LEVEL_IDS[i]}, found {block.level}",
            )
        for d, dom in enumerate(block.domains):
            for s, sub in enumerate(dom.subdomains):
                if sub.subdomain not in sub_ids:
                    r.fail(
                        rel,
                        ("domains", d, "subdomains", s, "subdomain"),
                        f"未知的子域 {sub.subdomain!r}",
                        f"unknown subdomain {sub.subdomain!r}",
                    )
    for i, prio in enumerate(cat.priorities):
        if prio.level != CAPABILITY_LEVEL_IDS[i]:
            rel = STD + f"t20001_priorities_{CAPABILITY_LEVEL_IDS[i]}.yaml"
            r.fail(
                rel,
                ("level",),
                f"应为等级 {CAPABILITY_LEVEL_IDS[i]}，实为 {prio.level}",
                f"expected level {CAPABILITY_LEVEL_IDS[i]}, found {prio.level}",
            )
    _check_library(cat, r)
    _check_mapping(cat, r)
    _check_reading(cat, r)
    _check_bilingual(cat, r)


def _check_mapping(cat: Catalog, r: _Reader) -> None:
    rel = ASM + "tier_mapping.yaml"
    row_ids = {row.id for row in cat.tier_rows}
    mapped = [m.row for m in cat.tier_mapping.rows]
    for i, mapping in enumerate(cat.tier_mapping.rows):
        if mapping.row not in row_ids:
            r.fail(
                rel,
                ("rows", i, "row"),
                f"表1中没有 {mapping.row!r} 这一行",
                f"unknown Table 1 row {mapping.row!r}",
            )
    _duplicates(r, rel, [(m, ("rows", i, "row")) for i, m in enumerate(mapped)])
    for missing in sorted(row_ids - set(mapped)):
        r.fail(
            rel,
            ("rows",),
            f"表1行 {missing!r} 缺少映射依据",
            f"no rationale for Table 1 row {missing!r}",
        )
    for i, model in enumerate(cat.tier_mapping.scope_models):
        if model.depth not in cat.effort.scope_model:
            r.fail(
                rel,
                ("scope_models", i, "depth"),
                f"effort.yaml 的 scope_model 没有 {model.depth!r} 的工作量",
                f"effort.yaml scope_model has no effort for {model.depth!r}",
            )


def _check_reading(cat: Catalog, r: _Reader) -> None:
    """The maturity reading names every subdomain once and has effort for its work."""
    rel = ASM + "maturity_reading.yaml"
    reading = cat.maturity_reading
    known = [sub.id for sub in cat.subdomains()]
    named: list[str] = []
    for part in ("requirement_work", "capability_work"):
        for i, sub in enumerate(getattr(reading, part).subdomains):
            named.append(sub)
            if sub not in known:
                r.fail(
                    rel,
                    (part, "subdomains", i),
                    f"未知的子域 {sub!r}",
                    f"unknown subdomain {sub!r}",
                )
    for missing in [sub for sub in known if sub not in named]:
        r.fail(
            rel,
            ("requirement_work",),
            f"子域 {missing!r} 既不是要求项工作也不是能力工作",
            f"subdomain {missing!r} is neither requirement nor capability work",
        )
    work = set(reading.requirement_work.subdomains)
    for i, entry in enumerate(reading.organisation_priorities.items):
        if entry.carried_by not in work:
            r.fail(
                rel,
                ("organisation_priorities", "items", i, "carried_by"),
                f"{entry.carried_by!r} 不是要求项工作的子域",
                f"{entry.carried_by!r} is not a requirement-work subdomain",
            )
    _check_scope_priorities(cat, r, rel)
    effort = cat.effort.requirement
    for domain in sorted({sub.split(".")[0] for sub in work}):
        for level in LEVEL_IDS:
            if level not in effort.get(domain, {}):  # type: ignore[call-overload]
                r.fail(
                    ASM + "effort.yaml",
                    ("requirement",),
                    f"没有 {domain} 在 {level} 的工作量",
                    f"no effort for {domain} work at {level}",
                )


def _check_scope_priorities(cat: Catalog, r: _Reader, rel: str) -> None:
    """Scope-tied priorities name Appendix A items of their own level, with effort for each."""
    scope = cat.maturity_reading.scope_priorities
    if scope is None:
        return
    for i, entry in enumerate(scope.items):
        block = cat.priorities_of(entry.capability_level)
        known = {
            item.clause
            for dimension in block.dimensions
            for item in (*dimension.items, *(x for sub in dimension.sub_areas for x in sub.items))
        }
        for j, clause in enumerate(entry.clauses):
            if clause not in known:
                r.fail(
                    rel,
                    ("scope_priorities", "items", i, "clauses", j),
                    f"{clause!r} 不是 {entry.capability_level} 的附录A建设重点",
                    f"{clause!r} is not an Appendix A priority of {entry.capability_level}",
                )
        if entry.capability_level not in cat.effort.scope_work:
            r.fail(
                ASM + "effort.yaml",
                ("scope_work",),
                f"缺少 {entry.capability_level} 范围建设重点的工作量",
                f"no effort for scope work at {entry.capability_level}",
            )


def _check_bilingual(cat: Catalog, r: _Reader) -> None:
    """capplan's own texts (the assumption files) are written in both languages."""
    files = {
        "unit_library": cat.unit_library,
        "tier_mapping": cat.tier_mapping,
        "effort": cat.effort,
        "maturity_reading": cat.maturity_reading,
    }
    for name, model in files.items():
        rel = ASM + f"{name}.yaml"
        for path, text in texts_of(model):
            if not CJK.search(text.zh):
                r.fail(rel, (*path, "zh"), f"不是中文：{text.zh!r}", f"not Chinese: {text.zh!r}")
            if not text.en.strip():
                r.fail(rel, (*path, "en"), "英文文本为空", "English text is empty")


def _check_library(cat: Catalog, r: _Reader) -> None:
    rel = ASM + "unit_library.yaml"
    lib = cat.unit_library
    industry_ids = {ind.id for ind in cat.industries}
    all_ids: list[tuple[str, tuple[str | int, ...]]] = [
        (u.id, ("common", i, "id")) for i, u in enumerate(lib.common)
    ]
    for b, block in enumerate(lib.industries):
        if block.industry not in industry_ids:
            r.fail(
                rel,
                ("industries", b, "industry"),
                f"未知行业 {block.industry!r}",
                f"unknown industry {block.industry!r}",
            )
            continue
        scenarios = {m.id for m in cat.industry(block.industry).main_scenarios}
        units = lib.units_for(block.industry)
        for i, unit in enumerate(block.units):
            all_ids.append((unit.id, ("industries", b, "units", i, "id")))
            if unit.main_scenario is not None and unit.main_scenario not in scenarios:
                r.fail(
                    rel,
                    ("industries", b, "units", i, "main_scenario"),
                    f"行业 {block.industry!r} 没有主场景 {unit.main_scenario!r}",
                    f"unknown main scenario {unit.main_scenario!r} for industry {block.industry!r}",
                )
        cycle_or_missing = prerequisite_problems({u.id: u.prerequisites for u in units})
        for msg in cycle_or_missing:
            r.fail(rel, ("industries", b), msg.zh, msg.en)
    _duplicates(r, rel, all_ids)


def prerequisite_problems(prerequisites: dict[str, tuple[str, ...]]) -> list[Text]:
    """Unknown prerequisite ids and cycles in a prerequisite relation, in plain words."""
    graph: nx.DiGraph = nx.DiGraph()
    problems = []
    for unit, before in prerequisites.items():
        graph.add_node(unit)
        for other in before:
            if other not in prerequisites:
                problems.append(
                    Text(
                        zh=f"能力单元 {unit!r} 的前置单元 {other!r} 不存在",
                        en=f"unit {unit!r} has unknown prerequisite {other!r}",
                    )
                )
            graph.add_edge(other, unit)
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return problems
    names = [edge[0] for edge in cycle] + [cycle[0][0]]
    chain = " -> ".join(names)
    problems.append(Text(zh=f"前置关系成环：{chain}", en=f"prerequisite cycle: {chain}"))
    return problems
