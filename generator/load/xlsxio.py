"""A workbook (.xlsx) a planner saved, read as plain cell values per sheet; never raises on a bad file."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from generator.problems import Problem

# Far more than a year's update of any city; anything larger is not the exported workbook.
MAX_WORKBOOK_BYTES = 20 * 1024 * 1024

UNREADABLE = "E-XLSX-UNREADABLE"  # the message catalog's code of every problem here
Sheet = list[list[object]]  # rows of cell values (None for an empty cell), trailing empty rows and columns left out


def _trimmed(rows: list[tuple]) -> Sheet:
    cells = [[None if isinstance(v, str) and not v.strip() else v for v in row] for row in rows]
    while cells and all(v is None for v in cells[-1]):
        cells.pop()
    width = max((max((i + 1 for i, v in enumerate(row) if v is not None), default=0) for row in cells), default=0)
    return [row[:width] + [None] * (width - len(row[:width])) for row in cells]


def read_workbook(path: Path, name: str) -> tuple[dict[str, Sheet] | None, list[Problem]]:
    """Each sheet's cell values by sheet name (formulas as the values Excel saved), or None and the problem."""
    unreadable = ("Excel のファイル（.xlsx）として保存し直してください（Excel の「名前を付けて保存」で「Excel ブック」を選びます）。")
    try:
        if path.stat().st_size > MAX_WORKBOOK_BYTES:
            return None, [Problem(name, None, None, "", f"ファイルが大きすぎます（上限は{MAX_WORKBOOK_BYTES:,}バイト）。",
                                  "export-xlsx で書き出した表か確かめてください。", code=UNREADABLE)]
        workbook = load_workbook(path, data_only=True, read_only=True)
    except OSError as exc:
        return None, [Problem(name, None, None, "", f"ファイルを開けません（{exc.strerror or exc}）。", "ファイル名と場所を確認してください。",
                              code=UNREADABLE)]
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as exc:
        return None, [Problem(name, None, None, "", f"Excel のファイルとして読めません（{type(exc).__name__}）。", unreadable, code=UNREADABLE)]
    try:
        return {sheet.title: _trimmed(list(sheet.iter_rows(values_only=True))) for sheet in workbook.worksheets}, []
    finally:
        workbook.close()
