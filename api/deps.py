"""Dependencies of the routes, as ``Annotated`` aliases (FastAPI full-stack template style).

Those that do no I/O are ``async``: FastAPI runs a plain ``def`` dependency in a worker
thread, and each such trip costs more than the work itself on a busy machine. The session
is a plain generator: opening and closing it may talk to the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from api.cache import BodyCache
from api.errors import ApiError
from api.jobs import JobManager
from api.middleware import key_matches
from api.schemas.common import Lang
from api.settings import Settings
from catalog.models.base import Text


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


async def get_jobs(request: Request) -> JobManager:
    jobs: JobManager = request.app.state.jobs
    return jobs


async def get_cache(request: Request) -> BodyCache:
    cache: BodyCache = request.app.state.bodies
    return cache


SettingsDep = Annotated[Settings, Depends(get_settings)]
CacheDep = Annotated[BodyCache, Depends(get_cache)]
SessionDep = Annotated[Session, Depends(get_session)]
JobsDep = Annotated[JobManager, Depends(get_jobs)]
LangQuery = Annotated[
    Lang | None,
    Query(description="zh or en: every text in that language; omit for both (zh and en)"),
]
ReportLang = Annotated[Lang, Query(description="language of the report: zh (default) or en")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="items to skip")]
Limit = Annotated[int, Query(ge=1, le=100, description="items per page")]

api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="one of the keys in CAPPLAN_API_KEYS"
)
bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer <API key>")


async def require_api_key(
    settings: SettingsDep,
    key: Annotated[str | None, Security(api_key_header)] = None,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)] = None,
) -> None:
    """With API keys configured, every request must carry one (X-API-Key or Bearer)."""
    if not settings.api_keys:
        return
    given = key or (credentials.credentials if credentials is not None else None)
    if given and key_matches(given, settings.api_keys):
        return
    raise ApiError(
        401,
        "unauthorized",
        Text(
            zh="需要有效的 API 密钥：请以 X-API-Key 或 Authorization: Bearer 发送",
            en="a valid API key is required: send it as X-API-Key or Authorization: Bearer",
        ),
        title=Text(zh="未授权", en="Unauthorized"),
        headers={"WWW-Authenticate": 'Bearer realm="capplan"'},
    )


ApiKey = Depends(require_api_key)
