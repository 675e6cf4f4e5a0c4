"""Shared fixtures of the capplan test suite."""

from __future__ import annotations

import pytest

from catalog import Catalog, load_catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The bundled catalogue, loaded and cross-checked once per test session."""
    return load_catalog()
