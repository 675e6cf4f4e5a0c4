"""Shared by the assessment tests of the service: the documented example questionnaire and
a helper that stores one."""

from __future__ import annotations

import copy
from typing import Any

from fastapi.testclient import TestClient

from api.examples import filled_questionnaire

EN = {"Accept-Language": "en"}
BASE = "/api/v1/assessments"
TIME = {"start": "2027-01-01", "period": "month", "horizon": 36}


def questionnaire() -> dict[str, Any]:
    """The documented example: tier 4, gaps to tier 7."""
    return copy.deepcopy(filled_questionnaire())


def created(client: TestClient, body: dict[str, Any], query: str = "") -> dict[str, Any]:
    response = client.post(f"{BASE}{query}", json=body)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == f"{BASE}/{response.json()['id']}"
    data: dict[str, Any] = response.json()
    return data
