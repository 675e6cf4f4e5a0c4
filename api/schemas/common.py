"""Schemas shared by several resources."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from catalog.models.base import Lang as Lang  # the one language type, for the schemas

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Versions(BaseModel):
    """The versions that produced a stored result."""

    capplan: str = Field(description="capplan package version")
    solver: str = Field(description="OR-Tools (CP-SAT) version")
    catalog: str = Field(description="catalogue version (catalog.CATALOG_VERSION)")


class Timestamps(BaseModel):
    created_at: dt.datetime = Field(description="when the work was submitted (UTC)")
    finished_at: dt.datetime | None = Field(default=None, description="when it finished (UTC)")


class PageInfo(BaseModel):
    count: int = Field(description="items matching the filters, over all pages")
    offset: int
    limit: int
