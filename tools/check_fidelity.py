"""Check that every Chinese text in catalogue YAML files occurs in the standard's text.

Usage: python3 tools/check_fidelity.py FILE.yaml [FILE.yaml ...]
The source is chosen by the file name prefix: t10004_* -> 000_*.txt, t20001_* -> 001_*.txt.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub("", text)


def source_for(path: Path) -> str:
    prefix = "000_" if path.name.startswith("t10004") else "001_"
    (src,) = sorted(SEEDS.glob(prefix + "*.txt"))
    return squash(src.read_text(encoding="utf-8"))


def walk(node: Any, where: str) -> Iterator[tuple[str, str, list[str] | None]]:
    if isinstance(node, dict):
        if isinstance(node.get("zh"), str):
            repair = node.get("pdf_repair")
            frags = repair.get("fragments") if isinstance(repair, dict) else None
            yield where, node["zh"], frags
        for key, value in node.items():
            yield from walk(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            label = value.get("id", i) if isinstance(value, dict) else i
            yield from walk(value, f"{where}[{label}]")


def main(argv: list[str]) -> int:
    bad = 0
    for name in argv:
        path = Path(name)
        source = source_for(path)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        total = 0
        for where, zh, frags in walk(data, path.name):
            total += 1
            pieces = frags if frags else [zh]
            for piece in pieces:
                if squash(piece) not in source:
                    bad += 1
                    print(f"NOT FOUND {where}: {piece}")
        print(f"{path.name}: {total} Chinese texts checked")
    print("OK" if bad == 0 else f"{bad} texts not found")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
