"""``capplan serve`` is mounted on the capplan command line by ``api.cli.register``."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from api.cli import register
from planner.cli import app as capplan


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
