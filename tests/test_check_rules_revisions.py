"""Rules of the revisions list and the kept records of earlier revisions."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support import FIRST_REVISION

from generator.pipeline import load_project
from generator.site.revisions import NewRevision, start_revision

SECOND = NewRevision("2023-03", "令和5年3月 改訂", datetime.date(2023, 3, 31), "改訂しました。")


@pytest.fixture
def with_revisions(project_copy: Path) -> Path:
    (project_copy / "strategy/revisions.yml").write_text(FIRST_REVISION, encoding="utf-8")
    start_revision(project_copy, SECOND)
    return project_copy


def _errors(root: Path) -> list[tuple[str, int | None, str, str]]:
    _, report = load_project(root)
    return [(p.file, p.line, p.field, p.message + " " + p.hint) for p in report.errors]


def test_two_revisions_with_their_record_are_valid(with_revisions: Path):
    project, report = load_project(with_revisions)
    assert report.ok, report.format()
    assert [r.id for r in project.revisions.revisions] == ["2021-03", "2023-03"]
    assert set(project.revision_snapshots) == {"2021-03"}


def test_a_missing_record_names_the_command(with_revisions: Path):
    (with_revisions / "strategy/revisions/2021-03.yml").unlink()
    (error,) = _errors(with_revisions)
    assert error[0] == "strategy/revisions.yml" and error[1] == 3 and error[2] == "revisions[0].id"
    assert "strategy/revisions/2021-03.yml がありません" in error[3] and "python -m generator new-revision" in error[3]


def test_duplicate_ids_dates_going_back_and_ids_out_of_order_are_located(with_revisions: Path):
    path = with_revisions / "strategy/revisions.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("date: 2023-03-31", "date: 2020-03-31"), encoding="utf-8")
    assert any("より前です" in e[3] and e[2] == "revisions[1].date" for e in _errors(with_revisions))
    path.write_text(text.replace("id: 2023-03", "id: 2020-03"), encoding="utf-8")
    errors = _errors(with_revisions)
    assert any("より後に並びません" in e[3] and e[2] == "revisions[1].id" for e in errors)
    path.write_text(text.replace("id: 2023-03", "id: 2021-03"), encoding="utf-8")
    assert any("が複数あります" in e[3] for e in _errors(with_revisions))


def test_a_record_of_the_newest_or_of_an_unknown_revision_is_refused(with_revisions: Path):
    folder = with_revisions / "strategy/revisions"
    record = (folder / "2021-03.yml").read_text(encoding="utf-8")
    (folder / "2023-03.yml").write_text(record.replace("revision: 2021-03", "revision: 2023-03"), encoding="utf-8")
    assert any(e[0] == "strategy/revisions/2023-03.yml" and "最新の版" in e[3] for e in _errors(with_revisions))
    (folder / "2023-03.yml").write_text(record, encoding="utf-8")  # a copy under another name
    assert any("ファイル名「2023-03」と違います" in e[3] for e in _errors(with_revisions))


def test_records_without_a_revisions_list_belong_to_nothing(with_revisions: Path):
    (with_revisions / "strategy/revisions.yml").unlink()
    (error,) = _errors(with_revisions)
    assert error[0] == "strategy/revisions/2021-03.yml" and "strategy/revisions.yml がない" in error[3]
