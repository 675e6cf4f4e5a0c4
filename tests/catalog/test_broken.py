"""Broken catalogue files are rejected with a message naming the file, key path and line.

Each file of ``tests/data/broken_catalog`` starts with two comments::

    # target: <path under catalog/data the file replaces>
    # expect: <regex the CatalogError message must match (re.search, multiline)>
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from catalog import CatalogError, load_catalog

TESTS = Path(__file__).resolve().parents[1]
BROKEN_DIR = TESTS / "data" / "broken_catalog"
DATA_DIR = TESTS.parent / "catalog" / "data"


@dataclass(frozen=True)
class BrokenCase:
    path: Path
    target: str
    expect: str


def read_case(path: Path) -> BrokenCase:
    header: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line.lstrip("# ").partition(":")
        if sep and key in ("target", "expect"):
            header[key] = value.strip()
    missing = {"target", "expect"} - header.keys()
    if missing:
        raise ValueError(f"{path}: header lacks {sorted(missing)}")
    return BrokenCase(path, header["target"], header["expect"])


CASES = [read_case(p) for p in sorted(BROKEN_DIR.glob("*.yaml"))]


def test_broken_cases_present() -> None:
    assert len(CASES) >= 8, f"expected the broken-catalogue cases in {BROKEN_DIR}"


@pytest.mark.parametrize("case", CASES, ids=[c.path.stem for c in CASES])
def test_broken_file_is_rejected(case: BrokenCase, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    target = data / case.target
    assert target.is_file(), f"{case.path.name}: target {case.target} is not a catalogue file"
    shutil.copyfile(case.path, target)

    with pytest.raises(CatalogError) as info:
        load_catalog(data)

    message = str(info.value)
    assert re.search(case.expect, message, re.MULTILINE), (
        f"{case.path.name}: expected /{case.expect}/ in:\n{message}"
    )
    assert target.name in message
