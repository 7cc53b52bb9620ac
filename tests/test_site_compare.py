"""What a pull request does to publishing, beside its data changes: new revisions and finalised reviews."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from support import FIRST_REVISION, copy_project, git

from generator.pipeline import load_project
from generator.site.compare import ComparisonError, committed_state, data_changes, release_notes


def test_a_new_revision_and_a_finalised_review_are_announced(project_copy: Path):
    before, _ = load_project(project_copy)
    (project_copy / "strategy/revisions.yml").write_text(FIRST_REVISION, encoding="utf-8")
    after, report = load_project(project_copy)
    assert report.ok, report.format()
    unfinalised = replace(before, review_snapshots={})
    assert release_notes(unfinalised, after) == [
        "新しい版を始めます: 令和3年3月 策定（2021-03、令和3(2021)年3月31日）",
        "令和5(2023)年度の効果検証を確定した数値として記録します。",
    ]
    remade = replace(after, review_snapshots={2023: after.review_snapshots[2023].model_copy(update={"rows": []})})
    assert release_notes(after, remade) == ["令和5(2023)年度の効果検証の確定した記録を作り直しています（審議会に示した数値が変わります）。"]
    assert release_notes(after, after) == []


def test_data_changes_names_the_invalid_side(project_copy: Path, tmp_path: Path):
    broken = tmp_path / "broken"
    broken.mkdir()
    with pytest.raises(ComparisonError, match="比較元（.*）のデータに問題がある"):
        data_changes(project_copy, str(broken))
    found = data_changes(project_copy, str(project_copy))
    assert found.changes == [] and found.release == [] and found.to_fix > 0


def test_the_committed_state_is_none_outside_git_and_the_last_commit_inside(project_copy: Path):
    assert committed_state(project_copy) is None
    git(project_copy, "init", "-q")
    assert committed_state(project_copy) is None  # no commit yet
    git(project_copy, "add", "-A")
    git(project_copy, "commit", "-qm", "c")
    kpi = project_copy / "kpis/kpi-1-employees.yml"
    kpi.write_text(kpi.read_text(encoding="utf-8").replace("value: 41200", "value: 41300"), encoding="utf-8")
    state = committed_state(project_copy)
    assert "41,200人" in str(state["指標"]["kpi-1-employees"]["fields"]) and "41,300人" not in str(state)


CHECKED = "{by: テスト担当, date: 2025-06-02, page: 表1}"  # a test's own record, never one put into the data
CHENOWA = "chiiki-chienowa.net（11227）による国勢調査の値。e-Stat で要確認"


def checked(root: Path, date: str = "2025-06-02") -> None:
    """The policy's source and the census rows of one source recorded as checked."""
    policy = root / "strategy/policy.yml"
    note = "  note: 策定方針（案）の本文（資料１）から転記。\n"
    policy.write_text(policy.read_text(encoding="utf-8").replace(note, note + f"  verified: {CHECKED}\n"), encoding="utf-8")
    (root / "population/verifications.yml").write_text(
        f"tables:\n  - file: population/census.csv\n    source: {CHENOWA}\n    years: 1985-2010\n"
        f"    verified: {CHECKED.replace('2025-06-02', date)}\n",
        encoding="utf-8")


def test_records_of_checks_added_changed_and_removed_are_listed(project_copy: Path, tmp_path: Path):
    head = copy_project(tmp_path / "head")
    checked(head)
    found = data_changes(project_copy, str(project_copy), str(head))
    assert found.checks == [
        "確認記録が追加されました: strategy/policy.yml 『この文書の出典』（source） — テスト担当が令和7(2025)年6月2日に確認（表1）",
        f"確認記録が追加されました: population/census.csv 出典「{CHENOWA}」の行（1985〜2010年） — テスト担当が令和7(2025)年6月2日に確認（表1）",
    ]
    assert found.changes == []  # records are about publishing: the data as readers see it is the same
    later = copy_project(tmp_path / "later")
    checked(later, date="2025-07-01")
    assert data_changes(project_copy, str(head), str(later)).checks == [
        f"確認記録が変わりました: population/census.csv 出典「{CHENOWA}」の行（1985〜2010年） — テスト担当が令和7(2025)年6月2日に確認（表1） → "
        "テスト担当が令和7(2025)年7月1日に確認（表1）"]
    assert [note.split(":")[0] for note in data_changes(project_copy, str(head), str(project_copy)).checks] == ["確認記録が削除されました"] * 2



def test_a_table_record_widened_to_a_new_year_shows_in_the_diff(project_copy: Path, tmp_path: Path):
    head = copy_project(tmp_path / "head")
    checked(head)
    later = copy_project(tmp_path / "later")
    checked(later)
    checks = later / "population/verifications.yml"
    checks.write_text(checks.read_text(encoding="utf-8").replace("years: 1985-2010", "years: 1985-2015"), encoding="utf-8")
    assert data_changes(project_copy, str(head), str(later)).checks == [
        f"確認記録の対象の年が変わりました: population/census.csv 出典「{CHENOWA}」の行（1985〜2010年） → 1985〜2015年 — "
        "テスト担当が令和7(2025)年6月2日に確認（表1）"]
