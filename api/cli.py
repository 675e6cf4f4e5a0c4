"""``capplan serve``: run the REST service (uvicorn) on the embedded SQLite by default.

planner.cli mounts it lazily (``run``), so the core command line never imports api.
"""

from __future__ import annotations

import logging
from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on", min=1, max=65535)] = 8000,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            help="SQLAlchemy URL (default: CAPPLAN_DATABASE_URL, DATABASE_URL or ./capplan.db)",
        ),
    ] = None,
    log_level: Annotated[str, typer.Option(help="debug, info, warning or error")] = "info",
    access_log: Annotated[
        bool,
        typer.Option(
            help="a log line per request (at info level); it costs about as much as answering "
            "a cached roadmap, so a busy service behind a proxy that logs may turn it off"
        ),
    ] = True,
) -> None:
    """Start the REST service: API under /api/v1, docs at /api/v1/docs."""
    import uvicorn
    from pydantic import ValidationError

    from api.db import DatabaseUnusable, prepare_database
    from api.main import create_app
    from api.settings import Settings

    try:
        settings = Settings() if database_url is None else Settings(database_url=database_url)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        typer.echo(f"capplan serve: invalid settings (CAPPLAN_*): {problems}", err=True)
        raise typer.Exit(1) from None
    logging.basicConfig(
        level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:  # checked here, so a database that cannot serve is one line, not a traceback
        prepare_database(settings).dispose()
    except DatabaseUnusable as exc:
        typer.echo(f"capplan serve: cannot use the database {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"capplan service on http://{host}:{port}/api/v1 (docs: /api/v1/docs)")
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level=log_level.lower(),
        access_log=access_log,
        timeout_graceful_shutdown=int(settings.shutdown_timeout),
    )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def run(args: list[str]) -> None:
    """``capplan serve ARGS``: planner.cli mounts ``serve`` without importing api until used."""
    command = typer.Typer(add_completion=False)
    command.command()(serve)
    command(args=args, prog_name="capplan serve")
