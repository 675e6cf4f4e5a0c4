"""Where solves run: a local process pool (default) or a Dask cluster (when configured).

Both come from the one executor stack, ``planner.whatif.pool``: its local pool's workers end
with the server (even on kill -9) and ``stop_executor`` ends running solves at once.
"""

from __future__ import annotations

import logging
from concurrent.futures import Executor

from api.settings import Settings
from planner.whatif.pool import DaskExecutor, LocalExecutor

log = logging.getLogger("capplan.api")


def make_executor(settings: Settings) -> Executor:
    if settings.executor == "dask":
        if not settings.dask_scheduler:
            raise ValueError("executor=dask needs CAPPLAN_DASK_SCHEDULER (e.g. tcp://host:8786)")
        log.info("solves run on the Dask cluster at %s", settings.dask_scheduler)
        try:  # workers may join later: solves wait for them
            return DaskExecutor(settings.dask_scheduler, need_worker=False)
        except Exception as exc:
            raise RuntimeError(
                f"cannot reach the Dask scheduler at {settings.dask_scheduler}: {exc}"
            ) from exc
    log.info("solves run in a local pool of %d process(es)", settings.pool_workers)
    return LocalExecutor(settings.pool_workers)
