"""CSV tables a planner fills from a spreadsheet, checked with row and column.

A table becomes a `Document` like a YAML file, {"rows": [...]}, whose locations
are (line, column) of each cell, so the same validation reports CSV problems
as "population/x.csv 12行目 3列目, 項目 male".
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pydantic import BaseModel

from .models import Model
from .problems import Problem
from .validation import build_model
from .yamlio import Document, _decode


def load_csv(path: Path, name: str, row_model: type[BaseModel]) -> tuple[list | None, Document | None, list[Problem]]:
    """Rows as `row_model` instances (None when any problem), the document and the problems."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, None, [Problem(name, None, None, "", f"ファイルを開けません（{exc.strerror}）。", "ファイル名と場所を確認してください。")]
    text, problems = _decode(raw, name)
    if text is None:
        return None, None, problems
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        lines = list(reader)
    except csv.Error as exc:
        return None, None, [Problem(name, reader.line_num, None, "", f"CSV として読めません（{exc}）。", "引用符（\"）の閉じ忘れがないか確認してください。")]
    if not lines:
        return None, None, [Problem(name, None, None, "", "ファイルが空です。", f"1行目に列名（{', '.join(row_model.model_fields)}）を書いてください。")]
    header = [h.strip() for h in lines[0]]
    expected = list(row_model.model_fields)
    for index, column in enumerate(header, start=1):
        if column not in expected:
            problems.append(Problem(name, 1, index, column, f"列名「{column}」は使えません。", f"使える列名: {', '.join(expected)}"))
    for column in expected:
        if column not in header and row_model.model_fields[column].is_required():
            problems.append(Problem(name, 1, None, column, f"必須の列「{column}」がありません。", "1行目に列名を追加してください。"))
    if problems:
        return None, None, problems
    rows, value_marks = [], {}
    for line_number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines at the end of a spreadsheet export
        if len(cells) != len(header):
            problems.append(Problem(name, line_number, None, "", f"列の数が {len(cells)} 個です（1行目は {len(header)} 個）。",
                                    "数に桁区切りのカンマ（1,234）を付けていたら消して 1234 と書いてください。"
                                    "文字の中のカンマなら、その値全体を \"…\" で囲みます。"))
            continue
        index = len(rows)
        rows.append({column: (cell.strip() or None) for column, cell in zip(header, cells)})
        value_marks[("rows", index)] = (line_number, 1)
        for column_index, column in enumerate(header, start=1):
            value_marks[("rows", index, column)] = (line_number, column_index)
    document = Document(name, {"rows": rows}, value_marks)

    class Table(Model):
        rows: list[row_model]  # type: ignore[valid-type]

    instance, model_problems = build_model(Table, document)
    problems += [_as_column_problem(p) for p in model_problems]
    if problems or instance is None:
        return None, document, problems
    return list(instance.rows), document, []


def _as_column_problem(problem: Problem) -> Problem:
    """rows[3].male → 列「male」: a planner thinks in lines and columns."""
    field = problem.field.split(".", 1)[1] if problem.field.startswith("rows[") and "." in problem.field else problem.field
    return Problem(problem.file, problem.line, problem.column, f"列「{field}」" if field else "", problem.message, problem.hint, problem.severity)
