"""The plan's account of the 10004 requirement items (``result.requirements``), read
whatever shape its records take: mappings, models or dataclasses with named fields, or plain
tuples in the order (clause, subdomain, level, status, step, reason)."""

from __future__ import annotations

from typing import Any

FIELDS = ("clause", "subdomain", "level", "status", "step", "reason")
ALIASES = {
    "clause": ("clause", "item", "id"),
    "subdomain": ("subdomain", "subdomain_id"),
    "level": ("level",),
    "status": ("status",),
    "step": ("step", "step_id"),
    "reason": ("reason",),
}
STATUS_WORDS = {
    "met": "req_met",
    "step": "req_step",
    "met by step": "req_step",
    "not applicable": "req_na",
    "na": "req_na",
}


def record(rec: Any) -> dict[str, Any]:
    """One record as {clause, subdomain, level, status, step, reason}."""
    if isinstance(rec, tuple) and not hasattr(rec, "_fields"):
        return dict(zip(FIELDS, rec, strict=False))
    if isinstance(rec, dict):
        source: dict[str, Any] = rec
    else:
        source = {
            name: getattr(rec, name)
            for names in ALIASES.values()
            for name in names
            if hasattr(rec, name)
        }
    out: dict[str, Any] = {}
    for key, names in ALIASES.items():
        out[key] = next((source[n] for n in names if source.get(n) is not None), None)
    return out


def status_key(status: object) -> str | None:
    """The words key of a status (met / step / not applicable), None when unknown."""
    value = getattr(status, "value", status)
    text = str(value or "").strip().lower().replace("_", " ").replace("-", " ")
    return STATUS_WORDS.get(text)
