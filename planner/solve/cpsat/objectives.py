"""The objectives of the lexicographic solve: its stages, and their values as a typed record.

- fastest: earliest target period, then lowest cost;
- cheapest: lowest cost (target reached within the horizon), then earliest period;
- max-tier: highest tier within budget and horizon, then earliest period, then cost.

A stage's value is what it means (the tier reached is the tier, not its negation); a stage's
bound is a lower bound for time and cost and an upper bound for the tier. Only
``Objectives.expr`` turns the tier into something to minimise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import StrEnum

from ortools.sat.python import cp_model

from planner.solve.cpsat.variables import Variables


class Stage(StrEnum):
    TIME = "time"  # periods until the target tier is reached
    COST = "cost"  # total cost in yuan
    TIER = "tier"  # tier reached (max-tier)

    @property
    def maximised(self) -> bool:
        return self is Stage.TIER


STAGES: dict[str, tuple[Stage, ...]] = {
    "fastest": (Stage.TIME, Stage.COST),
    "cheapest": (Stage.COST, Stage.TIME),
    "max-tier": (Stage.TIER, Stage.TIME, Stage.COST),
}


@dataclass(frozen=True)
class StageValues:
    """One number per objective stage (None: not known)."""

    time: int | None = None
    cost: int | None = None
    tier: int | None = None

    def get(self, stage: Stage) -> int | None:
        value: int | None = getattr(self, stage.value)
        return value

    def with_(self, stage: Stage, value: int | None) -> StageValues:
        return replace(self, **{stage.value: value})

    def known(self, stage: Stage) -> bool:
        return self.get(stage) is not None


def gap(stage: Stage, value: int | None, bound: int | None) -> float | None:
    """How far a value may be from the optimum, relative to the value (None: unknown)."""
    if value is None or bound is None:
        return None
    return 0.0 if value == bound else abs(value - bound) / max(1, abs(value))


def tightest(stage: Stage, bound: int, value: int) -> int:
    """A bound never claims more than the value found: the better of the two."""
    return max(bound, value) if stage.maximised else min(bound, value)


class Objectives:
    """Sets, fixes and reads the stages' objectives on the model."""

    def __init__(self, variables: Variables) -> None:
        self.vars, self.model = variables, variables.model

    def expr(self, stage: Stage | str) -> cp_model.LinearExprT:
        """The expression a stage minimises."""
        return {
            Stage.TIME: self.vars.target,
            Stage.COST: self.vars.cost,
            Stage.TIER: -self.vars.tier,
        }[Stage(stage)]

    def minimise(self, stage: Stage | str) -> None:
        self.model.clear_objective()  # type: ignore[no-untyped-call]
        self.model.minimize(self.expr(stage))

    def fix(self, stage: Stage | str, value: int) -> None:
        """Keep a lexicographic stage's optimum (its own value) while optimising the next."""
        stage = Stage(stage)
        if stage.maximised:
            self.model.add(self.vars.tier >= value)
        else:
            self.model.add(self.expr(stage) <= value)

    def value(self, solver: cp_model.CpSolver, stage: Stage) -> int:
        """The stage's value in the solver's solution."""
        return int(solver.value(self.vars.tier if stage.maximised else self.expr(stage)))

    def bound(self, solver: cp_model.CpSolver, stage: Stage) -> int:
        """The search's bound on the stage being minimised (upper bound for the tier)."""
        raw = solver.best_objective_bound
        if stage.maximised:
            return math.floor(-raw + 1e-6)
        return math.ceil(raw - 1e-6)

    def minimise_moves(self, previous: dict[str, int]) -> None:
        """Stability: fewest and smallest moves from the previous roadmap."""
        m, horizon = self.model, self.vars.horizon
        m.clear_objective()  # type: ignore[no-untyped-call]
        m.clear_hints()  # type: ignore[no-untyped-call]
        terms = []
        big = horizon + 1
        for sid, v in self.vars.steps.items():
            if sid in previous:
                shift = m.new_int_var(0, horizon, f"shift[{sid}]")
                m.add_abs_equality(shift, v.start - previous[sid])
                moved = m.new_bool_var(f"moved[{sid}]")
                m.add(shift == 0).only_enforce_if(~moved)
                kept = m.new_int_var(0, horizon, "")
                if v.mandatory:
                    m.add(kept == shift)
                else:
                    m.add(kept == shift).only_enforce_if(v.present)
                    m.add(kept == 0).only_enforce_if(~v.present)
                terms += [kept, big * moved, big * (1 - v.present)]
            else:
                terms.append(big * v.present)
        m.minimize(sum(terms))
