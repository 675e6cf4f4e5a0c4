"""Jobs: solver work in progress, polled with ``GET /api/v1/jobs/{id}``."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from api.models import JobKind, JobState
from api.schemas.common import PageInfo
from api.schemas.problems import Message


class JobLinks(BaseModel):
    self: str
    result: str | None = Field(default=None, description="the stored result, once succeeded")
    report: str | None = Field(default=None, description="its HTML report, once succeeded")


class JobOut(BaseModel):
    """A job. Poll it until ``state`` is succeeded, failed or cancelled."""

    id: str
    kind: JobKind
    state: JobState
    name: str
    attempts: int = Field(description="times a worker started it (a restart re-queues it)")
    reason: str | None = Field(
        default=None,
        description="why it failed or was cancelled, in the request's language (?lang=zh|en, "
        "else Accept-Language, else Chinese)",
    )
    reason_text: Message | None = Field(default=None, description="the reason in zh and en")
    note: str | None = Field(
        default=None, description="e.g. re-queued after a restart, in the request's language"
    )
    note_text: Message | None = Field(default=None, description="the note in zh and en")
    result_id: str | None = None
    created_at: dt.datetime
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    links: JobLinks

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "id": "5f0c4c0e9d2b4a55b1f7a4c3e2d1b0a9",
                    "kind": "roadmap",
                    "state": "running",
                    "name": "华东某装备制造集团",
                    "attempts": 1,
                    "created_at": "2026-11-23T08:00:00Z",
                    "started_at": "2026-11-23T08:00:00Z",
                    "links": {"self": "/api/v1/jobs/5f0c4c0e9d2b4a55b1f7a4c3e2d1b0a9"},
                }
            ]
        }
    }


class JobPage(PageInfo):
    data: list[JobOut]
