"""CSV tables a planner fills from a spreadsheet, checked with row and column.

A table becomes a `Document` like a YAML file, {"rows": [...]}, whose locations
are (line, column) of each cell, so the same validation reports CSV problems
as "population/x.csv 12行目 3列目, 項目 male".
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.load.decode import read_text
from generator.load.document import Document
from generator.problems import Problem


def load_csv(path: Path, name: str, columns: dict[str, bool]) -> tuple[Document | None, list[Problem]]:
    """The table as a document {"rows": [{column: text or None}]}, or None and the problems.

    `columns` maps each allowed column name to whether it is required; the cells
    stay text, and the check stage turns rows into models.
    """
    text, problems = read_text(path, name)
    if text is None:
        return None, problems
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        lines = list(reader)
    except csv.Error as exc:
        return None, [Problem(name, reader.line_num, None, "", f"CSV として読めません（{exc}）。", "引用符（\"）の閉じ忘れがないか確認してください。")]
    if not lines:
        return None, [Problem(name, None, None, "", "ファイルが空です。", f"1行目に列名（{', '.join(columns)}）を書いてください。")]
    header = [h.strip() for h in lines[0]]
    expected = list(columns)
    for index, column in enumerate(header, start=1):
        if column not in expected:
            problems.append(Problem(name, 1, index, column, f"列名「{column}」は使えません。", f"使える列名: {', '.join(expected)}"))
    for column in expected:
        if column not in header and columns[column]:
            problems.append(Problem(name, 1, None, column, f"必須の列「{column}」がありません。", "1行目に列名を追加してください。"))
    if problems:
        return None, problems
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
    return Document(name, {"rows": rows}, value_marks), problems
