"""``capplan serve`` is mounted on the capplan command line by ``api.cli.register``."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from api.cli import register
from planner.cli import app as capplan
from tests.api.live import LiveServer


def test_serve_is_a_capplan_command() -> None:
    result = CliRunner().invoke(capplan, ["serve", "--help"])
    assert result.exit_code == 0, result.output
    for option in ("--host", "--port", "--database-url"):
        assert option in result.output
    assert "127.0.0.1" in result.output and "8000" in result.output


def test_register_adds_serve() -> None:
    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)
    assert "serve" in [c.name for c in app.registered_commands]
    result = CliRunner().invoke(app, ["serve", "--port", "0"])
    assert result.exit_code != 0  # ports start at 1


def test_no_access_log_turns_off_the_line_per_request(tmp_path: Path) -> None:
    env: dict[str, str | None] = {"CAPPLAN_DATABASE_URL": None, "DATABASE_URL": None}
    for args, logged in (((), True), (("--no-access-log",), False)):
        workdir = tmp_path / str(logged)
        workdir.mkdir()
        with LiveServer(workdir, env, args) as live, live.client() as client:
            assert client.get("/api/v1/version").status_code == 200
            assert live.stop()
            log = live.log.read_text(errors="replace")
        assert ('"GET /api/v1/version HTTP/1.1" 200' in log) is logged, log
