"""The OpenAPI document: problem details for every error, YAML bodies, security schemes."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.ranges import annotate_schema
from api.schemas.assessments import QuestionnaireIn
from api.schemas.problems import FieldError, ProblemDetails

REF = "#/components/schemas/ProblemDetails"
METHODS = ("get", "post", "put", "patch", "delete")


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": REF}}},
    }


def build_openapi(app: FastAPI, secured: bool) -> dict[str, Any]:
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        tags=[
            {"name": "health", "description": "Health and versions (no API key needed)"},
            {
                "name": "catalog",
                "description": "T/AIITRE 10004—2023, 20001—2021 and our assumptions",
            },
            {"name": "roadmaps", "description": "Problems solved into stored roadmaps"},
            {
                "name": "assessments",
                "description": "Questionnaires scored against T/AIITRE 10004; plan from them",
            },
            {"name": "scenarios", "description": "What-if comparisons and budget sweeps"},
            {"name": "jobs", "description": "Solves in progress: poll and cancel"},
            {"name": "reports", "description": "HTML reports"},
        ],
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (FieldError, ProblemDetails, QuestionnaireIn):
        found = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, definition in found.pop("$defs", {}).items():
            components.setdefault(name, definition)
        components[model.__name__] = found
    for path_item in schema.get("paths", {}).values():
        for method in METHODS:
            operation = path_item.get(method)
            if operation is None:
                continue
            _complete(operation, secured)
    annotate_schema(components)
    _cross_field_rules(components)
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    if not secured:
        schema["info"]["description"] += "\n\n**This instance is open**: no API key is configured."
    return schema


def _complete(operation: dict[str, Any], secured: bool) -> None:
    responses = operation.setdefault("responses", {})
    if not secured:
        operation.pop("security", None)  # an open instance documents no authentication
    if "422" in responses or operation.get("parameters") or operation.get("requestBody"):
        existing = responses.get("422", {})
        if "application/problem+json" not in existing.get("content", {}):
            responses["422"] = _problem(
                "A field or parameter is not valid; `errors` names each one"
            )
    if operation.get("security"):
        responses.setdefault("401", _problem("A valid API key is required"))
    body = operation.get("requestBody")
    if body is not None:
        responses.setdefault("400", _problem("The body cannot be read (not UTF-8, not JSON)"))
        responses.setdefault(
            "413", _problem("The body is larger, or expands to more, than this service accepts")
        )
        responses.setdefault("415", _problem("The body's media type is not one accepted here"))
        content = body.get("content", {})
        json_body = content.get("application/json")
        if json_body is not None and "application/yaml" not in content:
            content["application/yaml"] = {"schema": json_body["schema"]}
    if "202" in responses:  # it queues work
        responses.setdefault(
            "429",
            _problem("Too many submissions from this caller, or the queue is full: Retry-After"),
        )
        operation.setdefault("parameters", []).append(
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "description": "send the same key again (e.g. after a lost answer) to get the "
                "first request's job instead of a duplicate",
                "schema": {"type": "string", "minLength": 1, "maxLength": 100},
            }
        )
    for code, response in responses.items():
        content = response.get("content", {})
        if (
            code[0] in "45"
            and "application/json" in content
            and "application/problem+json" in content
        ):
            content.pop("application/json")


def _cross_field_rules(components: dict[str, Any]) -> None:
    """Rules across fields that JSON Schema can say: an initiative takes steps, units or
    groups, or renames a default initiative (its id is group@level)."""
    for name, schema in components.items():
        if name.split("-")[0] == "InitiativeSpec":
            schema["anyOf"] = [
                *(
                    {"required": [field], "properties": {field: {"minItems": 1}}}
                    for field in ("steps", "units", "groups")
                ),
                {"properties": {"id": {"pattern": "@"}}},
            ]


def install_openapi(app: FastAPI, secured: bool) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_openapi(app, secured)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
