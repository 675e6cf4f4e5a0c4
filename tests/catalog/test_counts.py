"""The catalogue holds every part of both standards, complete and in the standards' order."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from catalog import Catalog
from catalog.models.capability import (
    CAPABILITY_LEVEL_IDS,
    DIMENSION_IDS,
    PARADIGM_IDS,
    PERSPECTIVE_IDS,
    SUB_AREAS,
)
from catalog.models.maturity import LEVEL_IDS

BREADTH_IDS = (
    "single_point",
    "single_department",
    "cross_department",
    "main_scenario",
    "whole_organisation",
    "platform_user_group",
    "ecosystem",
)
DEPTH_IDS = (
    "it_application",
    "is_application",
    "is_integration",
    "digital_integration",
    "dynamic_collaboration",
    "intelligent_autonomy",
)
ROWS_WITH_ALTERNATIVES = frozenset({"L1-T4", "L1-T5"})


# -- 10004: levels, scale, Table 1 -----------------------------------------------------------
def test_five_levels_with_requirements(catalog: Catalog) -> None:
    assert tuple(level.id for level in catalog.levels) == LEVEL_IDS
    for level in catalog.levels:
        assert level.requirements, f"{level.id} has no requirement items"


def test_breadths_in_order(catalog: Catalog) -> None:
    assert tuple(b.id for b in catalog.breadths) == BREADTH_IDS
    assert [b.order for b in catalog.breadths] == list(range(1, 8))


def test_depths_in_order(catalog: Catalog) -> None:
    assert tuple(d.id for d in catalog.depths) == DEPTH_IDS
    assert [d.order for d in catalog.depths] == list(range(1, 7))


def test_table1_rows_cover_tiers_1_to_10(catalog: Catalog) -> None:
    assert len(catalog.tier_rows) == 15
    tiers = {row.tier for row in catalog.tier_rows}
    assert tiers == set(range(1, 11))
    for tier in range(1, 11):
        assert any(row.tier == tier for row in catalog.tier_rows), f"no row for tier {tier}"
    assert catalog.max_tier == 10


def test_table1_alternatives_only_in_l1_t4_and_l1_t5(catalog: Catalog) -> None:
    for row in catalog.tier_rows:
        assert row.key_requirements, f"{row.id} has no key requirements"
        with_alternatives = [bool(req.alternatives) for req in row.key_requirements]
        if row.id in ROWS_WITH_ALTERNATIVES:
            assert all(with_alternatives), f"{row.id}: every key requirement has alternatives"
        else:
            assert not any(with_alternatives), f"{row.id}: unexpected alternatives"
    assert {row.id for row in catalog.tier_rows} >= ROWS_WITH_ALTERNATIVES


# -- 10004: domains, requirements, industries ---------------------------------------------
def test_five_domains_22_subdomains(catalog: Catalog) -> None:
    assert len(catalog.domains) == 5
    assert len(catalog.subdomains()) == 22
    assert len({sub.id for sub in catalog.subdomains()}) == 22


@pytest.mark.parametrize("level", LEVEL_IDS)
def test_every_subdomain_has_requirements(catalog: Catalog, level: str) -> None:
    prefix = f"5.{LEVEL_IDS.index(level) + 2}"
    block = catalog.requirements_of(level)
    assert block.level == level
    assert block.clause == prefix
    for sub in catalog.subdomains():
        reqs = block.subdomain(sub.id)
        assert reqs.intro.zh.strip(), f"{level} {sub.id}: empty intro"
        assert reqs.clause.startswith(prefix + "."), f"{level} {sub.id}: clause {reqs.clause}"
        assert reqs.clause == sub.clauses[level], f"{level} {sub.id}: clause mismatch"


def test_eight_industries_with_main_scenarios(catalog: Catalog) -> None:
    assert len(catalog.industries) == 8
    for industry in catalog.industries:
        assert industry.main_scenarios, f"{industry.id} has no main scenarios"


# -- 20001: perspectives, paradigms, dimensions, levels, priorities -------------------------
def test_six_perspectives(catalog: Catalog) -> None:
    assert tuple(p.id for p in catalog.capability_system.perspectives) == PERSPECTIVE_IDS


def test_four_paradigms_with_evolution(catalog: Catalog) -> None:
    paradigms = catalog.capability_system.paradigms.items
    assert tuple(p.id for p in paradigms) == PARADIGM_IDS
    for paradigm in paradigms:
        assert paradigm.evolution.clause.strip(), f"{paradigm.id}: evolution has no clause"
        assert paradigm.evolution.zh.strip(), f"{paradigm.id}: evolution has no text"


def test_three_dimensions_four_sub_areas(catalog: Catalog) -> None:
    dimensions = catalog.dimensions.dimensions
    assert tuple(d.id for d in dimensions) == DIMENSION_IDS
    for dimension in dimensions:
        assert tuple(a.id for a in dimension.sub_areas) == SUB_AREAS[dimension.id]


def test_capability_level_characteristics(catalog: Catalog) -> None:
    levels = catalog.capability_levels.capability_levels
    assert tuple(cl.id for cl in levels) == CAPABILITY_LEVEL_IDS
    for cl in levels:
        chars = cl.characteristics
        assert chars.items or (chars.intro and chars.intro.zh.strip()), f"{cl.id}: empty"


@pytest.mark.parametrize("capability_level", CAPABILITY_LEVEL_IDS)
def test_priorities_for_every_dimension(catalog: Catalog, capability_level: str) -> None:
    block = catalog.priorities_of(capability_level)
    assert tuple(d.dimension for d in block.dimensions) == DIMENSION_IDS
    for dim_id in DIMENSION_IDS:
        dim = block.dimension(dim_id)
        if capability_level == "CL1":
            assert dim.items, f"CL1 {dim_id}: no priorities"
            continue
        areas = {area.sub_area: area for area in dim.sub_areas}
        for area_id in SUB_AREAS[dim_id]:
            assert area_id in areas, f"{capability_level} {dim_id}: no sub-area {area_id}"
            assert areas[area_id].items, f"{capability_level} {dim_id}.{area_id}: no items"


# -- every clause ---------------------------------------------------------------------------
def _clauses(node: object, where: str) -> Iterator[tuple[str, object]]:
    """(path, value) of every ``clause`` field and every ``clauses`` entry, recursively."""
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        for field in dataclasses.fields(node):
            yield from _clauses(getattr(node, field.name), f"{where}.{field.name}")
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if name == "clause":
                yield f"{where}.clause", value
            elif name == "clauses" and isinstance(value, dict):
                for key, clause in value.items():
                    yield f"{where}.clauses[{key}]", clause
            else:
                yield from _clauses(value, f"{where}.{name}")
    elif isinstance(node, tuple | list):
        for i, child in enumerate(node):
            yield from _clauses(child, f"{where}[{i}]")
    elif isinstance(node, dict):
        for key, child in node.items():
            yield from _clauses(child, f"{where}[{key}]")


def test_every_clause_non_empty(catalog: Catalog) -> None:
    found = list(_clauses(catalog, "catalog"))
    assert len(found) > 100
    # Note.clause may be None (an unnumbered 注); any clause that is given must say something
    bad = [where for where, value in found if value is not None and not str(value).strip()]
    bad += [where for where, value in found if value is not None and not isinstance(value, str)]
    assert not bad, "empty clauses:\n" + "\n".join(bad)


# -- capplan assumptions ---------------------------------------------------------------------
def test_unit_library_covers_every_industry(catalog: Catalog) -> None:
    library_industries = [block.industry for block in catalog.unit_library.industries]
    assert sorted(library_industries) == sorted(ind.id for ind in catalog.industries)


def test_every_main_scenario_has_key_units_of_two_perspectives(catalog: Catalog) -> None:
    short = []
    for industry in catalog.industries:
        units = catalog.units_for(industry.id)
        for scenario in industry.main_scenarios:
            perspectives = {
                u.perspective for u in units if u.main_scenario == scenario.id and u.key
            }
            if len(perspectives) < 2:
                short.append(f"{industry.id}/{scenario.id}: {sorted(perspectives)}")
    assert not short, "main scenarios with key units of < 2 perspectives:\n" + "\n".join(short)


def test_tier_mapping_complete(catalog: Catalog) -> None:
    mapping = catalog.tier_mapping
    assert sorted(s.breadth for s in mapping.breadth_scopes) == sorted(BREADTH_IDS)
    assert sorted(f.level for f in mapping.level_forms) == list(LEVEL_IDS)
    stages = {stage.depth: stage.stage for stage in mapping.depth_stages}
    assert len(mapping.depth_stages) == 6
    assert stages == {depth.id: depth.order for depth in catalog.depths}
