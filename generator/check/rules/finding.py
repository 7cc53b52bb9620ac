"""A rule's result: which data, which field, what is wrong and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems import Severity


@dataclass(frozen=True)
class Finding:
    data: str  # key in project.DATA_FILES, or the path of a collection file (kpis/x.yml)
    path: tuple[str | int, ...]
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    code: str = ""  # the family of the check (Problem.code), for tools that act on some findings
