import csv
import io

import pytest

from generator.charts.model import Column, Table, format_number


def test_japanese_number_formatting():
    assert format_number(141083) == "141,083"
    assert format_number(1.5, 1) == "1.5"
    assert format_number(-2500) == "−2,500"
    assert format_number(None) == "－"


def test_columns_show_eras_in_tables_and_plain_values_in_csv():
    fy = Column("fy", "年度", kind="fiscal_year")
    people = Column("n", "人口", kind="number", unit="人")
    assert fy.display(2021) == "令和3(2021)年度" and fy.machine(2021) == "令和3(2021)年度"
    assert people.display(141083) == "141,083" and people.machine(141083) == "141083"
    assert people.header == "人口（人）"
    assert Column("y", "年", kind="year").display(2020) == "令和2(2020)年"


def test_csv_is_utf8_with_bom_and_holds_exactly_the_table():
    table = Table(
        (Column("y", "年", kind="year"), Column("n", "人口", kind="number", unit="人"), Column("r", "率", kind="number", unit="%", digits=1)),
        ((2015, 100000, 1.25), (2020, 141083, None)),
    )
    data = table.to_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["年", "人口（人）", "率（%）"]
    assert rows[1:] == [["平成27(2015)年", "100000", "1.2"], ["令和2(2020)年", "141083", ""]]
    shown = table.display_rows()
    assert [[cell.replace(",", "") for cell in row] for row in shown][1][:2] == rows[2][:2]


def test_csv_cells_with_commas_and_quotes_stay_in_their_cell():
    table = Table((Column("a", "名前"), Column("b", "値", kind="number")), (('計画,"案"', 1),))
    rows = list(csv.reader(io.StringIO(table.to_csv().decode("utf-8-sig"))))
    assert rows[1] == ['計画,"案"', "1"]


def test_rows_must_fit_the_columns():
    with pytest.raises(ValueError):
        Table((Column("a", "A"),), ((1, 2),))
