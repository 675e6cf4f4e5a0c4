"""Default effort scaled to the organisation's size and to the scope a step covers.

The factors are capplan's assumption (``size_scaling`` in ``catalog/data/assumptions/
effort.yaml``, with their reasoning); they apply to default figures only, never to overrides.
Without a stated size every factor is 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog import Catalog
from catalog.errors import DataError, at
from catalog.models.base import Text
from catalog.models.effort import SizeScaling
from planner.compile.state import Organisation
from planner.model.problem import OrgSize, Problem


@dataclass(frozen=True)
class Factors:
    months: float = 1.0
    cost: float = 1.0


NEUTRAL = Factors()


def size_of(problem: Problem) -> OrgSize | None:
    return problem.organisation.size if problem.organisation is not None else None


def employee_factors(size: OrgSize, scaling: SizeScaling) -> Factors:
    """The organisation-wide factors (headcount and revenue band)."""
    e = scaling.employees
    ratio = size.employees / e.reference

    def clamp(x: float) -> float:
        return min(e.max_factor, max(e.min_factor, x))

    revenue = 1.0
    if size.revenue_band is not None:
        if size.revenue_band not in scaling.revenue_band:
            known = ", ".join(scaling.revenue_band)
            raise DataError(
                [
                    at(
                        "organisation.size.revenue_band",
                        f"未知的营收档 {size.revenue_band!r}（可选：{known}）",
                        f"unknown band {size.revenue_band!r} (known: {known})",
                    )
                ]
            )
        revenue = scaling.revenue_band[size.revenue_band]
    return Factors(clamp(ratio**e.months_exponent), clamp(ratio**e.cost_exponent) * revenue)


class Sizing:
    """The size factor of each step, from the problem's organisation and the catalogue."""

    def __init__(self, problem: Problem, catalog: Catalog, org: Organisation) -> None:
        self.scaling = catalog.effort.size_scaling
        self.size = size_of(problem)
        self.org = org
        self.sites: dict[str, int] = {}
        if problem.organisation is not None:
            self.sites = {u.id: u.sites for u in problem.organisation.units if u.sites}
        self.base = (
            NEUTRAL
            if self.size is None or self.scaling is None
            else employee_factors(self.size, self.scaling)
        )

    def unit_sites(self, unit: str) -> int:
        if unit in self.sites:
            return self.sites[unit]
        u = self.org.units.get(unit)
        if self.size is None or u is None or u.scope != "internal":
            return 1
        return self.size.sites

    def factors(self, kind: str, unit: str | None, phase: str | None, covers: int = 1) -> Factors:
        if self.size is None or self.scaling is None:
            return NEUTRAL
        months, cost = self.base.months, self.base.cost
        s = self.scaling.sites
        if unit is not None and (phase in s.phases or kind in s.phases):
            extra = self.unit_sites(unit) - 1
            months *= min(s.max_months_factor, 1 + s.months_per_extra_site * extra)
            cost *= 1 + s.cost_per_extra_site * extra
        c = self.scaling.coverage
        if covers > c.reference_units:
            ratio = covers / c.reference_units
            months *= ratio**c.months_exponent
            cost *= ratio**c.cost_exponent
        return Factors(months, cost)

    def covers(self, paradigm: str, group: str) -> int:
        """How many key units a combination step brings together."""
        org = self.org
        if paradigm == "node":
            return 1
        if paradigm == "flow":
            return len(org.key_units(group))
        units = sum(len(org.key_units(g)) for g in org.internal_groups())
        units += len(org.key_units(scope="partner"))
        if paradigm == "ecosystem":
            units += len(org.key_units(scope="ecosystem"))
        return units


REVENUE_BANDS = {
    "under_1bn": ("10亿元以下", "under 1 billion yuan"),
    "1bn_10bn": ("10亿至100亿元", "1–10 billion yuan"),
    "10bn_100bn": ("100亿至1000亿元", "10–100 billion yuan"),
    "over_100bn": ("1000亿元以上", "over 100 billion yuan"),
}


def describe(problem: Problem, catalog: Catalog) -> Text | None:
    """The organisation's size and the factors it gives default effort, in both languages."""
    size, scaling = size_of(problem), catalog.effort.size_scaling
    if size is None or scaling is None:
        return None
    f = employee_factors(size, scaling)
    s = scaling.sites
    zh_band, en_band = REVENUE_BANDS.get(size.revenue_band or "", (size.revenue_band,) * 2)
    zh = f"员工{size.employees:,}人，{size.sites}个厂区或分支机构" + (
        f"，营业收入{zh_band}" if size.revenue_band else ""
    )
    en = f"{size.employees:,} employees, {size.sites} site(s)" + (
        f", revenue {en_band}" if size.revenue_band else ""
    )
    extra = size.sites - 1
    site_cost = 1 + s.cost_per_extra_site * extra
    site_months = min(s.max_months_factor, 1 + s.months_per_extra_site * extra)
    zh += (
        f"：默认工作量的费用×{f.cost:.2f}、周期×{f.months:.2f}；覆盖全部厂区的能力单元，"
        f"其要素维、管理维和深化工作的费用再×{site_cost:.2f}、周期再×{site_months:.2f}；"
        "组合工作按所覆盖的能力单元数缩放。问题文件中给定的工作量不缩放。"
    )
    en += (
        f": default cost × {f.cost:.2f}, duration × {f.months:.2f}; for a unit spanning every "
        f"site, its element, management and deepening work cost × {site_cost:.2f} and "
        f"take × {site_months:.2f} as long; combinations scale with the units they cover. "
        "Overrides are not scaled."
    )
    return Text(zh=zh, en=en)
