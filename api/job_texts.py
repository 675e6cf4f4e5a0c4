"""What a client is told about a job that failed, was cancelled or was re-queued: the words,
in Chinese and English (stored in both columns of the job, ``reason``/``reason_zh`` and
``note``/``note_zh``). Never an exception's own text: that stays in the server log.
"""

from __future__ import annotations

from catalog.errors import DataError
from catalog.models.base import Text


def failure_reason(exc: BaseException) -> Text:
    """Why a solve failed, in words for the client, in Chinese and English: a problem the
    planner found (its own messages), else only that it failed (the exception's text stays
    in the server log)."""
    if isinstance(exc, DataError):
        return Text(
            zh="无法求解该问题：" + "；".join(exc.get("zh"))[:2000],
            en="the problem cannot be solved: " + "; ".join(exc.get("en"))[:2000],
        )
    return INTERNAL_ERROR


# why a job failed, was cancelled or re-queued, as the client is told (zh and en)
CANCELLED_BY_CLIENT = Text(zh="已被客户端取消", en="cancelled by a client")
SOLVE_CANCELLED = Text(zh="求解已被取消", en="the solve was cancelled")
NOT_STARTED = Text(
    zh="任务未能启动；详见服务器日志", en="the job could not be started; see the server log"
)
NOT_STORED = Text(
    zh="结果未能保存；详见服务器日志", en="the result could not be stored; see the server log"
)
INTERNAL_ERROR = Text(
    zh="求解因内部错误而失败；详见服务器日志",
    en="the solve failed with an internal error; see the server log",
)
SOLVER_STOPPED = Text(
    zh="求解进程意外终止；详见服务器日志",
    en="the solver process stopped unexpectedly; see the server log",
)
REQUEUED_AFTER_CRASH = Text(
    zh="已重新排队：求解进程意外终止", en="re-queued: the solver process stopped unexpectedly"
)
REQUEUED_FOR_CANCEL = Text(
    zh="已重新排队：为停止一个已取消的任务，求解进程池已重启",
    en="re-queued: the solver pool was restarted to stop a cancelled job",
)


def service_stopped(attempts: int, most: int) -> Text:
    """A job that was running when the service stopped, failed at start-up."""
    return Text(
        zh=f"任务运行时服务停止（第 {attempts} 次尝试，共 {most} 次）；不再重启",
        en=f"the service stopped while this job was running (attempt {attempts} of {most}); "
        "not restarted",
    )


def requeued_at_start(stamp: str, attempts: int) -> Text:
    return Text(
        zh=f"启动时重新排队（{stamp}）：任务运行时服务停止（第 {attempts} 次尝试）",
        en=f"re-queued at start-up ({stamp}): the service stopped while it was running "
        f"(attempt {attempts})",
    )


HEARTBEAT_LOST = Text(
    zh="已重新排队：运行它的实例不再续期心跳",
    en="re-queued: the instance running it stopped renewing its heartbeat",
)
