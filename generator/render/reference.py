"""The planners' field reference, generated from the models (never written by hand)."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from generator.model.project import DATA_COLLECTIONS, DATA_FILES, DATA_SOURCES, DATA_TABLES, DataFolder

_TYPE_NAMES: dict[object, str] = {str: "文字", int: "整数", float: "数値", bool: "true / false"}


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: str
    required: bool
    default: str
    description: str
    example: str
    column: str = ""  # a CSV column's Japanese name (its field's title), accepted in the header


@dataclass(frozen=True)
class ModelDoc:
    anchor: str
    title: str  # the model's docstring, first line
    files: tuple[str, ...]  # files whose top level is this model
    fields: tuple[FieldDoc, ...]
    table: bool = False  # the rows of a CSV table: fields are its columns


def type_name(annotation: object) -> str:
    """A planner's word for a field type: 文字, 整数, 一覧（文字）, 項目の組（Source）…"""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        return " または ".join(type_name(a) for a in args if a is not type(None))
    if origin is list:
        return f"一覧（{type_name(args[0])}）"
    if origin is typing.Literal:
        return "次のどれか: " + "、".join(str(a) for a in args)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"項目の組（[{annotation.__name__}](#{annotation.__name__.lower()})）"
    if getattr(annotation, "__name__", "") == "date":
        return "日付（2021-04-01）"
    return _TYPE_NAMES.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _models_from(model: type[BaseModel], seen: dict[str, type[BaseModel]]) -> None:
    if model.__name__ in seen:
        return
    seen[model.__name__] = model
    for field in model.model_fields.values():
        stack = [field.annotation]
        while stack:
            annotation = stack.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                _models_from(annotation, seen)
            stack.extend(typing.get_args(annotation))


def field_reference() -> list[ModelDoc]:
    roots: dict[str, list[str]] = {}
    for path, model in DATA_FILES.values():
        roots.setdefault(model.__name__, []).append(path)
    for source in DATA_SOURCES.values():
        if isinstance(source, DataFolder):
            roots.setdefault(source.model.__name__, []).append(source.file_pattern)
    for path, model in DATA_TABLES.values():
        roots.setdefault(model.__name__, []).append(path)
    tables = {model.__name__ for _, model in DATA_TABLES.values()}
    seen: dict[str, type[BaseModel]] = {}
    for model in [m for _, m in DATA_FILES.values()] + [m for _, m in DATA_COLLECTIONS.values()] + [m for _, m in DATA_TABLES.values()]:
        _models_from(model, seen)
    docs = []
    for name, model in seen.items():
        fields = []
        for field_name, field in model.model_fields.items():
            default = field.default
            default_text = "" if default is PydanticUndefined or default is None else str(default).lower() if isinstance(default, bool) else str(default)
            if field.default_factory is not None:
                default_text = "（空の一覧）"
            fields.append(FieldDoc(
                name=field_name,
                type=type_name(field.annotation),
                required=field.is_required(),
                default=default_text,
                description=field.description or "",
                example=", ".join(str(e) for e in (field.examples or [])),
                column=(field.title or "") if name in tables else "",
            ))
        docs.append(ModelDoc(name.lower(), model.model_config.get("title") or name, tuple(roots.get(name, [])), tuple(fields),
                             table=name in tables))
    return docs
