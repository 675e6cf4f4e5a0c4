"""requirements.lock pins every dependency pyproject.toml names, at a version pyproject allows.

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


def declared(project: dict[str, Any]) -> list[tuple[str, Requirement]]:
    """(where, requirement) for the core and every extra, the self-references left out."""
    out = [("dependencies", Requirement(r)) for r in project["dependencies"]]
    for extra, reqs in project["optional-dependencies"].items():
        out += [(f"extra {extra}", Requirement(r)) for r in reqs]
    return [(where, r) for where, r in out if canonicalize_name(r.name) != "capplan"]


def test_every_dependency_is_pinned_within_its_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    locked = pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    problems = []
    for where, req in declared(project):
        version = locked.get(canonicalize_name(req.name))
        if version is None:
            problems.append(f"{req.name} ({where}) is not in requirements.lock")
        elif not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req.name}=={version} in requirements.lock, {where} wants {req}")
    assert not problems, "run `make lock`:\n" + "\n".join(problems)


def test_all_is_every_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    (everything,) = extras["all"]
    assert Requirement(everything).extras == set(extras) - {"all", "dev"}


def test_the_lock_names_no_local_or_editable_package() -> None:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    for line in text.splitlines():
        assert not line.startswith(("-e", "-r", "-c")) and " @ " not in line, line
    assert "capplan" not in pins(text)
