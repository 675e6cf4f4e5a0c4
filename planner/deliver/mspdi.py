"""MS Project XML (MSPDI): initiatives as summary tasks, steps as tasks with dates, durations,
finish-to-start predecessors and costs, and the tier milestones. Readable by MS Project,
ProjectLibre and MPXJ.

Working time is the standard calendar (Monday to Friday, 08:00–12:00 and 13:00–17:00): a task
starts on the first working day on or after its period's first day and finishes on the last
working day before the next period; a "start no earlier than" constraint keeps the planned
start when a scheduler recalculates. Costs are fixed costs in yuan (MSPDI stores hundredths).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from xml.etree import ElementTree as ET

from catalog.models.base import Lang
from planner.deliver.build import Milestone
from planner.deliver.context import ExportContext
from planner.deliver.words import w

NS = "http://schemas.microsoft.com/project"
HOURS_PER_DAY = 8
Add = Callable[[ET.Element, str, object], ET.Element]


def working_start(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def working_finish(first_day_after: dt.date) -> dt.date:
    day = first_day_after - dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def working_days(start: dt.date, first_day_after: dt.date) -> int:
    days, day = 0, start
    while day < first_day_after:
        days += day.weekday() < 5
        day += dt.timedelta(days=1)
    return days


def _at(day: dt.date, hour: int) -> str:
    return f"{day.isoformat()}T{hour:02d}:00:00"


def _duration(days: int) -> str:
    return f"PT{days * HOURS_PER_DAY}H0M0S"


def _add(parent: ET.Element, tag: str, value: object) -> ET.Element:
    el = ET.SubElement(parent, tag)
    el.text = str(value)
    return el


def write_mspdi(ctx: ExportContext) -> bytes:
    d, lk, lang = ctx.delivery, ctx.lookup, ctx.lang
    ET.register_namespace("", NS)
    project = ET.Element(f"{{{NS}}}Project")

    def add(parent: ET.Element, tag: str, value: object) -> ET.Element:
        return _add(parent, f"{{{NS}}}{tag}", value)

    steps = d.roadmap.steps
    first = working_start(min((s.start_date for s in steps), default=d.problem.time.start))
    last = working_finish(max((s.end_date for s in steps), default=d.problem.time.start))
    add(project, "SaveVersion", 14)
    add(project, "Name", f"{d.problem.name}.xml")
    add(project, "Title", d.problem.name)
    add(project, "Author", "capplan")
    add(project, "ScheduleFromStart", 1)
    add(project, "StartDate", _at(first, 8))
    add(project, "FinishDate", _at(last, 17))
    add(project, "CurrencyCode", "CNY")
    add(project, "CurrencySymbol", "¥")
    add(project, "CalendarUID", 1)
    add(project, "DefaultStartTime", "08:00:00")
    add(project, "DefaultFinishTime", "17:00:00")
    add(project, "MinutesPerDay", HOURS_PER_DAY * 60)
    add(project, "MinutesPerWeek", HOURS_PER_DAY * 60 * 5)
    add(project, "DaysPerMonth", 20)
    _calendar(project, add)
    tasks = ET.SubElement(project, f"{{{NS}}}Tasks")
    uid = {s.id: n for n, s in enumerate(sorted(steps, key=lambda s: (s.start, s.id)), 1)}
    next_uid = len(uid) + 1
    root = ET.SubElement(tasks, f"{{{NS}}}Task")
    add(root, "UID", 0)
    add(root, "ID", 0)
    add(root, "Name", d.problem.name)
    add(root, "OutlineLevel", 0)
    add(root, "Summary", 1)
    add(root, "Start", _at(first, 8))
    add(root, "Finish", _at(last, 17))
    add(root, "Notes", _assumptions(ctx))
    row_id = 1
    notes = w("defaults_note", lang)
    for k, ini in enumerate(d.initiatives, 1):
        summary = ET.SubElement(tasks, f"{{{NS}}}Task")
        start, finish = working_start(ini.start_date), working_finish(ini.end_date)
        _task(
            add,
            summary,
            next_uid,
            row_id,
            lk.t(ini.name),
            str(k),
            1,
            start,
            finish,
            working_days(start, ini.end_date),
            ini.cost,
        )
        add(summary, "Summary", 1)
        add(summary, "Notes", f"{ini.id}\n{', '.join(ini.clauses)}\n{notes}")
        next_uid, row_id = next_uid + 1, row_id + 1
        for j, s in enumerate(ini.steps, 1):
            task = ET.SubElement(tasks, f"{{{NS}}}Task")
            start, finish = working_start(s.start_date), working_finish(s.end_date)
            _task(
                add,
                task,
                uid[s.id],
                row_id,
                s.title.get(lang),
                f"{k}.{j}",
                2,
                start,
                finish,
                working_days(start, s.end_date),
                s.cost,
            )
            add(task, "Summary", 0)
            add(task, "ConstraintType", 4)  # start no earlier than
            add(task, "ConstraintDate", _at(start, 8))
            add(task, "Notes", f"{s.id}\n{', '.join(s.clauses)}")
            for pred in ctx.predecessors.get(s.id, ()):
                link = ET.SubElement(task, f"{{{NS}}}PredecessorLink")
                add(link, "PredecessorUID", uid[pred])
                add(link, "Type", 1)  # finish to start
                add(link, "LinkLag", 0)
                add(link, "LagFormat", 7)
            row_id += 1
    for n, m in enumerate(d.milestones, 1):
        task = ET.SubElement(tasks, f"{{{NS}}}Task")
        _milestone(add, task, next_uid, row_id, m, lang, len(d.initiatives) + n)
        for s in steps:
            if s.end == m.period:
                link = ET.SubElement(task, f"{{{NS}}}PredecessorLink")
                add(link, "PredecessorUID", uid[s.id])
                add(link, "Type", 1)
        next_uid, row_id = next_uid + 1, row_id + 1
    body = ET.tostring(project, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body).encode()


def _task(
    add: Add,
    el: ET.Element,
    uid: int,
    row: int,
    name: str,
    outline: str,
    level: int,
    start: dt.date,
    finish: dt.date,
    days: int,
    cost: int,
) -> None:
    add(el, "UID", uid)
    add(el, "ID", row)
    add(el, "Name", name)
    add(el, "Type", 1)  # fixed duration
    add(el, "OutlineNumber", outline)
    add(el, "OutlineLevel", level)
    add(el, "Start", _at(start, 8))
    add(el, "Finish", _at(finish, 17))
    add(el, "Duration", _duration(days))
    add(el, "DurationFormat", 7)
    add(el, "Milestone", 0)
    add(el, "Cost", cost * 100)
    add(el, "FixedCost", cost * 100)
    add(el, "FixedCostAccrual", 3)


def _milestone(
    add: Add, el: ET.Element, uid: int, row: int, m: Milestone, lang: Lang, outline: int
) -> None:
    day = working_finish(m.date)
    add(el, "UID", uid)
    add(el, "ID", row)
    add(el, "Name", w("milestone", lang, tier=m.tier) + (f" ({m.row})" if m.row else ""))
    add(el, "Type", 1)
    add(el, "OutlineNumber", outline)
    add(el, "OutlineLevel", 1)
    add(el, "Start", _at(day, 17))
    add(el, "Finish", _at(day, 17))
    add(el, "Duration", "PT0H0M0S")
    add(el, "DurationFormat", 7)
    add(el, "Milestone", 1)
    add(el, "Summary", 0)


def _calendar(project: ET.Element, add: Add) -> None:
    cals = ET.SubElement(project, f"{{{NS}}}Calendars")
    cal = ET.SubElement(cals, f"{{{NS}}}Calendar")
    add(cal, "UID", 1)
    add(cal, "Name", "Standard")
    add(cal, "IsBaseCalendar", 1)
    add(cal, "BaseCalendarUID", -1)
    days = ET.SubElement(cal, f"{{{NS}}}WeekDays")
    for day_type in range(1, 8):  # 1 = Sunday … 7 = Saturday
        day = ET.SubElement(days, f"{{{NS}}}WeekDay")
        add(day, "DayType", day_type)
        working = day_type not in (1, 7)
        add(day, "DayWorking", int(working))
        if working:
            times = ET.SubElement(day, f"{{{NS}}}WorkingTimes")
            for a, b in (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")):
                wt = ET.SubElement(times, f"{{{NS}}}WorkingTime")
                add(wt, "FromTime", a)
                add(wt, "ToTime", b)


def _assumptions(ctx: ExportContext) -> str:
    """The project's notes: the assumptions the plan rests on and whose numbers they are."""
    lines = [w("assumptions", ctx.lang)]
    for item, value, whose, _why in ctx.assumptions.rows:
        lines.append(f"- {item}: {value or ''} [{whose}]")
    return "\n".join([*lines, *ctx.assumptions.notes])
