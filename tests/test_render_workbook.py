"""The update workbook's layout: what a planner sees in Excel, what is locked, and the same bytes for the same data."""

from __future__ import annotations

import dataclasses
import datetime
import io

import pytest
from openpyxl import load_workbook
from support import FIXTURE

from generator.pipeline import validate
from generator.render.workbook import kpi_years, parse_year_header, workbook_bytes, year_header

DURING_THE_PLAN = datetime.date(2025, 6, 1)


@pytest.fixture(scope="module")
def project():
    return validate(FIXTURE, today=DURING_THE_PLAN).project


@pytest.fixture(scope="module")
def book(project):
    return load_workbook(io.BytesIO(workbook_bytes(project)))


def test_one_kpi_sheet_a_sheet_per_population_table_and_a_guide(book):
    assert book.sheetnames == ["指標", "国勢調査の人口", "人口動態", "合計特殊出生率", "基準人口", "推計の仮定値", "使い方", "書き出した時点"]
    exported = book["書き出した時点"]  # fingerprints of what was exported, out of sight: the import keeps later file edits
    assert exported.sheet_state == "veryHidden" and exported.protection.sheet is True
    rows = [row[:2] for row in exported.iter_rows(min_row=2, values_only=True)]
    assert rows[0] == ("指標", "kpi-1-employees") and rows[10] == ("指標", "kpi-x2-online") and rows[11:] == [
        ("国勢調査の人口", None), ("人口動態", None), ("合計特殊出生率", None), ("基準人口", None), ("推計の仮定値", None)]
    census = book["国勢調査の人口"]
    assert [c.value for c in census[1]] == ["年", "総人口", "男性", "女性", "0〜14歳", "15〜64歳", "65歳以上", "状態", "出典"]
    assert [c.value for c in census[12]][:2] + [census.cell(12, 8).value] == [2020, 141083, "未確認"]


def test_the_kpi_sheet_has_what_a_kpi_is_and_three_columns_per_year(book):
    sheet = book["指標"]
    headers = [c.value for c in sheet[1]]
    assert headers[:13] == ["指標ID", "指標名", "種類", "目標", "施策", "単位", "年・年度", "基準値", "基準値の年（度）", "目標値",
                            "目標の種類", "目標の年（度）", "良い方向"]
    # every year of the plan (2021–2025) and 2020, the year of one KPI's actual
    assert headers[13:16] == ["2020（令和2）実績", "2020（令和2）状態", "2020（令和2）出典"]
    assert headers[-3:] == ["2025（令和7）実績", "2025（令和7）状態", "2025（令和7）出典"]
    startups = [c.value for c in sheet[3]]
    assert startups[:13] == ["kpi-1-startups", "（サンプル）創業支援による創業件数", "KPI", "基本目標1", startups[4], "件", "年度",
                             None, None, 100, "累計", "2021〜2025", "高いほど良い"]
    assert startups[headers.index("2024（令和6）実績"):headers.index("2024（令和6）出典") + 1] == [22, "sample", None]
    assert sheet.freeze_panes == "C2"


def test_after_the_plan_the_years_up_to_the_current_one_get_columns(project):
    assert kpi_years(project) == [2020, 2021, 2022, 2023, 2024, 2025]
    later = dataclasses.replace(project, today=datetime.date(2027, 5, 1))  # 令和9年度: results of 2026 come in
    assert kpi_years(later) == [2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]


def test_ids_and_definitions_are_locked_and_the_year_cells_open(book):
    sheet = book["指標"]
    assert sheet.protection.sheet is True
    assert sheet.cell(2, 1).protection.locked and sheet.cell(2, 13).protection.locked
    assert not any(sheet.cell(2, column).protection.locked for column in range(14, sheet.max_column + 1))
    table = book["推計の仮定値"]
    assert table.protection.sheet is True and not table.cell(2, 1).protection.locked
    assert not table.cell(table.max_row, 1).protection.locked  # empty rows below the table take new rows


def test_status_cells_offer_the_status_words(book):
    lists = {str(rule.sqref): rule.formula1 for rule in book["指標"].data_validations.dataValidation if rule.type == "list"}
    assert lists["O2:O12"] == '"確定,速報,sample"' and lists["AD2:AD12"] == '"確定,速報,sample"' and len(lists) == 6
    census = [rule for rule in book["国勢調査の人口"].data_validations.dataValidation if rule.type == "list"]
    assert [(str(rule.sqref).split(":")[0], rule.formula1) for rule in census] == [("H2", '"確定,速報,未確認,sample"')]


def test_year_headers_read_back():
    assert year_header(2019, "実績") == "2019（令和元）実績"
    assert parse_year_header("2024（令和6）出典") == (2024, "出典")
    assert parse_year_header("実績") is None


def test_the_same_data_gives_the_same_bytes_even_a_year_later(project, monkeypatch):
    import time as time_module

    first = workbook_bytes(project)
    later = time_module.time() + 366 * 24 * 3600
    monkeypatch.setattr(time_module, "time", lambda: later)
    monkeypatch.setattr(time_module, "localtime", lambda secs=None: time_module.gmtime(later if secs is None else secs))
    assert workbook_bytes(project) == first
    assert load_workbook(io.BytesIO(first)).properties.modified.date() == project.kpis["kpi-1-employees"].updated
