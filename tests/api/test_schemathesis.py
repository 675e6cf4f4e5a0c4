"""schemathesis fuzzes every operation of the OpenAPI document (in-process ASGI), on a
service with API keys and on an open one, with every check: no 5xx, status codes, content
types, bodies and headers as documented, schema-valid input accepted, invalid input refused.
The settings (tests/api/schemathesis.toml) say where a schema-valid request may still be a
422: the rules across fields that JSON Schema cannot state."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, settings
from schemathesis.python import asgi
from schemathesis.specs.openapi.schemas import OpenApiSchema

from api.main import create_app
from tests.api.conftest import settings_for

KEY = "fuzz-key"
BASE = "http://testserver"
# created by the service at its first start (not at collection), removed by the fixture
WORKDIR = Path(tempfile.gettempdir()) / f"capplan-fuzz-{uuid.uuid4().hex[:12]}"
CONFIG = Path(__file__).with_name("schemathesis.toml")


def _app(name: str, keys: list[str]) -> FastAPI:
    return create_app(
        settings_for(
            f"sqlite:///{WORKDIR / name / 'capplan.db'}",
            sync_wait=0.0,
            max_wait=0.5,
            default_time_limit=1.0,
            max_time_limit=2.0,
            api_keys=keys,
            warm_up=False,
            rate_limit=100_000,
        )
    )


KEYED, OPEN = _app("keyed", [KEY]), _app("open", [])


def _schema(app: FastAPI) -> OpenApiSchema:
    found = schemathesis.openapi.from_dict(
        app.openapi(), config=schemathesis.Config.from_path(CONFIG)
    )
    found.app = app  # in-process ASGI calls
    return found


keyed_schema, open_schema = _schema(KEYED), _schema(OPEN)
FUZZ = settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.generate],  # the documented examples: test_openapi.py
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def app() -> Iterator[None]:
    """The fuzzed services; their lifespans start with the first request and stop here."""
    yield
    asgi.shutdown_lifespans()
    shutil.rmtree(WORKDIR, ignore_errors=True)


@keyed_schema.parametrize()
@FUZZ
def test_a_service_with_keys_conforms(app: None, case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(base_url=BASE, headers={"X-API-Key": KEY})


@open_schema.parametrize()
@FUZZ
def test_an_open_service_conforms(app: None, case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(base_url=BASE)
