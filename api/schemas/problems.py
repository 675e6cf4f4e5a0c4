"""RFC 9457 problem details, the body of every error response."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Message(BaseModel):
    """An error's words in Chinese and English."""

    zh: str
    en: str


class FieldError(BaseModel):
    """One field at fault: a JSON pointer into the body, or a named parameter."""

    field: str | None = Field(default=None, description="dotted path, e.g. organisation.industry")
    pointer: str | None = Field(default=None, description="JSON pointer into the request body")
    parameter: str | None = Field(default=None, description="query, path or header parameter")
    location: str | None = Field(default=None, description="query, path or header")
    line: int | None = Field(default=None, description="line in a YAML body, when known")
    sheet: str | None = Field(default=None, description="sheet of an Excel body")
    row: int | None = Field(default=None, description="row of that sheet (1: the header)")
    column: str | None = Field(default=None, description="column letter of that sheet")
    msg: str = Field(description="what is wrong, in the request's language")
    type: str = "value_error"
    loc: list[str | int] | None = Field(
        default=None, description="key path of the field at fault, as a list of keys"
    )
    message: Message | None = Field(default=None, description="what is wrong, zh and en")
    file: str | None = Field(default=None, description="where it was read: 'request body'")


class ProblemDetails(BaseModel):
    """``application/problem+json`` (RFC 9457)."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "type": "urn:capplan:problem:validation-error",
                    "title": "The request is not valid",
                    "status": 422,
                    "detail": "time.horizon: Input should be greater than 0",
                    "instance": "/api/v1/roadmaps",
                    "errors": [
                        {
                            "field": "time.horizon",
                            "pointer": "/time/horizon",
                            "msg": "Input should be greater than 0",
                            "type": "greater_than",
                        }
                    ],
                }
            ]
        },
    )

    type: str = Field(default="about:blank", description="URI naming the problem type")
    title: str
    status: int
    detail: str
    instance: str = Field(description="the request path")
    errors: list[FieldError] | None = None
