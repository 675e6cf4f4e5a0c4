"""P80 per variant of a comparison (``capplan compare --risk-runs N``): the risk of each
variant's roadmap, with the same runs and seed, on the comparison's executor."""

from __future__ import annotations

from concurrent.futures import Executor

from rich.console import Console
from rich.table import Table

from catalog.models.base import Lang
from planner.compile.compiled import compile_problem
from planner.model.money import money_text
from planner.risk.engine import RiskOptions, RiskProgress, analyse
from planner.risk.labels import label
from planner.whatif.models import Comparison, VariantRisk
from planner.whatif.scenario import Scenario


def with_variant_risk(
    comparison: Comparison,
    scenario: Scenario,
    options: RiskOptions,
    executor: Executor | None = None,
    progress: RiskProgress | None = None,
) -> Comparison:
    """The comparison with the risk of every variant that has a roadmap."""
    out: dict[str, VariantRisk] = {}
    problems = {v.name: v.problem for v in scenario.all()}
    for variant in comparison.variants:
        if variant.roadmap is None or variant.name not in problems:
            continue
        instance = compile_problem(problems[variant.name])
        risk = analyse(instance, variant.roadmap, options, executor, progress)
        out[variant.name] = VariantRisk(
            runs=risk.runs,
            p50=risk.target.p50,
            p80=risk.target.p80,
            cost_p80=risk.cost.p80,
            p_within_horizon=risk.p_within_horizon,
        )
    return comparison.model_copy(update={"risk": out})


def variant_risk_rows(comparison: Comparison, lang: Lang) -> list[tuple[str, str, str, str, str]]:
    """(variant, P50 date, P80 date, P80 cost, probability within the horizon) per variant."""
    never = label("never", lang)
    return [
        (
            name,
            str(r.p50 or never),
            str(r.p80 or never),
            money_text(r.cost_p80, 1, in_wan=True),
            f"{r.p_within_horizon:.0%}",
        )
        for name, r in comparison.risk.items()
    ]


def print_variant_risk(comparison: Comparison, lang: Lang, console: Console) -> None:
    if not comparison.risk:
        return
    table = Table(title=label("variant_risk", lang))
    for col in ("variant", "p50", "p80", "cost_p80", "p_horizon"):
        table.add_column(label(col, lang))
    for row in variant_risk_rows(comparison, lang):
        table.add_row(*row)
    console.print(table)
