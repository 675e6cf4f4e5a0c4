"""What sets the date: the chain of steps that ends when the target is reached, and its waits.

Solver-free, from the roadmap and the instance's precedences (the DAG's and the conditional
ones that bind because both steps are in the roadmap). From the last step of the route, each
link goes back to the predecessor that ends latest; where that predecessor ends before the step
starts, the step waited (for a yearly cap, staff, a resource or the start of the plan, not for
its predecessors), and the wait is part of the date. With no predecessor left, the chain
starts; a first step that does not start at period 0 waited too. The chain's durations and
waits add up to the target period, so a planner sees which work to speed up (or which limit to
lift) to move the date, and how far the date lies before the horizon.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from catalog.models.base import Text
from planner.result.roadmap import Roadmap

if TYPE_CHECKING:
    from planner.compile.instance import Instance


@dataclass(frozen=True)
class ChainLink:
    step: str
    start: int
    end: int
    wait: int  # periods the step waited after its latest predecessor ended (0: none)


@dataclass(frozen=True)
class CriticalChain:
    links: tuple[ChainLink, ...]  # first step first
    target_period: int
    horizon: int

    @property
    def work(self) -> int:
        return sum(link.end - link.start for link in self.links)

    @property
    def waits(self) -> int:
        return sum(link.wait for link in self.links)

    @property
    def slack(self) -> int:
        """Periods between the target and the end of the horizon."""
        return self.horizon - self.target_period


def critical_chain(roadmap: Roadmap, instance: Instance) -> CriticalChain | None:
    """The chain that sets the roadmap's target period; None without a route or a target."""
    if roadmap.target_period is None or roadmap.route is None:
        return None
    route = next((r for r in instance.routes if r.id == roadmap.route), None)
    if route is None:
        return None
    by_id = {s.id: s for s in roadmap.steps}
    ends = [s for s in roadmap.steps if s.id in route.steps and s.end == roadmap.target_period]
    if not ends:
        return None
    current = min(ends, key=lambda s: s.id)
    links: list[ChainLink] = []
    while True:
        preds = [by_id[p] for p in instance.ends_before(current.id) if p in by_id]
        latest = max(preds, key=lambda s: (s.end, s.id), default=None)
        ready = latest.end if latest is not None else 0
        links.append(ChainLink(current.id, current.start, current.end, current.start - ready))
        if latest is None:
            break
        current = latest
    return CriticalChain(tuple(reversed(links)), roadmap.target_period, instance.horizon)


def chain_words(
    links: tuple[ChainLink, ...],
    roadmap: Roadmap | None,
    horizon: int,
    period: str,
    steps: bool = True,
) -> Text | None:
    """The chain of a result in words (None when the result has none); without ``steps``,
    only its length, work, waits and slack (for a page that has no room for the steps)."""
    if roadmap is None or roadmap.target_period is None or not links:
        return None
    chain = CriticalChain(links, roadmap.target_period, horizon)
    titles = {s.id: s.title for s in roadmap.steps}
    if any(link.step not in titles for link in chain.links):
        return None
    return chain_text(chain, titles, period, steps)


UNITS = {"month": Text(zh="个月", en="months"), "quarter": Text(zh="个季度", en="quarters")}


def chain_text(
    chain: CriticalChain, titles: dict[str, Text], period: str, steps: bool = True
) -> Text:
    """The chain in words: its steps, how many periods of work and of waiting, the slack."""
    unit = UNITS[period]
    zh_steps = "：" + " → ".join(titles[link.step].zh for link in chain.links) if steps else ""
    en_steps = ": " + " → ".join(titles[link.step].en for link in chain.links) if steps else ""
    zh = (
        f"决定达成时间的关键链（{len(chain.links)}个步骤）{zh_steps}。"
        f"其中工作{chain.work}{unit.zh}"
        + (f"，等待{chain.waits}{unit.zh}（年度上限、人力或资源）" if chain.waits else "")
        + f"；达成后距规划期限还有{chain.slack}{unit.zh}。"
    )
    en = (
        f"The chain that sets the date ({len(chain.links)} steps){en_steps}. "
        f"{chain.work} {unit.en} of work"
        + (
            f", {chain.waits} {unit.en} of waiting (yearly caps, staff or resources)"
            if chain.waits
            else ""
        )
        + f"; {chain.slack} {unit.en} to spare before the end of the horizon."
    )
    return Text(zh=zh, en=en)
