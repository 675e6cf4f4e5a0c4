"""P50 / P80 of a hand-made case against the analytic quantiles, within sampling error."""

from __future__ import annotations

import math

import pytest

from planner.risk import RiskOptions, analyse
from planner.risk.models import quantile
from planner.risk.sample import draw, run_generator, triangular_inverse
from tests.risk.conftest import A_COST, A_MONTHS, B_COST, B_MONTHS, planned, serial_pair

RUNS = 2000


def tri_cdf(x: float, low: float, mode: float, high: float) -> float:
    if x <= low:
        return 0.0
    if x >= high:
        return 1.0
    if x <= mode:
        return (x - low) ** 2 / ((high - low) * (mode - low))
    return 1 - (high - x) ** 2 / ((high - low) * (high - mode))


def tri_pdf(x: float, low: float, mode: float, high: float) -> float:
    if x < low or x > high:
        return 0.0
    if x <= mode:
        return 2 * (x - low) / ((high - low) * (mode - low))
    return 2 * (high - x) / ((high - low) * (high - mode))


def period_pmf(months: tuple[float, float, float]) -> dict[int, float]:
    """A drawn step lasts its most likely months moved by the deviation rounded: round(X)."""
    return {
        k: tri_cdf(k + 0.5, *months) - tri_cdf(k - 0.5, *months)
        for k in range(1, int(months[2]) + 2)
    }


def exact_date_cdf() -> dict[int, float]:
    """The exact distribution of the target period of two serial steps.

    B starts when A ends, but not before its planned start (A's most likely 5 months):
    max(round(A), 5) + round(B).
    """
    pa, pb = period_pmf(A_MONTHS), period_pmf(B_MONTHS)
    pmf: dict[int, float] = {}
    for i, p in pa.items():
        for j, q in pb.items():
            k = max(i, int(A_MONTHS[1])) + j
            pmf[k] = pmf.get(k, 0.0) + p * q
    cdf, total = {}, 0.0
    for k in sorted(pmf):
        total += pmf[k]
        cdf[k] = total
    return cdf


def exact_cost_cdf(s: float, steps: int = 4000) -> float:
    """P(A + B ≤ s) = ∫ f_A(x) F_B(s − x) dx (midpoint rule: deterministic)."""
    low, high = A_COST[0], A_COST[2]
    h = (high - low) / steps
    return sum(
        tri_pdf(low + (i + 0.5) * h, *A_COST) * tri_cdf(s - low - (i + 0.5) * h, *B_COST) * h
        for i in range(steps)
    )


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    instance, roadmap = planned(serial_pair())
    assert roadmap.target_period == 8  # 5 + 3 months, the most likely figures
    return analyse(instance, roadmap, RiskOptions(runs=RUNS, seed=0, distribution="triangular"))


def test_target_quantiles_match_the_exact_distribution(result) -> None:  # type: ignore[no-untyped-def]
    cdf = exact_date_cdf()
    sigma = math.sqrt(0.25 / RUNS)
    periods = result.target.periods
    for q, got in ((0.5, periods["p50"]), (0.8, periods["p80"]), (0.9, periods["p90"])):
        exact = min(k for k, f in cdf.items() if f >= q)
        sigma = math.sqrt(q * (1 - q) / RUNS)
        # the exact distribution function is far enough from q at its quantile that sampling
        # error (4 sigma) cannot move the empirical quantile to a neighbour
        assert cdf[exact] - q > 4 * sigma and q - cdf[exact - 1] > 4 * sigma, (q, cdf)
        assert got == exact, (q, got, exact)
    histogram = {b.period: b.runs for b in result.histogram}
    seen = 0
    for k in sorted(cdf):
        seen += histogram.get(k, 0)
        assert abs(seen / RUNS - cdf[k]) < 4 * math.sqrt(0.25 / RUNS), (k, seen / RUNS, cdf[k])


def test_cost_quantiles_match_the_convolution(result) -> None:  # type: ignore[no-untyped-def]
    sigma = math.sqrt(0.25 / RUNS)
    for q, got in ((0.5, result.cost.p50), (0.8, result.cost.p80), (0.9, result.cost.p90)):
        assert abs(exact_cost_cdf(got) - q) < 4 * sigma, (q, got, exact_cost_cdf(got))
    assert result.planned_cost == pytest.approx(150)
    assert result.cost.p50 > 150  # right-skewed ranges: the median run costs more than planned


def test_json_names_quantiles_and_dates_iso(result) -> None:  # type: ignore[no-untyped-def]
    data = result.model_dump(mode="json")
    assert set(data["target"]) == {"p50", "p80", "p90", "periods"}
    assert data["target"]["p50"] == "2027-11-01"  # period 10 from 2027-01
    assert set(data["cost"]) == {"p50", "p80", "p90"}


def test_triangular_inverse_and_pert_mean() -> None:
    low, mode, high = A_MONTHS
    for u in (0.0, 0.1, 0.5, 0.9, 0.999):
        assert tri_cdf(triangular_inverse(u, low, mode, high), low, mode, high) == pytest.approx(u)
    rng = run_generator(0, 0)
    draws = [draw(rng, A_MONTHS, "pert") for _ in range(20000)]
    mean = sum(draws) / len(draws)
    assert mean == pytest.approx((low + 4 * mode + high) / 6, abs=0.05)  # 5.5
    assert min(draws) >= low and max(draws) <= high


def test_nearest_rank_quantile() -> None:
    assert quantile([3, 1, 2, 4], 0.5) == 2
    assert quantile([3, 1, 2, 4], 0.8) == 4
    assert quantile([1, None, None, None], 0.5) is None
    assert quantile([], 0.5) is None
