"""The units a group's answered breadth covers: departments and process steps, not
perspectives (tier_mapping.yaml breadth rules; assessment_scoring.yaml table1.units).

Expected units are computed by hand from unit_library.yaml (discrete manufacturing).
"""

from __future__ import annotations

import pytest

from catalog import load_catalog
from planner.assessment import load_rules
from planner.assessment.table1 import Situation, covered, organisation_of
from tests.assessment.conftest import INDUSTRY, SCENARIOS


@pytest.fixture(scope="module")
def situation() -> Situation:
    return Situation(organisation_of(INDUSTRY, SCENARIOS, load_catalog()), level=1)


@pytest.mark.parametrize(
    ("group", "breadth", "units"),
    [
        # rnd's key units are all 研发部's: the department scope holds all three (the step
        # scope 研发设计 only product_design and rnd_data)
        (
            "rnd",
            "single_department",
            ["dm.rnd.product_design", "dm.rnd.process_design", "dm.rnd.rnd_data"],
        ),
        ("rnd", "single_point", ["dm.rnd.product_design"]),
        # operations management: one unit per department; the first department by id,
        # 设备部 (equipment), with one unit — not the 4 'process' units the old reading took
        ("operations_management", "single_department", ["ops.equipment"]),
        # the chain scopes inside operations management: 供应链 采购→质量检验 (采购部, 质量部)
        # and 产业链 采购→销售与订单 (采购部, 销售部), both of two units; the first chain in the
        # vocabulary's order (供应链 before 产业链) is taken
        ("operations_management", "cross_department", ["ops.procurement", "ops.quality"]),
        # user service has no chain pair of its own (each pair reaches into another group):
        # its two largest departments, 服务部 (2 units) and 销售部 (1)
        (
            "user_service",
            "cross_department",
            [
                "dm.user_service.order_delivery",
                "dm.user_service.after_sales",
                "dm.user_service.remote_om",
            ],
        ),
    ],
)
def test_answered_breadth_covers_departments_and_steps(
    situation: Situation, group: str, breadth: str, units: list[str]
) -> None:
    assert covered(group, breadth, situation, load_rules()) == units
