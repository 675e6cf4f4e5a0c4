"""Shared shapes of catalogue data: bilingual text and clause-numbered items."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Lang = Literal["zh", "en"]


class Frozen(BaseModel):
    """Immutable model that rejects unknown keys (a typo in a data file is an error)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class PdfRepair(Frozen):
    """Where the PDF extraction scrambled a text: the contiguous source fragments."""

    note: str
    fragments: tuple[str, ...]


class Text(Frozen):
    """A text in Chinese as the standard writes it, with an English rendering."""

    zh: str
    en: str
    pdf_repair: PdfRepair | None = None

    def get(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


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
