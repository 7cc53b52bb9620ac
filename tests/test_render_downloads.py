import datetime
import io

import pytest
import yaml
from openpyxl import load_workbook
from support import FIXTURE

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


def _kpi(**changes):
    from generator.model.strategy import Kpi

    data = {"id": "kpi-a", "name": "指標", "kind": "KPI", "goal": "g", "measure": "m", "definition": "d", "unit": "人", "better": "higher",
            "updated": "2026-11-28",
            "baseline": {"value": 100, "year": 2019, "source": {"title": "市の統計", "url": "https://example.org/s"}},
            "target": {"type": "変化率", "value": 10, "year": 2025, "original": "10.0%増加", "source": {"title": "総合戦略"}},
            "actuals": [{"year": 2022, "value": 104, "status": "sample", "note": "見本"},
                        {"year": 2021, "value": 102, "status": "速報", "source": {"title": "市の統計"}}]}
    return Kpi.model_validate(data | changes)


def test_a_kpis_own_data_has_every_value_with_year_unit_status_and_source():
    from generator.render.downloads import kpi_data_table

    table = kpi_data_table(_kpi())
    records = [dict(zip([c.header for c in table.download_columns()], row)) for row in table.download_rows()]
    assert [(r["区分"], r["年"], r["値"], r["単位"], r["状態"]) for r in records] == [
        ("基準値", 2019, 100, "人", "確定"), ("実績", 2021, 102, "人", "速報"), ("実績", 2022, 104, "人", "見本"),
        ("目標値", 2025, pytest.approx(110), "人", "算出（確定値から）"),  # 10.0%増加 of the baseline, computed here
    ]
    assert records[0]["出典"] == "市の統計" and records[0]["出典のURL"] == "https://example.org/s"
    assert records[-1]["値の種類"] == "変化率" and records[-1]["原文の表記"] == "10.0%増加" and records[2]["注記"] == "見本"


def test_json_is_the_same_rows_typed():
    import json

    from generator.render.downloads import kpi_data_table, to_json

    table = kpi_data_table(_kpi())
    records = json.loads(to_json(table))
    assert [r["年"] for r in records] == [2019, 2021, 2022, 2025] and records[0]["値"] == 100 and isinstance(records[0]["値"], int)
    assert records[1]["原文の表記"] is None and records[-1]["状態"] == "算出（確定値から）"
    assert list(records[0]) == [c.header for c in table.download_columns()]  # keys: the CSV's column names, in order


def test_the_xlsx_has_the_csvs_columns_units_and_status():
    table = Table((Column("a", "指標"), Column("p", "進捗率", kind="number", unit="%", digits=1)), (("x", 33.333),), status=("算出（見本を含む）",))
    sheet = load_workbook(io.BytesIO(to_xlsx(table, "t", datetime.date(2026, 11, 28)))).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["指標", "進捗率", "単位", "状態"], ["x", 33.3, "%", "算出（見本を含む）"]]


def test_an_evaluation_by_sample_bands_says_sample_in_every_column():
    # Regression: real 確定/速報 values graded by a sample rule were 「サンプルを含む=いいえ」 but 「算出（見本を含む）」.
    from generator.compute.progress import evaluate
    from generator.compute.provenance import is_sample
    from generator.model.strategy import CityStrategy
    from generator.render.downloads import evaluation_table
    from generator.render.review_rows import review_row

    real = _kpi(target={"type": "時点", "value": 120, "year": 2025, "source": {"title": "総合戦略"}},
                actuals=[{"year": 2021, "value": 102, "status": "速報", "source": {"title": "市の統計"}}])
    data = yaml.safe_load((FIXTURE / "strategy/strategy.yml").read_text(encoding="utf-8"))
    for sample_rule in (True, False):
        data["evaluation"]["sample"] = sample_rule
        strategy = CityStrategy.model_validate(data)
        progress = evaluate(real.model_copy(update={"goal": strategy.goals[0].id}), strategy.evaluation, strategy.start_fy)
        by_goal = {goal.id: [real] if index == 0 else [] for index, goal in enumerate(strategy.goals)}
        table = evaluation_table(strategy, by_goal, {real.id: progress})
        records = [dict(zip([c.header for c in table.download_columns()], row)) for row in table.download_rows()]
        assert [(r["サンプルを含む"], r["速報値を含む"]) for r in records] == [("はい" if sample_rule else "いいえ", "はい")]
        assert all(is_sample(r["状態"]) == (r["サンプルを含む"] == "はい") for r in records)
        assert review_row(real, progress, "g", "目標").sample is sample_rule  # the review pages' badge says the same


def test_text_that_looks_like_a_formula_stays_text_in_the_xlsx():
    """A name typed as =HYPERLINK(…) must not become a live formula in a published workbook."""
    table = Table((Column("name", "指標"), Column("value", "値", kind="number")), (('=HYPERLINK("http://x.example","x")', 1),))
    sheet = load_workbook(io.BytesIO(to_xlsx(table, "表", datetime.date(2025, 1, 1)))).active
    cell = sheet["A2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x.example","x")'
    assert sheet["B2"].value == 1
