"""The Excel round trip of the yearly update: `export-xlsx` writes the workbook, `import-xlsx` writes it back.

The import checks every cell first (problems by sheet, row and column; nothing is written when any is
wrong), then edits only what differs: actuals in kpis/<id>.yml as careful text edits at their located
places (comments, order and quoting stay; `load/yamledit.py`), and the changed records of population/*.csv
(every other line stays byte for byte). The whole data is then validated; if that fails, every file is
put back as it was. An unchanged workbook changes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from generator.check.production import production_problems
from generator.check.schema import table_aliases, table_columns
from generator.load.csvio import BOM, csv_record, csv_records, header_key
from generator.load.xlsxio import read_workbook
from generator.load.yamledit import YamlText, flow_mapping, scalar_text
from generator.load.yamlio import load_text
from generator.model.project import DataFolder, Project, declared
from generator.model.strategy import Actual, Kpi
from generator.pipeline import validate
from generator.problems import PlannerError, Problem, Report, Severity
from generator.render.changes import Change, compare, snapshot
from generator.render.pages import page_urls
from generator.render.workbook import TableSheet, table_sheets, workbook_bytes
from generator.site.build import write_if_changed
from generator.site.workbook_sheets import Reading, YearCells, read_sheets

DEFAULT_WORKBOOK = "build/更新用.xlsx"


class WorkbookError(PlannerError):
    """The workbook cannot be written or read back; the message (Japanese) says what to fix."""


def _valid_project(root: Path, doing: str) -> Project:
    validated = validate(root, page_urls=page_urls)
    if validated.project is None:
        raise WorkbookError(f"データにエラーがあるため、{doing}。先にエラーを直してください。\n\n" + validated.report.format(check_only=True))
    return validated.project


def export_workbook(root: Path, target: Path) -> bool:
    """Write the update workbook of the data at `root`; False when the file already held the same bytes."""
    return write_if_changed(target, workbook_bytes(_valid_project(root, "更新用の表を書き出せません")))


# --- KPI files ---------------------------------------------------------------------------------------


def _source_title(actual: Actual) -> str | None:
    return actual.source.title if actual.source else None


def _as_written(cells: YearCells) -> dict[str, object]:
    """An actual's fields as the YAML gets them (the number as it reads back: whole numbers as integers)."""
    value: object = int(cells.value) if cells.value.is_integer() else cells.value
    fields: dict[str, object] = {"value": value, "status": cells.status}
    if cells.source is not None:
        fields["source"] = {"title": cells.source}
    return fields


def _item_text(year: int, cells: YearCells) -> str:
    fields = _as_written(cells)
    items = [("year", str(year)), ("value", scalar_text(fields["value"])), ("status", scalar_text(cells.status))]
    if cells.source is not None:
        items.append(("source", flow_mapping([("title", scalar_text(cells.source))])))
    return flow_mapping(items)


def _update(editor: YamlText, item: dict, index: int, actual: Actual, cells: YearCells) -> None:
    """An existing actual's value, status and source set to the sheet's (other fields stay)."""
    path = ("actuals", index)
    if cells.value != actual.value:
        editor.set_key(path, "value", scalar_text(_as_written(cells)["value"]))
        item["value"] = _as_written(cells)["value"]
    if cells.status != actual.status:
        editor.set_key(path, "status", scalar_text(cells.status))
        item["status"] = cells.status
    if cells.source != _source_title(actual):
        if cells.source is None:
            editor.remove_key(path, "source")
            item.pop("source", None)
        else:  # a changed title is a different source: the old one's URL and details do not carry over
            editor.set_key(path, "source", flow_mapping([("title", scalar_text(cells.source))]))
            item["source"] = {"title": cells.source}


def _differs(actual: Actual, cells: YearCells) -> bool:
    return (cells.value, cells.status, cells.source) != (actual.value, actual.status, _source_title(actual))


def kpi_text(text: str, kpi: Kpi, wanted: dict[int, YearCells | None], today: datetime.date) -> str | None:
    """The KPI file's text with its actuals as the sheet wants them, or None when nothing differs."""
    editor = YamlText(text)
    document, _ = load_text(text, "")
    assert document is not None  # the file was read into the project already
    expected = dict(document.data)
    items = [dict(item) for item in expected.get("actuals") or []]
    changed = False
    for index, actual in enumerate(kpi.actuals):
        cells = wanted.get(actual.year)
        if cells is not None and _differs(actual, cells):
            _update(editor, items[index], index, actual, cells)
            changed = True
    for index in reversed(range(len(kpi.actuals))):
        if kpi.actuals[index].year in wanted and wanted[kpi.actuals[index].year] is None:
            editor.remove_item(("actuals",), index)
            del items[index]
            changed = True
    present = {item.get("year") for item in items}
    for year, cells in sorted(wanted.items()):
        if cells is None or year in present:
            continue
        if editor.node(("actuals",)) is None:
            editor.set_key((), "actuals", "[]")
        at = next((i for i, item in enumerate(items) if isinstance(item.get("year"), int) and item["year"] > year), len(items))
        editor.insert_item(("actuals",), at, _item_text(year, cells))
        items.insert(at, {"year": year, **_as_written(cells)})
        changed = True
    if not changed:
        return None
    updated = max(today, kpi.updated).isoformat()
    editor.set_key((), "updated", updated)
    expected.update(actuals=items, updated=updated)
    return _checked(editor.text, expected, kpi.id)


def _checked(text: str, expected: dict, name: str) -> str:
    """The edited text, read back: it must hold exactly the data meant (else nothing is written)."""
    document, problems = load_text(text, name)
    if any(p.severity is Severity.ERROR for p in problems) or document is None or document.data != expected:
        raise WorkbookError(f"{name} への書き込みを組み立てられませんでした（何も書き換えていません）。開発担当者に連絡してください。")
    return text


def _kpi_files(root: Path, project: Project, reading: Reading, today: datetime.date) -> dict[str, bytes]:
    folder = declared("kpis", DataFolder).folder
    files_by_id = {document.data.get("id"): name for name, document in project.documents.items()
                   if name.startswith(folder + "/") and isinstance(document.data, dict)}
    files = {}
    for kpi_id, wanted in reading.actuals.items():
        name = files_by_id[kpi_id]
        raw = (root / name).read_bytes()
        bom = raw.startswith(BOM.encode())
        text = raw.decode("utf-8").removeprefix(BOM)
        crlf = "\r\n" in text
        edited = kpi_text(text.replace("\r\n", "\n"), project.kpis[kpi_id], wanted, today)
        if edited is not None:
            edited = edited.replace("\n", "\r\n") if crlf else edited
            files[name] = ((BOM if bom else "") + edited).encode("utf-8")
    return files


# --- Population tables -------------------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def table_text(text: str, table: TableSheet, current: list[BaseModel], wanted: list[BaseModel]) -> str:
    """The CSV text with the records whose row differs rewritten, rows added below or removed at the end; every
    other record keeps its bytes. A value in a column the file lacks rewrites the table with that column."""
    records = list(csv_records(text))
    known = {header_key(c): c for c in table_columns(table.model)} | {header_key(a): c for a, c in table_aliases(table.model).items()}
    header_cells = records[0][0]
    while header_cells and not header_cells[-1].strip():
        header_cells = header_cells[:-1]
    columns = [known[header_key(cell)] for cell in header_cells]
    newline = "\r\n" if records[0][1].endswith("\r\n") else "\n"
    if any(getattr(row, name) is not None for row in wanted for name in table.model.model_fields if name not in columns):
        names = list(table.model.model_fields)
        labels = {column: cell for column, cell in zip(columns, header_cells)}
        japanese = any(header_key(cell) != header_key(column) for column, cell in labels.items())  # new columns named alike
        titles = {name: (table.model.model_fields[name].title if japanese else None) or name for name in names}
        return "".join([csv_record([labels.get(name, titles[name]) for name in names], newline),
                        *(csv_record([_cell(getattr(row, name)) for name in names], newline) for row in wanted)])
    out, count = [records[0][1]], 0
    for cells, raw in records[1:]:
        if not any(cell.strip() for cell in cells):
            out.append(raw)  # a blank line stays where it is
            continue
        if count < len(wanted):
            same = count < len(current) and wanted[count] == current[count]
            out.append(raw if same else csv_record([_cell(getattr(wanted[count], name)) for name in columns], newline))
        count += 1
    last_data = max((i for i, part in enumerate(out) if part.strip()), default=0)
    added = [csv_record([_cell(getattr(row, name)) for name in columns], newline) for row in wanted[count:]]
    if added and not out[last_data].endswith(("\n", "\r")):
        out[last_data] += newline
    return "".join(out[:last_data + 1] + added + out[last_data + 1:])


def _table_files(root: Path, project: Project, reading: Reading) -> dict[str, bytes]:
    files = {}
    for table in table_sheets(project):
        wanted, current = reading.tables.get(table.key), getattr(project, table.key)
        if wanted is None or wanted == current:
            continue
        text = (root / table.path).read_bytes().decode("utf-8").removeprefix(BOM)
        files[table.path] = (BOM + table_text(text, table, current, wanted)).encode("utf-8")
    return files


# --- The import ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    written: list[str]  # files changed, relative to the project
    changes: list[Change]  # what a reader of the site will see change
    to_fix: int  # what the production gate still refuses
    warnings: list[Problem]


def _write_checked(root: Path, files: dict[str, bytes]) -> Project:
    """Write the files, validate everything; on any error put every file back as it was."""
    originals = {name: (root / name).read_bytes() for name in files}
    try:
        for name, content in files.items():
            write_if_changed(root / name, content)
        validated = validate(root, page_urls=page_urls)
    except BaseException:
        for name, content in originals.items():
            write_if_changed(root / name, content)
        raise
    if validated.project is None:
        for name, content in originals.items():
            write_if_changed(root / name, content)
        raise WorkbookError("読み込んだ値ではデータの検証に通らないため、ファイルをすべて元に戻しました。"
                            "次の問題を表で直してから、もう一度読み込んでください。\n\n" + validated.report.format(check_only=True))
    return validated.project


def import_workbook(root: Path, source: Path, today: datetime.date | None = None) -> Imported:
    """Read the workbook at `source` back into the data at `root` (see the module's description)."""
    before = _valid_project(root, "表を読み込めません")
    sheets, problems = read_workbook(source, source.name)
    reading = read_sheets(sheets, before) if sheets is not None else Reading(problems=problems)
    if any(problem.severity is Severity.ERROR for problem in reading.problems):
        raise WorkbookError(f"{source.name} に直すところがあるため、読み込みませんでした（ファイルは何も書き換えていません）。\n\n"
                            + Report(reading.problems).format(check_only=True))
    warnings = list(reading.problems)
    files = _kpi_files(root, before, reading, today or datetime.date.today()) | _table_files(root, before, reading)
    if not files:
        return Imported([], [], len(production_problems(before)), warnings)
    after = _write_checked(root, files)
    return Imported(sorted(files), compare(snapshot(before), snapshot(after)), len(production_problems(after)), warnings)
