"""Publishing: revisions kept side by side on the publishing branch, the staging banner, the production gate."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from support import FIRST_REVISION, branch_files, git, release_repository

from generator.cli import EXIT_INVALID, EXIT_OK, main
from generator.site.build import InvalidData
from generator.site.publish import PublishError, export_published, publish
from generator.site.revisions import NewRevision, start_revision
from generator.site.targets import BRANCHES

STAGING = BRANCHES["staging"]
SECOND = NewRevision("2023-03", "令和5年3月 改訂", datetime.date(2023, 3, 31), "実績を更新しました。", sample=True)


def _add_actual(work: Path) -> None:
    kpi = work / "kpis" / "kpi-1-employees.yml"
    text = kpi.read_text(encoding="utf-8")
    kpi.write_text(text.replace("  - {year: 2021, value: 41200, status: sample}\n",
                                "  - {year: 2021, value: 41200, status: sample}\n  - {year: 2022, value: 41500, status: sample}\n"),
                   encoding="utf-8")


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Two revisions published one after the other, as main would; what the branch held after each."""
    work, remote = release_repository(tmp_path_factory.mktemp("release"))
    first = publish(work, "staging", remote="origin")
    after_first = branch_files(remote, STAGING)
    start_revision(work, SECOND)
    _add_actual(work)
    git(work, "add", "-A")
    git(work, "commit", "-qm", "改訂")
    second = publish(work, "staging", remote="origin")
    return {"work": work, "remote": remote, "revisions": (first, second), "after_first": after_first,
            "after_second": branch_files(remote, STAGING)}


def test_each_revision_lives_in_its_own_folder_and_the_older_stays_byte_for_byte(released):
    first, second = released["revisions"]
    assert (first.id, second.id) == ("2021-03", "2023-03")
    before = {name: data for name, data in released["after_first"].items() if name.startswith("2021-03/")}
    after = {name: data for name, data in released["after_second"].items() if name.startswith("2021-03/")}
    assert len(before) > 50 and before == after
    assert any(name.startswith("2023-03/") for name in released["after_second"])


def test_versions_json_lists_both_with_the_newest_as_latest_and_default(released):
    files = released["after_second"]
    versions = json.loads(files["versions.json"])
    assert [(v["version"], v["title"], v["aliases"]) for v in versions] == [
        ("2023-03", "令和5年3月 改訂", ["latest"]), ("2021-03", "令和3年3月 策定", [])]
    assert b'url=2023-03/' in files["index.html"] and b'lang="ja"' in files["index.html"]
    assert b'url=../2023-03/' in files["latest/index.html"]


def test_staging_pages_say_so_and_carry_the_version_menu_settings(released):
    page = released["after_second"]["2023-03/index.html"].decode("utf-8")
    assert "<strong>検証用</strong>のサイトです" in page and '<meta name="robots" content="noindex">' in page
    config = json.loads(re.search(r'id="__config" type="application/json">(.*?)</script>', page).group(1))
    assert config["version"] == {"provider": "mike", "default": "latest"}  # Material's version menu
    assert 'href="http://127.0.0.1:8000/2023-03/"' in page  # canonical links name the revision's folder


def test_the_change_log_of_the_new_revision_names_what_changed(released):
    history = released["after_second"]["2023-03/history/index.html"].decode("utf-8")
    assert "令和5年3月 改訂" in history and "最新の版" in history
    assert "令和4(2022)年の実績 41,500人" in history
    assert "最初に公開した版です。" in history  # the first revision, listed below
    assert "変更: 1 件" in history  # the actual alone: the revisions list and its records are not data changes
    old_history = released["after_first"]["2021-03/history/index.html"].decode("utf-8")
    assert "令和5年3月" not in old_history  # an earlier revision is never rebuilt from newer data


def test_export_writes_every_revision_for_a_city_server(released, tmp_path: Path):
    target = tmp_path / "www"
    export_published(released["remote"], target, branch=STAGING)
    (target / "stale.html").write_text("old", encoding="utf-8")  # an earlier export is replaced whole
    count = export_published(released["remote"], target, branch=STAGING)
    assert (target / "2021-03/index.html").is_file() and (target / "2023-03/index.html").is_file()
    assert not (target / "stale.html").exists() and count == len(released["after_second"])
    assert main(["--root", str(released["remote"]), "export-published", str(target), "--branch", STAGING]) == EXIT_OK


def test_export_without_a_publishing_branch_says_what_to_do(tmp_path: Path):
    git(tmp_path, "init", "-q")
    with pytest.raises(PublishError, match="generator publish"):
        export_published(tmp_path, tmp_path / "www")  # no production revision yet
    with pytest.raises(PublishError, match="git のリポジトリではありません"):
        export_published(tmp_path / "www", tmp_path / "elsewhere")


def test_export_never_replaces_the_project_or_a_folder_of_other_files(released, tmp_path: Path):
    work = released["work"]
    for target in (work, work.parent):
        with pytest.raises(PublishError, match="プロジェクト"):
            export_published(work, target, branch=STAGING)
    other = tmp_path / "documents"
    other.mkdir()
    (other / "memo.txt").write_text("大事なメモ", encoding="utf-8")
    with pytest.raises(PublishError, match="公開用でないファイル"):
        export_published(work, other, branch=STAGING)
    assert (other / "memo.txt").read_text(encoding="utf-8") == "大事なメモ" and (work / ".git").is_dir()
    export_published(work, work / "public", branch=STAGING)  # a folder inside the project is fine (the workflow's)
    export_published(work, work / "public", branch=STAGING)  # and so is an earlier export


def test_staging_never_writes_to_the_production_branch_and_an_unchanged_site_makes_no_commit(released):
    work = released["work"]
    assert git(work, "branch", "--list", BRANCHES["production"]) == ""
    head = git(work, "rev-parse", STAGING)
    publish(work, "staging")  # the same data again
    assert git(work, "rev-parse", STAGING) == head


def test_publishing_outside_git_stops_before_building(project_copy: Path):
    (project_copy / "strategy/revisions.yml").write_text(FIRST_REVISION, encoding="utf-8")
    with pytest.raises(PublishError, match="git のリポジトリではありません"):
        publish(project_copy, "staging")
    assert not (project_copy / "site").exists()


def test_production_refuses_samples_and_leaves_the_branch_alone(released, monkeypatch, capsys):
    monkeypatch.setenv("SITE_URL", "https://www.city.example.lg.jp/sousei/")
    with pytest.raises(InvalidData, match="本番公開できません"):
        publish(released["work"], "production", remote="origin")
    assert branch_files(released["remote"], STAGING) == released["after_second"]
    assert main(["--root", str(released["work"]), "publish", "--target", "production"]) == EXIT_INVALID


def test_publish_needs_a_revisions_list(project_copy: Path):
    git(project_copy, "init", "-q")
    with pytest.raises(PublishError, match="strategy/revisions.yml"):
        publish(project_copy, "staging")

