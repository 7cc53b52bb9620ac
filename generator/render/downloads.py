"""Download files: the KPI evaluation of a fiscal year as CSV and XLSX (for a finalised year, as the council saw it),
and every KPI's own data (baseline, target, actuals) as CSV and JSON.

Every file is written from a `Table` (charts/model.py: one header row, units in their own columns, each row's
status last), the same definition datapackage.json describes (render/opendata.py). XLSX files are made
byte-identical for the same data: fixed document dates and fixed ZIP entry times (openpyxl would stamp the current time).
"""

from __future__ import annotations

import datetime
import functools
import io
import json
import re
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.charts.kpi import actual_status, progress_status, target_status, value_status
from generator.charts.model import Column, Table
from generator.charts.review import groups, recorded_status
from generator.compute.computed import Computed
from generator.compute.progress import Progress
from generator.model.base import Source
from generator.model.project import Project
from generator.model.strategy import CityStrategy, Kpi, ValueSource
from generator.render.review_rows import ShownRow, frozen_record, shown_rows
from generator.text.memo import remembered

FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
DATA_DIR = "assets/data"
KPI_DATA_DIR = f"{DATA_DIR}/kpis"  # each KPI's own data: <id>.csv and <id>.json


def evaluation_table(strategy: CityStrategy, kpis_by_goal: dict[str, list[Kpi]], progress: dict[str, Progress],
                     overall: Sequence[Kpi] = ()) -> Table:
    columns = (
        Column("goal", "目標"), Column("kind", "種類"), Column("id", "指標ID"), Column("name", "指標"), Column("unit", "単位"),
        Column("baseline", "基準値", kind="number", digits=None), Column("target_type", "目標の種類"),
        Column("target_years", "目標の年（度）"), Column("target", "目標値", kind="number", digits=None),
        Column("actual", "比べた実績", kind="number", digits=None, description=COMPARED),
        Column("year", "実績の年（度）"),
        Column("percent", "進捗率", kind="number", unit="%", digits=1, description=PERCENT), Column("grade", "評価"),
        Column("label", "評価の意味"), Column("preliminary", "速報値を含む"), Column("sample", "サンプルを含む"),
    )
    rows, status = [], []
    for _, group, group_kpis in groups(strategy, kpis_by_goal, overall):
        for kpi in group_kpis:
            p = progress[kpi.id]
            status.append(progress_status(kpi, p))
            rows.append((
                group, kpi.kind, kpi.id, kpi.name, kpi.unit_label,
                kpi.baseline.value if kpi.baseline else None, kpi.target.type,
                f"{kpi.target.from_year}-{kpi.target.to_year}" if kpi.target.over_period else str(kpi.target.year or ""),
                kpi.target_value, p.value,
                str(p.as_of) if p.as_of is not None else "", p.percent, p.grade, p.label,
                "はい" if p.preliminary else "いいえ", "はい" if p.sample else "いいえ",
            ))
    return Table(columns, tuple(rows), status=tuple(status), key=("id",))


COMPARED = "目標と比べた実績（目標の種類により、その年の値・期間の合計・平均。このサイトで計算）。"
PERCENT = "基準値から目標値までのうち、比べた実績が進んだ割合など（評価の方法による。このサイトで計算）。"


def frozen_table(rows: Sequence[ShownRow]) -> Table:
    """A finalised year's evaluation as the council was shown it, with today's corrections beside."""
    columns = (
        Column("goal", "目標"), Column("id", "指標ID"), Column("name", "指標"), Column("unit", "単位"),
        Column("actual", "比べた実績", kind="number", digits=None, description=COMPARED), Column("year", "実績の年（度）"),
        Column("target", "目標値"), Column("percent", "進捗率", kind="number", unit="%", digits=1, description=PERCENT),
        Column("grade", "評価"), Column("label", "評価の意味"),
        Column("preliminary", "速報値を含む"), Column("sample", "サンプルを含む"), Column("correction", "その後の訂正"),
    )
    table = tuple((r.group_title, r.kpi, r.name, r.unit or "", r.value, str(r.year) if r.year is not None else "", r.target_text,
                   r.percent, r.grade, r.label, "はい" if r.preliminary else "いいえ", "はい" if r.sample else "いいえ",
                   shown.correction or "")
                  for shown in rows for r in (shown.row,))
    return Table(columns, table, status=tuple(recorded_status(shown.row.sample, shown.row.preliminary) for shown in rows), key=("id",))


def to_xlsx(table: Table, title: str, stamp: datetime.date) -> bytes:
    """The table as a workbook; the same table, title and date give the same bytes, so they are kept for the next call
    (the preview regenerates every download at each save, and most of them have not changed)."""
    try:
        hash((table, title, stamp))
    except TypeError:  # a cell that is not a plain value: made every time
        return _xlsx.__wrapped__(table, title, stamp)
    return _xlsx(table, title, stamp)


@functools.lru_cache(maxsize=256)
def _xlsx(table: Table, title: str, stamp: datetime.date) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
    sheet.title = title[:31]
    columns = table.download_columns()  # as the CSV: one header row, units in their own columns, the status last
    sheet.append([c.header for c in columns])
    for row in table.download_rows():
        sheet.append([column.value(value) for column, value in zip(columns, row)])
    _text_stays_text(sheet)
    return saved_workbook(workbook, stamp)


def _text_stays_text(sheet: Worksheet) -> None:
    """openpyxl stores text starting with "=" as a formula: a name like =HYPERLINK(…) would run in Excel. Keep it text."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def to_json(table: Table) -> bytes:
    """The rows as a JSON array of objects keyed by the CSV's column names (numbers as numbers, empty as null)."""
    return remembered("json", lambda: repr(table), lambda: _json(table))


def _json(table: Table) -> bytes:
    columns = table.download_columns()
    records = [{c.header: c.value(v) for c, v in zip(columns, row)} for row in table.download_rows()]
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def saved_workbook(workbook: Workbook, stamp: datetime.date) -> bytes:
    """The workbook's bytes, the same for the same data: document dates from the data (`stamp`), fixed ZIP entry times."""
    moment = datetime.datetime.combine(stamp, datetime.time())
    workbook.properties.created = moment
    workbook.properties.modified = moment
    workbook.properties.creator = "sousei-site"
    raw = io.BytesIO()
    workbook.save(raw)
    return _fixed_zip_times(raw.getvalue(), moment.strftime("%Y-%m-%dT%H:%M:%SZ"))


_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _fixed_zip_times(data: bytes, stamp: str) -> bytes:
    """Same entries, fixed entry times, and the save time in docProps/core.xml replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():  # keep order: [Content_Types].xml first
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl writes the save time here
                content = _CORE_DATES.sub(rb"\g<1>" + stamp.encode() + rb"\g<2>", content)
            target.writestr(entry, content)
    return out.getvalue()


def review_tables(project: Project, computed: Computed) -> dict[int, tuple[Table, datetime.date]]:
    """The KPI evaluation of each reviewed year and the date of its figures (a finalised year: as the council saw it)."""
    stamp = max([k.updated for k in project.kpis.values()], default=project.plan_periods.updated)
    tables = {}
    for fy, progress in computed.reviews.items():
        record = frozen_record(project, fy)
        if record is None:
            tables[fy] = evaluation_table(project.strategy, computed.kpis_by_goal, progress, computed.overall), stamp
        else:  # a finalised year: the figures the council saw (and corrections since)
            tables[fy] = frozen_table(shown_rows(project, computed, fy)), record.date
    return tables


def review_files(project: Project, computed: Computed, xlsx: bool = True,
                 tables: dict[int, tuple[Table, datetime.date]] | None = None) -> dict[str, bytes]:
    """The KPI evaluation of each reviewed year as CSV and XLSX (without `xlsx`, the CSV only: the preview's quick
    generation); `tables`: `review_tables`, when the caller has made them."""
    files: dict[str, bytes] = {}
    for fy, (table, day) in (tables if tables is not None else review_tables(project, computed)).items():
        files[f"{DATA_DIR}/review-{fy}.csv"] = table.to_csv()
        if xlsx:
            files[f"{DATA_DIR}/review-{fy}.xlsx"] = to_xlsx(table, f"{fy}年度 効果検証", day)
    return files


def kpi_data_table(kpi: Kpi) -> Table:
    """One KPI's data as written (baseline, target, every actual), one value a row with its year, unit, status and source."""
    columns = (
        Column("kpi", "指標ID"), Column("name", "指標"), Column("row", "区分", description="基準値・目標値・実績のどれか。"),
        Column("year_type", "年の区切り", description="年度（4月から翌年3月）か年（暦年）か。"),
        Column("year", "年", kind="integer", description="値の年または年度（西暦）。期間の合計・平均なら最後の年（度）。"),
        Column("from_year", "期間の最初の年", kind="integer", description="期間の合計・平均の値なら、その期間の最初の年（度）（西暦）。"),
        Column("type", "値の種類", description="時点（その年の値）・累計・平均・変化率・維持・前年度比のどれか。"),
        Column("value", "値", kind="number", digits=None,
               description="値。変化率・維持の目標値は、基準値からこのサイトで計算した値です。前年度比の目標値は空です。"),
        Column("unit", "単位"), Column("original", "原文の表記", description="戦略に印刷されているとおりの表記。"),
        Column("source", "出典"), Column("url", "出典のURL"), Column("note", "注記"),
    )
    rows, status = [], []
    if kpi.baseline is not None:
        rows.append(_stated_row(kpi, "基準値", kpi.baseline, kpi.baseline.value))
        status.append(value_status(kpi, kpi.baseline))
    for actual in sorted(kpi.actuals, key=lambda a: a.year):
        rows.append((kpi.id, kpi.name, "実績", kpi.year_type, actual.year, None, "時点", actual.value, kpi.unit_label, None,
                     _source(actual.source), actual.source.url if actual.source else None, actual.note))
        status.append(actual_status(kpi, actual))
    rows.append(_stated_row(kpi, "目標値", kpi.target, kpi.target_value))  # 前年度比: no number, the type says why
    status.append(target_status(kpi))
    return Table(columns, tuple(rows), status=tuple(status))


def _stated_row(kpi: Kpi, row: str, value: ValueSource, number: float | None) -> tuple[object, ...]:
    """The baseline's or the target's row: its year (the last of a period), type, number, unit, wording and source."""
    year = value.last_year if isinstance(value.last_year, int) else None
    return (kpi.id, kpi.name, row, kpi.year_type, year, value.from_year if value.over_period else None, value.type, number,
            kpi.unit_label, value.original, _source(value.source), value.source.url if value.source else None, None)


def _source(source: Source | None) -> str | None:
    if source is None:
        return None
    return "、".join(part for part in (source.title, source.publisher, source.section) if part)


def kpi_files(project: Project) -> dict[str, bytes]:
    """Every KPI's own data as CSV and JSON (assets/data/kpis/<id>.csv, .json)."""
    files: dict[str, bytes] = {}
    for kpi in project.kpis.values():
        table = kpi_data_table(kpi)
        files[f"{KPI_DATA_DIR}/{kpi.id}.csv"] = table.to_csv()
        files[f"{KPI_DATA_DIR}/{kpi.id}.json"] = to_json(table)
    return files
