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


def test_xlsx_is_byte_identical_for_the_same_data(monkeypatch):
    import time as time_module

    stamp = datetime.date(2026, 11, 28)
    first = to_xlsx(TABLE, "t", stamp)
    # The second save happens "a year later": ZIP entry times and document dates must not follow the clock.
    later = time_module.time() + 366 * 24 * 3600
    monkeypatch.setattr(time_module, "time", lambda: later)
    monkeypatch.setattr(time_module, "localtime", lambda secs=None: time_module.gmtime(later if secs is None else secs))
    assert to_xlsx(TABLE, "t", stamp) == first
    assert to_xlsx(TABLE, "t", stamp) != to_xlsx(TABLE, "t", datetime.date(2026, 12, 1))
