"""Why a target cannot be reached, and what would make it reachable.

A separate feasibility solve puts every constraint family (total budget, each year's cap,
horizon, staff capacity, each resource, each lock) behind an assumption literal; CP-SAT's
``sufficient_assumptions_for_infeasibility`` (single worker, no objective) names the families
that conflict. Then three more solves say what would make it feasible: the least total budget,
the earliest date with the given budget, and the highest tier reachable as things stand.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from catalog.errors import DataError
from catalog.models.base import Text
from planner.compile.instance import Instance, build_instance
from planner.model.money import money_text
from planner.result.family import STEP_KINDS, Family, FamilyKind, ordered
from planner.result.plan_result import Explanation, SolveParams
from planner.result.roadmap import wan_at_least
from planner.solve.baseline import greedy_plan
from planner.solve.bounds import infeasibility, route_bounds, with_horizon
from planner.solve.cpsat.model import RoadmapModel, build_estimate
from planner.solve.cpsat.routes import route_phase
from planner.solve.cpsat.search import extract, hint_roadmap, new_solver
from planner.solve.deadline import SHARES, Deadline


class ExplainClock:
    """Shares the explanation's time among its solves: each gets an equal part of what is
    left (a solve that ends early passes its time on), never more than is left."""

    def __init__(self, deadline: Deadline, solves: int) -> None:
        self.deadline = deadline
        self.solves_left = solves

    def next_share(self) -> Deadline:
        share = self.deadline.even(self.solves_left)
        self.solves_left -= 1
        return share


def _name(instance: Instance, family: Family) -> Text | None:
    """What the family's subject is called: a step's title, a resource's name (if given)."""
    sid = family.subject
    if family.kind in STEP_KINDS and sid is not None and sid in instance.steps:
        return instance.steps[sid].title
    if family.kind is FamilyKind.RESOURCE:
        return next((r.name for r in instance.problem.resources if r.id == sid), None)
    return None


def family_text(instance: Instance, family: Family) -> Text:
    """The family's label, with its step's title or its resource's name."""
    return family.text(_name(instance, family))


def conflicting_families(
    instance: Instance, params: SolveParams, clock: ExplainClock
) -> tuple[Family, ...] | None:
    """The families that together make the problem infeasible (None: feasible when relaxed,
    or not found out in time)."""
    if not clock.deadline.may_build("explain: families", build_estimate(instance)):
        return None
    rm = RoadmapModel(instance, explain=True)
    literals = list(rm.assumptions.values())
    rm.model.add_assumptions(literals)
    solver = new_solver(params, clock.next_share(), "explain: families", workers=1)
    code = solver.solve(rm.model)
    if code != cp_model.INFEASIBLE:
        return None
    core = set(solver.sufficient_assumptions_for_infeasibility())
    families = {var.index: family for family, var in rm.assumptions.items()}
    return ordered(families[i] for i in core if i in families)


def min_budget(instance: Instance, params: SolveParams, clock: ExplainClock) -> int | None:
    if not clock.deadline.may_build("explain: least budget", build_estimate(instance)):
        return None
    rm = RoadmapModel(instance, enforce_budget=False)
    rm.minimise("cost")
    solver = new_solver(params, clock.next_share(), "explain: least budget")
    if solver.solve(rm.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return int(solver.value(rm.cost))
    return None


def earliest_with_budget(
    instance: Instance, params: SolveParams, clock: ExplainClock
) -> int | None:
    if clock.deadline.expired:
        return None
    longer = instance.horizon + sum(s.duration for s in instance.steps.values())
    # the greedy roadmap over the longer horizon bounds it (a much smaller model) and starts it
    greedy = greedy_plan(with_horizon(instance, longer), clock.deadline)
    if greedy is not None:
        longer = max((s.end for s in greedy.steps), default=instance.horizon)
    relaxed = with_horizon(instance, longer)
    share = clock.next_share()
    if not share.may_build("explain: earliest date", build_estimate(instance)):
        return greedy.target_period if greedy is not None else None
    phase = route_phase(
        relaxed, params, share.share(SHARES.explain_route_phase), greedy, objective="fastest"
    )
    rm = RoadmapModel(relaxed)
    rm.add_route_facts(phase.lower, phase.ruled_out)
    rm.minimise("time")
    best = phase.best or greedy
    if best is not None:
        hint_roadmap(rm, best)
    solver = new_solver(params, share, "explain: earliest date")
    if solver.solve(rm.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return extract(rm, solver).target_period
    return best.target_period if best is not None else None


def highest_tier(
    instance: Instance, params: SolveParams, clock: ExplainClock
) -> tuple[int, str | None]:
    problem = instance.problem
    needs = build_estimate(instance)
    if problem.organisation is None or not clock.deadline.may_build("explain: tier", needs):
        return instance.current_tier, None
    # any row up to the target's tier: with target.row, max-tier would only try that one row
    target = None if instance.target_tier is None else {"tier": instance.target_tier}
    try:
        relaxed = build_instance(
            problem.replace(objective="max-tier", target=target), instance.catalog
        )
    except DataError:
        return instance.current_tier, None
    rm = RoadmapModel(relaxed)
    rm.minimise("tier")
    solver = new_solver(params, clock.next_share(), "explain: highest tier")
    if solver.solve(rm.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        roadmap = extract(rm, solver)
        return int(solver.value(rm.tier)), roadmap.row
    return instance.current_tier, None


def explain_infeasible(
    instance: Instance, params: SolveParams, deadline: Deadline | None = None
) -> Explanation:
    """Within ``deadline`` (default: ``explain_time_limit``, else ``time_limit``, from now)."""
    deadline = deadline or Deadline(params.explain_time_limit or params.time_limit)
    proven = infeasibility(route_bounds(instance))  # the solver-free pre-check's families
    solves = (4 if instance.routes else 3) - (proven is not None)
    clock = ExplainClock(deadline, solves)
    families = proven or conflicting_families(instance, params, clock)
    budget = min_budget(instance, params, clock) if instance.routes else None
    earliest = earliest_with_budget(instance, params, clock)
    tier, row = highest_tier(instance, params, clock)
    time = instance.problem.time
    if families:
        named = [family_text(instance, f) for f in families]
        zh = "以下约束相互冲突：" + "、".join(t.zh for t in named) + "。"
        en = "These constraints conflict: " + ", ".join(t.en for t in named) + "."
    elif families is None:
        zh = "放宽全部约束后目标可达，但在求解时限内未能确定冲突的约束。"
        en = "The target is reachable with every constraint relaxed, but the conflict was not pinned down in time."
    else:
        zh = "即使不受预算、年度上限、人力和期限约束，目标也无法达成（组织中缺少所需能力单元）。"
        en = "The target cannot be reached even without budget, caps, staff or horizon limits (the organisation lacks the units it needs)."
    remedies_zh, remedies_en = [], []
    if budget is not None and instance.budget is not None and budget > instance.budget:
        enough = wan_at_least(budget)  # rounded up: the amount stated must itself suffice
        remedies_zh.append(f"总预算提高到至少{money_text(enough, 2, in_wan=True)}万元")
        remedies_en.append(
            f"raise the total budget to at least {money_text(enough, 2, in_wan=True)} (CNY 10k)"
        )
    if earliest is not None and earliest > instance.horizon:
        date = time.period_start(earliest).isoformat()
        remedies_zh.append(f"按现有预算，最早可在{date}达成（需将期限延长到{earliest}期）")
        remedies_en.append(
            f"with the given budget the target is reached on {date} at the earliest (a horizon of {earliest} periods)"
        )
    remedies_zh.append(f"现有条件下最高可达{tier}档" + (f"（{row}）" if row else ""))
    remedies_en.append(
        f"as things stand the highest reachable tier is {tier}" + (f" ({row})" if row else "")
    )
    return Explanation(
        conflicting=families or (),
        text=Text(
            zh=zh + "可行的调整：" + "；".join(remedies_zh) + "。",
            en=en + " What would make it feasible: " + "; ".join(remedies_en) + ".",
        ),
        min_budget=budget,
        earliest_period=earliest,
        earliest_date=time.period_start(earliest).isoformat() if earliest is not None else None,
        highest_tier=tier,
        highest_row=row,
    )
