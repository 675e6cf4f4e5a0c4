"""Why a job failed or was cancelled, stored in Chinese and English and answered in the
request's language (``?lang=``, else ``Accept-Language``, else Chinese); rows stored before
migration 0004 have one text, shown in both languages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import text

from api import store
from api.db import alembic_config, make_engine, make_sessions, migrate
from api.main import create_app
from api.models import JobKind, JobRow
from api.settings import Settings
from api.views import job_out
from tests.api.conftest import poll_job, quick, settings_for

CJK = re.compile(r"[\u4e00-\u9fff]")


def stale_comparison() -> dict[str, Any]:
    """A comparison job as an older capplan may have queued it: its variant is refused only
    when the worker derives it (this version's POST refuses it with 422 before queuing)."""
    scenario = {"base": quick(), "variants": [{"name": "broken", "set": {"budget.total": -5}}]}
    return {"scenario": scenario, "options": {"time_limit": 2, "seed": 0, "solver_workers": 1}}


def test_a_job_failing_in_the_worker_says_why_in_the_requests_language(tmp_path: Path) -> None:
    app = create_app(settings_for(f"sqlite:///{tmp_path / 'c.db'}", warm_up=False))
    with TestClient(app) as client:
        with app.state.sessions() as session:
            job = store.create_job(
                session, JobKind.COMPARISON, "stale", b"{}", "application/json", stale_comparison()
            )
        app.state.jobs.enqueue(job.id)
        assert poll_job(client, job.id)["state"] == "failed"
        url = f"/api/v1/jobs/{job.id}"
        chinese = client.get(url).json()
        both = chinese["reason_text"]
        assert chinese["reason"] == both["zh"]
        assert both["zh"].startswith("无法求解该问题：") and "variants[0]" in both["zh"]
        assert both["en"].startswith("the problem cannot be solved: ")
        assert "greater than or equal to 0" in both["en"] and "应大于或等于 0" in both["zh"]
        assert not CJK.search(both["en"])
        assert client.get(url + "?lang=en").json()["reason"] == both["en"]
        assert (
            client.get(url, headers={"Accept-Language": "en-GB,en;q=0.8"}).json()["reason"]
            == both["en"]
        )
        assert (
            client.get(url + "?lang=zh", headers={"Accept-Language": "en"}).json()["reason"]
            == both["zh"]
        )
        listed = client.get("/api/v1/jobs?lang=en").json()["data"]
        assert [j["reason"] for j in listed if j["id"] == job.id] == [both["en"]]


OLD_REASON = "the solve failed with an internal error; see the server log"
OLD_NOTE = "re-queued at start-up (2026-11-30T08:00:00+00:00): the service stopped"


def test_an_old_row_reads_its_one_text_in_both_languages(fresh_database: str) -> None:
    engine = make_engine(Settings(database_url=fresh_database))
    try:
        config = alembic_config(engine)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0003")  # the schema before bilingual reasons
            connection.execute(
                text(
                    "INSERT INTO jobs (id, kind, state, name, submitted, media_type, payload, "
                    "attempts, reason, note, created_at) VALUES ('old', 'roadmap', 'failed', "
                    "'old', '{}', 'application/json', '{}', 1, :reason, :note, :created)"
                ),
                {"reason": OLD_REASON, "note": OLD_NOTE, "created": "2026-11-30 08:00:00"},
            )
        migrate(engine)
        with make_sessions(engine)() as session:
            row = session.get(JobRow, "old")
            assert row is not None and row.reason_zh is None
            for lang in ("zh", "en"):
                shown = job_out(row, lang)
                assert (shown.reason, shown.note) == (OLD_REASON, OLD_NOTE)
                assert shown.reason_text is not None and shown.note_text is not None
                assert (shown.reason_text.zh, shown.reason_text.en) == (OLD_REASON, OLD_REASON)
                assert (shown.note_text.zh, shown.note_text.en) == (OLD_NOTE, OLD_NOTE)
        with engine.begin() as connection:  # and back: the old schema keeps the English
            config.attributes["connection"] = connection
            command.downgrade(config, "0003")
            columns = connection.execute(text("SELECT reason, note FROM jobs")).all()
            assert columns == [(OLD_REASON, OLD_NOTE)]
    finally:
        engine.dispose()
