"""What every chart carries besides its figure: title, unit, sources, date,
a summary for screen readers, and the table of exactly the data shown."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Literal

from generator.compute.provenance import SAMPLE, STATUSES
from generator.load.csvio import csv_bytes
from generator.model.base import Source
from generator.text.eras import fiscal_year_label, year_label
from generator.text.memo import remembered
from generator.text.numbers import format_number

# text; number (digits as the column says); year / fiscal_year (shown with the era: 令和2(2020)年, in files too);
# integer (a plain whole number, e.g. a Western year in a download); status (a value of compute/provenance.py STATUSES).
ColumnKind = Literal["text", "number", "year", "fiscal_year", "integer", "status"]

# A sample chart's mark (a Plotly annotation, drawn by the SVG too): large, faint, in the middle of the plot.
SAMPLE_MARK = {"text": f"{SAMPLE}を含む", "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5, "showarrow": False,
               "font": {"size": 40}, "opacity": 0.25}


def _decimals(value: float) -> int:
    """Decimals a value really has (1.50 → 1, 41200.0 → 0), at most 6."""
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _number(value: object) -> float:
    """A cell of a number column as a number (what the rows put there)."""
    if not isinstance(value, int | float):
        raise TypeError(f"a number column holds {value!r}")
    return value


def _year(value: object) -> int:
    """A cell of a year column as a year."""
    if not isinstance(value, int | float | str):
        raise TypeError(f"a year column holds {value!r}")
    return int(value)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: ColumnKind = "text"
    unit: str = ""
    digits: int | None = 0  # None: as many decimals as the value has (downloads)
    sample: bool = False  # its values are (computed from) samples: a badge beside its header on the page (not in the CSV)
    description: str = ""  # what the column holds, for the data package (datapackage.json); say how a computed one is made
    unit_column: bool = False  # the unit stands in a column of its own (downloads), not in the header

    @property
    def header(self) -> str:
        return f"{self.label}（{self.unit}）" if self.unit and not self.unit_column else self.label

    def display(self, value: object) -> str:
        """Text shown in the table (eras for years, separators for numbers)."""
        if value is None:
            return "－"
        if self.kind == "number":
            number = _number(value)
            return format_number(number, self.digits if self.digits is not None else _decimals(number))
        if self.kind == "year":
            return year_label(_year(value))
        if self.kind == "fiscal_year":
            return fiscal_year_label(_year(value))
        return str(value)

    def machine(self, value: object) -> str:
        """Text in the CSV: the same value, readable by a program (no separators)."""
        if value is None:
            return ""
        if self.kind == "number":
            number = _number(value)
            digits = self.digits if self.digits is not None else _decimals(number)
            return f"{number:.{digits}f}" if digits else str(int(round(number)))
        return self.display(value)

    def value(self, value: object) -> object:
        """The value as a typed file cell holds it (XLSX, JSON): what the CSV says, as a number where it is one."""
        if value is None:
            return None
        if self.kind == "number":
            number = _number(value)
            if self.digits is None:
                return number if _decimals(number) else int(number)  # 41200.0 → 41200
            return round(number, self.digits) if self.digits else int(round(number))
        if self.kind == "integer":
            return int(_number(value))
        return self.machine(value)


UNIT = "単位"
# Every row's status, the last column of every table shown and downloaded (compute/provenance.py).
STATUS_COLUMN = Column("status", "状態", kind="status",
                       description="この行の値の状態（確定・速報・未確認・見本）。推計・合計・件数など、ほかの行や資料の値から計算した値の行は"
                       "「算出（…）」で、計算に使った値のうち最も確かでない値の状態を括弧の中に示します。")


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    # Each row's status (compute/provenance.py: 確定, 見本, 算出（見本を含む）…): the column 「状態」 after the others,
    # on the page and in every download.
    status: tuple[str, ...] = ()
    key: tuple[str, ...] = ()  # the columns that identify a row (the data package's primaryKey), where there are such

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"row {row!r} has {len(row)} cells for {len(self.columns)} columns")
        if self.status and len(self.status) != len(self.rows):
            raise ValueError(f"{len(self.status)} statuses for {len(self.rows)} rows")
        if unknown := [s for s in self.status if s not in STATUSES] + [k for k in self.key if k not in {c.key for c in self.columns}]:
            raise ValueError(f"unknown status or key column: {unknown}")

    @property
    def shown_columns(self) -> tuple[Column, ...]:
        """The columns as the page shows them: the table's own, then 「状態」."""
        return self.columns + ((STATUS_COLUMN,) if self.status else ())

    def shown_rows(self) -> list[tuple[object, ...]]:
        return [row + (status,) for row, status in zip(self.rows, self.status)] if self.status else list(self.rows)

    def display_rows(self) -> list[list[str]]:
        return [[c.display(v) for c, v in zip(self.shown_columns, row)] for row in self.shown_rows()]

    def download_columns(self) -> tuple[Column, ...]:
        """The columns of the files (CSV, XLSX, JSON; datapackage.json describes them): one header row, and each unit in
        a column of its own: 「単位」 after the last value when every value with a unit has the same one, else
        「<列名>の単位」 after each such column; 「状態」 last."""
        return tuple(column for column, _ in self._download_layout)

    def download_rows(self) -> list[tuple[object, ...]]:
        """The rows of the files, cell by cell as `download_columns` (the table's values, units, the status)."""
        layout = self._download_layout
        return [tuple(row[cell] if isinstance(cell, int) else cell for _, cell in layout) for row in self.shown_rows()]

    @cached_property
    def _download_layout(self) -> list[tuple[Column, int | str]]:
        """Each file column with where its cells come from: the index of a shown column, or a unit (the same in every row)."""
        columns = self.shown_columns
        units = {c.unit for c in columns if c.unit}
        shared = len(units) == 1 and all(c.label != UNIT for c in columns)
        last = max((i for i, c in enumerate(columns) if c.unit), default=-1)
        labels = "・".join(c.label for c in columns if c.unit)
        layout: list[tuple[Column, int | str]] = []
        for index, column in enumerate(columns):
            layout.append((replace(column, unit_column=True), index))
            if column.unit and (index == last or not shared):
                label = UNIT if shared else f"{column.label}の{UNIT}"
                layout.append((Column(f"{column.key}-unit", label, description=f"{labels if shared else column.label}の{UNIT}。"), column.unit))
        return layout

    def to_csv(self) -> bytes:
        """The download: UTF-8 with BOM, so that Excel opens the Japanese text correctly; CRLF (csvio)."""
        return remembered("csv", lambda: repr(self), self._csv)

    def _csv(self) -> bytes:
        columns = self.download_columns()
        return csv_bytes([[c.header for c in columns], *([c.machine(v) for c, v in zip(columns, row)] for row in self.download_rows())])


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

    @property
    def shown_figure(self) -> dict:
        """The figure as published (Plotly JSON and static SVG alike): a sample chart carries its mark across the
        plot, so the picture says so wherever it is shown or reused, not only the badge beside it."""
        if not self.sample:
            return self.figure
        layout = self.figure["layout"]
        return {**self.figure, "layout": {**layout, "annotations": [*layout.get("annotations", []), SAMPLE_MARK]}}
