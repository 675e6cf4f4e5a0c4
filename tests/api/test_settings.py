"""Settings from the environment: CAPPLAN_ prefix, DATABASE_URL, lists, defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.settings import DEFAULT_DATABASE_URL, Settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("CAPPLAN_DATABASE_URL", "DATABASE_URL", "CAPPLAN_API_KEYS", "CAPPLAN_EXECUTOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env file here


def test_defaults() -> None:
    settings = Settings()
    assert settings.database_url == DEFAULT_DATABASE_URL == "sqlite:///capplan.db"
    assert settings.sqlite_path() == Path("capplan.db")
    assert settings.api_keys == [] and settings.executor == "local"
    assert settings.sync_wait == 2.0


def test_prefixed_variables_and_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.internal/capplan")
    assert Settings().database_url == "postgresql+psycopg://u:p@db.internal/capplan"
    assert Settings().sqlite_path() is None
    monkeypatch.setenv("CAPPLAN_DATABASE_URL", "sqlite:////var/lib/capplan/plans.db")
    settings = Settings()
    assert settings.database_url == "sqlite:////var/lib/capplan/plans.db"  # the prefix wins
    assert settings.sqlite_path() == Path("/var/lib/capplan/plans.db")
    monkeypatch.setenv("CAPPLAN_DATABASE_URL", " ")
    monkeypatch.delenv("DATABASE_URL")
    assert Settings().database_url == DEFAULT_DATABASE_URL


def test_lists_comma_separated_or_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPPLAN_API_KEYS", "one, two,,three")
    assert Settings().api_keys == ["one", "two", "three"]
    monkeypatch.setenv("CAPPLAN_API_KEYS", '["a,b", "c"]')
    assert Settings().api_keys == ["a,b", "c"]
    monkeypatch.setenv("CAPPLAN_CORS_ORIGINS", "https://a.example,https://b.example")
    assert Settings().cors_origins == ["https://a.example", "https://b.example"]


def test_executor_and_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPPLAN_EXECUTOR", "dask")
    monkeypatch.setenv("CAPPLAN_DASK_SCHEDULER", "tcp://127.0.0.1:8786")
    monkeypatch.setenv("CAPPLAN_SYNC_WAIT", "0.5")
    settings = Settings()
    assert (settings.executor, settings.dask_scheduler, settings.sync_wait) == (
        "dask",
        "tcp://127.0.0.1:8786",
        0.5,
    )
    monkeypatch.setenv("CAPPLAN_EXECUTOR", "cloud")
    with pytest.raises(ValueError, match="executor"):
        Settings()


def test_in_memory_sqlite_has_no_file() -> None:
    assert Settings(database_url="sqlite://").sqlite_path() is None
    assert Settings(database_url="sqlite:///:memory:").sqlite_path() is None
