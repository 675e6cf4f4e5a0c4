"""Shared shapes of catalogue data: bilingual text and clause-numbered items."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, GetJsonSchemaHandler
from pydantic_core import CoreSchema

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


def as_lang(value: object) -> Lang | None:
    """The language ``value`` names, if it is one capplan speaks (zh, en); else None."""
    if value == "zh":
        return "zh"
    if value == "en":
        return "en"
    return None


class Frozen(BaseModel):
    """Immutable model that rejects unknown keys (a typo in a data file is an error)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class PdfRepair(Frozen):
    """Where the PDF extraction scrambled a text: the contiguous source fragments."""

    note: str
    fragments: tuple[str, ...]


class Text(Frozen):
    """A text in Chinese and English (the standards' text: Chinese exactly as written)."""

    zh: str
    en: str
    pdf_repair: PdfRepair | None = None

    def get(self, lang: Lang = "zh") -> str:
        return self.zh if lang == "zh" else self.en


def texts_of(
    value: object, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Text]]:
    """Every Text in a model (or a mapping or sequence of them), with its key path."""
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts_of(getattr(value, name), (*path, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_of(item, (*path, str(key)))
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from texts_of(item, (*path, i))


def _plain_as_both(value: object) -> object:
    """A plain string stands for the same text in both languages."""
    return {"zh": value, "en": value} if isinstance(value, str) else value


def _plain_as_both_or_none(value: object) -> object:
    return None if value == "" else _plain_as_both(value)


class _OrPlainString:
    """The JSON schema of a TextOrStr says a plain string is valid too (in both modes, so a
    model has one schema for input and output)."""

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        schema = dict(handler(core_schema))
        options = list(schema.pop("anyOf", None) or [schema.copy()])
        kept = {k: v for k, v in schema.items() if k in ("default", "description", "title")}
        return {"anyOf": [*options, {"type": "string"}], **kept}


# A Text where a plain string is also accepted (user input, and files or results written
# before the text became bilingual): the string is used for both languages.
TextOrStr = Annotated[Text, BeforeValidator(_plain_as_both), _OrPlainString()]
# The same, optional: an empty string is None.
OptionalTextOrStr = Annotated[
    Text | None, BeforeValidator(_plain_as_both_or_none), _OrPlainString()
]


class ClauseText(Text):
    """A text that carries its own clause number."""

    clause: str


class Note(Text):
    """A 注 note; its clause is given where the note is numbered (注1, 注2 …)."""

    clause: str | None = None


class NamedClauseText(ClauseText):
    """A clause text with its heading."""

    name: Text | None = None


class Item(ClauseText):
    """A lettered, numbered or bulleted item (requirement, priority, process step)."""

    id: str
    notes: tuple[Note, ...] = ()
    items: tuple[Item, ...] = ()

    def walk(self) -> tuple[Item, ...]:
        """This item and all nested items, depth first."""
        out: list[Item] = [self]
        for child in self.items:
            out.extend(child.walk())
        return tuple(out)
