"""Catalogue objects in one language: every bilingual text flattened to the chosen language.

``localize(obj, lang)`` turns catalogue data into JSON-ready data where a ``Text`` becomes a
string and any other object carrying ``zh``/``en`` (a clause, an item, a key requirement)
keeps its other fields and gets ``text`` instead. ``localized_model(Model)`` builds the
pydantic model describing that shape, so the OpenAPI document shows both forms exactly.
"""

from __future__ import annotations

import types
import typing
from typing import Any, ForwardRef, Union

from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from catalog.models.base import Lang, Text

BILINGUAL = ("zh", "en")
DROPPED = (*BILINGUAL, "pdf_repair")


def _is_plain_text(model: type[BaseModel]) -> bool:
    return model is Text


def _is_bilingual(model: type[BaseModel]) -> bool:
    fields = model.model_fields
    return all(name in fields and fields[name].annotation is str for name in BILINGUAL)


def localize(value: Any, lang: Lang) -> Any:
    """JSON-ready data of catalogue objects with texts in ``lang``."""
    if isinstance(value, BaseModel):
        model = type(value)
        if _is_plain_text(model):
            return value.zh if lang == "zh" else value.en  # type: ignore[attr-defined]
        bilingual = _is_bilingual(model)
        out: dict[str, Any] = {}
        for name in model.model_fields:
            if bilingual and name in DROPPED:
                continue
            out[name] = localize(getattr(value, name), lang)
        if bilingual:
            out["text"] = getattr(value, lang)
        return out
    if isinstance(value, tuple | list):
        return [localize(item, lang) for item in value]
    if isinstance(value, dict):
        return {str(key): localize(item, lang) for key, item in value.items()}
    return value


class Localized(BaseModel):
    model_config = ConfigDict(frozen=True)


_MODELS: dict[type[BaseModel], type[BaseModel]] = {}
_BUILDING: set[type[BaseModel]] = set()


def localized_model(model: type[BaseModel]) -> type[BaseModel]:
    """The model of ``localize(instance_of_model, lang)``."""
    if model in _MODELS:
        return _MODELS[model]
    _BUILDING.add(model)
    bilingual = _is_bilingual(model)
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if bilingual and name in DROPPED:
            continue
        fields[name] = (_rewrite(info.annotation), _field(info))
    if bilingual:
        fields["text"] = (str, Field(description="the text in the chosen language"))
    name = f"{model.__name__}Localized"
    built: type[BaseModel] = create_model(
        name,
        __base__=Localized,
        __doc__=f"{model.__doc__ or model.__name__} (one language)",
        **fields,
    )
    _BUILDING.discard(model)
    _MODELS[model] = built
    namespace = {m.__name__: m for m in _MODELS.values()}
    for other in _MODELS.values():
        other.model_rebuild(_types_namespace=namespace)
    return built


def _field(info: FieldInfo) -> Any:
    if info.default_factory is not None:
        return Field(default_factory=info.default_factory, description=info.description)
    if info.default is PydanticUndefined:
        return Field(description=info.description)
    return Field(default=info.default, description=info.description)


def _rewrite(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if _is_plain_text(annotation):
            return str
        if annotation in _BUILDING:
            return ForwardRef(f"{annotation.__name__}Localized")
        return localized_model(annotation)
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (Union, types.UnionType):
        return Union[tuple(_rewrite(arg) for arg in args)]  # noqa: UP007
    if origin in (tuple, list):
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return tuple.__class_getitem__(tuple(_rewrite(arg) for arg in args))
        return list.__class_getitem__(_rewrite(args[0]))
    if origin is dict:
        return dict.__class_getitem__((args[0], _rewrite(args[1])))
    return annotation
