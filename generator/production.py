"""The production gate: nothing marked as a sample or unchecked is published.

`python -m generator validate --production` (and `build --production`) add one
error for every sample value, sample text and unchecked source, located in its file.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from .models import Source
from .problems import Problem
from .project import DATA_FILES, Project
from .yamlio import format_path


def _walk(value: object, path: tuple) -> Iterator[tuple[tuple, str]]:
    """(field path, reason) of everything in a model tree that may not be published yet."""
    if isinstance(value, BaseModel):
        if getattr(value, "sample", False) is True:
            yield path + ("sample",), "見本（sample: true）のままです。"
        if getattr(value, "status", None) == "sample":
            yield path + ("status",), "実績が見本（status: sample）のままです。"
        if isinstance(value, Source) and value.needs_check:
            yield path + ("needs_check",), "出典が一次資料で未確認（needs_check: true）です。"
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _walk(item, path + (index,))


def production_problems(project: Project) -> list[Problem]:
    items: list[tuple[str, BaseModel]] = [(key, getattr(project, key)) for key in DATA_FILES]
    items += [(f"kpis/{kpi_id}.yml", kpi) for kpi_id, kpi in project.kpis.items()]
    problems = []
    for key, model in items:
        document = project.documents[key]
        for path, reason in _walk(model, ()):
            line, column = document.locate(path)
            problems.append(Problem(
                document.name, line, column, format_path(path),
                f"本番公開できません: {reason}",
                "実際の値・文言と出典に置き換え、sample の行を消してください（出典を確かめたら needs_check を消します）。",
            ))
    return problems
