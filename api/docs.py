"""The interactive API documentation (Swagger UI), its scripts and styles served by the
service itself from the ``swagger-ui-bundle-v2`` package, so it works offline."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

log = logging.getLogger("capplan.api")
FILES = ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png")


def assets_folder() -> Path | None:
    """The Swagger UI files of the installed bundle, or None without it."""
    try:
        bundle = importlib.import_module("swagger_ui_bundle")
    except ImportError:
        return None
    folder = Path(str(bundle.swagger_ui_path))
    return folder if all((folder / name).is_file() for name in FILES) else None


def install_docs(app: FastAPI, docs_url: str, openapi_url: str) -> None:
    folder = assets_folder()
    assets = f"{docs_url}/assets"
    if folder is not None:
        app.mount(assets, StaticFiles(directory=folder), name="swagger-ui-assets")
        js, css, icon = (f"{assets}/{name}" for name in FILES)
    else:  # pragma: no cover - the bundle is a dependency
        log.warning(
            "swagger-ui-bundle-v2 is not installed: the docs page loads Swagger UI from a CDN"
        )
        js = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"
        css = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css"
        icon = "https://fastapi.tiangolo.com/img/favicon.png"

    @app.get(docs_url, include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} — API",
            swagger_js_url=js,
            swagger_css_url=css,
            swagger_favicon_url=icon,
        )
