"""Rules of the materials (strategy/materials.yml and documents/) and the public comment rounds: each problem located."""

from __future__ import annotations

from pathlib import Path

from generator.check.rules import materials as checks
from generator.model.process import Materials, PublicComments
from generator.pipeline import load_project
from generator.problems import Problem, Severity

MATERIALS = "strategy/materials.yml"
ROUNDS = "strategy/public_comments.yml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problem(root: Path, file: str, field: str, severity: Severity = Severity.ERROR) -> tuple[Problem, str]:
    """The one problem of that file and field, and the text of the line it points at."""
    _, report = load_project(root)
    [found] = [p for p in report.problems if p.file == file and p.field == field and p.severity == severity]
    return found, (root / file).read_text(encoding="utf-8").splitlines()[found.line - 1]


def test_a_material_whose_file_is_missing_names_similar_files(project_copy: Path):
    edit(project_copy / MATERIALS, "    file: council/2020-1-agenda.pdf", "    file: council/2020-1-agenda.PDF")
    found, line = problem(project_copy, MATERIALS, "materials[0].file")
    assert line == "    file: council/2020-1-agenda.PDF" and found.column == 11
    assert found.message == "ファイル documents/council/2020-1-agenda.PDF がありません。"
    assert found.hint.endswith("documents/ にあるファイル（似た名前から）: council/2020-1-agenda.pdf")


def test_a_file_moved_to_another_folder_is_found_by_its_name(project_copy: Path):
    (project_copy / "documents/archive").mkdir()
    (project_copy / "documents/council/2020-1-agenda.pdf").rename(project_copy / "documents/archive/2020-1-agenda.pdf")
    found, _ = problem(project_copy, MATERIALS, "materials[0].file")
    assert "archive/2020-1-agenda.pdf" in found.hint


def test_without_any_similar_name_every_file_is_listed():
    materials = Materials.model_validate({"materials": [{"id": "m", "title": "t", "file": "zzz.docx", "kind": "その他"}]})
    [finding] = [f for f in checks.material_files_exist(materials, {"a.pdf": 1, "b/c.xlsx": 2}) if f.severity == Severity.ERROR]
    assert finding.hint.endswith("documents/ にあるファイル（似た名前から）: a.pdf, b/c.xlsx")
    [finding] = checks.material_files_exist(materials, {})
    assert finding.hint.endswith("documents/ にファイルがありません。ファイルを置いてください。")


def test_duplicate_material_ids_are_located(project_copy: Path):
    edit(project_copy / MATERIALS, "  - id: strategy-draft-2020", "  - id: council-2020-1-agenda")
    found, line = problem(project_copy, MATERIALS, "materials[1].id")
    assert line == "  - id: council-2020-1-agenda"
    assert found.message == "資料の id「council-2020-1-agenda」が複数あります。"


def test_a_file_no_material_lists_is_a_warning_on_the_materials_list(project_copy: Path):
    (project_copy / "documents/extra").mkdir()
    (project_copy / "documents/extra/table.xlsx").write_bytes(b"PK\x03\x04")
    (project_copy / "documents/.gitkeep").write_bytes(b"")  # hidden files are neither published nor reported
    _, report = load_project(project_copy)
    assert report.ok, report.format()
    [warning] = report.warnings
    assert (warning.file, warning.field) == (MATERIALS, "materials")
    assert (project_copy / MATERIALS).read_text(encoding="utf-8").splitlines()[warning.line - 1] == "  - id: council-2020-1-agenda"
    assert warning.message.startswith("documents/extra/table.xlsx はどの資料（materials）にも書かれていません。")
    assert "file: extra/table.xlsx" in warning.hint


def test_without_the_materials_list_an_unlisted_file_is_reported_on_the_missing_file(project_copy: Path):
    for name in ("process.yml", "public_comments.yml", "materials.yml"):  # the others refer to the materials
        (project_copy / "strategy" / name).unlink()
    project, report = load_project(project_copy)
    assert project is not None, report.format()
    assert sorted((w.file, w.line, w.message.split(" ")[0]) for w in report.warnings) == [
        (MATERIALS, None, "documents/council/2020-1-agenda.pdf"),
        (MATERIALS, None, "documents/public-comment/strategy-draft-2020.pdf"),
    ]


def test_a_round_ending_before_it_starts_is_located(project_copy: Path):
    edit(project_copy / ROUNDS, "    end: 2021-01-14", "    end: 2020-12-01")
    found, line = problem(project_copy, ROUNDS, "rounds[0].end")
    assert line == "    end: 2020-12-01"
    assert found.message == "募集の最後の日 2020-12-01 が初日 2020-12-15 より前です。"


def test_results_published_before_the_round_ends_are_located(project_copy: Path):
    edit(project_copy / ROUNDS, "    results_published: 2021-03-31", "    results_published: 2021-01-10")
    found, line = problem(project_copy, ROUNDS, "rounds[0].results_published")
    assert line == "    results_published: 2021-01-10"
    assert found.message == "結果を公表した日 2021-01-10 が、募集の最後の日 2021-01-14 より前です。"


def test_answers_without_a_results_date_are_a_warning(project_copy: Path):
    edit(project_copy / ROUNDS, "    results_published: 2021-03-31\n", "")
    found, line = problem(project_copy, ROUNDS, "rounds[0].answers", Severity.WARNING)
    assert line.startswith("      - summary: （サンプル）子育て支援の指標")  # the answers list
    assert "結果を公表した日（results_published）がありません" in found.message


def test_duplicate_round_ids_are_located(project_copy: Path):
    path = project_copy / ROUNDS
    path.write_text(path.read_text(encoding="utf-8") + "  - {id: strategy-draft-2020, title: 別の案, start: 2022-01-05, end: 2022-02-04}\n",
                    encoding="utf-8")
    found, line = problem(project_copy, ROUNDS, "rounds[1].id")
    assert line.startswith("  - {id: strategy-draft-2020, title: 別の案")
    assert found.message == "パブリックコメントの id「strategy-draft-2020」が複数あります。"


def test_an_unknown_material_of_a_round_lists_the_choices(project_copy: Path):
    edit(project_copy / ROUNDS, "    materials: [strategy-draft-2020]", "    materials: [strategy-draft-2021]")
    found, line = problem(project_copy, ROUNDS, "rounds[0].materials[0]")
    assert line == "    materials: [strategy-draft-2021]" and found.column == 17
    assert found.message == "資料「strategy-draft-2021」がありません。"
    assert found.hint.endswith("次から選んでください: council-2020-1-agenda, strategy-draft-2020")


def test_unknown_goals_and_kpis_of_answers_list_the_choices(project_copy: Path):
    edit(project_copy / ROUNDS, "        goal: goal-2", "        goal: goal-9")
    edit(project_copy / ROUNDS, "        kpi: kpi-3-childrearing-satisfaction", "        kpi: kpi-3-childrearing")
    goal, goal_line = problem(project_copy, ROUNDS, "rounds[0].answers[1].goal")
    assert goal_line == "        goal: goal-9" and goal.message == "目標「goal-9」がありません。"
    assert goal.hint == ("次から選んでください: cross-cutting-1, cross-cutting-2, goal-1, goal-2, goal-3, goal-4")
    kpi, kpi_line = problem(project_copy, ROUNDS, "rounds[0].answers[0].kpi")
    assert kpi_line == "        kpi: kpi-3-childrearing" and kpi.message == "指標「kpi-3-childrearing」がありません。"
    assert "kpi-3-childrearing-satisfaction" in kpi.hint


def test_the_round_rules_find_nothing_in_consistent_data():
    rounds = PublicComments.model_validate({"rounds": [
        {"id": "a", "title": "案", "start": "2020-12-15", "end": "2020-12-15", "results_published": "2020-12-15",
         "answers": [{"summary": "s", "response": "r", "category": "その他"}]},
    ]})
    assert list(checks.round_dates(rounds)) == []
