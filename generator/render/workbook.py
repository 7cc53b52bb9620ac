"""The update workbook (`python -m generator export-xlsx`): the yearly figures, filled in with Excel and imported back.

Sheet 「指標」: one row per KPI — what it is (locked) and a column group per year (実績・状態・出典) for every
year of the plan and every year that already has an actual. One sheet per population table, headed with
the Japanese column names (the fields' titles). The import (`site/workbook.py`) reads this very layout
back, so both sides use the definitions here. The same data gives the same bytes (dates from the data).
"""

from __future__ import annotations

import hashlib
import json
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel

from generator.compute.updated import last_updated
from generator.model.population import Status
from generator.model.project import DATA_TABLES, Project
from generator.model.strategy import Actual, Kpi
from generator.render.downloads import saved_workbook
from generator.text.eras import fiscal_year_of, fiscal_year_text

KPI_SHEET = "指標"
GUIDE_SHEET = "使い方"
# A very hidden sheet: a fingerprint of each KPI's actuals and each table as exported, so that the import
# applies only what the planner changed and never overwrites data that changed in the files since.
EXPORT_SHEET = "書き出した時点"
YEAR_PARTS = ("実績", "状態", "出典")
KPI_STATUSES: tuple[str, ...] = typing.get_args(Actual.model_fields["status"].annotation)
TABLE_STATUSES: tuple[str, ...] = typing.get_args(Status)
NEW_ROWS = 50  # empty, unlocked rows below each table, for rows a planner adds
_YEAR_HEADER = re.compile(r"^([0-9]{4})（[^）]*）(実績|状態|出典)$")
_BETTER = {"higher": "高いほど良い", "lower": "低いほど良い"}


def _goal(project: Project, kpi: Kpi) -> str:
    goals = {goal.id: goal.label for goal in project.strategy.goals}
    return goals.get(kpi.goal, kpi.goal) if kpi.goal else "戦略全体"


def _measure(project: Project, kpi: Kpi) -> str | None:
    measures = {measure.id: measure.title for goal in project.strategy.goals for measure in goal.measures}
    return measures.get(kpi.measure, kpi.measure) if kpi.measure else None


def _target_years(kpi: Kpi) -> str:
    target = kpi.target
    return f"{target.from_year}〜{target.to_year}" if target.over_period else str(target.year or "")


@dataclass(frozen=True)
class KpiColumn:
    """A column of what a KPI is: shown for reference, locked, never imported."""

    header: str
    cell: Callable[[Project, Kpi], object]


KPI_COLUMNS = (
    KpiColumn("指標ID", lambda project, kpi: kpi.id),
    KpiColumn("指標名", lambda project, kpi: kpi.name),
    KpiColumn("種類", lambda project, kpi: kpi.kind),
    KpiColumn("目標", _goal),
    KpiColumn("施策", _measure),
    KpiColumn("単位", lambda project, kpi: kpi.unit),
    KpiColumn("年・年度", lambda project, kpi: kpi.year_type),
    KpiColumn("基準値", lambda project, kpi: kpi.baseline.value if kpi.baseline else None),
    KpiColumn("基準値の年（度）", lambda project, kpi: kpi.baseline.last_year if kpi.baseline else None),
    KpiColumn("目標値", lambda project, kpi: kpi.target_value),
    KpiColumn("目標の種類", lambda project, kpi: kpi.target.type),
    KpiColumn("目標の年（度）", lambda project, kpi: _target_years(kpi)),
    KpiColumn("良い方向", lambda project, kpi: _BETTER[kpi.better]),
)


def cell_value(value: object) -> object:
    """A value as a cell holds it: whole numbers as integers, "" as empty."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None if value == "" else value


def kpi_cells(project: Project, kpi: Kpi) -> list[object]:
    return [cell_value(column.cell(project, kpi)) for column in KPI_COLUMNS]


def year_header(year: int, part: str) -> str:
    """「2024（令和6）実績」: the same column serves fiscal years and calendar years (the KPI's 年・年度 says which)."""
    return f"{year}（{fiscal_year_text(year).removesuffix('年度')}）{part}"


def parse_year_header(text: object) -> tuple[int, str] | None:
    """(year, part) of a year column's header, None for any other text."""
    found = _YEAR_HEADER.match(str(text or "").strip())
    return (int(found.group(1)), found.group(2)) if found else None


def kpi_years(project: Project) -> list[int]:
    """Every year of the plan up to the current one (results still come in after the plan ends), and every
    year any KPI has an actual for (nothing in the data is left out)."""
    last = max(project.strategy.end_fy, fiscal_year_of(project.today))
    years = set(range(project.strategy.start_fy, last + 1))
    return sorted(years | {actual.year for kpi in project.kpis.values() for actual in kpi.actuals})


def kpi_headers(years: list[int]) -> list[str]:
    return [column.header for column in KPI_COLUMNS] + [year_header(year, part) for year in years for part in YEAR_PARTS]


def actual_cells(actual: Actual | None) -> tuple[object, object, object]:
    """実績・状態・出典 of one year (the source by its title)."""
    if actual is None:
        return None, None, None
    return cell_value(actual.value), actual.status, actual.source.title if actual.source else None


@dataclass(frozen=True)
class TableSheet:
    """A population table as a sheet."""

    key: str  # the Project field
    path: str
    model: type[BaseModel]

    @property
    def name(self) -> str:
        """The sheet's name: the row model's title without its note (国勢調査の人口)."""
        return re.sub(r"（[^）]*）$", "", self.model.model_config.get("title") or self.key)

    @property
    def headers(self) -> list[str]:
        return [field.title or name for name, field in self.model.model_fields.items()]


def table_sheets(project: Project) -> list[TableSheet]:
    """The population tables the project has, in the order they are declared."""
    return [TableSheet(key, path, model) for key, (path, model) in DATA_TABLES.items() if getattr(project, key) is not None]


def is_number(annotation: object) -> bool:
    """Whether a column holds numbers (int or float, through Annotated and Optional)."""
    if annotation in (int, float):
        return True
    return typing.get_origin(annotation) in (typing.Annotated, typing.Union, types.UnionType) and any(
        is_number(arg) for arg in typing.get_args(annotation)[: 1 if typing.get_origin(annotation) is typing.Annotated else None])


def row_cells(model: type[BaseModel], row: BaseModel) -> list[object]:
    return [cell_value(getattr(row, name)) for name in model.model_fields]


def _plain(value: object) -> object:
    """A cell for comparing: numbers as floats, text stripped, empty as None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        return value.strip() or None
    return None if value is None else str(value)


def fingerprint(cells: Iterable[object]) -> str:
    """A short fingerprint of cell values; the same for the same values, however Excel stored them (41200 or 41200.0)."""
    text = json.dumps([_plain(cell) for cell in cells], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def actuals_fingerprint(kpi: Kpi, years: list[int]) -> str:
    """A KPI's year cells as the data has them, over `years`."""
    by_year = {actual.year: actual for actual in kpi.actuals}
    return fingerprint(cell for year in years for cell in actual_cells(by_year.get(year)))


def table_fingerprint(model: type[BaseModel], rows: Iterable[BaseModel]) -> str:
    return fingerprint(cell for row in rows for cell in [*row_cells(model, row), "|"])


# --- Writing the workbook ----------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True)
_LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")  # cells that are only shown
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_YEAR_FILLS = (PatternFill("solid", fgColor="DDEBF7"), PatternFill("solid", fgColor="E2EFDA"))  # alternate per year
_OPEN = Protection(locked=False)


def _width(values: Sequence[object]) -> float:
    """A column width that fits its text (wide characters count twice), within 8–40."""
    longest = max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(v)) for v in values if v is not None),
                  default=0)
    return float(min(max(longest + 2, 8), 40))


def _header_row(sheet: Worksheet, headers: list[str], fills: list[PatternFill]) -> None:
    sheet.append(headers)
    for cell, fill in zip(sheet[1], fills):
        cell.font, cell.fill = _HEADER_FONT, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C2" if sheet.title == KPI_SHEET else "A2"


def _choices(sheet: Worksheet, column: int, last_row: int, statuses: tuple[str, ...]) -> None:
    """A drop-down list of the status words on one column's data cells."""
    words = "・".join(statuses)
    rule = DataValidation(type="list", formula1='"' + ",".join(statuses) + '"', allow_blank=True, showErrorMessage=True,
                          errorTitle="状態", error=f"{words} のどれかを選んでください。")
    letter = get_column_letter(column)
    rule.add(f"{letter}2:{letter}{last_row}")
    sheet.add_data_validation(rule)


def _numbers(sheet: Worksheet, columns: list[int], last_row: int) -> None:
    """Only numbers in these columns (Excel refuses text as it is typed)."""
    rule = DataValidation(type="decimal", operator="between", formula1="-1000000000000", formula2="1000000000000", allow_blank=True,
                          showErrorMessage=True, errorTitle="数値", error="半角の数字だけを入力してください（単位や桁区切りのカンマは付けません）。")
    for column in columns:
        letter = get_column_letter(column)
        rule.add(f"{letter}2:{letter}{last_row}")
    sheet.add_data_validation(rule)


def _protect(sheet: Worksheet, rows_may_be_added: bool) -> None:
    """Locked cells stay as they are; columns may be widened (no password: this guards against slips, not people)."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.insertRows = not rows_may_be_added


def _kpi_sheet(sheet: Worksheet, project: Project) -> None:
    years = kpi_years(project)
    fixed = len(KPI_COLUMNS)
    fills = [_HEADER_FILL] * fixed + [_YEAR_FILLS[i // len(YEAR_PARTS) % 2] for i in range(len(years) * len(YEAR_PARTS))]
    _header_row(sheet, kpi_headers(years), fills)
    for kpi in project.kpis.values():
        by_year = {actual.year: actual for actual in kpi.actuals}
        sheet.append(kpi_cells(project, kpi) + [cell for year in years for cell in actual_cells(by_year.get(year))])
    last = sheet.max_row
    for row in sheet.iter_rows(min_row=2, max_row=last):
        for cell in row[:fixed]:
            cell.fill = _LOCKED_FILL
        for cell in row[fixed:]:
            cell.protection = _OPEN
    for index in range(len(years)):
        _choices(sheet, fixed + index * len(YEAR_PARTS) + 2, last, KPI_STATUSES)
    _numbers(sheet, [fixed + index * len(YEAR_PARTS) + 1 for index in range(len(years))], last)
    for column in range(1, sheet.max_column + 1):
        values = [sheet.cell(row, column).value for row in range(1, last + 1)]
        sheet.column_dimensions[get_column_letter(column)].width = _width(values) if column <= fixed else 12.0
    _protect(sheet, rows_may_be_added=False)


def _table_sheet(sheet: Worksheet, table: TableSheet, rows: list[BaseModel]) -> None:
    _header_row(sheet, table.headers, [_HEADER_FILL] * len(table.headers))
    for row in rows:
        sheet.append(row_cells(table.model, row))
    last = sheet.max_row + NEW_ROWS
    for cells in sheet.iter_rows(min_row=2, max_row=last, max_col=len(table.headers)):
        for cell in cells:
            cell.protection = _OPEN
    names = list(table.model.model_fields)
    _choices(sheet, names.index("status") + 1, last, TABLE_STATUSES)
    _numbers(sheet, [index for index, name in enumerate(names, start=1) if is_number(table.model.model_fields[name].annotation)], last)
    for column, header in enumerate(table.headers, start=1):
        values = [header] + [sheet.cell(row, column).value for row in range(2, len(rows) + 2)]
        sheet.column_dimensions[get_column_letter(column)].width = _width(values)
    _protect(sheet, rows_may_be_added=True)


def guide_lines(project: Project) -> list[str]:
    """The 使い方 sheet: what to fill in and how it goes back into the data."""
    return [
        "この表は python -m generator export-xlsx で書き出した、毎年の更新用の表です。",
        f"シート『{KPI_SHEET}』: 年ごとの「実績」「状態」「出典」を書き足し・書き換えます（灰色の列は変えられません。指標の定義は kpis/ の YAML で直します）。",
        f"状態は {'・'.join(KPI_STATUSES)} から選びます。確定・速報の実績には出典（資料名）を書きます。"
        "ある年の実績を消すときは、その年の3つの欄をすべて空にします。",
        f"人口のシート（{'・'.join(table.name for table in table_sheets(project)) or 'なし'}）: 行を書き換え、新しい行は表の下に足します。"
        f"状態は {'・'.join(TABLE_STATUSES)} から選びます（未確認は本番公開できません）。",
        "保存したら python -m generator import-xlsx ファイル名 で読み込みます。"
        "誤りがあればシート・行・列を示して何も書き換えず、なければ YAML・CSV に書き戻して変更点を表示します。",
        "書き出した後にファイルで直したところは、この表で書き換えていなければそのまま残ります（同じ指標・表を両方で変えていたら読み込みを止めます）。",
    ]


def workbook_bytes(project: Project) -> bytes:
    """The whole workbook; its document dates are the data's newest date, so the same data gives the same bytes."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
    sheet.title = KPI_SHEET
    _kpi_sheet(sheet, project)
    for table in table_sheets(project):
        _table_sheet(workbook.create_sheet(table.name), table, getattr(project, table.key))
    guide = workbook.create_sheet(GUIDE_SHEET)
    for line in guide_lines(project):
        guide.append([line])
    guide.column_dimensions["A"].width = 120.0
    _export_sheet(workbook.create_sheet(EXPORT_SHEET), project)
    return saved_workbook(workbook, last_updated(project) or project.plan_periods.updated)


def _export_sheet(sheet: Worksheet, project: Project) -> None:
    """The fingerprints of what was exported: (sheet, KPI id or "", values, a KPI's definition) rows, out of sight and locked."""
    years = kpi_years(project)
    sheet.append(["シート", "指標ID", "書き出した値の指紋", "指標の定義の指紋"])
    for kpi_id, kpi in project.kpis.items():
        sheet.append([KPI_SHEET, kpi_id, actuals_fingerprint(kpi, years), fingerprint(kpi_cells(project, kpi))])
    for table in table_sheets(project):
        sheet.append([table.name, None, table_fingerprint(table.model, getattr(project, table.key))])
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True
