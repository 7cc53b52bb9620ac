"""The Excel round trip: export-xlsx → edit in Excel (here openpyxl) → import-xlsx writes back only what changed."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.cli import EXIT_INVALID, EXIT_OK, main
from generator.pipeline import validate
from generator.site.workbook import WorkbookError, export_workbook, import_workbook, table_text

TODAY = datetime.date(2027, 1, 15)


def data_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for part in ("kpis", "population", "strategy")
            for p in sorted((root / part).rglob("*")) if p.is_file()}


def edited(source: Path, target: Path, cells: dict[tuple[str, object, str], object]) -> Path:
    """The workbook with cells set, each named (sheet, KPI id or row number, column header), saved as Excel would."""
    book = load_workbook(source)
    for (sheet_name, row_key, header), value in cells.items():
        sheet = book[sheet_name]
        headers = [cell.value for cell in sheet[1]]
        row = row_key if isinstance(row_key, int) else next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == row_key)
        sheet.cell(row, headers.index(header) + 1).value = value
    book.save(target)
    return target


@pytest.fixture
def exported(project_copy: Path) -> Path:
    target = project_copy / "build/更新用.xlsx"
    export_workbook(project_copy, target)
    return target


def test_an_unchanged_export_imports_to_byte_identical_files(project_copy: Path, capsys):
    before = data_files(project_copy)
    assert main(["--root", str(project_copy), "export-xlsx"]) == EXIT_OK
    assert "build/更新用.xlsx" in capsys.readouterr().out
    assert main(["--root", str(project_copy), "import-xlsx", "build/更新用.xlsx"]) == EXIT_OK
    assert capsys.readouterr().out == "表の値は今のデータと同じです。ファイルは何も書き換えていません。\n"
    assert data_files(project_copy) == before


def test_edited_cells_become_the_expected_yaml_and_csv_changes_with_comments_kept(project_copy: Path, exported: Path):
    before = data_files(project_copy)
    workbook = edited(exported, exported.with_name("edited.xlsx"), {
        ("指標", "kpi-1-employees", "2025（令和7）実績"): 42100,  # a new year's actual
        ("指標", "kpi-1-employees", "2025（令和7）状態"): "速報",
        ("指標", "kpi-1-employees", "2025（令和7）出典"): "経済センサス‐活動調査, 速報",
        ("指標", "kpi-2-event-visitors", "2021（令和3）実績"): 36.5,  # a corrected value: its note stays
        ("指標", "kpi-4-crime", "2024（令和6）実績"): None,  # all three cells emptied: the actual goes
        ("指標", "kpi-4-crime", "2024（令和6）状態"): None,
        ("国勢調査の人口", 12, "総人口"): 141100,
        ("国勢調査の人口", 13, "年"): 2025, ("国勢調査の人口", 13, "総人口"): 142000,
        ("国勢調査の人口", 13, "状態"): "速報", ("国勢調査の人口", 13, "出典"): "令和7年国勢調査 速報集計",
    })
    imported = import_workbook(project_copy, workbook, TODAY)
    assert imported.written == ["kpis/kpi-1-employees.yml", "kpis/kpi-2-event-visitors.yml", "kpis/kpi-4-crime.yml", "population/census.csv"]
    after = data_files(project_copy)
    assert {name for name in after if after[name] != before[name]} == set(imported.written)
    employees = after["kpis/kpi-1-employees.yml"].decode()
    assert employees.startswith("# 値はすべて見本（sample）です。実際の値と出典に置き換えてください。\nid: kpi-1-employees\n")  # comment kept
    assert employees.endswith("actuals:\n  - {year: 2021, value: 41200, status: sample}\n"
                              "  - {year: 2025, value: 42100, status: 速報, source: {title: \"経済センサス‐活動調査, 速報\"}}\n")
    assert employees == before["kpis/kpi-1-employees.yml"].decode().replace("updated: 2026-11-28", "updated: 2027-01-15").replace(
        "status: sample}\n", "status: sample}\n  - {year: 2025, value: 42100, status: 速報, source: {title: \"経済センサス‐活動調査, 速報\"}}\n")
    assert "  - {year: 2021, value: 36.5, status: sample, note: （サンプル）感染症対策で規模を縮小。}\n" in after["kpis/kpi-2-event-visitors.yml"].decode()
    assert after["kpis/kpi-4-crime.yml"].decode() == before["kpis/kpi-4-crime.yml"].decode().replace(
        "  - {year: 2024, value: 790, status: sample}\n", "").replace("updated: 2026-11-28", "updated: 2027-01-15")
    census_before, census_after = before["population/census.csv"].decode(), after["population/census.csv"].decode()
    assert census_after == census_before.replace("\n2020,141083,", "\n2020,141100,") + "2025,142000,,,,,,速報,令和7年国勢調査 速報集計\n"
    assert validate(project_copy).report.ok
    sentences = [f"{c.section} {c.item_title} {c.action} {c.field or ''}" for c in imported.changes]
    assert "指標 （サンプル）市内事業所の従業者数 追加 令和7(2025)年の実績" in sentences
    assert "指標 （サンプル）刑法犯認知件数 削除 令和6(2024)年の実績" in sentences
    assert "人口 国勢調査の人口 追加 2025年" in sentences


def test_bad_cells_are_located_by_sheet_row_and_column_and_nothing_is_written(project_copy: Path, exported: Path, capsys):
    before = data_files(project_copy)
    workbook = edited(exported, exported.with_name("bad.xlsx"), {
        ("指標", "kpi-1-startups", "2024（令和6）実績"): "1,234",
        ("指標", "kpi-1-startups", "2025（令和7）実績"): 30,  # no status
        ("指標", "kpi-2-net-migration", "2024（令和6）状態"): "確認済",
        ("指標", "kpi-4-crime", "2025（令和7）実績"): 700, ("指標", "kpi-4-crime", "2025（令和7）状態"): "確定",  # no source
        ("指標", "kpi-x2-online", "指標名"): "名前を変えた",
        ("国勢調査の人口", 5, "総人口"): "たくさん",
    })
    assert main(["--root", str(project_copy), "import-xlsx", str(workbook)]) == EXIT_INVALID
    message = capsys.readouterr().err
    assert message.startswith("bad.xlsx に直すところがあるため、読み込みませんでした（ファイルは何も書き換えていません）。")
    for located in [
        "[エラー] シート『指標』 3行目\n  項目: Z列（2024（令和6）実績）\n  内容: 数値ではありません（「1,234」）。\n"
        "  直し方: 半角の数字だけを書いてください（1234）。桁区切りのカンマや全角の数字は使いません。",
        "[エラー] シート『指標』 3行目\n  項目: AD列（2025（令和7）状態）\n  内容: 状態がありません。",
        "[エラー] シート『指標』 6行目\n  項目: AA列（2024（令和6）状態）\n  内容: 「確認済」は状態に使えません。\n  直し方: 「確定」と書きます。",
        "[エラー] シート『指標』 9行目\n  項目: AE列（2025（令和7）出典）\n  内容: 確定値の実績に出典がありません。",
        "[エラー] シート『指標』 12行目\n  項目: B列（指標名）\n"
        "  内容: この列は変えられません（今のデータでは「（サンプル）オンラインでできる行政手続の数」です）。\n"
        "  直し方: 指標の定義は kpis/kpi-x2-online.yml で直します。",
        "[エラー] シート『国勢調査の人口』 5行目\n  項目: B列（総人口）\n  内容: 数値で書いてください（今は文字「たくさん」です）。",
    ]:
        assert located in message
    assert message.rstrip().endswith("検証結果: エラー 6 件、警告 0 件。上から順に直してください。")
    assert data_files(project_copy) == before


def test_cells_that_break_the_data_as_a_whole_are_rolled_back(project_copy: Path, exported: Path):
    """Every cell is fine alone, but the age groups no longer follow each other: validation fails, every file is put back."""
    before = data_files(project_copy)
    workbook = edited(exported, exported.with_name("gap.xlsx"), {
        ("指標", "kpi-1-employees", "2025（令和7）実績"): 42100, ("指標", "kpi-1-employees", "2025（令和7）状態"): "sample",
        ("推計の仮定値", 10, "年齢階級"): "50-54",
    })
    with pytest.raises(WorkbookError) as error:
        import_workbook(project_copy, workbook, TODAY)
    assert str(error.value).startswith("読み込んだ値ではデータの検証に通らないため、ファイルをすべて元に戻しました。")
    assert "population/assumptions.csv" in str(error.value)
    assert data_files(project_copy) == before


def test_edits_made_to_the_files_after_the_export_are_kept_and_clashes_refused(project_copy: Path, exported: Path):
    """A stale workbook never undoes later edits: only what the planner changed in it is written, and a change of
    the same KPI in both places stops the import."""
    startups, census = project_copy / "kpis/kpi-1-startups.yml", project_copy / "population/census.csv"
    startups.write_text(startups.read_text(encoding="utf-8") + "  - {year: 2025, value: 25, status: sample}\n", encoding="utf-8")
    census.write_text(census.read_text(encoding="utf-8").replace("\n2020,141083,", "\n2020,141090,"), encoding="utf-8")
    employees = project_copy / "kpis/kpi-1-employees.yml"  # a definition changed in the file is no edit of its locked cells
    employees.write_text(employees.read_text(encoding="utf-8").replace("name: （サンプル）市内事業所の従業者数", "name: （サンプル）従業者数"),
                         encoding="utf-8")
    later = data_files(project_copy)
    workbook = edited(exported, exported.with_name("stale.xlsx"), {
        ("指標", "kpi-1-employees", "2025（令和7）実績"): 42100, ("指標", "kpi-1-employees", "2025（令和7）状態"): "sample"})
    assert import_workbook(project_copy, workbook, TODAY).written == ["kpis/kpi-1-employees.yml"]
    assert "name: （サンプル）従業者数\n" in employees.read_text(encoding="utf-8")
    assert data_files(project_copy)["kpis/kpi-1-startups.yml"] == later["kpis/kpi-1-startups.yml"]  # its 2025 actual stays
    assert data_files(project_copy)["population/census.csv"] == later["population/census.csv"]
    clash = edited(exported, exported.with_name("clash.xlsx"), {("指標", "kpi-1-startups", "2024（令和6）実績"): 23,
                                                               ("国勢調査の人口", 2, "総人口"): 14700})
    before = data_files(project_copy)
    with pytest.raises(WorkbookError) as error:
        import_workbook(project_copy, clash, TODAY)
    assert ("[エラー] シート『指標』 3行目\n  項目: A列（指標ID）\n"
            "  内容: この表を書き出した後に、指標「kpi-1-startups」の実績がファイルでも変わっています。") in str(error.value)
    assert "[エラー] シート『国勢調査の人口』\n  内容: この表を書き出した後に、population/census.csv が変わっています。" in str(error.value)
    assert data_files(project_copy) == before


def test_a_file_that_is_not_a_workbook_is_refused(project_copy: Path):
    fake = project_copy / "build/更新用.xlsx"
    fake.parent.mkdir(parents=True, exist_ok=True)
    fake.write_text("year,total\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match="Excel のファイルとして読めません"):
        import_workbook(project_copy, fake, TODAY)


def test_a_table_edit_rewrites_only_the_changed_records():
    """Japanese headers, CRLF and Excel's empty trailing columns stay; other records keep their bytes."""
    from generator.model.population import TfrRow
    from generator.render.workbook import TableSheet

    text = "年,地域,合計特殊出生率,状態,出典,,\r\n2015,全国,1.45,確認済,\"人口動態統計, 厚生労働省\",,\r\n2020,全国,1.33,確定,人口動態統計,,\r\n"
    current = [TfrRow(year=2015, area="全国", tfr=1.45, status="確定", source="人口動態統計, 厚生労働省"),
               TfrRow(year=2020, area="全国", tfr=1.33, status="確定", source="人口動態統計")]
    wanted = [current[0], TfrRow(year=2020, area="全国", tfr=1.34, status="確定", source="人口動態統計"),
              TfrRow(year=2022, area="全国", tfr=1.26, status="速報", source="人口動態統計（概数）")]
    table = TableSheet("tfr", "population/tfr.csv", TfrRow)
    assert table_text(text, table, current, wanted) == (
        "年,地域,合計特殊出生率,状態,出典,,\r\n2015,全国,1.45,確認済,\"人口動態統計, 厚生労働省\",,\r\n"
        "2020,全国,1.34,確定,人口動態統計\r\n2022,全国,1.26,速報,人口動態統計（概数）\r\n")
    assert table_text(text, table, current, current[:1]) == "年,地域,合計特殊出生率,状態,出典,,\r\n2015,全国,1.45,確認済,\"人口動態統計, 厚生労働省\",,\r\n"


def test_a_kpi_file_saved_on_windows_keeps_its_bom_and_crlf(project_copy: Path):
    employees = project_copy / "kpis/kpi-1-employees.yml"
    employees.write_bytes(b"\xef\xbb\xbf" + employees.read_bytes().replace(b"\n", b"\r\n"))
    target = project_copy / "build/更新用.xlsx"
    export_workbook(project_copy, target)
    workbook = edited(target, target, {("指標", "kpi-1-employees", "2022（令和4）実績"): 41500,
                                       ("指標", "kpi-1-employees", "2022（令和4）状態"): "sample"})
    import_workbook(project_copy, workbook, TODAY)
    raw = employees.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\n" not in raw.replace(b"\r\n", b"")
    assert raw.endswith(b"  - {year: 2021, value: 41200, status: sample}\r\n  - {year: 2022, value: 41500, status: sample}\r\n")


def test_a_value_in_a_column_the_file_lacks_adds_the_column():
    from generator.model.population import CensusRow
    from generator.render.workbook import TableSheet

    text = "年,総人口,状態,出典\n2020,141083,確定,国勢調査\n"
    current = [CensusRow(year=2020, total=141083, status="確定", source="国勢調査")]
    wanted = [CensusRow(year=2020, total=141083, male=70000, female=71083, status="確定", source="国勢調査")]
    assert table_text(text, TableSheet("census", "population/census.csv", CensusRow), current, wanted) == (
        "年,総人口,男性,女性,0〜14歳,15〜64歳,65歳以上,状態,出典\n2020,141083,70000,71083,,,,確定,国勢調査\n")
