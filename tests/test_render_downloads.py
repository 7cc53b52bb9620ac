import datetime
import io

from openpyxl import load_workbook

from generator.charts.model import Column, Table
from generator.render.downloads import to_xlsx

TABLE = Table((Column("a", "指標"), Column("b", "値", kind="number", digits=1)), (("（サンプル）率", 1.5), ("件数", None)))


def test_xlsx_holds_the_table():
    book = load_workbook(io.BytesIO(to_xlsx(TABLE, "2024年度 効果検証", datetime.date(2026, 11, 28))))
    sheet = book.active
    assert sheet.title == "2024年度 効果検証"
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["指標", "値"], ["（サンプル）率", 1.5], ["件数", None]]


def test_xlsx_is_byte_identical_for_the_same_data():
    stamp = datetime.date(2026, 11, 28)
    assert to_xlsx(TABLE, "t", stamp) == to_xlsx(TABLE, "t", stamp)
    assert to_xlsx(TABLE, "t", stamp) != to_xlsx(TABLE, "t", datetime.date(2026, 12, 1))
