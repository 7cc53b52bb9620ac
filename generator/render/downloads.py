"""Download files: the KPI evaluation of a fiscal year as CSV and XLSX (for a finalised year, as the council saw it).

XLSX files are made byte-identical for the same data: fixed document dates
and fixed ZIP entry times (openpyxl would stamp the current time).
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook

from generator.charts.model import Column, Table
from generator.charts.review import groups
from generator.compute.computed import Computed
from generator.compute.progress import Progress
from generator.model.project import Project
from generator.model.strategy import CityStrategy, Kpi
from generator.render.review_rows import ShownRow, frozen_record, shown_rows

FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
DATA_DIR = "assets/data"


def evaluation_table(strategy: CityStrategy, kpis_by_goal: dict[str, list[Kpi]], progress: dict[str, Progress],
                     overall: Sequence[Kpi] = ()) -> Table:
    columns = (
        Column("goal", "目標"), Column("kind", "種類"), Column("id", "指標ID"), Column("name", "指標"), Column("unit", "単位"),
        Column("baseline", "基準値", kind="number", digits=None), Column("target_type", "目標の種類"),
        Column("target_years", "目標の年（度）"), Column("target", "目標値", kind="number", digits=None),
        Column("actual", "比べた実績", kind="number", digits=None), Column("year", "実績の年（度）"),
        Column("percent", "進捗率", kind="number", unit="%", digits=1), Column("grade", "評価"), Column("label", "評価の意味"),
        Column("preliminary", "速報値を含む"), Column("sample", "サンプルを含む"),
    )
    rows = []
    for _, group, group_kpis in groups(strategy, kpis_by_goal, overall):
        for kpi in group_kpis:
            p = progress[kpi.id]
            rows.append((
                group, kpi.kind, kpi.id, kpi.name, kpi.unit_label,
                kpi.baseline.value if kpi.baseline else None, kpi.target.type,
                f"{kpi.target.from_year}-{kpi.target.to_year}" if kpi.target.over_period else str(kpi.target.year or ""),
                kpi.target_value, p.value,
                str(p.as_of) if p.as_of is not None else "", p.percent, p.grade, p.label,
                "はい" if p.preliminary else "いいえ", "はい" if p.sample else "いいえ",
            ))
    return Table(columns, tuple(rows))


def frozen_table(rows: Sequence[ShownRow]) -> Table:
    """A finalised year's evaluation as the council was shown it, with today's corrections beside."""
    columns = (
        Column("goal", "目標"), Column("id", "指標ID"), Column("name", "指標"), Column("unit", "単位"),
        Column("actual", "比べた実績", kind="number", digits=None), Column("year", "実績の年（度）"), Column("target", "目標値"),
        Column("percent", "進捗率", kind="number", unit="%", digits=1), Column("grade", "評価"), Column("label", "評価の意味"),
        Column("preliminary", "速報値を含む"), Column("sample", "サンプルを含む"), Column("correction", "その後の訂正"),
    )
    table = tuple((r.group_title, r.kpi, r.name, r.unit or "", r.value, str(r.year) if r.year is not None else "", r.target_text,
                   r.percent, r.grade, r.label, "はい" if r.preliminary else "いいえ", "はい" if r.sample else "いいえ",
                   shown.correction or "")
                  for shown in rows for r in (shown.row,))
    return Table(columns, table)


def to_xlsx(table: Table, title: str, stamp: datetime.date) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([c.header for c in table.columns])
    for row in table.rows:
        sheet.append(list(row))
    return saved_workbook(workbook, stamp)


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


def review_files(project: Project, computed: Computed) -> dict[str, bytes]:
    """The KPI evaluation of each reviewed year as CSV and XLSX."""
    files: dict[str, bytes] = {}
    stamp = max([k.updated for k in project.kpis.values()], default=project.plan_periods.updated)
    for fy, progress in computed.reviews.items():
        record = frozen_record(project, fy)
        if record is None:
            table, day = evaluation_table(project.strategy, computed.kpis_by_goal, progress, computed.overall), stamp
        else:  # a finalised year: the figures the council saw (and corrections since)
            table, day = frozen_table(shown_rows(project, computed, fy)), record.date
        files[f"{DATA_DIR}/review-{fy}.csv"] = table.to_csv()
        files[f"{DATA_DIR}/review-{fy}.xlsx"] = to_xlsx(table, f"{fy}年度 効果検証", day)
    return files
