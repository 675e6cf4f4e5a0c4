"""YAML reading that remembers line numbers, and validation errors that name them."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from catalog.errors import DataError

Key = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


def _index_lines(node: yaml.Node, path: Key, out: dict[Key, int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            _index_lines(value_node, (*path, key), out)
            # after the value, so a key whose value starts on a later line keeps its own line
            out[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _index_lines(child, (*path, i), out)


# libyaml's C loader when available (much faster), the pure-Python one otherwise
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlDocument:
    """Parsed YAML data plus a map from key path to source line."""

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        loader = _LOADER(text)
        try:
            # parse once: compose the node tree (for line numbers), then construct the data
            node = loader.get_single_node()
            self.data: Any = loader.construct_document(node) if node is not None else None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" line {mark.line + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc)
            raise DataError([f"{source}:{where}: invalid YAML: {problem}"]) from exc
        finally:
            loader.dispose()
        self.lines: dict[Key, int] = {}
        if node is not None:
            _index_lines(node, (), self.lines)

    @classmethod
    def from_path(cls, path: Path) -> YamlDocument:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataError([f"{path}: cannot read: {exc}"]) from exc
        return cls(text, str(path))

    def line_of(self, path: Key) -> int | None:
        """The line of the deepest known key on the path."""
        for cut in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:cut]))
            if line is not None:
                return line
        return None

    def where(self, path: Key) -> str:
        dotted = format_path(path)
        line = self.line_of(path)
        return f"{self.source}: {dotted or '<root>'}" + (f" (line {line})" if line else "")

    def validate(self, model: type[M], prefix: Key = ()) -> M:
        """Validate the document (or the part under prefix) against a pydantic model."""
        data = self.data
        for key in prefix:
            data = data[key]
        return validate_data(model, data, self, prefix)


def format_path(path: Key) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def validate_data(model: type[M], data: Any, doc: YamlDocument | None, prefix: Key = ()) -> M:
    """Validate data, turning pydantic errors into a DataError naming each path and line."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc: Key = (*prefix, *(k for k in err["loc"] if not _is_union_tag(k)))
            where = doc.where(loc) if doc else format_path(loc)
            problems.append(f"{where}: {err['msg']}")
        raise DataError(problems) from exc


def _is_union_tag(key: str | int) -> bool:
    # pydantic inserts the chosen union member or function name into error locations
    return isinstance(key, str) and ("[" in key or key.startswith("function-"))
