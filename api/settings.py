"""Service settings from the environment (prefix ``CAPPLAN_``) or a ``.env`` file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url

DEFAULT_DATABASE_URL = "sqlite:///capplan.db"


def _split(value: object) -> object:
    """Accept a JSON list or a comma-separated string for list settings."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            return json.loads(text)
        return [part.strip() for part in text.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    """Everything the service reads from its environment; every value has a safe default."""

    model_config = SettingsConfigDict(
        env_prefix="CAPPLAN_", env_file=".env", extra="ignore", frozen=True
    )

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        validation_alias=AliasChoices("CAPPLAN_DATABASE_URL", "DATABASE_URL", "database_url"),
        description="SQLAlchemy URL: a SQLite file (default ./capplan.db) or "
        "postgresql+psycopg://user:password@host/db",
    )
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="accepted API keys (comma-separated or JSON list); none: the service is open",
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="origins allowed by CORS (comma-separated); none: off"
    )
    executor: Literal["local", "dask"] = Field(
        default="local", description="local process pool, or a Dask cluster"
    )
    dask_scheduler: str | None = Field(
        default=None, description="address of the Dask scheduler, e.g. tcp://127.0.0.1:8786"
    )
    warm_up: bool = Field(
        default=True, description="start the solver processes at start-up (else on first use)"
    )
    pool_workers: int = Field(default=1, ge=1, le=64, description="solves run at the same time")
    solver_workers: int = Field(default=2, ge=1, le=64, description="CP-SAT threads per solve")
    sync_wait: float = Field(
        default=2.0, ge=0, le=60, description="seconds a POST waits for its result before 202"
    )
    max_wait: float = Field(
        default=60, ge=0, le=600, description="largest ?wait= a POST may ask for (seconds)"
    )
    default_time_limit: float = Field(default=10.0, gt=0, description="solver seconds")
    max_time_limit: float = Field(default=120.0, gt=0, description="largest time_limit accepted")
    max_body_bytes: int = Field(default=1_000_000, ge=1024, description="largest request body")
    max_body_nodes: int = Field(
        default=100_000, ge=100, description="values a body may expand into (YAML aliases count)"
    )
    max_body_depth: int = Field(default=64, ge=4, le=500, description="nesting of a body")
    max_parse_seconds: float = Field(
        default=2.0, gt=0, le=60, description="time a YAML body may take to read"
    )
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Host header names answered (comma-separated, * for any); none: loopback "
        "names only (127.0.0.1, localhost, ::1) when no API key is set, any host otherwise",
    )
    max_units: int = Field(default=300, ge=1, description="capability units per problem")
    max_steps: int = Field(default=5000, ge=1, description="roadmap steps per problem")
    max_horizon: int = Field(default=120, ge=1, description="periods per problem")
    max_variants: int = Field(default=20, ge=1, description="variants per scenario")
    max_sweep_points: int = Field(default=25, ge=1, description="budgets per sweep")
    max_queued: int = Field(
        default=20, ge=1, description="unfinished jobs held at once; beyond: 429 and Retry-After"
    )
    risk_workers: int = Field(
        default=1, ge=1, le=64, description="risk analyses run at the same time (own pool)"
    )
    risk_wait: float = Field(
        default=60.0,
        gt=0,
        le=600,
        description="seconds a risk GET waits for its analysis; beyond: 503 and Retry-After "
        "(the analysis goes on and its answer is kept)",
    )
    max_risk_queued: int = Field(
        default=4, ge=1, description="risk analyses running or waiting; beyond: 429 and Retry-After"
    )
    rate_limit: int = Field(
        default=60,
        ge=1,
        description="submissions of work a minute per API key (or per address when open)",
    )
    max_attempts: int = Field(
        default=3, ge=1, description="times a job is started before restarts mark it failed"
    )
    on_restart: Literal["requeue", "fail"] = Field(
        default="requeue", description="what start-up does with jobs that were running"
    )
    shutdown_timeout: float = Field(
        default=5.0, ge=0, le=120, description="seconds SIGTERM waits for open requests"
    )
    log_level: str = "INFO"

    @field_validator("api_keys", "cors_origins", "allowed_hosts", mode="before")
    @classmethod
    def _lists(cls, value: object) -> object:
        return _split(value)

    @field_validator("api_keys")
    @classmethod
    def _no_blank_keys(cls, keys: list[str]) -> list[str]:
        return [key for key in keys if key]

    @field_validator("database_url")
    @classmethod
    def _driver(cls, url: str) -> str:
        """``postgres://`` and ``postgresql://`` mean psycopg 3, the driver we ship; an
        empty value means the default SQLite file."""
        url = url.strip()
        if not url:
            return DEFAULT_DATABASE_URL
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url

    def hosts(self) -> list[str]:
        """The Host names answered: as configured, else loopback when the service is open."""
        if self.allowed_hosts:
            return list(self.allowed_hosts)
        return ["*"] if self.api_keys else ["127.0.0.1", "localhost", "::1"]

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def sqlite_path(self) -> Path | None:
        """The SQLite file, or None for another database or an in-memory one."""
        if not self.is_sqlite:
            return None
        database = make_url(self.database_url).database
        if not database or database == ":memory:" or database.startswith("file:"):
            return None
        return Path(database).expanduser()
