"""How a roadmap meets each requirement item of the level it claims (10004 5.2–5.6).

Solver-free. For the tier a roadmap claims (its route's row, level Lk), every requirement item
of Lk and of each lower level is accounted for: already met at the start, met by which
requirement-work step, met by the capability work of the route's scope (新型能力, 业务数字化;
maturity_reading.yaml ``capability_work``), presumed met by that reading where no unit of the
item's perspective is in the scope (``presumed_by_reading``: no steps of other perspectives are
listed as meeting it), advisory, or not applicable and why.
"""

from __future__ import annotations

from typing import Literal

from catalog.models.base import Frozen, Text
from catalog.models.maturity import LEVEL_IDS
from planner.compile.instance import Instance
from planner.compile.organisation import scope_name
from planner.compile.state import Unit
from planner.result.roadmap import Roadmap

ItemStatus = Literal[
    "already_met",
    "met_by_step",
    "met_by_capability_work",
    "presumed_by_reading",
    "advisory",
    "not_applicable",
    "not_met",
]

STATUS_TEXT: dict[str, Text] = {
    "already_met": Text(zh="已满足", en="already met"),
    "met_by_step": Text(zh="由要求项工作满足", en="met by requirement work"),
    "met_by_capability_work": Text(zh="由能力建设满足", en="met by capability work"),
    "presumed_by_reading": Text(
        zh="按解读推定满足（capability_work）",
        en="presumed met by capplan's reading (capability_work)",
    ),
    "advisory": Text(zh="建议项（不计入等级）", en="advisory (does not count for the level)"),
    "not_applicable": Text(zh="不适用", en="not applicable"),
    "not_met": Text(zh="未满足", en="not met"),
}

# the 20001 perspective of each 新型能力 subdomain
_PERSPECTIVE = {
    "capability.carrier": "carrier",
    "capability.process": "process",
    "capability.object": "object",
    "capability.partner": "partner",
    "capability.subject": "subject",
    "capability.driving_element": "driving_element",
}
# each perspective's short name and the activity 10004 5.3.3.1 names for it
PERSPECTIVE_TEXT: dict[str, tuple[Text, Text]] = {
    "carrier": (Text(zh="载体", en="carrier"), Text(zh="产品创新和研发设计", en="product innovation and R&D design")),
    "process": (Text(zh="过程", en="process"), Text(zh="生产与运营管控", en="production and operations control")),
    "object": (Text(zh="对象", en="object"), Text(zh="用户服务", en="user service")),
    "partner": (Text(zh="合作伙伴", en="partner"), Text(zh="供应链或产业链合作", en="supply- or industry-chain cooperation")),
    "subject": (Text(zh="主体", en="subject"), Text(zh="人才开发与知识赋能", en="talent development and knowledge enablement")),
    "driving_element": (Text(zh="驱动要素", en="driving element"), Text(zh="数据开发", en="data development")),
}  # fmt: skip


class ItemAccount(Frozen):
    """One requirement item and how the roadmap meets it."""

    clause: str
    level: str  # L1..L5
    subdomain: str
    status: ItemStatus
    steps: tuple[str, ...] = ()
    reason: Text | None = None


def requirement_account(roadmap: Roadmap, instance: Instance) -> tuple[ItemAccount, ...]:
    """Every item of the claimed level and below, with how it is met (empty without a row)."""
    route = next((r for r in instance.routes if r.id == roadmap.route), None)
    if route is None:
        return ()
    maturity, state = instance.maturity, instance.state
    level = int(route.level[1:])  # "L2" → 2
    meeting: dict[str, str] = {}
    for s in roadmap.steps:
        for clause in s.meets:
            meeting.setdefault(clause, s.id)
    in_roadmap = {s.id for s in roadmap.steps}
    scope_units = [instance.org.units[u] for u in route.scope.units]
    scope = scope_name(route.scope, route.reading, instance.org, instance.catalog)
    out: list[ItemAccount] = []
    for item in maturity.up_to(level):
        lv = LEVEL_IDS.index(item.level) + 1
        base = {"clause": item.id, "level": item.level, "subdomain": item.subdomain}
        if item.id in maturity.not_applicable:
            out.append(
                ItemAccount(
                    **base, status="not_applicable", reason=maturity.not_applicable[item.id]
                )
            )
        elif item.id in maturity.advisory:
            out.append(ItemAccount(**base, status="advisory"))
        elif item.id in state.items:
            out.append(ItemAccount(**base, status="already_met"))
        elif maturity.is_work(item.subdomain):
            step = meeting.get(item.id)
            out.append(
                ItemAccount(**base, status="met_by_step", steps=(step,))
                if step
                else ItemAccount(**base, status="not_met")
            )
        elif (persp := _PERSPECTIVE.get(item.subdomain)) is not None and not any(
            u.perspective == persp for u in scope_units
        ):
            clause = instance.catalog.maturity_reading.capability_work.clause
            out.append(
                ItemAccount(
                    **base,
                    status="presumed_by_reading",
                    reason=presumed_reason(persp, lv, scope, clause),
                )
            )
        else:
            steps, own = _capability_steps(
                item.subdomain, lv, scope_units, in_roadmap, route.targets
            )
            out.append(
                ItemAccount(
                    **base,
                    status="met_by_capability_work",
                    steps=steps,
                    reason=None
                    if own and steps
                    else _capability_reason(steps, scope, item.subdomain, lv, scope_units),
                )
            )
    return tuple(out)


def _capability_steps(
    subdomain: str,
    level: int,
    units: list[Unit],
    in_roadmap: set[str],
    targets: tuple[str, ...],
) -> tuple[tuple[str, ...], bool]:
    """The unit steps completing CL{level} for the units of the subdomain's perspective in the
    scope (True), else the route's capability targets (False: business digitalisation, which
    has no perspective; a perspective with no unit in scope is ``presumed_by_reading``)."""
    perspective = _PERSPECTIVE.get(subdomain)
    picked = [
        f"upgrade:{u.id}:CL{level}:evaluate"
        for u in units
        if perspective is not None and u.perspective == perspective
    ]
    if picked:
        return tuple(s for s in picked if s in in_roadmap), True
    return tuple(t for t in targets if t in in_roadmap and not t.startswith("require:")), False


def _capability_reason(
    steps: tuple[str, ...], scope: Text, subdomain: str, level: int, units: list[Unit]
) -> Text:
    if not steps:
        perspective = _PERSPECTIVE.get(subdomain)
        own = [u.name for u in units if perspective is not None and u.perspective == perspective]
        if own:
            return Text(
                zh=f"范围“{scope.zh}”内该视角的能力单元（{'、'.join(n.zh for n in own)}）已达到CL{level}",
                en=f"the units of this perspective in scope '{scope.en}' "
                f"({', '.join(n.en for n in own)}) are at CL{level} already",
            )
        return Text(
            zh=f"范围“{scope.zh}”内相关能力单元已达到所需能力等级",
            en=f"the units concerned in scope '{scope.en}' are at the capability level already",
        )
    return Text(
        zh=f"由表1该行在范围“{scope.zh}”内要求的能力建设整体满足（能力建设的适用范围由该行的广度规定）",
        en=f"met by the capability work the Table 1 row asks over scope '{scope.en}' as a whole "
        "(the row's breadth sets the range these items apply to)",
    )


def presumed_reason(perspective: str, level: int, scope: Text, clause: str) -> Text:
    """Why an item of a perspective with no unit in the scope counts, and what would meet it."""
    name, activity = PERSPECTIVE_TEXT[perspective]
    return Text(
        zh=f"范围“{scope.zh}”内没有{name.zh}视角（{activity.zh}）的能力单元；按 capplan 的解读"
        f" capability_work（{clause}：在表1所选行的范围内，由该行要求的能力建设满足这些要求项）"
        f"推定满足，这是解读而非标准原文。严格满足：范围内有一个{name.zh}视角的能力单元达到CL{level}。",
        en=f"no unit of the {name.en} perspective ({activity.en}) is in scope '{scope.en}'; presumed "
        f"met by capplan's reading capability_work ({clause}: within the chosen Table 1 row's "
        "scope the row's capability work meets these items), a reading, not the standard's text. "
        f"Strictly met by: a unit of the {name.en} perspective in the scope at CL{level}.",
    )
