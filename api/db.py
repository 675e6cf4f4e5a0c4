"""Engine, sessions and start-up migrations (Alembic, run from code)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from api.settings import Settings

log = logging.getLogger("capplan.api")
MIGRATIONS = Path(__file__).parent / "migrations"


def make_engine(settings: Settings) -> Engine:
    """An engine for the configured database; a SQLite file is created with WAL journaling."""
    url = settings.database_url
    if not settings.is_sqlite:
        return create_engine(url, pool_pre_ping=True)
    path = settings.sqlite_path()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic Config built in code, pointing at the package's migrations folder."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
        config.set_main_option("sqlalchemy.url", url)
    return config


def migrate(engine: Engine) -> None:
    """Bring the database schema to the latest revision (idempotent)."""
    config = alembic_config(engine)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":  # two services starting at once: one migrates
            connection.execute(text("SELECT pg_advisory_xact_lock(7151701)"))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    log.info("database schema is at the latest revision (%s)", safe_url(engine))


def database_ok(engine: Engine) -> bool:
    """The database answers and takes writes: a no-op update of the schema version in a
    transaction that is rolled back (a read-only database fails it)."""
    try:
        with engine.connect() as connection, connection.begin() as transaction:
            connection.execute(text("UPDATE alembic_version SET version_num = version_num"))
            transaction.rollback()
        return True
    except Exception as exc:
        log.error("database check failed: %s", exc)
        return False


class DatabaseUnusable(Exception):
    """The configured database cannot serve (start-up): one line says why."""


def prepare_database(settings: Settings) -> Engine:
    """An engine on a migrated database, or DatabaseUnusable naming the URL and the cause."""
    url = settings.database_url
    if settings.is_sqlite and settings.sqlite_path() is None and "mode=" not in url:
        raise DatabaseUnusable(
            f"{url}: an in-memory SQLite database is not shared between the service's "
            "connections and is lost at exit; give a file, e.g. sqlite:///capplan.db"
        )
    try:
        engine = make_engine(settings)
        migrate(engine)
    except (OSError, SQLAlchemyError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        shown = make_url(url).render_as_string(hide_password=True)
        raise DatabaseUnusable(f"{shown}: {reason}") from exc
    return engine


def safe_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)
