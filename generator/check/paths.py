"""Field paths in a planner's words: actuals[1].value → 2番目の実績（actuals）の『実績値』（value）.

The names come from the models (a field's `title`, else the first phrase of its Japanese
description, else the title of the model it holds), so a new field needs nothing here.
Positions count from 1, as a planner counts the items of a list.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.model.project import DATA_SOURCES, DataFolder, DataTable
from generator.problems import Problem
from generator.problems_catalog import fix_of

_PAREN = re.compile(r"（[^（）]*）|\([^()]*\)")
_STEP = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")
_COLUMN = re.compile(r"^列「(.+)」$")
MAX_LABEL = 16  # a longer first phrase is a sentence, not a name: the field's own name is clearer


def parse_path(field: str) -> tuple[str | int, ...]:
    """`format_path`'s text back into steps: "actuals[1].value" → ("actuals", 1, "value")."""
    return tuple(int(index) if index else name for index, name in _STEP.findall(field))


def _unwrap(annotation: Any) -> Any:
    """list[X] / X | None / Annotated[X, …] → X (the first member of a union that is not None)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated or origin in (list, tuple, dict):
            annotation = typing.get_args(annotation)[-1 if origin is dict else 0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if not members:
                return None
            annotation = members[0]
        else:
            return annotation


def _model(annotation: Any) -> type[BaseModel] | None:
    inner = _unwrap(annotation)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def _is_list(annotation: Any) -> bool:
    while typing.get_origin(annotation) in (typing.Annotated, typing.Union, types.UnionType):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    return typing.get_origin(annotation) in (list, tuple)


def _phrase(text: str | None) -> str:
    """A name from the first phrase of a description: 「値の年または年度（西暦）。…」 → 値の年または年度."""
    phrase = (text or "").split("。", 1)[0]
    while _PAREN.search(phrase):
        phrase = _PAREN.sub("", phrase)
    phrase = re.split(r"[（:：]", phrase, maxsplit=1)[0].strip()
    if phrase.endswith("なら true"):
        phrase = phrase.removesuffix("なら true").rstrip() + "かどうか"
    if not phrase or phrase[0].isascii() or phrase.endswith("ます") or "「" in phrase or len(phrase) > MAX_LABEL:
        return ""
    return phrase


def _model_title(model: type[BaseModel] | None) -> str:
    title = (model.model_config.get("title") or "") if model else ""
    return _PAREN.sub("", title).strip()


def field_label(field: FieldInfo, as_item: bool = False) -> str:
    """A field's name in a planner's words ('' when the model says none). `as_item`: what one item of a list field is."""
    if field.title:
        return _PAREN.sub("", field.title).strip()
    held = _model_title(_model(field.annotation))
    if as_item and held:
        return held
    return _phrase(field.description) or held


def readable_path(model: type[BaseModel], path: tuple[str | int, ...]) -> str:
    """The path in a planner's words; '' when it names nothing of the model."""
    parts: list[str] = []
    labelled = False
    current: type[BaseModel] | None = model
    steps = list(path)
    while steps:
        step = steps.pop(0)
        if current is None or not isinstance(step, str) or step not in current.model_fields:
            if isinstance(step, str) and parts:  # a key of a mapping (tfr_anchors: {"2030": 1.8})
                parts.append(f"「{step}」")
                continue
            return ""
        field = current.model_fields[step]
        index = steps[0] if steps and isinstance(steps[0], int) and _is_list(field.annotation) else None
        if index is not None:
            steps.pop(0)
        label = field_label(field, as_item=index is not None)
        labelled = labelled or bool(label)
        if index is not None:
            parts.append(f"{index + 1}番目の{label}（{step}）" if label else f"{step} の{index + 1}番目")
        else:
            named = f"{label}（{step}）" if label else step
            parts.append(("『{}』（{}）" if label else "『{}』").format(label or step, step) if not steps else named)
        current = _model(field.annotation)
    return "の".join(parts) if labelled else ""


def source_of(file: str) -> tuple[type[BaseModel], bool] | None:
    """The model of a data file as the report names it (kpis/x.yml → Kpi), and whether it is a CSV table."""
    for source in DATA_SOURCES.values():
        if isinstance(source, DataFolder):
            folder, _, name = file.rpartition("/")
            if folder == source.folder and any(name.endswith(suffix) for suffix in source.suffixes):
                return source.model, False
        elif source.path == file:
            return source.model, isinstance(source, DataTable)
    return None


def readable_field(file: str, field: str) -> str:
    """A report's field in a planner's words, or '' when there is nothing better to say than the raw path."""
    found = source_of(file) if field else None
    if found is None:
        return ""
    model, table = found
    if table:  # 列「male」, male, or rows[3].male: the column of a CSV table (the line is in the location)
        column = _COLUMN.sub(r"\1", field)
        column = column.rsplit(".", 1)[-1] if column.startswith("rows[") else column
        held = model.model_fields.get(column)
        label = field_label(held) if held else ""
        return f"列「{label}」（{column}）" if label else ""
    readable = readable_path(model, parse_path(field))
    return readable if readable != field else ""


def in_planners_words(problem: Problem) -> Problem:
    """The problem with its field in a planner's words and, when it has no hint of its own, the catalog's 直し方."""
    label = problem.field_label or readable_field(problem.file, problem.field)
    hint = problem.hint or fix_of(problem.code)
    if (label, hint) == (problem.field_label, problem.hint):
        return problem
    return dataclasses.replace(problem, field_label=label, hint=hint)
