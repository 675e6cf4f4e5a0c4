"""Initiatives and waves: every step in exactly one initiative, the figures add up to the
roadmap's, the default rule and the problem's own initiatives, waves between tier milestones."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from catalog import Catalog
from catalog.errors import DataError
from planner.deliver.build import Delivery, _level_of_capability, deliver, step_level
from planner.deliver.rules import RULES_FILE, load_rules
from planner.model.problem import parse_problem
from planner.result.plan_result import PlanResult
from planner.result.roadmap import ScheduledStep

FORMS = {1: "L1", 2: "L2", 3: "L3", 4: "L4", 5: "L5"}


def test_every_step_in_exactly_one_initiative_and_the_figures_add_up(
    demo_plan: PlanResult,
) -> None:
    d = deliver(demo_plan)
    assert demo_plan.roadmap is not None and demo_plan.problem is not None
    owned = [s.id for i in d.initiatives for s in i.steps]
    assert sorted(owned) == sorted(s.id for s in demo_plan.roadmap.steps)
    assert sum(i.cost for i in d.initiatives) == demo_plan.roadmap.total_cost
    per_year: dict[int, int] = defaultdict(int)
    for i in d.initiatives:
        for year, money in i.cost_per_year.items():
            per_year[year] += money
        assert i.start == min(s.start for s in i.steps) and i.end == max(s.end for s in i.steps)
        assert i.start_date == demo_plan.problem.time.period_start(i.start)
        load = [sum(s.staff for s in i.steps if s.start <= t < s.end) for t in range(i.end)]
        assert i.staff_peak == max(load)
        assert set(i.units) == {s.unit for s in i.steps if s.unit}
        assert set(i.clauses) == {c for s in i.steps for c in s.clauses}
    assert {y: m for y, m in per_year.items() if m} == {
        y: m for y, m in demo_plan.spend_per_year.items() if m
    }
    assert [i.code for i in d.initiatives] == [f"P{k}" for k in range(1, len(d.initiatives) + 1)]


def test_default_grouping_by_workstream_and_level_names_them_by_the_rule(
    demo_plan: PlanResult,
) -> None:
    d = deliver(demo_plan)
    assert {i.id for i in d.initiatives} == {"organisation@L2", "production@L2"}
    by_id = {i.id: i for i in d.initiatives}
    assert by_id["production@L2"].name.zh == "生产主场景数字化提升（场景级）"
    assert by_id["production@L2"].name.en == "Production main scenario upgrade (Scenario)"
    assert by_id["organisation@L2"].name.zh == "组织级数字化能力建设（场景级）"
    assert all(i.source == "default" for i in d.initiatives)


def _step(sid: str, kind: str, group: str, **fields: object) -> ScheduledStep:
    import datetime as dt

    data: dict[str, object] = {
        "id": sid,
        "kind": kind,
        "title": {"zh": sid, "en": sid},
        "group": group,
        "start": 0,
        "end": 2,
        "start_date": dt.date(2027, 1, 1),
        "end_date": dt.date(2027, 3, 1),
        "rate": 10_000,
        "staff": 1,
        **fields,
    }
    return ScheduledStep.model_validate(data)


def test_level_a_step_builds(catalog: Catalog) -> None:
    forms = _level_of_capability(catalog)
    assert forms == FORMS
    assert step_level(_step("u", "upgrade", "production", capability_level=3), forms, "L2") == "L3"
    requirement = _step("require:strategy.value_model:L4", "requirement", "organisation")
    assert step_level(requirement, forms, "L2") == "L4"
    assert step_level(_step("deepen:x:y", "deepening", "production"), forms, "L2") == "L2"
    assert step_level(_step("mine", "user", "user"), forms, "L2") is None


def test_a_new_step_kind_needs_no_special_code(demo_plan: PlanResult) -> None:
    """Requirement-work steps (kind "requirement", group "organisation") group like any step."""
    assert demo_plan.roadmap is not None
    extra = _step(
        "require:governance.data:L3", "requirement", "organisation", clauses=("10004 5.4.5.3 a",)
    )
    roadmap = demo_plan.roadmap.model_copy(update={"steps": (*demo_plan.roadmap.steps, extra)})
    d = deliver(demo_plan.model_copy(update={"roadmap": roadmap}))
    found = next(i for i in d.initiatives if i.id == "organisation@L3")
    assert found.name.zh == "组织级数字化能力建设（领域级）"
    assert found.clauses == ("10004 5.4.5.3 a",) and found.steps == (extra,)


def test_problem_initiatives_take_steps_then_units_then_groups(named_plan: PlanResult) -> None:
    d = deliver(named_plan)
    by_id = {i.id: i for i in d.initiatives}
    assert [s.id for s in by_id["planning-kickoff"].steps] == [
        "upgrade:dm.production.planning:CL2:plan"
    ]
    mes = by_id["mes"]
    assert mes.source == "problem" and mes.name.en == "Smart shop floor (MES)"
    assert {s.unit for s in mes.steps} == {"dm.production.shop_floor", "dm.production.planning"}
    assert [b.kpi.zh for b in mes.benefits] == ["设备综合效率", "交付周期"]
    # a spec with a default id and nothing to take renames that default initiative
    renamed = by_id["organisation@L2"]
    assert renamed.name.zh == "数据治理体系建设" and renamed.source == "default"
    assert renamed.steps and all(s.group == "organisation" for s in renamed.steps)
    # the rest stays with the default rule; nobody invents a benefit
    assert all(s.unit not in mes.units for s in by_id["production@L2"].steps)
    assert by_id["production@L2"].benefits == ()
    assert d.unmatched == ("ghost",)


def test_waves_end_at_tier_milestones(demo_plan: PlanResult) -> None:
    d = deliver(demo_plan)
    assert demo_plan.roadmap is not None
    tiers = [m.tier for m in d.milestones]
    assert tiers == sorted(set(tiers)) and tiers[-1] == demo_plan.target_tier
    assert [w.end for w in d.waves] == [m.period for m in d.milestones]
    assert [w.start for w in d.waves] == [0, *(m.period for m in d.milestones[:-1])]
    assert sum(w.spend for w in d.waves) == demo_plan.roadmap.total_cost
    for w in d.waves:
        active = {i.id for i in d.initiatives if i.start < w.end and i.end > w.start}
        assert set(w.initiatives) == active and w.goal is not None


def test_work_after_the_last_milestone_is_a_closing_wave(demo_plan: PlanResult) -> None:
    assert demo_plan.roadmap is not None
    last = max(s.end for s in demo_plan.roadmap.steps)
    import datetime as dt

    time = demo_plan.problem.time if demo_plan.problem else None
    assert time is not None
    late = _step(
        "handover",
        "user",
        "user",
        start=last,
        end=last + 2,
        start_date=time.period_start(last),
        end_date=time.period_start(last + 2),
    )
    roadmap = demo_plan.roadmap.model_copy(update={"steps": (*demo_plan.roadmap.steps, late)})
    d: Delivery = deliver(demo_plan.model_copy(update={"roadmap": roadmap}))
    closing = d.waves[-1]
    assert closing.goal is None and closing.closing
    assert (closing.start, closing.end) == (last, last + 2)
    assert not any(w.closing for w in d.waves[:-1])
    assert closing.initiatives == ("user@all",)
    user = next(i for i in d.initiatives if i.id == "user@all")
    assert user.name.zh == "自定义工作（不分等级）" and user.start_date > dt.date(2027, 1, 1)


def test_a_result_without_roadmap_has_no_initiatives(demo_plan: PlanResult) -> None:
    with pytest.raises(ValueError, match="no roadmap"):
        deliver(demo_plan.model_copy(update={"roadmap": None}))


def test_bundled_rule_loads_and_bad_rules_name_file_and_line(tmp_path: Path) -> None:
    assert load_rules().risks.cap_use == 0.9
    text = RULES_FILE.read_text(encoding="utf-8")
    bad = tmp_path / "rules.yaml"
    bad.write_text(
        text.replace("组织级数字化能力建设（{level}）", "Organisation ({level})").replace(
            "{scenario} main scenario upgrade ({level})", "{scenario} main scenario upgrade"
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_rules(bad)
    problems = "\n".join(info.value.problems)
    assert "grouping.names.organisation.zh" in problems and "not Chinese" in problems
    assert "grouping.names.scenario.en" in problems and "{level}" in problems
    assert str(bad) in problems and "line" in problems


def test_problem_initiatives_are_checked_with_their_line() -> None:
    base = (
        "organisation: {industry: discrete_manufacturing}\n"
        "target: {tier: 5}\n"
        "time: {start: 2027-01-01, horizon: 24}\n"
        "initiatives:\n"
    )
    with pytest.raises(DataError) as info:
        parse_problem(base + "  - {id: a, name: x, units: [u]}\n  - {id: a, name: y, units: [v]}\n")
    assert "initiative ids must be unique" in "\n".join(info.value.problems)
    with pytest.raises(DataError) as info:
        parse_problem(base + "  - {id: nothing, name: x}\n", "p.yaml")
    message = "\n".join(info.value.problems)
    assert "initiatives[0]" in message and "line 5" in message and "group@level" in message
    ok = parse_problem(base + "  - {id: production@L2, name: 生产提升}\n")
    assert ok.initiatives[0].name.en == "生产提升"


def test_user_work_only_is_one_wave_without_a_tier_goal() -> None:
    from planner.deliver.context import export_context
    from planner.deliver.facts import facts
    from planner.model.problem import Problem
    from tests.planner.test_user_work import ONLY_USER
    from tests.report.conftest import solved

    result = solved(Problem.model_validate(ONLY_USER))
    d = deliver(result)
    assert [i.id for i in d.initiatives] == ["user@all"] and d.milestones == ()
    (wave,) = d.waves
    assert wave.goal is None and not wave.closing and (wave.start, wave.end) == (0, 5)
    (row,) = facts(export_context(result, "en")).waves
    assert (row.name, row.goal) == ("Wave 1", "complete every step")


def test_the_summary_names_each_alternatives_scope_and_keeps_to_a_few(
    demo_plan: PlanResult,
) -> None:
    """The chosen row over other scopes is told apart by its scope; at most four routes."""
    from planner.deliver.context import export_context
    from planner.deliver.facts import MAX_ALTERNATIVES, facts

    f = facts(export_context(demo_plan, "zh"))
    names = [a.row for a in f.alternatives]
    assert names[0].endswith("范围：生产") and f.alternatives[0].chosen
    assert any(n.endswith("范围：研发") for n in names)
    assert len(demo_plan.routes) > MAX_ALTERNATIVES
    assert len(names) == MAX_ALTERNATIVES + 1 and names[-1].startswith("… (+")
