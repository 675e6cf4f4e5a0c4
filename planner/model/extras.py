"""Optional dependencies: import a module of an extra, or say which extra to install.

The core (planning, reports, catalogue) needs only ``pip install capplan``; the service, the
Excel questionnaire, PostgreSQL and Dask are extras (pyproject.toml). Their modules are
imported where they are used, through :func:`require`, so a missing extra is a clear
bilingual error naming the extra, not a traceback at start-up.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from catalog.errors import DataError, Issue
from catalog.models.base import Text

EXTRAS = {"api": "REST 服务", "xlsx": "Excel 问卷", "postgres": "PostgreSQL", "dask": "Dask"}


class MissingExtraError(DataError):
    """A feature needs an extra that is not installed: one Issue (code ``missing_extra``)
    whose message, also ``text``, says so in zh and en."""

    def __init__(self, extra: str, module: str) -> None:
        self.extra, self.module = extra, module
        install = f"pip install 'capplan[{extra}]'"
        self.text = Text(
            zh=f"{EXTRAS.get(extra, extra)}需要可选依赖 {module}：请安装扩展 {extra}（{install}）",
            en=f"this needs {module} from the optional extra {extra!r}: {install}",
        )
        super().__init__([Issue(self.text, code="missing_extra")])


def require(module: str, extra: str) -> ModuleType:
    """``importlib.import_module(module)``, or :class:`MissingExtraError` naming ``extra``."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is None or module.split(".")[0] != exc.name.split(".")[0]:
            raise  # the extra is there but something it needs is broken: show that
        raise MissingExtraError(extra, module) from exc
