"""Open data: every downloadable table described once, in a Frictionless Data Package, with one zip of everything.

Each download is a `Table` (charts/model.py) written to CSV, XLSX or JSON by the code that makes it (a chart's
CSV in figures.py, a year's evaluation and each KPI's own data in downloads.py). Here the same tables are listed as
`Dataset`s, and `datapackage.json` (in assets/data/, beside the files it describes, so that the zip of that folder
is itself a data package) describes each file from the same Table: one resource per file, its schema from the
table's download columns (name, type, unit, the status vocabulary of compute/provenance.py), its sources, the
licence of the site's data (site.yml `data_license`). The データ一覧 page (templates/data.md.j2) lists the same
datasets with their formats, sizes and dates.
"""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import zipfile
from dataclasses import dataclass
from datetime import date

from generator.charts.model import Chart, Column, Table
from generator.compute.computed import Computed
from generator.compute.provenance import MEANINGS, STATUSES, is_sample
from generator.compute.updated import last_updated
from generator.model.base import Source
from generator.model.project import Project
from generator.render.downloads import DATA_DIR, FIXED_ZIP_TIME, KPI_DATA_DIR, kpi_data_table, kpi_files, review_files, review_tables
from generator.render.figures import chart_files
from generator.render.links import size_label
from generator.text.eras import fiscal_year_label
from generator.text.memo import remembered

PACKAGE = f"{DATA_DIR}/datapackage.json"
DATA_PAGE = "data.md"  # データ一覧 (render/pages.py SITE_PAGES): every dataset with its files' sizes
ZIP = f"{DATA_DIR}/all-data.zip"

# Per format: how the page names it, its media type, its text encoding (None: a binary format).
FORMATS = {
    "csv": ("CSV", "text/csv", "utf-8"),
    "xlsx": ("Excel（XLSX）", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", None),
    "json": ("JSON", "application/json", "utf-8"),
}
# Table Schema types of the column kinds: years are written with their era (令和2(2020)年), so they are text.
TYPES = {"text": "string", "status": "string", "year": "string", "fiscal_year": "string", "integer": "integer", "number": "number"}
KIND_NOTES = {
    "year": "年（和暦と西暦。例: 令和2(2020)年）。",
    "fiscal_year": "年度（和暦と西暦。例: 令和3(2021)年度。4月から翌年3月まで）。",
}
GROUPS = ("総合戦略", "指標", "効果検証", "人口ビジョン")  # the data page's sections, in this order


@dataclass(frozen=True)
class Dataset:
    """One downloadable table and the files it is written to (the same table in each format)."""

    name: str  # the file stem; with the format, the data package's resource name
    title: str
    description: str
    table: Table
    paths: tuple[str, ...]  # in the site, e.g. assets/data/review-2024.csv and .xlsx
    sources: tuple[Source, ...]
    updated: date
    group: str  # its section on the data page (GROUPS)

    @property
    def sample(self) -> bool:
        """Whether a row is, or is computed from, a sample."""
        return any(is_sample(status) for status in self.table.status)


def _chart_group(chart_id: str, project: Project) -> str:
    if chart_id in project.kpis:
        return "指標"
    if chart_id.startswith("review-"):
        return "効果検証"
    return "人口ビジョン" if chart_id.startswith("population-") else "総合戦略"


def _chart_dataset(chart: Chart, project: Project) -> Dataset:
    described = " ".join((chart.shown_summary, *((chart.source_note + "。",) if chart.source_note else ()), *chart.notes))
    title = f"{chart.title}（推移の表）" if chart.id in project.kpis else chart.title
    return Dataset(chart.id, title, described, chart.table, (f"{DATA_DIR}/{chart.id}.csv",), chart.sources, chart.updated,
                   _chart_group(chart.id, project))


def datasets(project: Project, computed: Computed, all_charts: dict[str, Chart],
             reviews: dict[int, tuple[Table, date]] | None = None) -> list[Dataset]:
    """Every downloadable table of the site: the charts' tables, each reviewed year's evaluation (`reviews`:
    `review_tables`, when the caller has made them) and each KPI's data."""
    found = [_chart_dataset(chart, project) for chart in all_charts.values()]
    for fy, (table, day) in (reviews if reviews is not None else review_tables(project, computed)).items():
        found.append(Dataset(
            f"review-{fy}", f"{fiscal_year_label(fy)}の効果検証（指標ごとの評価）",
            f"{fiscal_year_label(fy)}までの実績による、指標ごとの基準値・目標値・比べた実績・進捗率・評価です。"
            "各指標の出典は、その指標のデータにあります。",
            table, (f"{DATA_DIR}/review-{fy}.csv", f"{DATA_DIR}/review-{fy}.xlsx"), (), day, "効果検証"))
    for kpi in project.kpis.values():
        found.append(Dataset(
            f"{kpi.id}-data", f"{kpi.name}（指標のデータ）", f"{kpi.definition} 基準値・目標値と、すべての実績を1行に1つずつ、出典とともに載せています。",
            kpi_data_table(kpi), (f"{KPI_DATA_DIR}/{kpi.id}.csv", f"{KPI_DATA_DIR}/{kpi.id}.json"),
            all_charts[kpi.id].sources if kpi.id in all_charts else (), kpi.updated, "指標"))
    for dataset in found:
        if not dataset.table.status:
            raise ValueError(f"the table of {dataset.name} gives no row its status")  # every download says what each row is
    return sorted(found, key=lambda d: GROUPS.index(d.group))


def field(column: Column) -> dict:
    """A Table Schema field for a column of the files (Column.header is the name the files use)."""
    described = column.description or KIND_NOTES.get(column.kind, "")
    spec: dict = {"name": column.header, "title": column.label,
                  "type": "integer" if column.kind == "number" and column.digits == 0 else TYPES[column.kind]}
    if described:
        spec["description"] = described
    if column.unit:
        spec["unit"] = column.unit  # beside the column 「単位」 that holds it in the files
    if column.kind == "status":
        spec["constraints"] = {"required": True, "enum": list(STATUSES)}
    return spec


def schema(table: Table) -> dict:
    """The table's Table Schema (in the preview, made again only when the table changed; nobody changes it)."""
    return remembered("schema", lambda: repr(table), lambda: _schema(table))


def _schema(table: Table) -> dict:
    columns = table.download_columns()
    found: dict = {"fields": [field(column) for column in columns], "missingValues": [""]}
    if table.key:
        labels = {column.key: column.header for column in columns}
        found["primaryKey"] = [labels[key] for key in table.key]
    return found


def _source(source: Source) -> dict:
    title = "、".join(part for part in (source.title, source.publisher, source.section) if part)
    return {"title": title, **({"path": source.url} if source.url else {})}


def resource(dataset: Dataset, path: str, data: bytes) -> dict:
    """The data package's description of one file of a dataset (its path relative to datapackage.json)."""
    extension = path.rsplit(".", 1)[1]
    label, mediatype, encoding = FORMATS[extension]
    found: dict = {
        "name": dataset.name if extension == "csv" else f"{dataset.name}-{extension}",
        "type": "table", "path": posixpath.relpath(path, DATA_DIR), "title": f"{dataset.title}（{label}）",
        "description": dataset.description, "format": extension, "mediatype": mediatype,
        **({"encoding": encoding} if encoding else {}),
        # Size and hash, for a reader to check a copy (frictionless checks them too, except for JSON, which it parses
        # as a stream without counting: there a stated size would be reported as a mismatch).
        **({"bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}"} if extension != "json" else {}),
        "schema": schema(dataset.table),
    }
    sources = list({json.dumps(_source(s), ensure_ascii=False): _source(s) for s in dataset.sources}.values())
    if sources:
        found["sources"] = sources
    return found


def status_meanings() -> str:
    return "／".join(f"{status}: {MEANINGS[status]}" for status in STATUSES)


def datapackage(project: Project, found: list[Dataset], files: dict[str, bytes]) -> dict:
    """datapackage.json: every file of every dataset (the bytes as written, for their size and hash)."""
    site, terms = project.site, project.site.data_license
    names = "」と「".join(document.name for document in site.documents)
    updated = last_updated(project)
    return {
        "title": f"{site.site_title}のデータ",
        "description": (f"{site.city}の「{names}」の表のデータです。どの表も1行目が列名で、単位は「単位」の列に、"
                        f"各行の値の状態は「状態」の列にあります。状態の意味: {status_meanings()}"),
        **({"created": f"{updated.isoformat()}T00:00:00Z"} if updated is not None else {}),
        "contributors": [{"title": site.city, "role": "publisher"}],
        "licenses": [{"title": terms.title, "path": terms.url}],
        "resources": [resource(dataset, path, files[path]) for dataset in found for path in dataset.paths],
    }


def package_bytes(package: dict) -> bytes:
    return (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def zipped(files: dict[str, bytes]) -> bytes:
    """The files (name → bytes) in one zip, the same for the same files: sorted names, fixed entry times."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            entry = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, files[name])
    return out.getvalue()


@dataclass(frozen=True)
class OpenData:
    """What the data page needs and the files it links: every dataset, its files' bytes, the package and the zip."""

    datasets: list[Dataset]
    files: dict[str, bytes]  # every data file of the site (assets/data/...), datapackage.json and the zip included
    package: str = PACKAGE
    zip: str = ZIP

    def size(self, path: str) -> str:
        return size_label(self.files[path])

    def groups(self) -> list[tuple[str, list[Dataset]]]:
        """The datasets by section of the data page (GROUPS order), empty sections left out."""
        return [(group, found) for group in GROUPS if (found := [d for d in self.datasets if d.group == group])]

    @staticmethod
    def meanings() -> list[tuple[str, str]]:
        """Every status with its meaning (compute/provenance.py), in order from the most to the least trustworthy."""
        return [(status, MEANINGS[status]) for status in STATUSES]

    def kpi_files(self, kpi_id: str) -> tuple[str, ...]:
        """The files of a KPI's own data (CSV, JSON), for its page."""
        return next(d.paths for d in self.datasets if d.name == f"{kpi_id}-data")


def open_data(project: Project, computed: Computed, all_charts: dict[str, Chart], files: dict[str, bytes],
              reviews: dict[int, tuple[Table, date]] | None = None) -> OpenData:
    """The data package and the zip of `files` (every dataset's files, as written by the stages that make them)."""
    found = datasets(project, computed, all_charts, reviews)
    package = package_bytes(datapackage(project, found, files))
    listed = {path: files[path] for dataset in found for path in dataset.paths}
    inside = {posixpath.relpath(path, DATA_DIR): data for path, data in {**listed, PACKAGE: package}.items()}
    return OpenData(found, {**listed, PACKAGE: package, ZIP: zipped(inside)})


def site_open_data(project: Project, computed: Computed, all_charts: dict[str, Chart], bundle: bool = True) -> OpenData:
    """The site's open data: every download as the render stage writes it, described and zipped. Without `bundle`
    (the preview's quick generation) only the files the pages other than データ一覧 link: no XLSX, package or zip."""
    reviews = review_tables(project, computed)
    written = {path: data for path, data in chart_files(all_charts).items() if isinstance(data, bytes)}
    written |= review_files(project, computed, xlsx=bundle, tables=reviews) | kpi_files(project)
    if not bundle:
        return OpenData(datasets(project, computed, all_charts, reviews), written)
    return open_data(project, computed, all_charts, written, reviews)


def bundled(path: str) -> bool:
    """Whether a file is one the preview's quick generation leaves for later: the zip, datapackage.json, the XLSX files
    and the データ一覧 page that lists them with their sizes (`DATA_PAGE`)."""
    return path in (PACKAGE, ZIP, DATA_PAGE) or path.endswith(".xlsx")
