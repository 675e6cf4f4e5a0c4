"""The chain that sets the date (planner.result.critical), on the hand-checked roadmap of
test_validate: plan → scope work → element work → evaluation → deepening → the scope's model,
14 months of work with no wait; a step started later than its predecessors allow adds its
wait to the chain; the words say the steps, the work, the waits and the slack."""

from __future__ import annotations

from planner.result.critical import chain_words, critical_chain
from planner.result.plan_result import SolveParams
from planner.solve.plan import plan
from tests.planner.test_validate import MODEL, SCOPE, STARTS, instance, problem, roadmap

CHAIN = [
    "upgrade:b:CL2:plan",
    SCOPE,
    "upgrade:b:CL2:element",
    "upgrade:b:CL2:evaluate",
    "deepen:b:digital_integration",
    MODEL,
]


def test_the_chain_of_the_reference_roadmap() -> None:
    inst = instance()
    chain = critical_chain(roadmap(inst), inst)
    assert chain is not None
    assert [link.step for link in chain.links] == CHAIN
    assert (chain.work, chain.waits, chain.target_period, chain.slack) == (14, 0, 14, 10)
    assert chain.links[0].start == 0


def test_a_wait_is_part_of_the_chain() -> None:
    """The model one month after both deepenings end: the chain waits one month before it,
    and its work and waits add up to the target period."""
    inst = instance()
    late = roadmap(inst, **{MODEL: 12})
    chain = critical_chain(late, inst)
    assert chain is not None and late.target_period == 15
    assert [link.step for link in chain.links] == CHAIN
    assert chain.links[-1].wait == 1 and chain.waits == 1
    assert chain.work + chain.waits == late.target_period
    # the route's work all a month later: the first step waits for nothing but the plan's start
    shifted = {k: v + 1 for k, v in STARTS.items() if k not in ("audit", "trial")}
    later = roadmap(inst, **shifted)
    first = critical_chain(later, inst)
    assert first is not None and later.target_period == 15
    assert first.links[0].wait == 1 and first.waits == 1
    assert first.work + first.waits == later.target_period


def test_no_chain_without_a_route() -> None:
    inst = instance()
    assert critical_chain(roadmap(inst).model_copy(update={"route": None}), inst) is None


def test_plan_keeps_the_chain_and_says_it_in_both_languages() -> None:
    result = plan(problem(), SolveParams(time_limit=10, compare_routes=False))
    assert result.roadmap is not None and result.critical_chain
    assert result.critical_chain[-1].end == result.roadmap.target_period
    words = chain_words(result.critical_chain, result.roadmap, 24, "month")
    assert words is not None
    assert "关键链" in words.zh and "个月" in words.zh and "距规划期限还有" in words.zh
    assert "The chain that sets the date" in words.en and "to spare" in words.en
    title = next(s.title for s in result.roadmap.steps if s.id == MODEL)
    assert title.zh in words.zh and title.en in words.en
    short = chain_words(result.critical_chain, result.roadmap, 24, "month", steps=False)
    assert short is not None and title.zh not in short.zh and title.en not in short.en
    assert "6个步骤" in short.zh and "14个月" in short.zh and "(6 steps)" in short.en
    stored = type(result).model_validate_json(result.model_dump_json())
    assert stored.critical_chain == result.critical_chain
