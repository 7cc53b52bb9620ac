"""Located problems and the one report that collects them.

Every check in the pipeline yields `Problem`s instead of raising, so a planner
sees every mistake of a run at once, each with file, line, column and field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class PlannerError(Exception):
    """A command cannot go on for a reason the planner can fix; the message says it in Japanese.

    The command line prints it and exits with 1, so commands need no handler of their own.
    """


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


SEVERITY_LABELS = {Severity.ERROR: "エラー", Severity.WARNING: "警告"}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the data, located as precisely as it can be."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    code: str = ""  # its kind: a stable code of the message catalog (problems_catalog.py), e.g. E-SCHEMA-MISSING
    field_label: str = ""  # the field in a planner's words: 2番目の実績（actuals）の『値』（value）

    @property
    def readable_field(self) -> str:
        """The field as a planner reads it (1-based, Japanese names), else the raw path."""
        return self.field_label or self.field

    def location(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"{self.line}行目")
            if self.column is not None:
                parts.append(f"{self.column}列目")
        return " ".join(parts)

    def format(self) -> str:
        label = SEVERITY_LABELS[self.severity]
        lines = [f"[{label}] {self.location()}"]
        if self.field_label and self.field:
            lines.append(f"  項目: {self.field_label}［{self.field}］")
        elif self.field:
            lines.append(f"  項目: {self.field}")
        lines.append(f"  内容: {self.message}")
        if self.hint:
            lines.append(f"  直し方: {self.hint}")
        if self.code:
            lines.append(f"  コード: {self.code}")
        return "\n".join(lines)

    def github_annotation(self) -> str:
        """The problem as a GitHub Actions workflow command, shown on the changed line of a pull request."""
        properties = [f"file={_escape_property(self.file)}"]
        if self.line is not None:
            properties.append(f"line={self.line}")
            if self.column is not None:
                properties.append(f"col={self.column}")
        properties.append(f"title={_escape_property(self.field or SEVERITY_LABELS[self.severity])}")
        text = self.message + (f"\n直し方: {self.hint}" if self.hint else "")
        text += f"\n項目: {self.field_label}" if self.field_label else ""
        text += f"\nコード: {self.code}" if self.code else ""
        return f"::{self.severity.value} {','.join(properties)}::{_escape_data(text)}"


def _escape_data(text: str) -> str:
    # GitHub's toolkit escapes these so a message cannot end the command early or span lines.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Report:
    """All problems of one run, in a stable order (file, line, column)."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Problem]:
        return sorted(
            set(self.problems),
            key=lambda p: (p.file, p.line or 0, p.column or 0, p.field, p.message),
        )

    def github_annotations(self) -> str:
        """Every problem as a GitHub annotation, one per line, in the report's order."""
        return "\n".join(p.github_annotation() for p in self.sorted())

    def format(self, check_only: bool = False) -> str:
        """The whole report; `check_only` for `validate`, which builds nothing anyway."""
        if not self.problems:
            return "検証: 問題は見つかりませんでした。"
        body = "\n\n".join(p.format() for p in self.sorted())
        summary = f"検証結果: エラー {len(self.errors)} 件、警告 {len(self.warnings)} 件"
        if self.errors:
            summary += "。上から順に直してください。" if check_only else "。エラーを直すまでサイトは更新されません。"
        return f"{body}\n\n{summary}"
