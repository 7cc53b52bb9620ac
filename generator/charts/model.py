"""What every chart carries besides its figure: title, unit, sources, date,
a summary for screen readers, and the table of exactly the data shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from generator.load.csvio import csv_bytes
from generator.model.base import Source
from generator.text.eras import fiscal_year_label, year_label
from generator.text.numbers import format_number

ColumnKind = Literal["text", "number", "year", "fiscal_year"]


def _decimals(value: float) -> int:
    """Decimals a value really has (1.50 → 1, 41200.0 → 0), at most 6."""
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: ColumnKind = "text"
    unit: str = ""
    digits: int | None = 0  # None: as many decimals as the value has (downloads)

    @property
    def header(self) -> str:
        return f"{self.label}（{self.unit}）" if self.unit else self.label

    def display(self, value: object) -> str:
        """Text shown in the table (eras for years, separators for numbers)."""
        if value is None:
            return "－"
        if self.kind == "number":
            return format_number(value, self.digits if self.digits is not None else _decimals(value))  # type: ignore[arg-type]
        if self.kind == "year":
            return year_label(int(value))  # type: ignore[arg-type]
        if self.kind == "fiscal_year":
            return fiscal_year_label(int(value))  # type: ignore[arg-type]
        return str(value)

    def machine(self, value: object) -> str:
        """Text in the CSV: the same value, readable by a program (no separators)."""
        if value is None:
            return ""
        if self.kind == "number":
            digits = self.digits if self.digits is not None else _decimals(value)  # type: ignore[arg-type]
            return f"{value:.{digits}f}" if digits else str(int(round(value)))  # type: ignore[arg-type]
        return self.display(value)


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"row {row!r} has {len(row)} cells for {len(self.columns)} columns")

    def display_rows(self) -> list[list[str]]:
        return [[c.display(v) for c, v in zip(self.columns, row)] for row in self.rows]

    def to_csv(self) -> bytes:
        """UTF-8 with BOM, so that Excel opens the Japanese text correctly."""
        return csv_bytes([[c.header for c in self.columns], *([c.machine(v) for c, v in zip(self.columns, row)] for row in self.rows)])


@dataclass(frozen=True)
class Chart:
    """A chart ready to render: the figure plus everything a reader needs around it."""

    id: str  # file stem: assets/figures/<id>.json, assets/data/<id>.csv
    title: str
    summary: str  # one sentence that says what the chart shows, for screen readers
    sources: tuple[Source, ...]
    updated: date
    table: Table
    figure: dict
    unit: str = ""
    sample: bool = False  # shown with a サンプル badge; blocked by the production gate
    notes: tuple[str, ...] = field(default_factory=tuple)
    source_note: str = ""  # how the figures were derived here (a tally, a projection), shown beside the sources

    @property
    def shown_summary(self) -> str:
        """The summary as read out and shown: a sample chart says so in words, not only by a badge."""
        return f"（サンプル値を含む）{self.summary}" if self.sample else self.summary
