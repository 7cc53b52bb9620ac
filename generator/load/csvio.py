"""CSV tables a planner fills from a spreadsheet, checked with row and column; and the one way CSV is written.

A table becomes a `Document` like a YAML file, {"rows": [...]}, whose locations
are (line, column) of each cell, so the same validation reports CSV problems
as "population/x.csv 12行目 3列目, 項目 male".

What Excel does to a CSV is accepted: a BOM (UTF-8 with or without), CRLF line ends,
empty columns and rows after the table. Columns are named in English or by their
Japanese names (`aliases`, from the row model). Every CSV the generator writes
goes through `csv_bytes` / `csv_record`: UTF-8 with a BOM, so Excel opens it without mojibake.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from generator.load.decode import read_text
from generator.load.document import Document, Path_
from generator.problems import Problem

BOM = "\ufeff"
_BRACKETED_END = re.compile(r"\([^()]*\)$")  # 総人口（人）: a unit after the name
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$")  # lines as CSV sees them (no other line breaks)


def header_key(text: str) -> str:
    """A header cell compared loosely: half-width (NFKC), no spaces, any wave dash as 〜, a trailing （…） dropped."""
    key = unicodedata.normalize("NFKC", text).strip().replace(" ", "").replace("~", "〜").replace("～", "〜")
    return _BRACKETED_END.sub("", key).lower()


def _trimmed(lines: list[list[str]]) -> list[list[str]]:
    """Excel's empty cells after the last column and empty rows after the table, left out."""
    width = len(lines[0])
    while width and not lines[0][width - 1].strip():
        width -= 1
    rows = [lines[0][:width]]
    for cells in lines[1:]:
        if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
            cells = cells[:width]
        rows.append(cells)
    return rows


def _header(cells: list[str], name: str, columns: dict[str, bool], aliases: dict[str, str]) -> tuple[list[str], list[Problem]]:
    """The column names of the header (Japanese names read as the English ones), and its problems."""
    known = {header_key(column): column for column in columns} | {header_key(alias): column for alias, column in aliases.items()}
    japanese = {column: alias for alias, column in aliases.items()}
    choices = ", ".join(f"{column}（{japanese[column]}）" if column in japanese else column for column in columns)
    header: list[str] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(cells, start=1):
        column = known.get(header_key(cell), cell.strip())
        if not cell.strip():
            problems.append(Problem(name, 1, index, "", f"{index}列目の列名が空です。",
                                    f"列名を書くか、使わない列なら列ごと消してください。使える列名: {choices}", code="E-CSV-COLUMN-UNKNOWN"))
        elif column not in columns:
            problems.append(Problem(name, 1, index, cell.strip(), f"列名「{cell.strip()}」は使えません。", f"使える列名: {choices}",
                                    code="E-CSV-COLUMN-UNKNOWN"))
        elif column in seen:
            problems.append(Problem(name, 1, index, column, f"列「{column}」が2回あります（{seen[column]}列目と{index}列目）。",
                                    "どちらか一方の列を消してください（日本語の列名と英語の列名は同じ列です）。", code="E-CSV-COLUMN-DUPLICATE"))
        seen.setdefault(column, index)
        header.append(column)
    for column in columns:
        if column not in header and columns[column]:
            problems.append(Problem(name, 1, None, column, f"必須の列「{column}」がありません。", "1行目に列名を追加してください。",
                                    code="E-CSV-COLUMN-MISSING"))
    return header, problems


def load_csv(path: Path, name: str, columns: dict[str, bool],
             aliases: dict[str, str] | None = None) -> tuple[Document | None, list[Problem]]:
    """The table as a document {"rows": [{column: text or None}]}, or None and the problems.

    `columns` maps each allowed column name to whether it is required, `aliases` a Japanese
    column name to its column; the cells stay text, and the check stage turns rows into models.
    """
    text, problems = read_text(path, name)
    if text is None:
        return None, problems
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        lines = list(reader)
    except csv.Error as exc:
        return None, [Problem(name, reader.line_num, None, "", f"CSV として読めません（{exc}）。", "引用符（\"）の閉じ忘れがないか確認してください。",
                              code="E-CSV-SYNTAX")]
    if not lines or not any(cell.strip() for cell in lines[0]):
        return None, [Problem(name, None, None, "", "ファイルが空です。", f"1行目に列名（{', '.join(columns)}）を書いてください。", code="E-FILE-EMPTY")]
    lines = _trimmed(lines)
    header, problems = _header(lines[0], name, columns, aliases or {})
    if problems:
        return None, problems
    rows: list[dict[str, str | None]] = []
    value_marks: dict[Path_, tuple[int, int]] = {}
    for line_number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines at the end of a spreadsheet export
        if len(cells) != len(header):
            problems.append(Problem(name, line_number, None, "", f"列の数が {len(cells)} 個です（1行目は {len(header)} 個）。",
                                    "数に桁区切りのカンマ（1,234）を付けていたら消して 1234 と書いてください。"
                                    "文字の中のカンマなら、その値全体を \"…\" で囲みます。", code="E-CSV-COLUMN-COUNT"))
            continue
        index = len(rows)
        rows.append({column: (cell.strip() or None) for column, cell in zip(header, cells)})
        value_marks[("rows", index)] = (line_number, 1)
        for column_index, column in enumerate(header, start=1):
            value_marks[("rows", index, column)] = (line_number, column_index)
    return Document(name, {"rows": rows}, value_marks), problems


# --- Writing -------------------------------------------------------------------------------------


def csv_record(cells: Sequence[object], newline: str = "\r\n") -> str:
    """One CSV record (quoted where needed), ended by `newline`."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerow(["" if cell is None else cell for cell in cells])
    return buffer.getvalue()


def csv_bytes(rows: Iterable[Sequence[object]], newline: str = "\r\n") -> bytes:
    """A whole CSV file: UTF-8 with a BOM (Excel then reads the Japanese text correctly)."""
    return (BOM + "".join(csv_record(row, newline) for row in rows)).encode("utf-8")


def csv_records(text: str) -> Iterator[tuple[list[str], str]]:
    """Each record of a CSV text with the exact text it was read from (several lines when a quoted cell spans lines),
    so that an edit can rewrite one record and keep every other byte."""
    consumed: list[str] = []

    def lines() -> Iterator[str]:
        for line in _LINES.findall(text):
            consumed.append(line)
            yield line

    for cells in csv.reader(lines()):
        raw = "".join(consumed)
        consumed.clear()
        yield cells, raw
