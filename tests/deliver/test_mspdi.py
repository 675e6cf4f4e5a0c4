"""The MS Project XML read back by MPXJ (Java, through JPype): every task, date, duration,
predecessor, cost and milestone matches the roadmap."""

from __future__ import annotations

import datetime as dt
import importlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planner.deliver.context import ExportContext
from planner.deliver.mspdi import working_days, working_finish, working_start, write_mspdi
from tests.deliver.conftest import require_tool


@pytest.fixture(scope="module")
def mpxj() -> Iterator[Any]:
    require_tool(shutil.which("java"), "a Java runtime (default-jre-headless)")
    importlib.import_module("mpxj")  # puts the MPXJ jars on the class path
    jpype: Any = importlib.import_module("jpype")
    if not jpype.isJVMStarted():
        jpype.startJVM()
    reader: Any = importlib.import_module("org.mpxj.reader")
    yield reader.UniversalProjectReader()


def _read(mpxj: Any, ctx: ExportContext, tmp_path: Path) -> Any:
    path = tmp_path / "plan.xml"
    path.write_bytes(write_mspdi(ctx))
    return mpxj.read(str(path))


def _day(value: Any) -> dt.date:
    return dt.date(value.getYear(), value.getMonthValue(), value.getDayOfMonth())


def test_working_calendar_helpers() -> None:
    friday, monday = dt.date(2027, 1, 1), dt.date(2027, 1, 4)
    assert working_start(dt.date(2027, 1, 2)) == monday and working_start(friday) == friday
    assert working_finish(monday) == friday  # the day before is Sunday
    assert working_days(friday, dt.date(2027, 1, 8)) == 5


def test_every_task_date_predecessor_cost_and_milestone(
    mpxj: Any, zh: ExportContext, tmp_path: Path
) -> None:
    project = _read(mpxj, zh, tmp_path)
    d = zh.delivery
    tasks = [t for t in project.getTasks() if int(t.getUniqueID()) != 0]
    by_name: dict[str, Any] = {}
    for t in tasks:
        by_name.setdefault(str(t.getName()), t)
    assert len(tasks) == len(d.initiatives) + len(d.roadmap.steps) + len(d.milestones)
    uid_of = {}
    for ini in d.initiatives:
        summary = by_name[ini.name.zh]
        assert summary.getSummary() and int(summary.getOutlineLevel()) == 1
        assert _day(summary.getStart()) == working_start(ini.start_date)
        assert _day(summary.getFinish()) == working_finish(ini.end_date)
        children = [str(c.getName()) for c in summary.getChildTasks()]
        assert children == [s.title.zh for s in ini.steps]
        for child, step in zip(summary.getChildTasks(), ini.steps, strict=True):
            uid_of[step.id] = int(child.getUniqueID())
    for ini in d.initiatives:
        for child, step in zip(by_name[ini.name.zh].getChildTasks(), ini.steps, strict=True):
            start = working_start(step.start_date)
            assert _day(child.getStart()) == start, step.id
            assert _day(child.getFinish()) == working_finish(step.end_date), step.id
            assert float(child.getDuration().getDuration()) == working_days(start, step.end_date)
            assert not child.getMilestone() and not child.getSummary()
            assert float(child.getCost()) == pytest.approx(step.cost)
            preds = sorted(
                int(r.getPredecessorTask().getUniqueID()) for r in child.getPredecessors()
            )
            assert preds == sorted(uid_of[p] for p in zh.predecessors[step.id]), step.id
            assert all(str(r.getType()) == "FS" for r in child.getPredecessors())
    milestones = [t for t in tasks if t.getMilestone()]
    assert len(milestones) == len(d.milestones) > 0
    for task, m in zip(milestones, d.milestones, strict=True):
        assert str(task.getName()) == f"里程碑：水平档次{m.tier} ({m.row})"
        assert _day(task.getFinish()) == working_finish(m.date)
        ending = sorted(uid_of[s.id] for s in d.roadmap.steps if s.end == m.period)
        assert (
            sorted(int(r.getPredecessorTask().getUniqueID()) for r in task.getPredecessors())
            == ending
        )
    assert str(project.getProjectProperties().getCurrencyCode()) == "CNY"
    (root,) = [t for t in project.getTasks() if int(t.getUniqueID()) == 0]
    notes = str(root.getNotes())
    assert (
        "假设与默认值" in notes
        and "项目归并规则" in notes
        and "[capplan 默认值（可覆盖）]" in notes
    )


def test_every_dependency_is_kept_in_the_schedule(zh: ExportContext) -> None:
    """The exported links are the roadmap's: every predecessor ends before its successor starts."""
    steps = {s.id: s for s in zh.delivery.roadmap.steps}
    links = [(p, s) for s, preds in zh.predecessors.items() for p in preds]
    assert links, "the demo's steps depend on one another"
    for pred, succ in links:
        assert steps[pred].end <= steps[succ].start
