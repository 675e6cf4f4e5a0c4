"""Money: kept in whole yuan inside the planner, shown in 万元 (CNY 10k), the unit of the inputs.

``money_text`` is the one formatter of an amount as 万元 text, used by the reports, the
deliverables, the what-if tables and the command line.
"""

from __future__ import annotations

MONEY_SCALE = 10_000  # yuan per 万元: money is kept in whole yuan internally


def money_text(
    amount: float | None, digits: int = 2, *, in_wan: bool = False, signed: bool = False
) -> str:
    """``amount`` (yuan, or already 万元 with ``in_wan``) as 万元 with thousands separators
    and ``digits`` decimals ('1,234.50'), with its sign if ``signed``; '–' when unknown."""
    if amount is None:
        return "–"
    value = amount if in_wan else amount / MONEY_SCALE
    return f"{value:{'+' if signed else ''},.{digits}f}"
