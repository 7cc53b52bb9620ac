"""`new-revision`: the outgoing revision's data is kept, the new entry appended in the list's own layout."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from generator.cli import EXIT_INVALID, EXIT_OK, main
from generator.pipeline import load_project
from generator.render.changes import compare, snapshot
from generator.site.revisions import NewRevision, RevisionError, start_revision

FIRST = NewRevision("2021-03", "令和3年3月 策定", datetime.date(2021, 3, 31), "策定しました。", sample=True)
SECOND = NewRevision("2023-03", "令和5年3月 改訂", datetime.date(2023, 3, 31), "「実績」を: 更新 # しました。")


def test_the_first_revision_creates_the_list_without_a_record(project_copy: Path):
    assert start_revision(project_copy, FIRST) == ["strategy/revisions.yml"]
    project, report = load_project(project_copy)
    assert report.ok, report.format()
    (revision,) = project.revisions.revisions
    assert (revision.id, revision.title, revision.date, revision.sample) == ("2021-03", "令和3年3月 策定", FIRST.date, True)
    assert not (project_copy / "strategy/revisions").exists()


def test_the_next_revision_keeps_the_data_and_the_lists_comments_and_indentation(project_copy: Path):
    path = project_copy / "strategy/revisions.yml"
    path.write_text("# 版の一覧（手書きのコメント）\nrevisions:\n- id: 2021-03\n  title: 策定\n  date: 2021-03-31\n"
                    "  summary: 策定しました。\n", encoding="utf-8")
    before, _ = load_project(project_copy)
    written = start_revision(project_copy, SECOND)
    assert written == ["strategy/revisions/2021-03.yml", "strategy/revisions.yml"]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 版の一覧（手書きのコメント）\n") and "\n- id: 2023-03\n  title: " in text
    project, report = load_project(project_copy)
    assert report.ok, report.format()
    assert project.revisions.revisions[-1].summary == SECOND.summary  # quoted: colons and # stay text
    kept = project.revision_snapshots["2021-03"].model_dump(mode="json")["sections"]
    assert compare(kept, snapshot(before)) == []  # the record is the data as it stood


def test_the_record_is_deterministic_yaml_without_anchors(project_copy: Path, tmp_path: Path):
    (project_copy / "strategy/revisions.yml").write_text(
        "revisions:\n  - {id: 2021-03, title: 策定, date: 2021-03-31, summary: 策定しました。}\n", encoding="utf-8")
    start_revision(project_copy, SECOND)
    record = (project_copy / "strategy/revisions/2021-03.yml").read_text(encoding="utf-8")
    assert "&id" not in record and "*id" not in record
    assert yaml.safe_load(record)["revision"] == "2021-03"


def test_refusals_write_nothing(project_copy: Path):
    start_revision(project_copy, FIRST)
    listed = (project_copy / "strategy/revisions.yml").read_bytes()
    for new, message in [(FIRST, "が複数あります"),
                         (NewRevision("latest", "x", datetime.date(2024, 1, 1), "x"), "最新の版を指す名前"),
                         (NewRevision("2023 03", "x", datetime.date(2024, 1, 1), "x"), "英小文字・数字・ハイフン"),
                         (NewRevision("2024-03", "", datetime.date(2024, 1, 1), " "), "--title.*\n.*--summary"),
                         (NewRevision("2024-03", "x", datetime.date(2020, 1, 1), "x"), "より前です"),
                         (NewRevision("2020-03", "x", datetime.date(2024, 1, 1), "x"), "より後に並びません")]:
        with pytest.raises(RevisionError, match=message):
            start_revision(project_copy, new)
    assert (project_copy / "strategy/revisions.yml").read_bytes() == listed
    assert not (project_copy / "strategy/revisions").exists()


def test_invalid_data_refuses_to_start_a_revision(project_copy: Path, capsys):
    start_revision(project_copy, FIRST)
    kpi = next((project_copy / "kpis").glob("*.yml"))
    kpi.write_text(kpi.read_text(encoding="utf-8").replace("better: higher", "better: up"), encoding="utf-8")
    args = ["--root", str(project_copy), "new-revision", "2023-03", "--title", "改訂", "--date", "2023-03-31", "--summary", "s"]
    assert main(args) == EXIT_INVALID
    assert "先にエラーを直してください" in capsys.readouterr().err
    assert not (project_copy / "strategy/revisions").exists()
    assert main([*args[:4], "--title", "改訂", "--date", "2023年3月", "--summary", "s"]) == EXIT_INVALID
    assert "2023-03-31 のように" in capsys.readouterr().err


def test_the_command_says_what_it_wrote(project_copy: Path, capsys):
    start_revision(project_copy, FIRST)
    args = ["--root", str(project_copy), "new-revision", "2023-03", "--title", "改訂", "--date", "2023-03-31", "--summary", "s"]
    assert main(args) == EXIT_OK
    assert "strategy/revisions/2021-03.yml" in capsys.readouterr().out


def test_in_git_the_record_is_the_last_commit_and_uncommitted_edits_belong_to_the_new_revision(project_copy: Path):
    from support import FIRST_REVISION, git

    from generator.render.history import revision_history

    (project_copy / "strategy/revisions.yml").write_text(FIRST_REVISION, encoding="utf-8")
    git(project_copy, "init", "-q")
    git(project_copy, "add", "-A")
    git(project_copy, "commit", "-qm", "published")
    committed, _ = load_project(project_copy)
    kpi = project_copy / "kpis/kpi-1-employees.yml"
    kpi.write_text(kpi.read_text(encoding="utf-8").replace("value: 41200", "value: 41300"), encoding="utf-8")
    start_revision(project_copy, SECOND)
    project, report = load_project(project_copy)
    assert report.ok, report.format()
    assert compare(project.revision_snapshots["2021-03"].model_dump(mode="json")["sections"], snapshot(committed)) == []
    newest = revision_history(project)[0]
    assert [change.new for change in newest.changes if change.field and "実績" in change.field] == ["41,300人（サンプル）"]
