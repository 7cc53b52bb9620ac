"""The update workbook read back: every cell checked, each problem located by sheet, row and column.

The result is what the planner wants the data to be — each KPI's actual per year of the sheet and each
population table's rows (validated by the row model) — which `site/workbook.py` compares with the
data to write only what differs.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from pydantic import BaseModel

from generator.check.schema import build_table
from generator.load.document import Document, Path_
from generator.load.xlsxio import Sheet
from generator.model.population import OLD_STATUS_WORDS
from generator.model.project import Project
from generator.problems import Problem, Severity
from generator.render.workbook import (
    EXPORT_SHEET,
    GUIDE_SHEET,
    KPI_COLUMNS,
    KPI_SHEET,
    KPI_STATUSES,
    YEAR_PARTS,
    TableSheet,
    actuals_fingerprint,
    fingerprint,
    kpi_cells,
    parse_year_header,
    table_fingerprint,
    table_sheets,
)

_PLAIN_NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")
_REEXPORT = "export-xlsx で書き出し直した表に入力し直してください。"
# The message catalog's codes of the workbook's problems (cells of population tables get the models' codes, E-SCHEMA-…).
LAYOUT, CELL, LOCKED, CONFLICT, IGNORED = "E-XLSX-LAYOUT", "E-XLSX-CELL", "E-XLSX-LOCKED", "E-XLSX-CONFLICT", "W-XLSX-SHEET-IGNORED"


@dataclass(frozen=True)
class YearCells:
    """One year's actual as the sheet has it."""

    value: float
    status: str
    source: str | None


@dataclass
class Reading:
    """What the workbook asks for, and every problem found reading it."""

    actuals: dict[str, dict[int, YearCells | None]] = field(default_factory=dict)  # by KPI id, by year (None: left empty)
    tables: dict[str, list[BaseModel]] = field(default_factory=dict)  # by Project field
    problems: list[Problem] = field(default_factory=list)
    # (sheet, KPI id or "") → fingerprints at the export: of the values, then (a KPI's) of its definition
    exported: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)

    def intended(self, key: tuple[str, str], shown: str, data: str) -> bool | None:
        """Whether the sheet's values go into the data (True), stay out because the planner changed nothing there
        (False), or clash with a change made to the files since the export (None)."""
        base = self.exported.get(key, (None,))[0]
        if base is not None and shown == base:
            return False
        return True if base is None or data in (base, shown) else None


def sheet_file(sheet: str) -> str:
    return f"シート『{sheet}』"


def cell_name(column: int, header: str) -> str:
    """「E列（2024（令和6）実績）」: the column as Excel names it, and its header."""
    return f"{get_column_letter(column)}列（{header}）"


def _text(value: object) -> str | None:
    """A cell as text (whole numbers without .0), None when empty."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    return str(value).strip() or None


def _same(shown: object, expected: object) -> bool:
    """A locked cell still as exported (numbers compared as numbers)."""
    if isinstance(shown, (int, float)) and not isinstance(shown, bool) and isinstance(expected, (int, float)):
        return float(shown) == float(expected)
    return _text(shown) == _text(expected)


def number(value: object) -> tuple[float | None, str]:
    """A cell as a number, or None and the hint that says how to write it."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value), ""
    if isinstance(value, (datetime.date, datetime.time)):
        return None, "日付や時刻になっています。セルの表示形式を「標準」か「数値」にして、数字を入力し直してください。"
    text = str(value).strip()
    if _PLAIN_NUMBER.fullmatch(text):
        return float(text), ""
    plain = unicodedata.normalize("NFKC", text).replace(",", "").strip()
    if _PLAIN_NUMBER.fullmatch(plain):
        return None, f"半角の数字だけを書いてください（{float(plain):g}）。桁区切りのカンマや全角の数字は使いません。"
    return None, "半角の数字だけを書いてください（単位・桁区切りのカンマ・「約」などは付けません）。"


# --- 指標 ------------------------------------------------------------------------------------------


def _year_columns(headers: list[str], sheet: str) -> tuple[list[int], list[Problem]]:
    """The years of the column groups after the fixed columns (each 実績・状態・出典, in that order)."""
    fixed = len(KPI_COLUMNS)
    years, problems = [], []
    for start in range(fixed, len(headers), len(YEAR_PARTS)):
        group = [parse_year_header(h) for h in headers[start:start + len(YEAR_PARTS)]]
        year = group[0][0] if group[0] else None
        if year is None or group != [(year, part) for part in YEAR_PARTS]:
            problems.append(Problem(sheet_file(sheet), 1, None, cell_name(start + 1, headers[start]),
                                    "年ごとの列（実績・状態・出典の3列）の並びが書き出したときと違います。",
                                    "列を消したり入れ替えたりしないでください。" + _REEXPORT, code=LAYOUT))
            break
        years.append(year)
    return years, problems


def _header_problems(headers: list[str], sheet: str) -> list[Problem]:
    expected = [column.header for column in KPI_COLUMNS]
    problems = [Problem(sheet_file(sheet), 1, None, cell_name(index, shown or "空"), f"列名が書き出したときと違います（「{want}」のはずです）。",
                        "列を消したり入れ替えたりしないでください。" + _REEXPORT, code=LAYOUT)
                for index, (shown, want) in enumerate(zip(headers + [""] * len(expected), expected), start=1) if shown != want]
    return problems[:1]


def _year_cells(cells: list[object], where: tuple[str, int, int, list[str]]) -> tuple[YearCells | None, list[Problem]]:
    """One year's three cells as an actual, None when all are empty, or the problems."""
    sheet, row, column, headers = where
    value, status, source = cells[0], _text(cells[1]), _text(cells[2])
    if value is None and status is None and source is None:
        return None, []

    def problem(offset: int, message: str, hint: str) -> Problem:
        return Problem(sheet_file(sheet), row, None, cell_name(column + offset, headers[column + offset - 1]), message, hint, code=CELL)

    problems = []
    amount, hint = number(value) if value is not None else (None, "")
    if value is None:
        problems.append(problem(0, "実績の値がありません。",
                                "値を書くか、この年の実績・状態・出典を3つとも空にしてください（空にするとその年の実績を消します）。"))
    elif amount is None:
        problems.append(problem(0, f"数値ではありません（「{value}」）。", hint))
    choices = "・".join(KPI_STATUSES)
    if status is None:
        problems.append(problem(1, "状態がありません。", f"{choices} のどれかを選んでください。"))
    elif status not in KPI_STATUSES:
        new = OLD_STATUS_WORDS.get(status)
        problems.append(problem(1, f"「{status}」は状態に使えません。", f"「{new}」と書きます。" if new else f"{choices} のどれかを選んでください。"))
    elif status != "sample" and source is None:
        problems.append(problem(2, f"{status}値の実績に出典がありません。", "出典（資料名）を書いてください。まだ見本の値なら状態を sample にします。"))
    if problems:
        return None, problems
    assert amount is not None and status is not None  # a missing one made a problem above
    return YearCells(amount, status, source), []


def _kpi_row(project: Project, cells: list[object], where: tuple[int, list[int], list[str]], exported: tuple[str, ...]) -> tuple[dict, list[Problem]]:
    """One KPI's row: its locked cells as exported (or as the data has them now), and its actuals per year."""
    row, years, headers = where
    kpi_id = _text(cells[0])
    assert kpi_id is not None  # the caller passes only rows of known KPIs
    kpi = project.kpis[kpi_id]
    locked = cells[:len(KPI_COLUMNS)]
    untouched = exported[1:2] == (fingerprint(locked),)  # a definition changed in the file since the export is no edit
    problems = [Problem(sheet_file(KPI_SHEET), row, None, cell_name(index, headers[index - 1]),
                        f"この列は変えられません（今のデータでは「{_text(want) or '空'}」です）。",
                        f"指標の定義は kpis/{kpi.id}.yml で直します。この表では年ごとの実績・状態・出典だけを書き換えます。", code=LOCKED)
                for index, (shown, want) in enumerate(zip(locked, kpi_cells(project, kpi)), start=1) if not untouched and not _same(shown, want)]
    wanted: dict[int, YearCells | None] = {}
    for number_, year in enumerate(years):
        column = len(KPI_COLUMNS) + number_ * len(YEAR_PARTS) + 1
        actual, found = _year_cells(cells[column - 1:column - 1 + len(YEAR_PARTS)], (KPI_SHEET, row, column, headers))
        problems += found
        wanted[year] = actual
    return wanted, problems


def read_kpi_sheet(rows: Sheet, project: Project, reading: Reading) -> None:
    headers = [_text(cell) or "" for cell in (rows[0] if rows else [])]
    problems = _header_problems(headers, KPI_SHEET)
    years, year_problems = _year_columns(headers, KPI_SHEET) if not problems else ([], [])
    reading.problems += problems + year_problems
    if problems or year_problems:
        return
    seen: dict[str, int] = {}
    for row, cells in enumerate(rows[1:], start=2):
        cells = cells + [None] * (len(headers) - len(cells))
        kpi_id = _text(cells[0])
        if all(cell is None for cell in cells):
            continue
        if kpi_id not in project.kpis or kpi_id in seen:
            again = f"（{seen[kpi_id]}行目と同じ）" if kpi_id in seen else ""
            reading.problems.append(Problem(sheet_file(KPI_SHEET), row, None, cell_name(1, headers[0]),
                                            f"指標ID「{kpi_id or ''}」の行は読み込めません{again}。",
                                            "新しい指標は kpis/ に YAML ファイルを作って足します。指標ID の列は変えないでください。", code=LAYOUT))
            continue
        seen[kpi_id] = row
        wanted, found = _kpi_row(project, cells[:len(headers)], (row, years, headers), reading.exported.get((KPI_SHEET, kpi_id), ()))
        reading.problems += found
        shown = fingerprint(cells[len(KPI_COLUMNS):len(headers)])
        intended = reading.intended((KPI_SHEET, kpi_id), shown, actuals_fingerprint(project.kpis[kpi_id], years))
        if intended:
            reading.actuals[kpi_id] = wanted
        elif intended is None:
            reading.problems.append(Problem(sheet_file(KPI_SHEET), row, None, cell_name(1, headers[0]),
                                            f"この表を書き出した後に、指標「{kpi_id}」の実績がファイルでも変わっています。",
                                            "表の値で上書きしないよう、読み込みを止めました。" + _REEXPORT + "（この指標の行だけでも構いません）",
                                            code=CONFLICT))
    for kpi_id, kpi in project.kpis.items():
        if kpi_id not in seen:
            reading.problems.append(Problem(sheet_file(KPI_SHEET), None, None, "", f"指標「{kpi.name}」（{kpi_id}）の行がありません。",
                                            "指標の行は消さないでください。" + _REEXPORT, code=LAYOUT))


# --- Population tables ------------------------------------------------------------------------------


def read_table_sheet(rows: Sheet, table: TableSheet, project: Project, reading: Reading) -> None:
    """A population table's rows, validated by its row model; problems located by row and column."""
    headers = [_text(cell) or "" for cell in (rows[0] if rows else [])]
    if headers != table.headers:
        wrong = next((i for i, (shown, want) in enumerate(zip(headers + [""] * len(table.headers), table.headers), 1) if shown != want),
                     len(table.headers) + 1)
        shown = headers[wrong - 1] if wrong <= len(headers) else "空"
        reading.problems.append(Problem(sheet_file(table.name), 1, None, cell_name(wrong, shown),
                                        f"列名が書き出したときと違います（1行目は {'、'.join(table.headers)} の順です）。",
                                        "列を消したり入れ替えたり足したりしないでください。" + _REEXPORT, code=LAYOUT))
        return
    names = list(table.model.model_fields)
    data: list[dict[str, str | None]] = []
    marks: dict[Path_, tuple[int, int]] = {}
    for row, cells in enumerate(rows[1:], start=2):
        cells = cells + [None] * (len(names) - len(cells))
        if all(cell is None for cell in cells):
            continue
        marks[("rows", len(data))] = (row, 1)
        marks.update({("rows", len(data), name): (row, column) for column, name in enumerate(names, start=1)})
        data.append({name: _text(cell) for name, cell in zip(names, cells)})
    found, problems = build_table(table.model, Document(sheet_file(table.name), {"rows": data}, marks))
    reading.problems += [dataclasses.replace(p, column=None, field=cell_name(p.column, table.headers[p.column - 1]) if p.column else p.field)
                         for p in problems]
    if found is None:
        return
    current = getattr(project, table.key)
    intended = reading.intended((table.name, ""), table_fingerprint(table.model, found), table_fingerprint(table.model, current))
    if intended:
        reading.tables[table.key] = found
    elif intended is None:
        reading.problems.append(Problem(sheet_file(table.name), None, None, "", f"この表を書き出した後に、{table.path} が変わっています。",
                                        "表の値で上書きしないよう、読み込みを止めました。" + _REEXPORT, code=CONFLICT))


def read_sheets(sheets: dict[str, Sheet], project: Project) -> Reading:
    """Every sheet the export wrote, read and checked; another sheet a planner added is left alone (a warning says so)."""
    reading = Reading(exported={(str(sheet), str(key or "")): tuple(str(mark) for mark in marks if mark is not None)
                                for sheet, key, *marks in sheets.get(EXPORT_SHEET, [])[1:]})
    tables = table_sheets(project)
    expected = [KPI_SHEET] + [table.name for table in tables]
    for name in expected:
        if name not in sheets:
            reading.problems.append(Problem(sheet_file(name), None, None, "", "このシートがありません。",
                                            "シートを消したり名前を変えたりしないでください。" + _REEXPORT, code=LAYOUT))
    if KPI_SHEET in sheets:
        read_kpi_sheet(sheets[KPI_SHEET], project, reading)
    for table in tables:
        if table.name in sheets:
            read_table_sheet(sheets[table.name], table, project, reading)
    for name in sheets:
        if name not in expected and name not in (GUIDE_SHEET, EXPORT_SHEET):
            reading.problems.append(Problem(sheet_file(name), None, None, "", "このシートは読み込みません。",
                                            "データに入れる値は、書き出したシートに書いてください。", Severity.WARNING, code=IGNORED))
    return reading
