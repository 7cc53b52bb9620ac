"""load/gitref.py: the files of a commit, branch or tag written into a folder."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from support import copy_project

from generator.load.gitref import GitRefError, export_ref


def git(repo: Path, *args: str) -> str:
    command = ["git", "-C", str(repo), "-c", "user.name=テスト", "-c", "user.email=test@example.org",
               "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file() and ".git" not in path.relative_to(folder).parts}


def two_commits(repo: Path) -> dict[str, bytes]:
    """A repository with the fixture committed, then one KPI edited and one file removed; the first commit's files."""
    copy_project(repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    first = files(repo)
    kpi = repo / "kpis/kpi-1-employees.yml"
    kpi.write_text(kpi.read_text(encoding="utf-8").replace("value: 43000", "value: 45000"), encoding="utf-8")
    (repo / "kpis/kpi-4-crime.yml").unlink()
    git(repo, "commit", "-q", "-am", "second")
    return first


def test_export_of_the_previous_commit_equals_its_files(tmp_path: Path):
    first = two_commits(tmp_path / "repo")
    export_ref(tmp_path / "repo", "HEAD~1", tmp_path / "out")
    assert files(tmp_path / "out") == first
    assert "kpis/kpi-4-crime.yml" in first and b"value: 43000" in first["kpis/kpi-1-employees.yml"]


def test_export_of_a_tag_a_branch_and_a_commit_id(tmp_path: Path):
    repo = tmp_path / "repo"
    first = two_commits(repo)
    git(repo, "tag", "v1", "HEAD~1")
    git(repo, "branch", "old", "HEAD~1")
    commit = git(repo, "rev-parse", "HEAD~1").strip()
    for name in ("v1", "old", commit[:10]):
        export_ref(repo, name, tmp_path / name)
        assert files(tmp_path / name) == first
    export_ref(repo, "HEAD", tmp_path / "head")
    assert "kpis/kpi-4-crime.yml" not in files(tmp_path / "head")


def test_a_folder_inside_the_repository_is_taken_from_the_ref(tmp_path: Path):
    repo = tmp_path / "repo"
    project = repo / "sites" / "city"
    first = two_commits(project)
    shutil.rmtree(project / ".git")
    (repo / "README.txt").write_text("top", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "one")
    export_ref(project, "HEAD", tmp_path / "out")
    exported = files(tmp_path / "out")
    assert "README.txt" not in exported and "kpis/kpi-4-crime.yml" not in exported
    assert exported["strategy/site.yml"] == first["strategy/site.yml"]


def test_an_unknown_ref_is_a_japanese_error(tmp_path: Path):
    two_commits(tmp_path / "repo")
    with pytest.raises(GitRefError, match="「no-such-branch」というコミット・ブランチ・タグが見つかりません"):
        export_ref(tmp_path / "repo", "no-such-branch", tmp_path / "out")
    with pytest.raises(GitRefError, match="「--output=x」というコミット・ブランチ・タグが見つかりません"):
        export_ref(tmp_path / "repo", "--output=x", tmp_path / "out")
    assert not (tmp_path / "x").exists()


def test_a_folder_outside_any_repository_is_a_japanese_error(tmp_path: Path):
    (tmp_path / "plain").mkdir()
    with pytest.raises(GitRefError, match="は git のリポジトリではありません"):
        export_ref(tmp_path / "plain", "HEAD", tmp_path / "out")
