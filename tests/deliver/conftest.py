"""Export fixtures: the demo planned once, the demo with named initiatives, and the real tools
(LibreOffice, a Java runtime for MPXJ, chromium), which CI must have."""

from __future__ import annotations

import os
import shutil
from typing import Any

import pytest

from planner.deliver.context import ExportContext, export_context
from planner.model.problem import load_problem
from planner.result.plan_result import PlanResult
from tests.report.conftest import DEMO, solved
from tests.report.conftest import artifacts as artifacts  # shared fixtures
from tests.report.conftest import browser as browser

NAMED: dict[str, Any] = {
    "initiatives": [
        {
            "id": "planning-kickoff",
            "name": "排程策划",
            "steps": ["upgrade:dm.production.planning:CL2:plan"],
        },
        {
            "id": "mes",
            "name": {"zh": "智能车间（MES）建设", "en": "Smart shop floor (MES)"},
            "units": ["dm.production.shop_floor", "dm.production.planning"],
            "benefits": [
                {
                    "kpi": {"zh": "设备综合效率", "en": "OEE"},
                    "baseline": 62,
                    "target": 75,
                    "unit": "%",
                },
                {"kpi": "交付周期", "baseline": "21天", "target": "14天", "category": "效率提升"},
            ],
        },
        {"id": "organisation@L2", "name": {"zh": "数据治理体系建设", "en": "Data governance"}},
        {"id": "ghost", "name": "不存在的项目", "steps": ["no:such:step"]},
    ]
}


def require_tool(path: str | None, what: str, module_level: bool = False) -> str:
    """The tool's path; skipped visibly when absent locally, a failure when CI=true."""
    if path is not None and os.path.exists(path):
        return path
    message = f"{what} is missing: install it (see .ci/run) to run these tests"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=module_level)  # pragma: no cover - CI installs it


def soffice() -> str:
    return require_tool(shutil.which("soffice"), "LibreOffice (libreoffice-core …)")


@pytest.fixture(scope="session")
def demo_plan() -> PlanResult:
    return solved(load_problem(DEMO))


@pytest.fixture(scope="session")
def named_plan() -> PlanResult:
    return solved(load_problem(DEMO).replace(**NAMED))


@pytest.fixture(scope="session")
def zh(demo_plan: PlanResult) -> ExportContext:
    return export_context(demo_plan, "zh")


@pytest.fixture(scope="session")
def en(demo_plan: PlanResult) -> ExportContext:
    return export_context(demo_plan, "en")


@pytest.fixture(scope="session")
def named(named_plan: PlanResult) -> ExportContext:
    return export_context(named_plan, "zh")
