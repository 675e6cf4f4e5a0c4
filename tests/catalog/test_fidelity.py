"""Every Chinese text of the standard transcriptions occurs verbatim in the standard's text.

The standards' texts are not part of the repository: they live in ``../shared/seeds``
(``000_*.txt`` = T/AIITRE 10004—2023, ``001_*.txt`` = T/AIITRE 20001—2021) or wherever the
``CAPPLAN_SEEDS`` environment variable points. Without them the Chinese check is skipped,
visibly. Whitespace is ignored on both sides (the PDF extraction breaks lines anywhere); where
a text carries ``pdf_repair.fragments``, each fragment is looked up instead of the text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
STANDARD_DIR = REPO / "catalog" / "data" / "standard"
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"
SEED_PREFIX = {"t10004_": "000_", "t20001_": "001_"}
_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub("", text)


def standard_files() -> list[Path]:
    return sorted(p for p in STANDARD_DIR.rglob("*") if p.is_file())


def seeds_dir() -> Path:
    """The seeds directory; skip when the default one is absent, fail on a bad override."""
    override = os.environ.get("CAPPLAN_SEEDS")
    if override:
        path = Path(override)
        if not path.is_dir():
            pytest.fail(f"CAPPLAN_SEEDS={override} is not a directory")
        return path
    if not DEFAULT_SEEDS.is_dir():
        pytest.skip(
            f"standards' texts not found at {DEFAULT_SEEDS}; "
            "set CAPPLAN_SEEDS to the directory holding 000_*.txt and 001_*.txt"
        )
    return DEFAULT_SEEDS


def source_text(seeds: Path, prefix: str) -> str:
    found = sorted(seeds.glob(prefix + "*.txt"))
    if len(found) != 1:
        pytest.fail(f"expected exactly one {prefix}*.txt in {seeds}, found {len(found)}")
    return squash(found[0].read_text(encoding="utf-8"))


def texts(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(path, mapping) of every mapping with a ``zh`` or ``en`` key, recursively."""
    if isinstance(node, dict):
        if "zh" in node or "en" in node:
            yield where, node
        for key, value in node.items():
            yield from texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            label = value.get("id", i) if isinstance(value, dict) else i
            yield from texts(value, f"{where}[{label}]")


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_standard_files_present() -> None:
    files = standard_files()
    assert files, f"no files under {STANDARD_DIR}"
    unknown = [p.name for p in files if not any(p.name.startswith(s) for s in SEED_PREFIX)]
    assert not unknown, f"files of no known standard: {unknown}"


def test_every_zh_text_occurs_in_the_standard() -> None:
    seeds = seeds_dir()
    sources = {prefix: source_text(seeds, seed) for prefix, seed in SEED_PREFIX.items()}
    misses: list[str] = []
    checked = 0
    for path in standard_files():
        source = next(text for prefix, text in sources.items() if path.name.startswith(prefix))
        for where, node in texts(load(path), path.name):
            zh = node.get("zh")
            if not isinstance(zh, str) or not zh.strip():
                misses.append(f"{where}: zh missing or empty: {zh!r}")
                continue
            checked += 1
            repair = node.get("pdf_repair")
            fragments = repair.get("fragments") if isinstance(repair, dict) else None
            for piece in fragments or [zh]:
                if not isinstance(piece, str) or not squash(piece) or squash(piece) not in source:
                    misses.append(f"{where}: {piece!r}")
    assert not misses, f"{len(misses)} Chinese texts not found in the standards:\n" + "\n".join(
        misses
    )
    assert checked > 1000, f"only {checked} Chinese texts found"


def test_every_en_text_non_empty() -> None:
    empty: list[str] = []
    for path in standard_files():
        for where, node in texts(load(path), path.name):
            en = node.get("en")
            if not isinstance(en, str) or not en.strip():
                empty.append(f"{where}: en missing or empty: {en!r}")
    assert not empty, f"{len(empty)} English texts missing:\n" + "\n".join(empty)
