"""Draw one run's durations, costs and staff from the steps' three-point ranges.

Each run has its own generator, seeded from the run's seed and index, and draws the steps in
the order of their ids: so a run gives the same draws whichever process or executor runs it,
and in whatever chunk. Triangular draws use the inverse distribution function; PERT draws
the beta distribution with shape 4 (the usual "modified PERT" weight of the most likely value).
"""

from __future__ import annotations

import math
import random
from dataclasses import replace
from typing import Literal

from planner.compile.spread import Triple
from planner.compile.step import Step
from planner.model.money import MONEY_SCALE

Distribution = Literal["triangular", "pert"]
PERT_SHAPE = 4.0


def run_generator(seed: int, index: int) -> random.Random:
    """The generator of one run (string seeds are hashed with SHA-512: stable everywhere)."""
    return random.Random(f"capplan-risk:{seed}:{index}")


def triangular_inverse(u: float, low: float, mode: float, high: float) -> float:
    """The value whose triangular distribution function is ``u``."""
    if high <= low:
        return low
    split = (mode - low) / (high - low)
    if u < split:
        return low + math.sqrt(u * (high - low) * (mode - low))
    return high - math.sqrt((1 - u) * (high - low) * (high - mode))


def draw(rng: random.Random, triple: Triple, distribution: Distribution) -> float:
    low, mode, high = triple
    if high <= low:
        return mode
    if distribution == "pert":
        alpha = 1 + PERT_SHAPE * (mode - low) / (high - low)
        beta = 1 + PERT_SHAPE * (high - mode) / (high - low)
        return low + rng.betavariate(alpha, beta) * (high - low)
    return triangular_inverse(rng.random(), low, mode, high)


def sample_step(
    step: Step, rng: random.Random, distribution: Distribution, months_per_period: int
) -> Step:
    """The step with drawn duration (whole periods), spend rate and staff.

    Months, cost and staff are drawn independently of each other (capplan's assumption)."""
    spread = step.spread
    if spread is None or spread.certain:
        return step
    months = draw(rng, spread.months, distribution)
    cost = draw(rng, spread.cost, distribution)
    staff = draw(rng, spread.staff, distribution)
    if step.duration == 0:
        return replace(step, staff=round(staff))
    # the planned periods, moved by the drawn deviation from the most likely months rounded
    # to whole periods: the most likely draw keeps the plan's duration, and the rounding
    # favours neither side
    shift = math.floor((months - spread.months[1]) / months_per_period + 0.5)
    periods = max(1, step.duration + shift)
    rate = round(cost * MONEY_SCALE / periods)
    return replace(step, duration=periods, rate=rate, staff=max(0, round(staff)))


def sample_steps(
    steps: dict[str, Step],
    chosen: list[str],
    fixed: frozenset[str],
    seed: int,
    index: int,
    distribution: Distribution,
    months_per_period: int,
) -> dict[str, Step]:
    """One run's steps: the chosen ones drawn (in id order), the fixed ones as they are."""
    rng = run_generator(seed, index)
    out = dict(steps)
    for sid in sorted(chosen):
        if sid not in fixed:
            out[sid] = sample_step(steps[sid], rng, distribution, months_per_period)
    return out
