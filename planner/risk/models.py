"""The risk analysis result: quantiles (p50 / p80 / p90, dates as ISO dates), probabilities,
criticality of steps and binding yearly caps. Money in 万元. Plain pydantic."""

from __future__ import annotations

import datetime as dt
import math

from pydantic import BaseModel, ConfigDict

from catalog.models.base import Text

LEVELS = (0.5, 0.8, 0.9)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def quantile(values: list[float | None], q: float) -> float | None:
    """Nearest-rank quantile: the smallest value at least a share ``q`` of runs do not exceed.

    ``None`` (never reached) counts as later than any value; a quantile that falls on it is None.
    """
    if not values:
        return None
    ordered = sorted(values, key=lambda v: (v is None, v or 0))
    return ordered[max(0, math.ceil(q * len(ordered) - 1e-9) - 1)]


class DateQuantiles(_Model):
    """When something is reached in 50 / 80 / 90% of runs (None: later than every run)."""

    p50: dt.date | None
    p80: dt.date | None
    p90: dt.date | None
    periods: dict[str, int | None]  # the same as periods from the start: {"p50": …}


class MoneyQuantiles(_Model):
    p50: float
    p80: float
    p90: float


class TierRisk(_Model):
    tier: int
    probability: float  # share of runs reaching the tier within the horizon
    dates: DateQuantiles
    planned: dt.date | None = None  # when the roadmap reaches it


class Criticality(_Model):
    step: str
    title: Text
    index: float  # share of runs in which the step drives the target date


class CapRisk(_Model):
    year: int
    cap: float  # 万元
    binding: float  # share of runs in which the cap held a step back


class Bin(_Model):
    period: int
    date: dt.date
    runs: int


class Commitment(_Model):
    """The date to promise for a confidence level, and its buffer over the plan's date."""

    level: float
    date: dt.date | None
    period: int | None
    buffer_periods: int | None


class Candidate(_Model):
    """A roadmap compared by ``--risk-target``."""

    route: str | None
    planned_date: dt.date | None
    planned_cost: float
    at_level: dt.date | None  # the date reached in the chosen share of runs
    cost_p80: float
    chosen: bool = False


class RiskResult(_Model):
    """Monte Carlo schedule and cost risk of one roadmap (same result for any executor)."""

    runs: int
    seed: int
    distribution: str
    distribution_reasoning: Text | None = None
    route: str | None
    horizon_date: dt.date
    budget: float | None  # 万元
    planned_period: int | None
    planned_date: dt.date | None
    planned_cost: float  # 万元
    replay_period: int | None  # the roadmap replayed with the most likely figures
    target: DateQuantiles
    cost: MoneyQuantiles
    p_within_horizon: float
    p_within_budget: float | None
    p_both: float | None
    tiers: tuple[TierRisk, ...] = ()
    criticality: tuple[Criticality, ...] = ()
    caps: tuple[CapRisk, ...] = ()
    histogram: tuple[Bin, ...] = ()
    unplaced: int = 0  # runs in which some step could not be placed at all
    commitment: Commitment | None = None
    candidates: tuple[Candidate, ...] = ()


def quantile_key(result: RiskResult, level: float) -> int:
    """A result's commitment period at the level, for sorting (never reached: last)."""
    c = result.commitment
    return c.period if c is not None and c.period is not None else 10**9
