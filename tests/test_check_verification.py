"""The provenance gate: a value that is not a sample needs a source and a record of who checked it, when and where."""

from __future__ import annotations

import datetime
from pathlib import Path

from generator.check.production import production_problems
from generator.check.rules.sources import CHECK_FUTURE, CHECK_PLACEHOLDER, CHECK_PLACEHOLDER_PRODUCTION, placeholder_mark
from generator.check.verification import NO_SOURCE, UNVERIFIED, records, years_text
from generator.cli import EXIT_OK, main
from generator.pipeline import load_project, validate
from generator.problems import Problem

KPI = "kpis/kpi-x2-online.yml"
CENSUS = "population/census.csv"
CHECKS = "population/verifications.yml"
# Records of checks as a test writes them: a test's own name, never one put into the data.
CHECKED = "{by: テスト担当, date: 2025-06-02, page: 表1}"
CHIENOWA = "chiiki-chienowa.net（11227）による国勢調査の値。e-Stat で要確認"  # the census rows of 1985 to 2010
JABLOG = "jablog.org の「Asaka, Saitama」（Wikipedia）翻訳ページによる国勢調査の値。e-Stat で要確認"  # 1950-1980 and 2020


def edit(root: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} is not in {name} {count} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def gate(root: Path, file: str) -> list[Problem]:
    project, report = load_project(root)
    assert project is not None, report.format()
    return [problem for problem in production_problems(project) if problem.file == file]


def line_of(root: Path, problem: Problem) -> str:
    assert problem.line is not None, problem.format()
    return (root / problem.file).read_text(encoding="utf-8").splitlines()[problem.line - 1]


def flags_removed(root: Path, source: str = "{title: 市の統計}") -> None:
    """The KPI's sample flags deleted and a source title written: what used to publish invented numbers."""
    edit(root, KPI, "sample: true\n", f"source: {source}\n")
    edit(root, KPI, ", sample: true}", f", source: {source}}}", count=2)
    edit(root, KPI, "status: sample}", f"status: 確定, source: {source}}}", count=4)


def test_deleting_the_sample_flag_and_writing_a_source_does_not_publish(project_copy: Path):
    flags_removed(project_copy)
    problems = gate(project_copy, KPI)
    assert {p.code for p in problems} == {UNVERIFIED}
    # Every value is listed on its own line: the KPI's definition, the baseline, the target and each actual.
    assert sorted(p.field for p in problems) == ["actuals[0].source", "actuals[1].source", "actuals[2].source", "actuals[3].source",
                                                 "baseline.source", "source", "target.source"]
    assert all("市の統計" in line_of(project_copy, p) for p in problems)
    assert all(p.message.startswith("本番公開できません: 出典「市の統計」で確かめた記録（verified）がありません") for p in problems)
    assert all("verified:" in p.hint for p in problems)


def test_a_record_of_the_check_lets_the_values_through(project_copy: Path):
    flags_removed(project_copy, f"{{title: 市の統計, verified: {CHECKED}}}")
    assert gate(project_copy, KPI) == []


def test_a_source_written_once_covers_what_cites_it(project_copy: Path):
    assert [p.field for p in gate(project_copy, "strategy/policy.yml")] == ["source"]  # one record for the whole text
    edit(project_copy, "strategy/policy.yml", "  note: 策定方針（案）の本文（資料１）から転記。\n",
         f"  note: 策定方針（案）の本文（資料１）から転記。\n  verified: {CHECKED}\n")
    assert gate(project_copy, "strategy/policy.yml") == []


def test_a_quoted_text_without_any_source_is_refused_once(project_copy: Path):
    [problem] = gate(project_copy, "strategy/strategy.yml")[-1:]
    assert (problem.code, problem.field) == (NO_SOURCE, "source")
    assert "出典（source）がありません" in problem.message and "name:" in line_of(project_copy, problem)


def test_preview_requires_nothing_new_and_counts_what_waits(project_copy: Path, capsys):
    flags_removed(project_copy)
    report = validate(project_copy).report
    assert report.ok and not report.warnings, report.format()
    assert not [p for p in report.problems if p.code in (NO_SOURCE, UNVERIFIED)]
    assert main(["--root", str(project_copy), "validate"]) == EXIT_OK
    project, _ = load_project(project_copy)
    waiting = production_problems(project)
    unverified = sum(p.code in (NO_SOURCE, UNVERIFIED) for p in waiting)
    assert unverified >= 7  # the KPI's seven sources among them
    assert f"本番公開の前に直すもの: {len(waiting)} 件（うち出典・確認記録がないもの {unverified} 件）" in capsys.readouterr().out


def census_confirmed(root: Path) -> None:
    """The census rows said to be checked (status 確定) without any record of the check."""
    edit(root, CENSUS, ",未確認,", ",確定,", count=11)


def test_table_rows_without_a_record_are_listed_by_source_on_their_first_row(project_copy: Path):
    census_confirmed(project_copy)
    problems = gate(project_copy, CENSUS)
    assert [p.code for p in problems] == [UNVERIFIED, UNVERIFIED]  # two sources: one problem each
    jablog, chienowa = problems
    assert (jablog.line, jablog.field) == (2, "rows[0].source") and "5 行（2・3・4・5・12行目）" in jablog.message
    assert chienowa.line == 6 and "6 行（6・7・8・9・10・11行目）" in chienowa.message
    assert CHECKS in jablog.hint and "file: population/census.csv" in jablog.hint and "years:" in jablog.hint
    assert "記録のない年: 1950年・1960年・1970年・1980年・2020年" in jablog.message


def table_checks(root: Path, *records: tuple[str, str, str]) -> None:
    """population/verifications.yml with records of the census rows: (source, years, verified)."""
    (root / CHECKS).write_text("tables:\n" + "".join(f"  - file: {CENSUS}\n    source: {source}\n    years: {years}\n    verified: {verified}\n"
                                                     for source, years, verified in records), encoding="utf-8")


def test_a_record_per_table_source_and_years_covers_its_rows(project_copy: Path):
    census_confirmed(project_copy)
    table_checks(project_copy, (CHIENOWA, "1985-2010", CHECKED))
    [left] = gate(project_copy, CENSUS)
    assert left.line == 2  # the other source's rows still wait for their record
    project, _ = load_project(project_copy)
    assert [(r.file, r.where, r.label, r.covers) for r in records(project)] == [
        (CENSUS, CHIENOWA, f"出典「{CHIENOWA}」の行（1985〜2010年）", "1985〜2010年")]


def test_a_record_of_some_years_does_not_cover_a_row_added_later(project_copy: Path):
    """Next year's row with the same source text needs its own record (or wider years), which the pull request shows."""
    census_confirmed(project_copy)
    table_checks(project_copy, (CHIENOWA, "1985-2010", CHECKED), (JABLOG, "[1950, 1960, 1970, 1980, 2020]", CHECKED))
    assert gate(project_copy, CENSUS) == []
    with (project_copy / CENSUS).open("a", encoding="utf-8") as table:
        table.write(f"2025,140000,,,,,,確定,{CHIENOWA}\n")
    [problem] = gate(project_copy, CENSUS)
    assert (problem.code, problem.line, problem.field) == (UNVERIFIED, 13, "rows[11].source")
    assert "1 行（13行目）" in problem.message and "記録のない年: 2025年" in problem.message


def test_a_record_for_2015_and_2016_does_not_cover_a_2017_row_made_final(project_copy: Path):
    vital = "population/vital.csv"
    edit(project_copy, vital, "sample,見本（実際の値ではありません）", "速報,人口動態統計（テスト）", count=10)
    (project_copy / CHECKS).write_text(f"tables:\n  - file: {vital}\n    source: 人口動態統計（テスト）\n    years: 2015-2016\n"
                                       f"    verified: {CHECKED}\n", encoding="utf-8")
    [problem] = gate(project_copy, vital)
    assert (problem.code, problem.line) == (UNVERIFIED, 4)  # 2017, the first row the record does not name
    assert "8 行（4・5・6・7・8・9・10・11行目）" in problem.message and "記録のない年: 2017〜2024年" in problem.message


def test_years_of_a_record_are_a_list_or_a_span(project_copy: Path):
    census_confirmed(project_copy)
    table_checks(project_copy, (CHIENOWA, "[1985, 1990, '1995〜2010']", CHECKED), (JABLOG, "1950", CHECKED))
    assert [p.line for p in gate(project_copy, CENSUS)] == [3]  # 1960, 1970, 1980 and 2020 are not named
    table_checks(project_copy, (CHIENOWA, "2010-1985", CHECKED))
    report = validate(project_copy).report
    [error] = report.errors
    assert error.file == CHECKS and error.line == 2 and "2010-1985" in error.message and "始まりの年を先に" in error.message
    assert years_text([2017, 2015, 2016, 2020, 2030, 2031]) == "2015〜2017年・2020年・2030〜2031年"


def test_a_record_dated_after_today_is_an_error_even_in_a_preview(project_copy: Path):
    census_confirmed(project_copy)
    table_checks(project_copy, (CHIENOWA, "1985-2010", "{by: テスト担当, date: 2025-06-02, page: 表1}"))
    # The pipeline's today (Project.today), pinned: the record's day is not yet come on 1 June, and is on 2 June.
    report = validate(project_copy, today=datetime.date(2025, 6, 1)).report
    [error] = report.errors
    assert (error.code, error.file, error.line, error.field) == (CHECK_FUTURE, CHECKS, 5, "tables[0].verified.date")
    assert "2025-06-02 が今日（2025-06-01）より後です" in error.message and error.hint
    assert validate(project_copy, today=datetime.date(2025, 6, 2)).report.ok
    flags_removed(project_copy, "{title: 市の統計, verified: {by: テスト担当, date: 2099-06-02, page: 表1}}")
    found = [p for p in validate(project_copy, production=True).report.errors if p.code == CHECK_FUTURE]
    assert len(found) == 7 and {p.file for p in found} == {KPI}  # in production too, each located in the KPI


def test_a_record_left_as_the_example_warns_in_a_preview_and_is_refused_in_production(project_copy: Path):
    census_confirmed(project_copy)
    table_checks(project_copy, (CHIENOWA, "1985-2010", "{by: 〇〇課 〇〇, date: 2025-06-02, page: 第1表}"))
    [warning] = validate(project_copy).report.warnings
    assert (warning.code, warning.line, warning.field) == (CHECK_PLACEHOLDER, 5, "tables[0].verified.by")
    assert "「〇〇課 〇〇」に、書き方の例の文字（〇）が残っています" in warning.message
    production = validate(project_copy, production=True).report
    assert not [p for p in production.problems if p.code == CHECK_PLACEHOLDER]  # replaced by the gate's error
    [refused] = [p for p in production.errors if p.code == CHECK_PLACEHOLDER_PRODUCTION]
    assert (refused.file, refused.line) == (CHECKS, 5) and refused.message.startswith("本番公開できません: ")
    edit(project_copy, "strategy/policy.yml", "  note: 策定方針（案）の本文（資料１）から転記。\n",
         "  note: 策定方針（案）の本文（資料１）から転記。\n  verified: {by: テスト担当, date: 2025-06-02, page: TODO}\n")
    [refused] = [p for p in gate(project_copy, "strategy/policy.yml") if p.code == CHECK_PLACEHOLDER_PRODUCTION]
    assert refused.field == "source.verified.page" and "TODO" in line_of(project_copy, refused)


def test_the_marks_of_an_example_are_told_from_real_names_and_places():
    assert [placeholder_mark(text) for text in ("〇〇課 〇〇", "○○", "◯", "××課", "XXX", "ｔｏｄｏ", "未定", "例", "例: 12ページ", "記入例")] == [
        "〇", "○", "◯", "××", "xxx", "todo", "未定", "例", "例", "記入例"]
    assert [placeholder_mark(text) for text in ("企画課 山田", "市条例 第3条", "事例集 12ページ", "第1表", "例規集 5ページ")] == [None] * 5


def test_the_records_of_the_sources_are_listed_where_they_are_written(project_copy: Path):
    flags_removed(project_copy, f"{{title: 市の統計, verified: {CHECKED}}}")
    project, _ = load_project(project_copy)
    found = [r for r in records(project) if r.file == KPI]
    assert [r.where for r in found] == ["baseline.source", "target.source", "actuals[0].source", "actuals[1].source",
                                        "actuals[2].source", "actuals[3].source", "source"]
    assert found[2].label == "1番目の実績（actuals）の『実績の出典』（source）"
    assert {(r.verification.by, r.verification.page, str(r.verification.date)) for r in found} == {("テスト担当", "表1", "2025-06-02")}


def test_samples_and_unchecked_rows_need_no_record_they_are_refused_as_such(project_copy: Path):
    problems = gate(project_copy, CENSUS) + gate(project_copy, "population/vital.csv")
    assert problems and {p.code for p in problems} == {"E-PROD-UNCHECKED", "E-PROD-SAMPLE"}


def test_a_kpi_written_as_yaml_is_gated_too(project_copy: Path):
    (project_copy / KPI).rename(project_copy / "kpis/kpi-x2-online.yaml")
    problems = gate(project_copy, "kpis/kpi-x2-online.yaml")
    assert "E-PROD-SAMPLE" in {p.code for p in problems} and all(p.line for p in problems)
