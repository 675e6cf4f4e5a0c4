"""YAML reading that remembers line numbers, and validation errors that name them."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from catalog.errors import DataError, Issue, TextValueError, format_loc
from catalog.models.base import Lang, Text

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
            problem = getattr(exc, "problem", None) or str(exc)
            issue = Issue.of(
                f"YAML 格式错误：{problem}",
                f"invalid YAML: {problem}",
                file=source,
                line=mark.line + 1 if mark is not None else None,
                code="yaml_syntax",
            )
            raise DataError([issue]) from exc
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
            why = exc.reason if isinstance(exc, UnicodeDecodeError) else exc.strerror or str(exc)
            raise DataError(
                [Issue.of(f"无法读取文件：{why}", f"cannot read: {why}", file=str(path))]
            ) from exc
        return cls(text, str(path))

    def line_of(self, path: Key) -> int | None:
        """The line of the deepest known key on the path."""
        for cut in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:cut]))
            if line is not None:
                return line
        return None

    def issue(self, path: Key, zh: str, en: str, code: str = "value_error") -> Issue:
        """An issue at a key path of this document, with its file and line."""
        return Issue.of(zh, en, tuple(path), file=self.source, line=self.line_of(path), code=code)

    def where(self, path: Key, lang: Lang = "en") -> str:
        dotted = format_path(path)
        line = self.line_of(path)
        if not line:
            return f"{self.source}: {dotted or '<root>'}"
        at = f"（第 {line} 行）" if lang == "zh" else f" (line {line})"
        return f"{self.source}: {dotted or '<root>'}{at}"

    def validate(self, model: type[M], prefix: Key = ()) -> M:
        """Validate the document (or the part under prefix) against a pydantic model."""
        data = self.data
        for key in prefix:
            data = data[key]
        return validate_data(model, data, self, prefix)


def format_path(path: Key) -> str:
    return format_loc(path)


def validate_data(model: type[M], data: Any, doc: YamlDocument | None, prefix: Key = ()) -> M:
    """Validate data, turning pydantic errors into a DataError naming each path and line."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise DataError(pydantic_issues(exc, doc, prefix)) from exc


def pydantic_issues(
    exc: ValidationError, doc: YamlDocument | None, prefix: Key = ()
) -> list[Issue]:
    """Each pydantic error as an Issue: its key path, file and line, Chinese from the table
    below and pydantic's own English."""
    issues = []
    for err in exc.errors():
        loc: Key = (*prefix, *(k for k in err["loc"] if not _is_union_tag(k)))
        issues.append(
            Issue(
                Text(zh=zh_message(err), en=en_message(err)),
                loc,
                file=doc.source if doc else None,
                line=doc.line_of(loc) if doc else None,
                code=str(err["type"]),
            )
        )
    return issues


def en_message(err: Any) -> str:
    """pydantic's English; our own validators' words without pydantic's 'Value error, '."""
    error = (err.get("ctx") or {}).get("error")
    if isinstance(error, TextValueError):
        return error.en
    return str(err["msg"]).removeprefix("Value error, ")


# pydantic's messages in Chinese, by error type ({...} from the error's context)
ZH_MESSAGES = {
    "missing": "缺少必填项",
    "extra_forbidden": "不认识的键（可能拼写有误）",
    "greater_than_equal": "应大于或等于 {ge}",
    "greater_than": "应大于 {gt}",
    "less_than_equal": "应小于或等于 {le}",
    "less_than": "应小于 {lt}",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文字",
    "literal_error": "应为以下之一：{expected}",
    "enum": "应为以下之一：{expected}",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_inexact": "应为日期（YYYY-MM-DD），不带时间",
    "model_type": "应为映射（键: 值）",
    "model_attributes_type": "应为映射（键: 值）",
    "dict_type": "应为映射（键: 值）",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "too_short": "至少需要 {min_length} 项",
    "string_too_short": "至少需要 {min_length} 个字符",
    "too_long": "最多 {max_length} 项",
}


def zh_message(err: Any) -> str:
    """The Chinese of one pydantic error; our own validators' words when they gave both."""
    ctx = err.get("ctx") or {}
    error = ctx.get("error")
    if isinstance(error, TextValueError):
        return error.zh
    template = ZH_MESSAGES.get(err["type"])
    if template is None:
        return str(err["msg"]).removeprefix("Value error, ")
    ctx = {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in ctx.items()}
    if "expected" in ctx:  # pydantic's "'a', 'b' or 'c'"
        ctx = {**ctx, "expected": str(ctx["expected"]).replace(" or ", " 或 ")}
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return str(err["msg"])


def _is_union_tag(key: str | int) -> bool:
    # pydantic inserts the chosen union member or function name into error locations
    return isinstance(key, str) and ("[" in key or key.startswith("function-"))
