"""The assessment as the planner's current state: the ``organisation`` section of a Problem."""

from __future__ import annotations

from typing import Any

from catalog import Catalog, load_catalog
from catalog.models.base import Text
from planner.assessment.assess import items_met
from planner.assessment.models import AssessmentResult
from planner.assessment.rules import ScoringRules
from planner.assessment.table1 import stage_of
from planner.model.problem import (
    ModuleSpec,
    NotApplicable,
    Organisation,
    Problem,
    RequirementsSpec,
    UnitSpec,
)


def to_problem_organisation(
    result: AssessmentResult,
    catalog: Catalog | None = None,
    name: Text | None = None,
    rules: ScoringRules | None = None,
) -> Organisation:
    """Units with their level and depth, the modules formed, the items met and those not
    applicable, from an assessment result.

    Library units not listed start unbuilt (``use_library``); build_instance(...).current_tier
    of a problem with this organisation equals ``result.tier``. The items met are those the
    result was scored with (its scoring rules' partly-met allowance); ``rules`` re-scores them.
    """
    catalog = catalog or load_catalog()
    depth_of = {s: d for d, s in stage_of(catalog).items()}
    units = []
    for u in result.units:
        if not (u.exists or u.level or u.stage):
            continue
        units.append(
            UnitSpec(
                id=u.unit,
                level=u.level,
                depth=depth_of.get(u.stage),
                exists=True,
            )
        )
    modules = [ModuleSpec(paradigm="node", unit=u.unit) for u in result.units if u.node]
    modules += [ModuleSpec(paradigm="flow", scenario=g) for g in result.flows]
    if result.ecosystem:
        modules.append(ModuleSpec(paradigm="ecosystem"))
    elif result.network:
        modules.append(ModuleSpec(paradigm="network"))
    met = sorted(items_met(result, catalog, rules))
    requirements = RequirementsSpec(
        derive=False,
        met=tuple(met),
        not_applicable=tuple(
            NotApplicable(item=na.clause, reason=na.reason) for na in result.not_applicable
        ),
    )
    org = result.organisation
    if name is None and org.name:
        name = Text(zh=org.name, en=org.name)
    return Organisation(
        name=name,
        industry=org.industry,
        main_scenarios=org.main_scenarios,
        use_library=True,
        units=tuple(units),
        modules=tuple(modules),
        requirements=requirements,
    )


def to_problem(
    result: AssessmentResult,
    target: dict[str, Any],
    time: dict[str, Any],
    catalog: Catalog | None = None,
    rules: ScoringRules | None = None,
    **rest: Any,
) -> Problem:
    """A complete planning problem starting from the assessed state.

    ``target`` and ``time`` as in a problem file (e.g. ``{"tier": 7}``,
    ``{"start": "2027-01-01", "horizon": 36}``); ``rest`` holds any other top-level field
    (budget, staff, overrides …).
    """
    organisation = to_problem_organisation(result, catalog, rules=rules)
    return Problem.model_validate(
        {
            "name": result.organisation.name or "capplan problem",
            "organisation": organisation.model_dump(),
            "target": target,
            "time": time,
            **rest,
        }
    )
