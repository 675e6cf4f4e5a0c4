"""Where solves and risk analyses run: local process pools (default) or a Dask cluster.

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
    return executor_for(settings, settings.pool_workers, "solves")


def make_risk_executor(settings: Settings) -> Executor:
    """Where risk analyses run: their own local pool (so a long solve does not hold them
    up), or the same Dask cluster as the solves."""
    return executor_for(settings, settings.risk_workers, "risk analyses")


def executor_for(settings: Settings, workers: int, what: str) -> Executor:
    if settings.executor == "dask":
        if not settings.dask_scheduler:
            raise ValueError("executor=dask needs CAPPLAN_DASK_SCHEDULER (e.g. tcp://host:8786)")
        log.info("%s run on the Dask cluster at %s", what, settings.dask_scheduler)
        try:  # workers may join later: solves wait for them
            return DaskExecutor(settings.dask_scheduler, need_worker=False)
        except Exception as exc:
            raise RuntimeError(
                f"cannot reach the Dask scheduler at {settings.dask_scheduler}: {exc}"
            ) from exc
    log.info("%s run in a local pool of %d process(es)", what, workers)
    return LocalExecutor(workers)
