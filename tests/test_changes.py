"""render/changes.py: what an edit of the data changes for a reader, in Japanese sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import FIXTURE, copy_project

from generator.check.verification import Record
from generator.model.base import Verification
from generator.model.project import Project
from generator.pipeline import load_project
from generator.render.changes import (
    Change,
    check_notes,
    compare,
    describe,
    snapshot,
    summary_markdown,
    summary_text,
)

CITY2 = FIXTURE.parent / "city2"
EMPLOYEES = "kpis/kpi-1-employees.yml"
EMPLOYEES_NAME = "（サンプル）市内事業所の従業者数"
LAST_ACTUAL = "  - {year: 2021, value: 41200, status: sample}\n"


def load(root: Path) -> Project:
    project, report = load_project(root)
    assert project is not None, report.format()
    return project


@pytest.fixture(scope="module")
def base() -> dict:
    return snapshot(load(FIXTURE))


def edited(tmp_path: Path, path: str, old: str, new: str) -> dict:
    """The snapshot of a copy of the fixture with one text replaced in one file."""
    root = copy_project(tmp_path / "project")
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    file.write_text(text.replace(old, new), encoding="utf-8")
    return snapshot(load(root))


def sentences(old: dict, new: dict) -> list[str]:
    return [describe(change) for change in compare(old, new)]


def test_the_same_data_has_no_changes(base: dict, tmp_path: Path):
    assert compare(base, snapshot(load(copy_project(tmp_path / "project")))) == []
    assert summary_markdown([], 3) == "## データの変更\n\nデータの変更はありません。\n\n本番公開の前に直すもの（サンプル・未確認の印の数）: 3 件\n"
    assert summary_text([], 0) == "データの変更はありません。\n本番公開の前に直すもの（サンプル・未確認の印の数）: 0 件\n"


def test_an_added_actual_is_one_field_with_its_year_value_unit_and_status(base: dict, tmp_path: Path):
    added = LAST_ACTUAL + "  - {year: 2022, value: 12345, status: 確定, source: {title: 経済センサス}}\n"
    changes = compare(base, edited(tmp_path, EMPLOYEES, LAST_ACTUAL, added))
    assert changes[0] == Change("指標", "kpi-1-employees", EMPLOYEES_NAME, "追加", "令和4(2022)年の実績", None, "12,345人（確定）")
    assert [describe(change) for change in changes] == [
        f"指標『{EMPLOYEES_NAME}』: 令和4(2022)年の実績 12,345人（確定） を追加",
        f"指標『{EMPLOYEES_NAME}』: 令和4(2022)年の実績の出典 経済センサス を追加",
    ]


def test_a_fiscal_year_actual_is_labelled_with_its_fiscal_year(base: dict, tmp_path: Path):
    old = "  - {year: 2024, value: 22, status: sample}\n"
    new = old + "  - {year: 2025, value: 1234.6, status: 速報, source: {title: 市の集計}}\n"
    assert sentences(base, edited(tmp_path, "kpis/kpi-1-startups.yml", old, new))[0] == (
        "指標『（サンプル）創業支援による創業件数』: 令和7(2025)年度の実績 1,235件（速報） を追加")  # digits: 0


def test_a_changed_target_shows_both_values(base: dict, tmp_path: Path):
    new = edited(tmp_path, EMPLOYEES, "value: 43000", "value: 45000")
    assert sentences(base, new) == [
        f"指標『{EMPLOYEES_NAME}』: 目標 43,000人（令和7(2025)年、サンプル） → 45,000人（令和7(2025)年、サンプル）"]


def test_a_removed_kpi_file_removes_the_indicator(base: dict, tmp_path: Path):
    root = copy_project(tmp_path / "project")
    (root / "kpis/kpi-4-crime.yml").unlink()
    changes = compare(base, snapshot(load(root)))
    assert changes == [Change("指標", "kpi-4-crime", "（サンプル）刑法犯認知件数", "削除")]
    assert describe(changes[0]) == "指標『（サンプル）刑法犯認知件数』を削除"
    assert describe(compare(snapshot(load(root)), base)[0]) == "指標『（サンプル）刑法犯認知件数』を追加"


def test_a_changed_policy_paragraph_is_an_excerpt_not_the_whole_text(base: dict, tmp_path: Path):
    new = edited(tmp_path, "strategy/policy.yml", "計画的な施策の展開を図ってきた。", "計画的な施策の展開を進めてきた。")
    assert sentences(base, new) == ["本文『１ 策定の主旨』: 本文 を変更（「…施策の展開を図ってきた。 そ…」→「…施策の展開を進めてきた。 そ…」）"]


def test_words_added_to_a_measure_are_quoted_with_where_they_go(base: dict, tmp_path: Path):
    new = edited(tmp_path, "strategy/strategy.yml", "（サンプル）創業相談や事業承継の支援を行います。",
                 "（サンプル）創業相談や事業承継の支援を、商工会と連携して行います。")
    assert sentences(base, new) == ["施策『（サンプル）創業と事業の継続を支える』: 内容 を変更（「…承継の支援を」の後に「、商工会と連携して」を追加）"]


def test_words_removed_from_a_review_comment(base: dict, tmp_path: Path):
    new = edited(tmp_path, "strategy/reviews.yml", "指標の実績は毎年同じ時期に公表してほしい。", "指標の実績は毎年公表してほしい。")
    assert sentences(base, new) == ["効果検証『令和5(2023)年度の効果検証』: 意見（2） を変更（「…の実績は毎年」の後の「同じ時期に」を削除）"]


def test_a_changed_population_row_names_the_row_and_the_changed_cells(base: dict, tmp_path: Path):
    assert sentences(base, edited(tmp_path, "population/census.csv", "2020,141083", "2020,141100")) == [
        "人口『国勢調査の人口』: 2020年 の行を変更（総人口 141,083 → 141,100）"]


def test_population_rows_are_keyed_by_their_naming_cells(base: dict):
    assert base["人口"]["census"]["fields"]["2020年"].startswith("総人口 141,083 ／ 男性 － ／ ")
    assert base["人口"]["tfr"]["fields"]["2021年 埼玉県"] == "合計特殊出生率 1.22 ／ 状態 未確認 ／ 出典 埼玉新聞 2023年6月3日。原典で要確認"
    assert base["人口"]["base_population"]["fields"]["0-4"].startswith("男性 4,146 ／ 女性 3,895 ／ 状態 サンプル")
    assert base["人口"]["assumptions"]["fields"]["2020年 0-4"].startswith("男性の生残率 0.9995 ／ 女性の生残率 0.9996")


def test_a_kpi_name_with_markup_is_escaped_in_the_markdown(base: dict, tmp_path: Path):
    name = "<script>alert(1)</script> a|b *強調*"
    changes = compare(base, edited(tmp_path, EMPLOYEES, f"name: {EMPLOYEES_NAME}", f'name: "{name}"'))
    assert changes[0].item_title == name and changes[0].new == name
    markdown = summary_markdown(changes, 2)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; a&#124;b &#42;強調&#42;" in markdown
    assert "<script>" not in markdown and "a|b" not in markdown and "*強調*" not in markdown


def test_the_summary_groups_by_section_with_counts(base: dict, tmp_path: Path):
    root = copy_project(tmp_path / "project")
    (root / "kpis/kpi-4-crime.yml").unlink()
    census = root / "population/census.csv"
    census.write_text(census.read_text(encoding="utf-8").replace("2020,141083", "2020,141100"), encoding="utf-8")
    kpi = root / EMPLOYEES
    kpi.write_text(kpi.read_text(encoding="utf-8").replace("value: 43000", "value: 45000"), encoding="utf-8")
    changes = compare(base, snapshot(load(root)))
    assert summary_markdown(changes, 5) == "\n".join([
        "## データの変更（3 件）", "",
        "### 指標（2 件）", "",
        f"- 指標『{EMPLOYEES_NAME}』: 目標 43,000人（令和7(2025)年、サンプル） → 45,000人（令和7(2025)年、サンプル）",
        "- 指標『（サンプル）刑法犯認知件数』を削除", "",
        "### 人口（1 件）", "",
        "- 人口『国勢調査の人口』: 2020年 の行を変更（総人口 141,083 → 141,100）", "",
        "本番公開の前に直すもの（サンプル・未確認の印の数）: 5 件", "",
    ])
    assert summary_text(changes, 5).splitlines()[-1] == "本番公開の前に直すもの（サンプル・未確認の印の数）: 5 件"
    assert len(summary_text(changes, 5).splitlines()) == 4


def test_compare_orders_by_section_then_the_newer_order():
    def item(**fields: str) -> dict:
        return {"title": "題", "fields": fields}

    old = {"人口": {"census": item(a="1")}, "指標": {"k1": item(a="1", b="2"), "k2": item(a="1")}}
    new = {"指標": {"k3": item(a="1"), "k1": item(b="3", c="4")}, "人口": {"census": item(a="1")}}
    assert [(c.section, c.item_id, c.action, c.field) for c in compare(old, new)] == [
        ("指標", "k3", "追加", None), ("指標", "k1", "変更", "b"), ("指標", "k1", "追加", "c"),
        ("指標", "k1", "削除", "a"), ("指標", "k2", "削除", None)]


def test_snapshot_words_what_the_reader_sees(base: dict):
    employees = base["指標"]["kpi-1-employees"]
    assert employees["title"] == EMPLOYEES_NAME
    assert employees["fields"]["基準値"] == "40,000人（平成28(2016)年、サンプル）"
    assert employees["fields"]["令和3(2021)年の実績"] == "41,200人（サンプル）"
    assert base["目標"]["goal-1"]["fields"]["国の目標"] == "基本目標1 稼ぐ地域をつくるとともに、安心して働けるようにする"
    assert base["施策"]["measure-1-1"]["fields"]["担当課"] == "（サンプル）産業振興課"
    assert base["効果検証"]["2023"]["title"] == "令和5(2023)年度の効果検証"
    assert base["本文"]["glossary/employment-rate"]["fields"]["説明"] == "（サンプル）ある年齢層の人口のうち、仕事に就いている人の割合。"


@pytest.mark.parametrize("root", [FIXTURE, CITY2], ids=["project", "city2"])
def test_a_snapshot_survives_a_json_round_trip(root: Path):
    original = snapshot(load(root))
    stored = json.dumps(original, ensure_ascii=False, sort_keys=True)
    assert json.loads(stored) == original
    assert compare(json.loads(stored), original) == []
    assert compare(original, json.loads(stored)) == []


def test_a_city_without_policy_and_population_has_neither(base: dict):
    city2 = snapshot(load(CITY2))
    assert "人口" not in city2 and "人口" in base
    assert not any(item_id.startswith("policy") for item_id in city2["本文"])
    assert "periods/period-1" in city2["計画"]
    assert city2["計画"]["periods/period-1"]["fields"]["基本目標1／（サンプル）市内の従業者数／最終の実績"] == (
        "9,600人（令和3(2021)年度、速報）")


def test_a_changed_target_is_shown_whole_with_its_period():
    change = Change("指標", "k", "市内の創業件数", "変更", "目標", "900件（令和3(2021)年度〜令和7(2025)年度の累計）",
                    "950件（令和3(2021)年度〜令和7(2025)年度の累計）")
    assert describe(change) == ("指標『市内の創業件数』: 目標 900件（令和3(2021)年度〜令和7(2025)年度の累計） → "
                                "950件（令和3(2021)年度〜令和7(2025)年度の累計）")


def test_records_of_checks_are_listed_apart_from_the_data_and_kept_out_of_the_snapshot(tmp_path: Path):
    root = copy_project(tmp_path / "project")
    before = snapshot(load(root))
    policy = root / "strategy/policy.yml"
    note = "  note: 策定方針（案）の本文（資料１）から転記。\n"
    policy.write_text(policy.read_text(encoding="utf-8").replace(note, note + "  verified: {by: テスト担当, date: 2025-06-02, page: 1ページ}\n"),
                      encoding="utf-8")
    (root / "population/verifications.yml").write_text("tables: []\n", encoding="utf-8")
    assert snapshot(load(root)) == before  # kept revision records and the 更新履歴 page are not touched by them
    one = Verification(by="テスト担当", date="2025-06-02", page="表1")
    other = one.model_copy(update={"page": "表2", "url": "https://www.example.jp/t2"})
    old = [Record("a.csv", "x", "出典「x」の行", one), Record("b.yml", "source", "『出典』（source）", one)]
    new = [Record("a.csv", "x", "出典「x」の行", other), Record("c.yml", "source", "『出典』（source）", one)]
    assert check_notes(old, new) == [
        "確認記録が変わりました: a.csv 出典「x」の行 — テスト担当が令和7(2025)年6月2日に確認（表1） → "
        "テスト担当が令和7(2025)年6月2日に確認（表2 https://www.example.jp/t2）",
        "確認記録が追加されました: c.yml 『出典』（source） — テスト担当が令和7(2025)年6月2日に確認（表1）",
        "確認記録が削除されました: b.yml 『出典』（source） — テスト担当が令和7(2025)年6月2日に確認（表1）",
    ]
    notes = check_notes([], new[1:])
    assert summary_markdown([], 0, checks=notes).startswith(f"## 確認記録（1 件）\n\n- {notes[0]}\n\n## データの変更\n")
    assert summary_text([], 0, checks=notes).splitlines()[0] == notes[0]


def test_a_table_record_is_one_by_its_years_too():
    one = Verification(by="テスト担当", date="2025-06-02", page="表1")
    other = Verification(by="テスト担当", date="2025-07-01", page="表1")
    old = [Record("a.csv", "x", "出典「x」の行（2015〜2016年）", one, "2015〜2016年")]
    widened = [Record("a.csv", "x", "出典「x」の行（2015〜2017年）", other, "2015〜2017年")]
    assert check_notes(old, widened) == [
        "確認記録の対象の年が変わりました: a.csv 出典「x」の行（2015〜2016年） → 2015〜2017年 — "
        "テスト担当が令和7(2025)年6月2日に確認（表1） → テスト担当が令和7(2025)年7月1日に確認（表1）"]
    # A second record for the new year: the first stays as it was, the new one is added.
    added = [*old, Record("a.csv", "x", "出典「x」の行（2017年）", other, "2017年")]
    assert check_notes(old, added) == ["確認記録が追加されました: a.csv 出典「x」の行（2017年） — テスト担当が令和7(2025)年7月1日に確認（表1）"]

