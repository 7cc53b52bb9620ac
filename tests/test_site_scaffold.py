"""Planners' helpers: `schema`, `ids`, `new kpi`, `new measure`, `new actual` — valid files, refusals that write nothing."""

from __future__ import annotations

import datetime
import json
import unicodedata
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from support import copy_project

from generator.cli import EXIT_INVALID, EXIT_OK, main
from generator.load.yamlio import load_file
from generator.model.schemas import json_schemas
from generator.pipeline import load_project
from generator.site.scaffold import (
    NewActual,
    NewKpi,
    ScaffoldError,
    new_actual,
    new_kpi,
    new_measure,
    write_schemas,
)

TODAY = datetime.date(2026, 11, 28)
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/kpis.schema.json\n"


def files(root: Path) -> dict[str, bytes]:
    """Every file of the data folders by path: what a refused command must leave as it was."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for folder in ("strategy", "kpis") for p in sorted((root / folder).rglob("*")) if p.is_file()}


def valid(root: Path) -> None:
    project, report = load_project(root, TODAY)
    assert project is not None and report.ok, report.format()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- schema --------------------------------------------------------------------------------------


def test_schema_writes_the_folder_and_vscode_settings_once(tmp_path: Path, capsys):
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode/settings.json").write_text('{"editor.rulers": [100]}', encoding="utf-8")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas/old.schema.json").write_text("{}", encoding="utf-8")
    code, out, _ = run(capsys, "--root", str(tmp_path), "schema")
    assert code == EXIT_OK and "schemas/kpis.schema.json" in out
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == sorted(json_schemas())  # the stale file is gone
    settings = json.loads((tmp_path / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["editor.rulers"] == [100] and settings["yaml.schemas"]["./schemas/site.schema.json"] == ["strategy/site.yml"]
    assert json.loads((tmp_path / ".vscode/extensions.json").read_text(encoding="utf-8")) == {"recommendations": ["redhat.vscode-yaml"]}
    assert write_schemas(tmp_path) == []  # nothing changes the second time
    assert run(capsys, "--root", str(tmp_path), "schema")[1] == "スキーマは型の定義のとおりです（変更なし）。\n"


def test_schema_refuses_settings_it_cannot_read(tmp_path: Path, capsys):
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode/settings.json").write_text('{\n  // comment\n}', encoding="utf-8")
    code, _, err = run(capsys, "--root", str(tmp_path), "schema")
    assert code == EXIT_INVALID and ".vscode/settings.json を JSON として読めません" in err


# --- ids -----------------------------------------------------------------------------------------


def test_ids_lists_goals_measures_and_kpis_with_their_titles(project_copy: Path, capsys):
    code, out, _ = run(capsys, "--root", str(project_copy), "ids")
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0] == "目標（goal:）と施策（measure:）— strategy/strategy.yml"
    assert lines[1] == "  goal-1  基本目標1 （サンプル）市内で働き、稼げるまちをつくる"
    assert lines[2:4] == ["    measure-1-1  （サンプル）創業と事業の継続を支える", "    measure-1-2  （サンプル）多様な働き方を広げる"]
    assert "  cross-cutting-2  横断的な目標2 （サンプル）新しい時代の流れを力にする" in lines
    kpis = lines[lines.index("指標（kpi:）— kpis/") + 1:]
    assert len(kpis) == 11
    startups = next(line for line in kpis if "kpi-1-startups " in line)
    assert startups.split() == ["kpi-1-startups", "KPI", "goal-1", "/", "measure-1-1", "（サンプル）創業支援による創業件数"]
    employees = next(line for line in kpis if "kpi-1-employees " in line)
    assert employees.split()[1:3] == ["数値目標", "goal-1"]
    def columns(line: str) -> int:  # where goal-1 stands on a terminal: Japanese characters take two columns
        return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line[:line.index("goal-1")])

    assert columns(employees) == columns(startups)


def test_ids_names_the_files_it_cannot_read(project_copy: Path, capsys):
    (project_copy / "kpis/kpi-4-crime.yml").write_text("id: [\n", encoding="utf-8")
    code, out, _ = run(capsys, "--root", str(project_copy), "ids")
    assert code == EXIT_OK and "kpi-4-crime " not in out
    assert out.splitlines()[-1].endswith("kpis/kpi-4-crime.yml")


# --- new kpi --------------------------------------------------------------------------------------


def test_new_kpi_writes_a_valid_sample_file_with_its_schema_and_comments(project_copy: Path, capsys):
    code, out, _ = run(capsys, "--root", str(project_copy), "new", "kpi", "kpi-1-new", "--goal", "goal-1", "--measure", "measure-1-2")
    assert code == EXIT_OK and "kpis/kpi-1-new.yml を作りました" in out
    text = (project_copy / "kpis/kpi-1-new.yml").read_text(encoding="utf-8")
    assert text.startswith(SCHEMA_LINE)
    assert "\nsample: true\n" in text and "baseline: {value: 10, year: 2020, sample: true}" in text
    assert "target: {value: 20, year: 2025, sample: true}" in text  # the plan's last year (strategy.yml end_fy)
    assert f"updated: {datetime.date.today().isoformat()}\n" in text and "# 属する施策の id（KPI では必須）。\nmeasure: measure-1-2\n" in text
    assert run(capsys, "--root", str(project_copy), "validate")[0] == EXIT_OK
    project, _ = load_project(project_copy)
    kpi = project.kpis["kpi-1-new"]
    assert (kpi.kind, kpi.goal, kpi.measure, kpi.sample, kpi.actuals) == ("KPI", "goal-1", "measure-1-2", True, [])
    document, _ = load_file(project_copy / "kpis/kpi-1-new.yml", "kpis/kpi-1-new.yml")
    assert not list(Draft7Validator(json_schemas()["kpis.schema.json"]).iter_errors(document.data))
    assert "kpi-1-new " in run(capsys, "--root", str(project_copy), "ids")[1]


def test_new_numerical_goal_needs_no_measure_and_takes_a_name(project_copy: Path):
    written = new_kpi(project_copy, NewKpi("kpi-2-new", "goal-2", kind="数値目標", name="転入者数: 「市外から」"), TODAY)
    text = (project_copy / written).read_text(encoding="utf-8")
    assert "measure:" not in text and 'name: "転入者数: 「市外から」"\n' in text and f"updated: {TODAY.isoformat()}" in text
    valid(project_copy)


@pytest.mark.parametrize(("argv", "message"), [
    (("kpi-1-startups", "--goal", "goal-1", "--measure", "measure-1-1"), "kpis/kpi-1-startups.yml はもうあります"),
    (("kpi-9", "--goal", "goal-9", "--measure", "measure-1-1"),
     "目標 id「goal-9」が strategy/strategy.yml にありません。次から選んでください: goal-1（基本目標1）、goal-2（基本目標2）"),
    (("kpi-9", "--goal", "goal-2", "--measure", "measure-1-1"),
     "施策 id「measure-1-1」が目標「goal-2」にありません。「measure-1-1」は目標「goal-1」の施策です。"
     "--goal goal-1 にするか、次から選んでください: measure-2-1"),
    (("kpi-9", "--goal", "goal-2", "--measure", "measure-2-9"), "次から選んでください: measure-2-1"),
    (("kpi-9", "--goal", "goal-2"), "KPI には --measure（施策の id）が必要です。goal-2 の施策: measure-2-1"),
    (("KPI_9", "--goal", "goal-2", "--measure", "measure-2-1"), "指標の id「KPI_9」は使えません。英小文字・数字をハイフンでつないで"),
])
def test_new_kpi_refusals_write_nothing(project_copy: Path, capsys, argv: tuple[str, ...], message: str):
    before = files(project_copy)
    code, _, err = run(capsys, "--root", str(project_copy), "new", "kpi", *argv)
    assert code == EXIT_INVALID and message in err
    assert files(project_copy) == before


def test_new_kpi_needs_a_readable_strategy(project_copy: Path):
    (project_copy / "strategy/strategy.yml").write_text("name: [\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="strategy/strategy.yml がないか、エラーがあるため読めません"):
        new_kpi(project_copy, NewKpi("kpi-9", "goal-1", "measure-1-1"), TODAY)
    assert not (project_copy / "kpis/kpi-9.yml").exists()


# --- new measure ----------------------------------------------------------------------------------


def test_new_measure_is_inserted_after_the_goals_last_measure_and_nothing_else_changes(project_copy: Path, capsys):
    path = project_copy / "strategy/strategy.yml"
    before = path.read_text(encoding="utf-8").splitlines(keepends=True)
    code, _, _ = run(capsys, "--root", str(project_copy), "new", "measure", "measure-1-3", "--goal", "goal-1", "--title", "空き店舗: 活用")
    assert code == EXIT_OK
    after = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(after) if "- id: measure-1-3" in line) - 1  # its comment line comes first
    added = after[at:at + 5]
    assert after[:at] + after[at + 5:] == before  # byte for byte elsewhere
    assert added == ["      # python -m generator new measure で足した見本です。内容を戦略のとおりに直し、sample: true を消してください。\n",
                     "      - id: measure-1-3\n", '        title: "空き店舗: 活用"\n',
                     "        description: （サンプル）施策の内容\n", "        sample: true\n"]
    assert before[at - 1].strip() == "sample: true" and "- id: goal-2" in "".join(before[at:at + 3])  # after measure-1-2, before goal 2
    valid(project_copy)
    project, _ = load_project(project_copy, TODAY)
    measure = project.strategy.goals[0].measures[-1]
    assert (measure.id, measure.title, measure.sample) == ("measure-1-3", "空き店舗: 活用", True)
    new_kpi(project_copy, NewKpi("kpi-1-9", "goal-1", "measure-1-3"), TODAY)  # the new measure can be named at once
    valid(project_copy)


def test_new_measure_under_a_goal_without_measures_adds_the_list(tmp_path: Path):
    root = copy_project(tmp_path / "p")
    path = root / "strategy/strategy.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    measures:\n      - id: measure-x2-1")  # the last goal's only measure, and the end of the file
    path.write_text(text[:start], encoding="utf-8")
    (root / "kpis/kpi-x2-online.yml").unlink()  # its measure is gone
    new_measure(root, "measure-x2-9", "cross-cutting-2", "デジタル", TODAY, description="オンライン申請を広げる")
    assert path.read_text(encoding="utf-8") == text[:start] + (
        "    measures:\n"
        "      # python -m generator new measure で足した見本です。内容を戦略のとおりに直し、sample: true を消してください。\n"
        '      - id: measure-x2-9\n        title: "デジタル"\n        description: "オンライン申請を広げる"\n        sample: true\n')
    valid(root)


@pytest.mark.parametrize(("argv", "message"), [
    (("measure-2-1", "--goal", "goal-1", "--title", "x"), "施策 id「measure-2-1」は目標「goal-2」にもうあります"),
    (("measure-1-9", "--goal", "goal-9", "--title", "x"), "目標 id「goal-9」が strategy/strategy.yml にありません"),
    (("Measure 9", "--goal", "goal-1", "--title", "x"), "施策の id「Measure 9」は使えません"),
    (("measure-1-9", "--goal", "goal-1", "--title", " "), "--title（施策の名前）を書いてください"),
])
def test_new_measure_refusals_write_nothing(project_copy: Path, capsys, argv: tuple[str, ...], message: str):
    before = files(project_copy)
    code, _, err = run(capsys, "--root", str(project_copy), "new", "measure", *argv)
    assert code == EXIT_INVALID and message in err
    assert files(project_copy) == before


# --- new actual -----------------------------------------------------------------------------------


def test_new_actual_appends_a_line_like_the_others_and_dates_the_file(project_copy: Path, capsys):
    path = project_copy / "kpis/kpi-1-employees.yml"
    before = path.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "--root", str(project_copy), "new", "actual", "kpi-1-employees", "2022", "４１,５００",
                       "--status", "速報", "--source", "経済センサス「活動調査」")
    assert code == EXIT_OK and "2022 の実績（速報）を足し" in out
    expected = before.replace("updated: 2026-11-28", f"updated: {datetime.date.today().isoformat()}").replace(
        "  - {year: 2021, value: 41200, status: sample}\n",
        '  - {year: 2021, value: 41200, status: sample}\n  - {year: 2022, value: 41500, status: 速報, source: {title: "経済センサス「活動調査」"}}\n')
    assert path.read_text(encoding="utf-8") == expected
    valid(project_copy)
    project, _ = load_project(project_copy)
    actual = project.kpis["kpi-1-employees"].actuals[-1]
    assert (actual.year, actual.value, actual.status, actual.source.title) == (2022, 41500, "速報", "経済センサス「活動調査」")


def test_new_actual_fills_an_empty_list_of_a_new_kpi(project_copy: Path):
    new_kpi(project_copy, NewKpi("kpi-1-new", "goal-1", "measure-1-1"), TODAY)
    new_actual(project_copy, NewActual("kpi-1-new", 2023, "12", "sample"), TODAY)
    new_actual(project_copy, NewActual("kpi-1-new", 2024, "13.5", "確定", "市の統計書"), TODAY)
    text = (project_copy / "kpis/kpi-1-new.yml").read_text(encoding="utf-8")
    assert text.endswith("で1年ずつ足します。\nactuals:\n  - {year: 2023, value: 12, status: sample}\n"
                         '  - {year: 2024, value: 13.5, status: 確定, source: {title: "市の統計書"}}\n')
    valid(project_copy)


def test_new_actual_keeps_block_style_bom_crlf_and_comments(project_copy: Path):
    path = project_copy / "kpis/kpi-1-employees.yml"
    text = path.read_text(encoding="utf-8").replace("  - {year: 2021, value: 41200, status: sample}\n",
                                                    "  - year: 2021\n    value: 41200\n    status: sample  # 見本\n\n# 末尾のコメント\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    new_actual(project_copy, NewActual("kpi-1-employees", 2022, "41500", "確定", "経済センサス"), TODAY)
    expected = text.replace("    status: sample  # 見本\n", '    status: sample  # 見本\n  - year: 2022\n    value: 41500\n    status: 確定\n'
                            '    source:\n      title: "経済センサス"\n')
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.replace("\n", "\r\n").encode("utf-8")
    valid(project_copy)


def test_new_actual_after_a_file_without_actuals_adds_the_list(project_copy: Path):
    path = project_copy / "kpis/kpi-1-employees.yml"
    text = path.read_text(encoding="utf-8").replace("actuals:\n  - {year: 2021, value: 41200, status: sample}\n", "")
    path.write_text(text, encoding="utf-8")
    new_actual(project_copy, NewActual("kpi-1-employees", 2021, "41200", "sample"), TODAY)
    assert path.read_text(encoding="utf-8") == text + "actuals:\n  - {year: 2021, value: 41200, status: sample}\n"


@pytest.mark.parametrize(("argv", "message"), [
    (("kpi-1-employees", "2021", "1", "--status", "sample"), "kpis/kpi-1-employees.yml には 2021 の実績がもうあります"),
    (("kpi-1-employees", "2022", "1"), "確定値の実績には出典が必要です。--source"),
    (("kpi-1-employees", "2022", "4,550人", "--source", "x"), "値「4,550人」は数として読めません"),
    (("kpi-9-none", "2022", "1", "--source", "x"), "指標「kpi-9-none」のファイル（kpis/kpi-9-none.yml）がありません"),
    (("kpi-1-employees", "2099", "1", "--source", "x"),
     "書いた後の検証で kpis/kpi-1-employees.yml にエラーが出たため、元に戻しました"),  # validated after writing, then undone
])
def test_new_actual_refusals_write_nothing(project_copy: Path, capsys, argv: tuple[str, ...], message: str):
    before = files(project_copy)
    code, _, err = run(capsys, "--root", str(project_copy), "new", "actual", *argv)
    assert code == EXIT_INVALID and message in err
    assert files(project_copy) == before


def test_the_rollback_names_the_located_problem(project_copy: Path):
    with pytest.raises(ScaffoldError) as raised:
        new_actual(project_copy, NewActual("kpi-1-employees", 2027, "1", "sample"), TODAY)
    assert "kpis/kpi-1-employees.yml 16行目" in str(raised.value) and "2027年はまだ来ていません（今日は2026-11-28）" in str(raised.value)


def test_new_actual_refuses_a_one_line_list_it_cannot_extend(project_copy: Path):
    path = project_copy / "kpis/kpi-1-employees.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "actuals:\n  - {year: 2021, value: 41200, status: sample}\n", "actuals: [{year: 2021, value: 41200, status: sample}]\n"), encoding="utf-8")
    before = files(project_copy)
    with pytest.raises(ScaffoldError, match="actuals が1行の"):
        new_actual(project_copy, NewActual("kpi-1-employees", 2022, "1", "sample"), TODAY)
    assert files(project_copy) == before


def test_scaffold_results_match_the_schema(project_copy: Path):
    new_kpi(project_copy, NewKpi("kpi-3-new", "goal-3", "measure-3-1"), TODAY)
    new_actual(project_copy, NewActual("kpi-3-new", 2024, "3", "速報", "保育課の集計"), TODAY)
    document, _ = load_file(project_copy / "kpis/kpi-3-new.yml", "kpis/kpi-3-new.yml")
    validator = Draft7Validator(json_schemas()["kpis.schema.json"], format_checker=Draft7Validator.FORMAT_CHECKER)
    assert not list(validator.iter_errors(document.data))


# --- Files other commands write name their schema ----------------------------------------------------


def test_new_city_and_new_revision_write_files_that_name_their_schemas(tmp_path: Path):
    from support import REPO

    from generator.model.schemas import schema_comment, target_of
    from generator.site.new_city import new_city
    from generator.site.revisions import NewRevision, start_revision

    root = tmp_path / "city"
    written = new_city(root, REPO, "試験町", 2025, 2029, TODAY.isoformat())
    assert "schemas/kpis.schema.json" in written and ".vscode/settings.json" in written
    start_revision(root, NewRevision("2025-04", "令和7年4月 策定", datetime.date(2025, 4, 1), "策定しました。", sample=True))
    data = [p.relative_to(root).as_posix() for p in sorted(root.rglob("*.yml")) if target_of(p.relative_to(root).as_posix())]
    assert set(data) >= {"strategy/site.yml", "strategy/strategy.yml", "strategy/national_framework.yml", "kpis/kpi-1-1.yml",
                         "strategy/revisions.yml"}
    for relative in data:
        first = (root / relative).read_text(encoding="utf-8").splitlines()[0]
        assert first == schema_comment(relative), relative
        assert (root / relative).parent.joinpath(first.split("$schema=")[1]).resolve().is_file()
    valid(root)
