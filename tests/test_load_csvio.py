from pathlib import Path

from generator.check.schema import build_table, table_columns
from generator.load.csvio import load_csv
from generator.model.population import CensusRow

HEADER = "year,total,male,female,age_0_14,age_15_64,age_65_over,status,source\n"


def read_table(path: Path) -> tuple[list | None, list]:
    """Load then check, as the pipeline does: rows (None on any problem) and every problem."""
    document, problems = load_csv(path, "population/census.csv", table_columns(CensusRow))
    if document is None:
        return None, problems
    rows, row_problems = build_table(CensusRow, document)
    return (None if problems else rows), problems + row_problems


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "census.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_rows_are_read_with_numbers_and_blanks(tmp_path):
    path = write(tmp_path, "\ufeff" + HEADER + "2010,129691,65503,64188,18201,,,未確認,出典\n\n")
    rows, problems = read_table(path)
    assert problems == [] and rows[0].total == 129691 and rows[0].age_15_64 is None


def test_cell_errors_name_line_column_and_field(tmp_path):
    path = write(tmp_path, HEADER + "2010,129691,,,,,,未確認,出典\n2015,13万,,,,,,確認済,出典\n")
    rows, problems = read_table(path)
    assert rows is None
    [problem] = problems
    assert (problem.line, problem.column, problem.field) == (3, 2, "列「total」")
    assert "数値" in problem.message


def test_row_rule_is_located_on_its_line(tmp_path):
    path = write(tmp_path, HEADER + "2010,129691,65503,60000,,,,未確認,出典\n")
    _, problems = read_table(path)
    assert problems[0].line == 2 and "合いません" in problems[0].message


def test_unknown_and_missing_columns(tmp_path):
    path = write(tmp_path, "year,totl,status,source\n2010,1,未確認,s\n")
    _, problems = read_table(path)
    messages = [p.message for p in problems]
    assert any("「totl」は使えません" in m for m in messages) and any("必須の列「total」" in m for m in messages)


def test_wrong_cell_count_and_encoding(tmp_path):
    path = write(tmp_path, HEADER + "2010,1,2\n")
    _, problems = read_table(path)
    assert problems[0].line == 2 and "列の数" in problems[0].message
    sjis = write(tmp_path, HEADER + "2010,1,,,,,,未確認,出典\n", encoding="cp932")
    _, problems = read_table(sjis)
    assert "Shift_JIS" in problems[0].message
