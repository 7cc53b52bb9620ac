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


def test_csv_is_utf8_with_bom_and_holds_exactly_the_table_with_units_in_their_own_columns_and_each_rows_status():
    table = Table(
        (Column("y", "年", kind="year"), Column("n", "人口", kind="number", unit="人"), Column("r", "率", kind="number", unit="%", digits=1)),
        ((2015, 100000, 1.25), (2020, 141083, None)), status=("確定", "算出（見本を含む）"),
    )
    data = table.to_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    # Two units: each after its column (no unit in a header, no unit in a number's cell); the status last.
    assert rows[0] == ["年", "人口", "人口の単位", "率", "率の単位", "状態"]
    assert rows[1:] == [["平成27(2015)年", "100000", "人", "1.2", "%", "確定"], ["令和2(2020)年", "141083", "人", "", "%", "算出（見本を含む）"]]
    shown = table.display_rows()  # the page: units in the headers, the same status
    assert [c.header for c in table.shown_columns] == ["年", "人口（人）", "率（%）", "状態"]
    assert shown[1] == ["令和2(2020)年", "141,083", "－", "算出（見本を含む）"]
    assert [[cell.replace(",", "") for cell in row] for row in shown][1][:2] == rows[2][:2]


def test_one_shared_unit_gets_one_unit_column_after_the_values():
    table = Table((Column("age", "年齢"), Column("m", "男性", kind="number", unit="人"), Column("f", "女性", kind="number", unit="人")),
                  (("0-4歳", 4146, 3895),), status=("見本",), key=("age",))
    assert [c.header for c in table.download_columns()] == ["年齢", "男性", "女性", "単位", "状態"]
    assert table.download_rows() == [("0-4歳", 4146, 3895, "人", "見本")]
    # A table that already has a column 「単位」 (the units of its rows) names each added unit column by its column.
    listed = Table((Column("unit", "単位"), Column("p", "進捗率", kind="number", unit="%", digits=1)), (("人", 40.0),), status=("確定",))
    assert [c.header for c in listed.download_columns()] == ["単位", "進捗率", "進捗率の単位", "状態"]


def test_typed_values_for_xlsx_and_json_match_the_csv():
    number = Column("v", "値", kind="number", digits=None)
    assert number.value(41200.0) == 41200 and isinstance(number.value(41200.0), int) and number.value(1.5) == 1.5
    assert Column("p", "率", kind="number", digits=1).value(33.333) == 33.3 and Column("n", "人", kind="number").value(2.6) == 3
    assert Column("y", "年", kind="integer").value(2021) == 2021 and Column("y", "年", kind="year").value(2020) == "令和2(2020)年"
    assert number.value(None) is None


def test_statuses_must_be_one_per_row_and_of_the_vocabulary():
    columns = (Column("a", "A"),)
    with pytest.raises(ValueError):
        Table(columns, (("x",), ("y",)), status=("確定",))
    with pytest.raises(ValueError):
        Table(columns, (("x",),), status=("サンプル",))  # the page's old word, not a status
    with pytest.raises(ValueError):
        Table(columns, (("x",),), status=("確定",), key=("b",))  # a key names a column


def test_csv_cells_with_commas_and_quotes_stay_in_their_cell():
    table = Table((Column("a", "名前"), Column("b", "値", kind="number")), (('計画,"案"', 1),))
    rows = list(csv.reader(io.StringIO(table.to_csv().decode("utf-8-sig"))))
    assert rows[1] == ['計画,"案"', "1"]


def test_rows_must_fit_the_columns():
    with pytest.raises(ValueError):
        Table((Column("a", "A"),), ((1, 2),))


def _chart(sample: bool, annotations=None):
    from datetime import date

    from generator.charts.model import Chart

    layout = {"height": 300} if annotations is None else {"height": 300, "annotations": annotations}
    figure = {"data": [{"type": "scatter", "name": "実績", "x": [2020, 2021], "y": [1, 2]}], "layout": layout}
    return Chart(id="c", title="t", summary="s", sources=(), updated=date(2026, 1, 1), table=Table((Column("a", "A"),), ()),
                 figure=figure, sample=sample)


def test_a_sample_chart_carries_the_sample_mark_in_its_published_figure():
    chart = _chart(True, annotations=[{"x": 2021, "y": 2, "text": "差 +1人"}])
    notes = chart.shown_figure["layout"]["annotations"]
    assert [n["text"] for n in notes] == ["差 +1人", "見本を含む"]  # its own notes stay, the mark comes last
    assert notes[-1]["xref"] == notes[-1]["yref"] == "paper" and 0 < notes[-1]["opacity"] < 1
    assert chart.figure["layout"]["annotations"] == [{"x": 2021, "y": 2, "text": "差 +1人"}]  # the chart itself is not changed
    assert chart.shown_figure == chart.shown_figure  # the same every time


def test_a_chart_of_real_values_is_published_as_it_is():
    chart = _chart(False)
    assert chart.shown_figure is chart.figure and "見本" not in str(chart.shown_figure)
