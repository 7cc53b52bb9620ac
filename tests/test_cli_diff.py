"""`python -m generator diff BASE [HEAD]`: the data changes of a pull request, in Japanese."""

from __future__ import annotations

from pathlib import Path

from support import FIXTURE, copy_project
from test_gitref import git, two_commits

from generator.check.production import production_problems
from generator.cli import EXIT_INVALID, EXIT_OK, main
from generator.pipeline import load_project

TARGET = "指標『（サンプル）市内事業所の従業者数』: 目標 43,000人（令和7(2025)年、サンプル） → 45,000人（令和7(2025)年、サンプル）"
REMOVED = "指標『（サンプル）刑法犯認知件数』を削除"


def samples_left(root: Path) -> int:
    project, _ = load_project(root)
    assert project is not None
    return len(production_problems(project))


def test_markdown_of_the_previous_commit_against_the_working_folder(tmp_path: Path, capsys):
    repo = tmp_path / "repo"
    two_commits(repo)
    assert main(["--root", str(repo), "diff", "HEAD~1", "--format", "markdown"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("## データの変更（2 件）\n\n### 指標（2 件）\n\n")
    assert f"- {TARGET}\n" in out and f"- {REMOVED}\n" in out
    assert out.endswith(f"本番公開の前に直すもの（サンプル・未確認の印の数）: {samples_left(repo)} 件\n")


def test_text_between_two_refs_and_an_uncommitted_edit_left_out(tmp_path: Path, capsys):
    repo = tmp_path / "repo"
    two_commits(repo)
    census = repo / "population/census.csv"
    census.write_text(census.read_text(encoding="utf-8").replace("2020,141083", "2020,141100"), encoding="utf-8")
    assert main(["--root", str(repo), "diff", "HEAD~1", "HEAD"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [TARGET, REMOVED] and len(lines) == 3
    assert main(["--root", str(repo), "diff", "HEAD"]) == EXIT_OK  # the working folder: only the edit
    assert capsys.readouterr().out.splitlines()[0] == "人口『国勢調査の人口』: 2020年 の行を変更（総人口 141,083 → 141,100）"


def test_output_appends_the_markdown_to_a_file(tmp_path: Path, capsys):
    repo = tmp_path / "repo"
    two_commits(repo)
    summary = tmp_path / "step-summary.md"
    summary.write_text("# 前の手順\n", encoding="utf-8")
    assert main(["--root", str(repo), "diff", "HEAD~1", "--output", str(summary)]) == EXIT_OK
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("# 前の手順\n## データの変更（2 件）\n") and f"- {REMOVED}\n" in written
    assert capsys.readouterr().out.splitlines()[0] == TARGET  # the text format still goes to the terminal


def test_two_folders_without_git(tmp_path: Path, capsys):
    head = copy_project(tmp_path / "head")
    assert main(["--root", str(tmp_path), "diff", str(FIXTURE), str(head)]) == EXIT_OK
    assert capsys.readouterr().out.splitlines()[0] == "データの変更はありません。"


def test_invalid_data_on_one_side_says_which(tmp_path: Path, capsys):
    repo = tmp_path / "repo"
    two_commits(repo)
    site = repo / "strategy/site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "typo_field: 1\n", encoding="utf-8")
    assert main(["--root", str(repo), "diff", "HEAD~1"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "比較先" in err and "のデータに問題があるため比較できません" in err and "typo_field" in err
    git(repo, "commit", "-q", "-am", "broken")
    assert main(["--root", str(repo), "diff", "HEAD", "HEAD~1"]) == EXIT_INVALID
    assert "比較元（HEAD）のデータに問題があるため比較できません" in capsys.readouterr().err


def test_an_unknown_ref_is_reported(tmp_path: Path, capsys):
    repo = tmp_path / "repo"
    two_commits(repo)
    assert main(["--root", str(repo), "diff", "no-such-branch"]) == EXIT_INVALID
    assert "比較元: 「no-such-branch」というコミット・ブランチ・タグが見つかりません" in capsys.readouterr().err
