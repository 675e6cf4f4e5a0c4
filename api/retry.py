"""Database faults: transient ones (an outage, a dropped connection) are retried with
back-off; permanent ones (a read-only file, missing tables, no permission) are not, and are
reported as what they are."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError, SQLAlchemyError

log = logging.getLogger("capplan.api")
DELAYS = (0.2, 0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0)  # then every 30 s
_PERMANENT = (
    "readonly database",
    "read-only",
    "read only",
    "no such table",
    "permission denied",
    "does not exist",
    "disk i/o error",
    "database or disk is full",
)


def is_permanent(exc: BaseException) -> bool:
    """A fault that waiting will not fix (an operator must)."""
    if isinstance(exc, ProgrammingError):
        return True
    text = str(getattr(exc, "orig", None) or exc).lower()
    return isinstance(exc, DBAPIError) and any(mark in text for mark in _PERMANENT)


def is_database_fault(exc: BaseException) -> bool:
    return isinstance(exc, SQLAlchemyError | OperationalError)


def with_backoff(action: Callable[[], object], what: str, stop: threading.Event) -> bool:
    """Run ``action`` until it succeeds (True) or ``stop`` is set (False). Database faults
    are retried with growing delays, permanent ones too but logged as such; any other
    exception is raised."""
    attempt = 0
    while not stop.is_set():
        try:
            action()
            return True
        except SQLAlchemyError as exc:
            delay = DELAYS[min(attempt, len(DELAYS) - 1)]
            kind = "permanent" if is_permanent(exc) else "transient"
            log.warning(
                "database error (%s) while %s; retrying in %.1f s: %s", kind, what, delay, exc
            )
            attempt += 1
            stop.wait(delay)
    return False
