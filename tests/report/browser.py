"""Open a generated report in chromium and record everything it tries to do."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.report.conftest import CHROMIUM


def skip_without_chromium() -> None:
    """Skip the calling test module, visibly, when Debian's chromium is not installed."""
    if not CHROMIUM.exists():  # pragma: no cover - CI installs chromium (.ci/run)
        pytest.skip(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium "
            "fonts-wqy-microhei) to run the report's browser tests",
            allow_module_level=True,
        )


@dataclass
class Opened:
    page: Any
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def assert_quiet(self) -> None:
        """No network request at all, no console error, no uncaught exception."""
        assert self.requests == []
        assert self.console_errors == []
        assert self.page_errors == []


def open_report(browser: Any, html: str, width: int = 1280, height: int = 900) -> Opened:
    """The report loaded with ``set_content``: its own document needs no request at all."""
    page = browser.new_page(viewport={"width": width, "height": height})
    opened = Opened(page)
    page.on("request", lambda r: opened.requests.append(r.url))
    page.on(
        "console",
        lambda m: opened.console_errors.append(m.text) if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: opened.page_errors.append(str(e)))
    page.route("**/*", lambda route: route.abort())  # belt and braces: nothing leaves
    page.set_content(html, wait_until="load")
    return opened
