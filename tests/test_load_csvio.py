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
    path = write(tmp_path, HEADER + "2010,129691,,,,,,未確認,出典\n2015,13万,,,,,,確定,出典\n")
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


def read_pipeline_table(path: Path) -> tuple[list | None, list]:
    """As the pipeline reads a table: Japanese column names accepted, warnings kept beside the rows."""
    from generator.check.schema import table_aliases
    from generator.problems import Severity

    document, problems = load_csv(path, "population/census.csv", table_columns(CensusRow), table_aliases(CensusRow))
    if document is None:
        return None, problems
    rows, row_problems = build_table(CensusRow, document)
    return (None if any(p.severity is Severity.ERROR for p in problems) else rows), problems + row_problems


def test_excel_csv_with_bom_crlf_and_trailing_empty_columns_and_rows(tmp_path):
    """What Excel writes on 「CSV UTF-8」: a BOM, CRLF, empty cells after the table, empty rows below it."""
    text = ("\ufeffyear,total,male,female,age_0_14,age_15_64,age_65_over,status,source,,\r\n"
            "2010,129691,65503,64188,,,,確定,\"国勢調査, 総務省\",,\r\n"
            "2015,136299,,,,,,未確認,出典,,\r\n"
            ",,,,,,,,,,\r\n,,,,,,,,,,\r\n")
    rows, problems = read_pipeline_table(write(tmp_path, text))
    assert problems == []
    assert [(r.year, r.total, r.status, r.source) for r in rows] == [
        (2010, 129691, "確定", "国勢調査, 総務省"), (2015, 136299, "未確認", "出典")]


def test_a_value_in_a_column_without_a_name_is_still_an_error(tmp_path):
    rows, problems = read_pipeline_table(write(tmp_path, HEADER.rstrip("\n") + ",\n2010,1,,,,,,確定,出典,メモ\n"))
    assert rows is None
    [problem] = problems
    assert problem.line == 2 and "列の数が 10 個です（1行目は 9 個）" in problem.message


def test_an_empty_column_name_inside_the_header_is_named_by_position(tmp_path):
    _, problems = read_pipeline_table(write(tmp_path, "year,,total,status,source\n2010,,1,確定,s\n"))
    [problem] = problems
    assert (problem.line, problem.column, problem.message) == (1, 2, "2列目の列名が空です。")
    assert "total（総人口）" in problem.hint


def test_japanese_column_names_are_the_same_columns(tmp_path):
    """The Japanese names of the field reference, in any width, with a unit in brackets or a full-width tilde."""
    text = "年,総人口（人）,男性,女性,０～１４歳,15〜64歳,65歳以上,状態,出典\n2020,141083,70000,71083,,,,確定,国勢調査\n"
    rows, problems = read_pipeline_table(write(tmp_path, text))
    assert problems == []
    assert (rows[0].year, rows[0].total, rows[0].male, rows[0].status) == (2020, 141083, 70000, "確定")


def test_a_column_written_in_both_languages_is_refused(tmp_path):
    _, problems = read_pipeline_table(write(tmp_path, "year,年,total,status,source\n2010,2010,1,確定,s\n"))
    [problem] = problems
    assert (problem.column, problem.message) == (2, "列「year」が2回あります（1列目と2列目）。")


def test_the_old_status_word_is_read_as_the_new_one_with_a_located_warning(tmp_path):
    rows, problems = read_pipeline_table(write(tmp_path, HEADER + "2010,129691,,,,,,確認済,出典\n2015,136299,,,,,,確定,出典\n"))
    assert [r.status for r in rows] == ["確定", "確定"]
    [warning] = problems
    assert warning.severity.value == "warning"
    assert (warning.line, warning.column, warning.field) == (2, 8, "列「status」")
    assert warning.message == "「確認済」は前の版の書き方です。今は「確定」と書きます（「確定」として読みました）。"
    assert warning.hint == "「確認済」を「確定」に書き換えてください。"


def test_the_old_status_word_warns_through_the_pipeline_and_production_still_refuses_unchecked(project_copy: Path):
    from generator.pipeline import validate

    census = project_copy / "population/census.csv"
    text = census.read_text(encoding="utf-8")
    census.write_text(text.replace(",未確認,", ",確認済,", 1), encoding="utf-8")
    report = validate(project_copy).report
    assert report.ok
    assert [(p.file, p.line) for p in report.warnings if "確認済" in p.message] == [("population/census.csv", 2)]
    production = validate(project_copy, production=True).report
    unchecked = [p for p in production.errors if p.file == "population/census.csv" and "未確認" in p.message]
    assert len(unchecked) == 10 and all(p.line != 2 for p in unchecked)  # the row read as 確定 passes, the others do not
    assert unchecked[0].hint == "e-Stat などの原典で値を確かめ、status 列を 確定（速報値なら 速報）にしてください。"


def test_every_csv_written_has_a_bom_and_records_keep_their_text():
    from generator.load.csvio import csv_bytes, csv_records

    assert csv_bytes([["年", "出典"], [2020, "国勢調査, 総務省"]]) == "\ufeff年,出典\r\n2020,\"国勢調査, 総務省\"\r\n".encode()
    text = 'a,b\r\n1,"x\ny"\n2,z'
    assert list(csv_records(text)) == [(["a", "b"], "a,b\r\n"), (["1", "x\ny"], '1,"x\ny"\n'), (["2", "z"], "2,z")]


def test_the_shipped_tables_are_excel_safe():
    """The sample project's CSV files open in Japanese Excel without mojibake: UTF-8 with a BOM."""
    from support import FIXTURE

    tables = sorted((FIXTURE / "population").glob("*.csv"))
    assert len(tables) == 5 and all(path.read_bytes().startswith(b"\xef\xbb\xbf") for path in tables)
