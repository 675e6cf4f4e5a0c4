"""requirements.lock pins every dependency pyproject.toml names (the core, every extra and
every dependency group), at a version pyproject allows.

When this fails after a dependency was added or changed, run ``make lock``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def pins(text: str) -> dict[str, Version]:
    out: dict[str, Version] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"requirements.lock: {line!r} is not pinned with =="
            out[canonicalize_name(name)] = Version(version)
    return out


def pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def declared(toml: dict[str, Any]) -> list[tuple[str, Requirement]]:
    """(where, requirement) for the core, every extra and every dependency group (PEP 735:
    a group's ``{include-group = ...}`` entries name other groups, not packages), the
    self-references left out."""
    project = toml["project"]
    out = [("dependencies", Requirement(r)) for r in project["dependencies"]]
    for extra, reqs in project["optional-dependencies"].items():
        out += [(f"extra {extra}", Requirement(r)) for r in reqs]
    for group, reqs in toml.get("dependency-groups", {}).items():
        out += [(f"group {group}", Requirement(r)) for r in reqs if isinstance(r, str)]
    return [(where, r) for where, r in out if canonicalize_name(r.name) != "capplan"]


def test_every_dependency_is_pinned_within_its_range() -> None:
    locked = pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    problems = []
    for where, req in declared(pyproject()):
        version = locked.get(canonicalize_name(req.name))
        if version is None:
            problems.append(f"{req.name} ({where}) is not in requirements.lock")
        elif not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req.name}=={version} in requirements.lock, {where} wants {req}")
    assert not problems, "run `make lock`:\n" + "\n".join(problems)


def test_all_is_every_extra() -> None:
    extras = pyproject()["project"]["optional-dependencies"]
    (everything,) = extras["all"]
    assert Requirement(everything).extras == set(extras) - {"all"}


def test_the_development_tools_are_groups_and_dev_is_every_group() -> None:
    """test / lint / browser / fuzz as dependency groups (no tool is an extra of the package);
    ``dev`` (what ``make test`` installs) includes each of them and nothing else."""
    toml = pyproject()
    groups = toml["dependency-groups"]
    assert {"test", "lint", "browser", "fuzz", "dev"} <= set(groups)
    assert groups["dev"] == [{"include-group": g} for g in groups if g != "dev"]
    tools = {
        canonicalize_name(Requirement(r).name)
        for g in groups.values()
        for r in g
        if isinstance(r, str)
    }
    extras = {
        canonicalize_name(Requirement(r).name)
        for reqs in toml["project"]["optional-dependencies"].values()
        for r in reqs
    }
    assert {"pytest", "ruff", "mypy", "playwright", "schemathesis"} <= tools
    assert not tools & extras, tools & extras


def test_the_lock_names_no_local_or_editable_package() -> None:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    for line in text.splitlines():
        assert not line.startswith(("-e", "-r", "-c")) and " @ " not in line, line
    assert "capplan" not in pins(text)
