"""Rules of the published revisions (strategy/revisions.yml) and their kept records (strategy/revisions/<id>.yml)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from verspec.loose import LooseVersion

from generator.check.rules.finding import Finding
from generator.model.project import DataFolder, declared
from generator.model.revisions import LATEST, Revisions, RevisionSnapshot

NEW_REVISION_COMMAND = "python -m generator new-revision"


def snapshot_path(revision_id: str) -> str:
    return declared("revision_snapshots", DataFolder).path_of(revision_id)


def revision_order(revisions: Revisions) -> Iterator[Finding]:
    """Ids are unique (each is a folder of the published site) and dates go forward."""
    ids = Counter(revision.id for revision in revisions.revisions)
    for r, revision in enumerate(revisions.revisions):
        if revision.id == LATEST:
            yield Finding("revisions", ("revisions", r, "id"), f"id「{LATEST}」は最新の版を指す名前として使うため、版の id にできません。",
                          "公開した年月を id にしてください（例: 2023-03）。", code="E-REVISION-LATEST")
        if ids[revision.id] > 1:
            yield Finding("revisions", ("revisions", r, "id"), f"版の id「{revision.id}」が複数あります。",
                          "版ごとに違う id にしてください（公開先のフォルダ名になります）。", code="E-ID-DUPLICATE")
        previous = revisions.revisions[r - 1] if r else None
        if previous is None:
            continue
        if revision.date < previous.date:
            yield Finding("revisions", ("revisions", r, "date"),
                          f"日付 {revision.date.isoformat()} が前の版（{previous.title}、{previous.date.isoformat()}）より前です。",
                          "版は古い順に並べ、新しい版を一番下に追加してください。", code="E-REVISION-ORDER")
        elif ids[revision.id] == 1 and LooseVersion(revision.id) <= LooseVersion(previous.id):
            # The version menu (versions.json) orders revisions by id, numbers compared as numbers.
            yield Finding("revisions", ("revisions", r, "id"),
                          f"id「{revision.id}」が前の版の id「{previous.id}」より後に並びません（版の切り替えメニューは id の順です）。",
                          "公開した年月を id にしてください（例: 2021-03, 2023-03, 2023-03-2）。", code="E-REVISION-ORDER")


def revision_snapshots(revisions: Revisions, snapshots: dict[str, RevisionSnapshot]) -> Iterator[Finding]:
    """Every revision but the newest has its kept record, and every record belongs to a revision."""
    *earlier, newest = revisions.revisions
    for r, revision in enumerate(earlier):
        if snapshot_path(revision.id) not in snapshots:
            yield Finding("revisions", ("revisions", r, "id"),
                          f"前の版「{revision.title}」の記録 {snapshot_path(revision.id)} がありません（更新履歴の変更点が作れません）。",
                          f"新しい版は手で書き足さず、{NEW_REVISION_COMMAND} で追加してください（前の版の記録も書かれます）。"
                          "記録を消してしまった場合は git で元に戻してください。", code="E-REVISION-RECORD-MISSING")
    kept = {snapshot_path(revision.id): revision for revision in earlier}
    for path, snapshot in sorted(snapshots.items()):
        stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if snapshot.revision != stem:
            yield Finding(path, ("revision",), f"記録の版 id「{snapshot.revision}」がファイル名「{stem}」と違います。",
                          "このファイルは手で直さないでください。git で元に戻してください。", code="E-ID-FILE-NAME")
        elif path not in kept:
            reason = "最新の版（今のデータそのもの）" if stem == newest.id else "strategy/revisions.yml にない版"
            yield Finding(path, ("revision",), f"「{stem}」は{reason}の記録です。",
                          "strategy/revisions.yml の版の id を確かめるか、このファイルを消してください。", code="E-REVISION-RECORD-STRAY")


def orphan_snapshots(snapshots: dict[str, RevisionSnapshot], present: frozenset[str]) -> Iterator[Finding]:
    """Kept records without a revisions list belong to nothing."""
    if "revisions" in present:
        return
    for path in sorted(snapshots):
        yield Finding(path, ("revision",), "strategy/revisions.yml がないのに版の記録があります。",
                      "strategy/revisions.yml に版の一覧を書くか、このファイルを消してください。", code="E-REVISION-RECORD-STRAY")
