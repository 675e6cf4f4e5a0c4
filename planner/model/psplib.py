"""Read PSPLIB single-mode RCPSP instances (.sm) as capplan problems of user-defined work.

Each job becomes an extra step (duration, demand on each renewable resource, predecessors);
each renewable resource becomes a user-defined resource with constant capacity. With no tier
target, objective ``fastest`` finishes everything as early as possible (the makespan).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from catalog.errors import DataError, Issue
from planner.model.problem import Problem


@dataclass(frozen=True)
class RcpspInstance:
    name: str
    horizon: int
    durations: dict[int, int]
    demands: dict[int, tuple[int, ...]]
    successors: dict[int, tuple[int, ...]]
    capacities: tuple[int, ...]


def read_sm(path: Path) -> RcpspInstance:
    """Parse a PSPLIB .sm file; errors name the file and the line."""
    lines = path.read_text(encoding="ascii", errors="replace").splitlines()
    horizon = 0
    successors: dict[int, tuple[int, ...]] = {}
    durations: dict[int, int] = {}
    demands: dict[int, tuple[int, ...]] = {}
    capacities: tuple[int, ...] = ()
    section = ""
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if text.startswith("horizon"):
            try:
                horizon = int(text.split(":")[1])
            except (IndexError, ValueError) as exc:
                raise _unreadable(path, number, text) from exc
        elif text.startswith("PRECEDENCE RELATIONS"):
            section = "prec"
        elif text.startswith("REQUESTS/DURATIONS"):
            section = "req"
        elif text.startswith("RESOURCEAVAILABILITIES"):
            section = "avail"
        elif text.startswith("*"):
            section = "" if section != "avail" else section
        elif section and re.match(r"^\d", text):
            try:
                fields = [int(x) for x in text.split()]
                if section == "prec":
                    job, _modes, count, *succ = fields
                    successors[job] = tuple(succ[:count])
                elif section == "req":
                    job, _mode, duration, *req = fields
                    durations[job], demands[job] = duration, tuple(req)
                else:
                    capacities = tuple(fields)
            except ValueError as exc:
                raise _unreadable(path, number, text) from exc
    if not durations or not capacities:
        raise DataError(
            [
                Issue.of(
                    "没有找到作业或资源可用量",
                    "no jobs or no resource availabilities found",
                    file=str(path),
                )
            ]
        )
    unknown = sorted({n for succ in successors.values() for n in succ} - set(durations))
    if unknown:
        raise DataError(
            [
                Issue.of(
                    f"后继关系中有未给出工期的作业：{unknown}",
                    f"successors name jobs with no duration: {unknown}",
                    file=str(path),
                )
            ]
        )
    return RcpspInstance(path.name, horizon, durations, demands, successors, capacities)


def to_problem(instance: RcpspInstance) -> Problem:
    predecessors: dict[int, list[int]] = {job: [] for job in instance.durations}
    for job, succ in instance.successors.items():
        for nxt in succ:
            predecessors[nxt].append(job)
    resources = [{"id": f"R{i + 1}", "capacity": cap} for i, cap in enumerate(instance.capacities)]
    steps = [
        {
            "id": f"job{job}",
            "duration": instance.durations[job],
            "demands": {f"R{i + 1}": d for i, d in enumerate(instance.demands[job]) if d},
            "predecessors": [f"job{p}" for p in sorted(predecessors[job])],
        }
        for job in sorted(instance.durations)
    ]
    horizon = min(240, instance.horizon or sum(instance.durations.values()))
    return Problem.model_validate(
        {
            "name": f"PSPLIB {instance.name}",
            "time": {"start": dt.date(2027, 1, 1), "period": "month", "horizon": horizon},
            "resources": resources,
            "extra_steps": steps,
        }
    )


def read_psplib(path: str | Path) -> Problem:
    """A PSPLIB single-mode .sm file as a capplan problem (``to_problem(read_sm(path))``)."""
    return to_problem(read_sm(Path(path)))


def _unreadable(path: Path, number: int, text: str) -> DataError:
    return DataError(
        [Issue.of(f"无法读取 {text!r}", f"cannot read {text!r}", file=str(path), line=number)]
    )
