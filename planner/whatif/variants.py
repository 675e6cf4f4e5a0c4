"""Scenario documents: a base problem and named variants derived from it.

A plain problem file is a scenario without variants. A scenario document has::

    name: optional title            # default: the base problem's name
    base_file: discrete_manufacturer.yaml   # relative to this file; or `base:` with a problem
    variants:
      - name: budget-30
        description: {zh: 预算削减30%, en: Budget cut by 30%}   # or a plain string
        unset: [budget.yearly_caps]             # keys removed first (fields back to defaults)
        set: {budget.total: 1050, staff: {capacity: 20}}   # dotted paths or nested mappings
        scale: {budget.total: 0.7, budget.yearly_caps: 0.7}  # multiply numbers
        remove_units: [ops.quality]             # library or listed units
        add_units: [{id: my.unit, name: {zh: …, en: …}, perspective: process, main_scenario: rnd}]
        remove_steps: [my.step]                 # an extra step, or forbid a generated step
        add_steps: [{id: my.step, duration: 2, cost: 30}]

They apply in that order: unset, set, scale, remove_units, add_units, remove_steps, add_steps.
Paths are described in ``planner.whatif.overrides``. The result is re-validated as a Problem and
compiled (catalogue references, unit prerequisites); every error names the variant's entry
that caused it, e.g. ``variants[2].set.budget.total (line 14)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from catalog import load_catalog
from catalog.errors import DataError
from catalog.models.base import Text
from catalog.yamlio import Key, YamlDocument, pydantic_issues, validate_data
from planner.compile.compiled import compile_problem
from planner.compile.organisation import resolve_organisation
from planner.model.problem import Problem
from planner.whatif import changes
from planner.whatif.blame import Fault, Op, blamed, issue_in
from planner.whatif.overrides import Concrete, PathError, plain, scale_path, set_path, unset_path
from planner.whatif.scenario import (
    BASE,
    SCENARIO_KEYS,
    Scenario,
    ScenarioDoc,
    Variant,
    VariantSpec,
    as_text,
)


@dataclass
class _Derivation:
    spec: VariantSpec
    at: Key  # ("variants", i)
    ops: list[Op] = field(default_factory=list)
    changes: list[Text] = field(default_factory=list)


def _concrete_units(data: dict[str, Any]) -> list[dict[str, Any]]:
    org = data.get("organisation")
    if not isinstance(org, dict):
        raise PathError("问题中没有组织（organisation）", "the problem has no organisation")
    units: list[dict[str, Any]] = org.setdefault("units", [])
    return units


def _remove_units(
    base: Problem, data: dict[str, Any], ids: tuple[str, ...], d: _Derivation
) -> None:
    """Drop units; a library unit is dropped by listing the others with use_library false."""
    units = _concrete_units(data)
    org = data["organisation"]
    catalog = load_catalog()
    try:
        library = [u.id for u in catalog.units_for(str(org["industry"]))]
    except KeyError:
        library = []
    try:  # the organisation as the earlier overrides of this variant left it
        current = Problem.model_validate(data)
    except ValidationError:
        current = base
    try:
        resolved = resolve_organisation(current, catalog).units
    except DataError:
        resolved = {}
    present = set(resolved) or {str(u["id"]) for u in units}
    for j, uid in enumerate(ids):
        where = (*d.at, "remove_units", j)
        if uid not in present:
            raise Fault(
                where,
                Text(
                    zh=f"{uid!r} 不是本组织的能力单元",
                    en=f"unit {uid!r} is not a unit of the organisation",
                ),
            )
        needed_by = sorted(
            other.id
            for other in resolved.values()
            if uid in other.prerequisites and other.id not in ids
        )
        if needed_by:
            others = ", ".join(needed_by)
            raise Fault(
                where,
                Text(
                    zh=f"能力单元 {uid!r} 是 {others} 的前置单元：请一并删除它们，"
                    "或改写它们的前置单元（organisation.units[ID].prerequisites）",
                    en=f"unit {uid!r} is a prerequisite of {others}: remove those too, "
                    "or set their prerequisites (organisation.units[ID].prerequisites)",
                ),
            )
        d.ops.append(Op(where, ("organisation", "units")))
        d.changes.append(changes.removed("unit", uid))
    removed = set(ids)
    listed = {str(u["id"]) for u in units}
    if org.get("use_library", True) and removed & set(library):
        org["use_library"] = False
        units.extend({"id": lid} for lid in library if lid not in listed)
    units[:] = [u for u in units if str(u["id"]) not in removed]
    modules = org.get("modules") or []
    org["modules"] = [m for m in modules if m.get("unit") not in removed]


def _add_items(
    items: tuple[dict[str, Any], ...],
    target: list[dict[str, Any]],
    at: Key,
    base_path: Concrete,
    d: _Derivation,
    label: str,
) -> None:
    for j, item in enumerate(items):
        where = (*at, j)
        if "id" not in item:
            kind = changes.KIND_NAMES[label][0]
            raise Fault(where, Text(zh=f"新增的{kind}须有 id", en=f"an added {label} needs an id"))
        ids = [str(u.get("id")) for u in target]
        item = plain(item)
        if str(item["id"]) in ids:
            k = ids.index(str(item["id"]))
            target[k] = item
        else:
            target.append(item)
            k = len(target) - 1
        d.ops.append(Op(where, (*base_path, k)))
        d.changes.append(changes.added(label, str(item["id"])))


def _remove_steps(data: dict[str, Any], ids: tuple[str, ...], d: _Derivation) -> None:
    """An extra step is deleted; any other (generated) step is forbidden via progress."""
    extra: list[dict[str, Any]] = data.setdefault("extra_steps", [])
    for j, sid in enumerate(ids):
        where = (*d.at, "remove_steps", j)
        users = [str(s["id"]) for s in extra if sid in (s.get("predecessors") or ())]
        if users:
            others = ", ".join(users)
            raise Fault(
                where,
                Text(
                    zh=f"步骤 {sid!r} 是 {others} 的前置步骤",
                    en=f"step {sid!r} is a predecessor of {others}",
                ),
            )
        if any(str(s["id"]) == sid for s in extra):
            extra[:] = [s for s in extra if str(s["id"]) != sid]
            data["precedences"] = [
                p for p in data.get("precedences") or () if sid not in (p["before"], p["after"])
            ]
            d.ops.append(Op(where, ("extra_steps",)))
        else:
            progress = data.get("progress") or {}
            progress["forbidden"] = [*(progress.get("forbidden") or ()), sid]
            data["progress"] = progress
            d.ops.append(Op(where, ("progress", "forbidden")))
        d.changes.append(changes.removed("step", sid))


def _path_ops(data: dict[str, Any], d: _Derivation) -> None:
    spec, at = d.spec, d.at
    for j, path in enumerate(spec.unset):
        d.ops.append(Op((*at, "unset", j), _guard((*at, "unset", j), unset_path, data, path)))
        d.changes.append(changes.unset(path))
    for path, value in spec.set_.items():
        where: Key = (*at, "set", path)
        d.ops.append(Op(where, _guard(where, set_path, data, path, value)))
        d.changes.append(changes.set_to(path, plain(value)))
    for path, factor in spec.scale.items():
        where = (*at, "scale", path)
        d.ops.append(Op(where, _guard(where, scale_path, data, path, factor)))
        d.changes.append(changes.scaled(path, factor))


def _guard(where: Key, func: Callable[..., Concrete], *args: Any) -> Concrete:
    try:
        return func(*args)
    except PathError as exc:
        raise Fault(where, Text(zh=exc.zh, en=exc.en)) from exc


def _apply(base: Problem, d: _Derivation) -> dict[str, Any]:
    data: dict[str, Any] = plain(base.model_dump())
    spec, at = d.spec, d.at
    _path_ops(data, d)
    try:
        if spec.remove_units:
            _remove_units(base, data, spec.remove_units, d)
        if spec.add_units:
            units = _concrete_units(data)
            where: Key = (*at, "add_units")
            _add_items(spec.add_units, units, where, ("organisation", "units"), d, "unit")
        if spec.remove_steps:
            _remove_steps(data, spec.remove_steps, d)
        if spec.add_steps:
            steps = data.setdefault("extra_steps", [])
            _add_items(spec.add_steps, steps, (*at, "add_steps"), ("extra_steps",), d, "step")
    except PathError as exc:
        raise Fault(at, Text(zh=exc.zh, en=exc.en)) from exc
    return data


def _derive(
    base: Problem, d: _Derivation, doc: YamlDocument | None, source: str, check: bool
) -> Variant:
    try:
        data = _apply(base, d)
    except Fault as fault:
        raise DataError([issue_in(doc, source, fault.where, fault.message, "variant")]) from fault
    try:
        problem = Problem.model_validate(data)
    except ValidationError as exc:
        raise DataError(
            [
                blamed(d.spec.name, d.ops, d.at, doc, source, i, i.loc)
                for i in pydantic_issues(exc, None)
            ]
        ) from exc
    if check:
        try:
            compile_problem(problem)
        except DataError as exc:
            raise DataError(
                [blamed(d.spec.name, d.ops, d.at, doc, source, i, i.loc) for i in exc.issues]
            ) from exc
    return Variant(d.spec.name, problem, as_text(d.spec.description), tuple(d.changes))


def derive(base: Problem, spec: VariantSpec | dict[str, Any], check: bool = True) -> Variant:
    """One variant of a problem (no file): errors name ``variants[0]...`` paths."""
    if isinstance(spec, dict):
        spec = validate_data(VariantSpec, spec, None, ("variants", 0))
    d = _Derivation(spec, ("variants", 0))
    return _derive(base, d, None, "variant", check)


def _base_builds(problem: Problem) -> bool:
    try:
        compile_problem(problem)
    except DataError:
        return False
    return True


def scenario_from_document(
    doc: YamlDocument, base_dir: Path | None = None, check: bool = True
) -> Scenario:
    """A scenario (or a plain problem, as a scenario without variants) from a parsed document."""
    if not isinstance(doc.data, dict):
        raise DataError(
            [doc.issue((), "顶层应为映射（键: 值）", "expected a mapping at the top level")]
        )
    if not SCENARIO_KEYS & set(doc.data):
        problem = doc.validate(Problem)
        return Scenario(problem, (), problem.name, doc.source, problem.description)
    spec = validate_data(ScenarioDoc, doc.data, doc)
    if spec.base_file is not None:
        base_path = (base_dir or Path(".")) / spec.base_file
        base_doc = YamlDocument.from_path(base_path)
        if isinstance(base_doc.data, dict) and SCENARIO_KEYS & set(base_doc.data):
            raise DataError(
                [
                    doc.issue(
                        ("base_file",),
                        f"{base_path} 是情景文件，不是问题文件",
                        f"{base_path} is a scenario, not a problem",
                    )
                ]
            )
        base = base_doc.validate(Problem)
    else:
        base = doc.validate(Problem, ("base",))
    seen: set[str] = {BASE}
    for i, v in enumerate(spec.variants):
        if v.name in seen:
            raise DataError(
                [
                    doc.issue(
                        ("variants", i, "name"),
                        f"变体名称 {v.name!r} 重复",
                        f"duplicate variant name {v.name!r}",
                    )
                ]
            )
        seen.add(v.name)
    check = check and _base_builds(base)
    variants = tuple(
        _derive(base, _Derivation(v, ("variants", i)), doc, doc.source, check)
        for i, v in enumerate(spec.variants)
    )
    description = as_text(spec.description) or base.description
    return Scenario(base, variants, spec.name or base.name, doc.source, description)


def load_scenario(path: str | Path, check: bool = True) -> Scenario:
    """Read a scenario file (or a plain problem file); errors name the file, path and line."""
    path = Path(path)
    return scenario_from_document(YamlDocument.from_path(path), path.parent, check)


def parse_scenario(text: str, source: str = "<input>", base_dir: Path | None = None) -> Scenario:
    return scenario_from_document(YamlDocument(text, source), base_dir)
