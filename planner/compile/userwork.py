"""User-defined steps and precedences, and progress locks for re-planning.

Extra steps join the factory's DAG as kind ``user``; progress (done, in progress, forced,
forbidden, previous roadmap) becomes ``Locks`` that every backend and the validator read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
from pydantic import ValidationError

from catalog.errors import DataError, Issue, at
from catalog.models.base import Text
from catalog.yamlio import pydantic_issues
from planner.compile.spread import extra_spread
from planner.compile.step import Step
from planner.compile.steps import StepFactory
from planner.model.enums import StepKind
from planner.model.money import MONEY_SCALE
from planner.model.problem import Problem
from planner.model.work import Progress, index


@dataclass(frozen=True)
class Locks:
    """What re-planning must keep: fixed dates, forced and forbidden steps, the old plan."""

    now: int = 0
    fixed_start: dict[str, int] = field(default_factory=dict)  # done and in-progress steps
    done: frozenset[str] = frozenset()
    forced: frozenset[str] = frozenset()
    forbidden: frozenset[str] = frozenset()
    previous: dict[str, int] = field(default_factory=dict)
    stability_tolerance: float | None = None

    @property
    def mandatory(self) -> frozenset[str]:
        """Steps in every roadmap whatever the route: done, started and forced ones."""
        return self.done | frozenset(self.fixed_start) | self.forced


@dataclass(frozen=True)
class UserWork:
    step_ids: tuple[str, ...]
    precedences: tuple[tuple[str, str], ...]

    def closure(self, graph: nx.DiGraph) -> set[str]:
        out: set[str] = set(self.step_ids)
        for sid in self.step_ids:
            out |= nx.ancestors(graph, sid)
        return out


def add_user_work(problem: Problem, factory: StepFactory) -> UserWork:
    """Add extra steps to the factory's DAG; check every id they and precedences name."""
    problems: list[Issue] = []
    resources = {r.id for r in problem.resources}
    extra_ids = [s.id for s in problem.extra_steps]
    for i, extra in enumerate(problem.extra_steps):
        where = f"extra_steps[{i}]"
        if extra.id in factory.steps or extra_ids.count(extra.id) > 1:
            problems.append(
                _t(f"{where}.id", f"步骤 id {extra.id!r} 重复", f"duplicate step id {extra.id!r}")
            )
            continue
        for resource in extra.demands:
            if resource not in resources:
                problems.append(
                    _t(
                        ("extra_steps", i, "demands", resource),
                        f"未知资源 {resource!r}",
                        f"unknown resource {resource!r}",
                    )
                )
        periods = max(extra.duration, 0)
        rate = round(extra.cost * MONEY_SCALE / periods) if periods else 0
        if extra.cost and not periods:
            problems.append(
                _t(
                    f"{where}.cost",
                    "工期为 0 的步骤不能有投入",
                    "a step of duration 0 cannot cost anything",
                )
            )
        name = extra.name or Text(zh=extra.id, en=extra.id)
        mpp = problem.time.months_per_period
        spread = extra_spread(
            periods * mpp, extra.cost, extra.staff, extra.range,
            factory.catalog.effort.range_default, mpp,
        )  # fmt: skip
        step = Step(
            extra.id, StepKind.USER, name, "user", periods, rate, extra.staff,
            demands=tuple(sorted(extra.demands.items())), spread=spread,
        )  # fmt: skip
        factory.steps[extra.id] = step
        factory.graph.add_node(extra.id)
    for i, extra in enumerate(problem.extra_steps):
        for j, pred in enumerate(extra.predecessors):
            if pred not in factory.steps:
                problems.append(
                    _t(
                        f"extra_steps[{i}].predecessors[{j}]",
                        f"未知步骤 {pred!r}",
                        f"unknown step {pred!r}",
                    )
                )
            else:
                factory.graph.add_edge(pred, extra.id)
    precedences = []
    for i, prec in enumerate(problem.precedences):
        for key in ("before", "after"):
            sid = getattr(prec, key)
            if sid not in factory.steps:
                problems.append(
                    _t(f"precedences[{i}].{key}", f"未知步骤 {sid!r}", f"unknown step {sid!r}")
                )
        precedences.append((prec.before, prec.after))
    if not problems and not nx.is_directed_acyclic_graph(factory.graph):
        cycle = nx.find_cycle(factory.graph)
        names = " -> ".join([edge[0] for edge in cycle] + [cycle[0][0]])
        problems.append(_t("extra_steps", f"前置关系成环：{names}", f"predecessor cycle: {names}"))
    if not problems and precedences:
        ordered = nx.DiGraph(factory.graph)
        ordered.add_edges_from(precedences)
        if not nx.is_directed_acyclic_graph(ordered):
            cycle = nx.find_cycle(ordered)
            names = " -> ".join([edge[0] for edge in cycle] + [cycle[0][0]])
            problems.append(
                _t(
                    "precedences",
                    f"前后关系成环（每一步须在下一步开始前结束）：{names}",
                    f"cycle (each must end before the next starts): {names}",
                )
            )
    for i, override in enumerate(problem.overrides.effort):
        if override.unit is not None and override.unit not in factory.org.units:
            problems.append(
                _t(
                    f"overrides.effort[{i}].unit",
                    f"未知的能力单元 {override.unit!r}（不是本组织的能力单元）",
                    f"unknown capability unit {override.unit!r} (not a unit of this organisation)",
                )
            )
    if problems:
        raise DataError(problems)
    return UserWork(tuple(extra_ids), tuple(precedences))


def apply_progress(problem: Problem, steps: dict[str, Step], graph: nx.DiGraph) -> Locks:
    """Turn progress into locks; done steps take their actual duration and cost."""
    if problem.progress is None:
        return Locks()
    try:  # ISO dates become period indices
        progress = problem.progress.in_periods(problem.time.start, problem.time.months_per_period)
    except ValidationError as exc:
        raise DataError(pydantic_issues(exc, None, ("progress",))) from exc
    problems: list[Issue] = []

    def known(sid: str, where: str) -> bool:
        if sid not in steps:
            problems.append(
                _t(
                    f"progress.{where}",
                    f"未知步骤 {sid!r}（没有任何路径需要它）",
                    f"unknown step {sid!r} (not needed by any route)",
                )
            )
            return False
        return True

    fixed: dict[str, int] = {}
    for i, done in enumerate(progress.done):
        if known(done.id, f"done[{i}].id"):
            planned = steps[done.id]
            duration = index(done.end) - index(done.start)
            cost = planned.cost if done.cost is None else round(done.cost * MONEY_SCALE)
            rate = round(cost / duration) if duration else 0
            steps[done.id] = _with(planned, duration, rate)
            fixed[done.id] = index(done.start)
    for i, started in enumerate(progress.in_progress):
        if known(started.id, f"in_progress[{i}].id"):
            fixed[started.id] = index(started.start)
    for key in ("forced", "forbidden"):
        for i, sid in enumerate(getattr(progress, key)):
            known(sid, f"{key}[{i}]")
    for sid in fixed:
        if sid in progress.forbidden:
            problems.append(
                _t(
                    "progress.forbidden",
                    f"{sid!r} 已完成或正在进行",
                    f"{sid!r} is done or in progress",
                )
            )
    if not problems:
        _history_before_readings(steps, graph, fixed)
        problems += _out_of_order(problem, progress, steps, graph, fixed)
    if problems:
        raise DataError(problems)
    stability = progress.stability
    return Locks(
        now=index(progress.now),
        fixed_start=fixed,
        done=frozenset(d.id for d in progress.done),
        forced=frozenset(progress.forced),
        forbidden=frozenset(progress.forbidden),
        previous={p.id: index(p.start) for p in progress.previous if p.id in steps},
        stability_tolerance=stability.tolerance if stability and stability.enabled else None,
    )


def _with(step: Step, duration: int, rate: int) -> Step:
    from dataclasses import replace

    return replace(step, duration=duration, rate=rate)


def _out_of_order(
    problem: Problem,
    progress: Progress,
    steps: dict[str, Step],
    graph: nx.DiGraph,
    fixed: dict[str, int],
) -> list[Issue]:
    """Done and started steps that begin before a predecessor ended (or was started at all).

    Such progress cannot be kept by any roadmap; it is an input error naming both steps,
    not an unreachable target.
    """
    place = {d.id: f"done[{i}]" for i, d in enumerate(progress.done)}
    place.update({s.id: f"in_progress[{i}]" for i, s in enumerate(progress.in_progress)})
    done = {d.id for d in progress.done}
    edges = [(a, b, "predecessor") for a, b in graph.edges if b in fixed]
    edges += [
        (p.before, p.after, "user precedence")
        for p in problem.precedences
        if p.after in fixed and p.before in fixed
    ]
    out: list[Issue] = []
    kinds = {"predecessor": "前置步骤", "user precedence": "自定义先后关系中的前一步骤"}
    for before, after, kind in sorted(edges):
        title = f"{after!r} ({steps[after].title.en})"
        title_zh = f"{after!r}（{steps[after].title.zh}）"
        other = f"{before!r} ({steps[before].title.en})"
        other_zh = f"{before!r}（{steps[before].title.zh}）"
        start = fixed[after]
        where = f"progress.{place[after]}"
        if before not in fixed:
            out.append(
                _t(
                    where,
                    f"{title_zh} 于第 {start} 期开始，但其{kinds[kind]} {other_zh} 既未完成也未开始",
                    f"{title} starts in period {start} but its {kind} {other} is neither done "
                    "nor in progress",
                )
            )
            continue
        end = fixed[before] + steps[before].duration
        if end > start:
            state = "ends" if before in done else "is in progress and would end"
            state_zh = "" if before in done else "正在进行，将"
            out.append(
                _t(
                    where,
                    f"{title_zh} 于第 {start} 期开始，但其{kinds[kind]} {other_zh} {state_zh}"
                    f"到第 {end} 期才结束",
                    f"{title} starts in period {start} but its {kind} {other} {state} in "
                    f"period {end}",
                )
            )
    return out


ORDER_READINGS = (StepKind.REQUIREMENT, StepKind.SCOPE)


def _history_before_readings(
    steps: dict[str, Step], graph: nx.DiGraph, fixed: dict[str, int]
) -> None:
    """Work already done or under way keeps its place before the order capplan reads into the
    standards: an edge from organisation-level requirement or scope work (strategy first, the
    systematic solution before the element work, governance before an evaluation, the L2
    strategy before a node, maturity_reading.yaml ``order``) into a done or started step is
    dropped when the history did not follow it. The requirement or scope work is still
    planned, from now on; a unit's own sequence (plan, element work, evaluation) still holds
    for its history."""
    for a, b in list(graph.edges):
        if b not in fixed or steps[a].kind not in ORDER_READINGS:
            continue
        if a not in fixed or fixed[a] + steps[a].duration > fixed[b]:
            graph.remove_edge(a, b)


def _t(where: str | tuple[str | int, ...], zh: str, en: str) -> Issue:
    """An input error at a key path, in both languages."""
    return at(where, zh, en)
