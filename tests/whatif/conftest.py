"""What-if fixtures: a small scenario whose solves take milliseconds, and a Dask cluster."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planner.whatif.compare import RunOptions
from planner.whatif.scenario import Scenario
from planner.whatif.variants import parse_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
WHATIF = SCENARIOS / "whatif"
# short limits: these problems are proven optimal in well under a second
OPTIONS = RunOptions(time_limit=10.0, seed=0, workers=2)

SMALL = """\
# four hand-made units in two main scenarios, tier 4 now, tier 6 wanted
base:
  name: small
  organisation:
    industry: discrete_manufacturing
    main_scenarios: [rnd, production]
    use_library: false
    units:
      - {id: a, name: {zh: 甲, en: A}, perspective: carrier, main_scenario: rnd, level: 1, depth: is_integration}
      - {id: b, name: {zh: 乙, en: B}, perspective: process, main_scenario: rnd, level: 1, depth: is_integration}
      - {id: c, name: {zh: 丙, en: C}, perspective: process, main_scenario: production, level: 1, depth: is_application}
      - {id: d, name: {zh: 丁, en: D}, perspective: object, main_scenario: production, level: 1, depth: is_application}
  target: {tier: 6}
  time: {start: 2027-01-01, period: month, horizon: 36}
  budget:
    total: 1100
    yearly_caps: {2027: 450}
variants:
  - name: lean
    description: {zh: 预算825万元, en: Budget 825}
    scale: {budget.total: 0.75, budget.yearly_caps: 0.75}
  - name: tier-5
    set: {target.tier: 5}
  - name: no-caps
    unset: [budget.yearly_caps]
  - name: slow
    set: {overrides: {multipliers: {duration: 1.5}}}
"""


@pytest.fixture(scope="session")
def small() -> Scenario:
    return parse_scenario(SMALL, "small.yaml")


@pytest.fixture(scope="session")
def small_text() -> str:
    return SMALL


@pytest.fixture(scope="module")
def dask_address() -> Iterator[str]:
    """A real Dask LocalCluster on loopback TCP: one in-process worker with one thread."""
    import importlib

    distributed: Any = importlib.import_module("distributed")
    cluster: Any = distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",  # a real TCP scheduler address, as --scheduler gets it
        host="127.0.0.1",
        scheduler_port=0,
        dashboard_address=None,
    )
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()
