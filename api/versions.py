"""Versions stored with every result and reported by ``GET /api/v1/version``."""

from __future__ import annotations

import platform
from functools import cache
from importlib import metadata

from catalog import CATALOG_VERSION

API_VERSION = "v1"
SOLVER = "ortools"


def _dist_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


@cache
def capplan_version() -> str:
    return _dist_version("capplan")


@cache
def solver_version() -> str:
    """The CP-SAT (OR-Tools) version, read from package metadata (no solver import here)."""
    return _dist_version(SOLVER)


def catalog_version() -> str:
    return CATALOG_VERSION


def python_version() -> str:
    return platform.python_version()
