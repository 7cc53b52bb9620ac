"""Starting a new revision: keep the outgoing revision's data, then add the new one to strategy/revisions.yml.

`python -m generator new-revision ID --title … --date … --summary …` is how a planner
begins 改訂 or a yearly update. The record it keeps (strategy/revisions/<id>.yml)
is what the 更新履歴 compares with; the list keeps its comments and layout (the
new entry is appended as text, indented like the others).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from verspec.loose import LooseVersion

from generator.model.project import DATA_SOURCES
from generator.pipeline import validate
from generator.problems import PlannerError
from generator.render.changes import snapshot
from generator.site.build import write_if_changed

REVISIONS_FILE = DATA_SOURCES["revisions"].path
_LIST_HEADER = ("# 公開した版の一覧（古い順。最後が今作っている版）。\n"
                "# 新しい版は python -m generator new-revision で追加します（前の版の記録も書かれます）。\nrevisions:\n")


class RevisionError(PlannerError):
    """The new revision cannot be started; the message is for the planner."""


@dataclass(frozen=True)
class NewRevision:
    id: str
    title: str
    date: datetime.date
    summary: str
    sample: bool = False


class _NoAliases(yaml.SafeDumper):
    """Our YAML reader refuses anchors and aliases, so the record is written without them."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def record_text(revision_id: str, title: str, state: dict) -> str:
    """The kept record of a revision as YAML, deterministic (keys sorted)."""
    body = yaml.dump({"revision": revision_id, "sections": state}, Dumper=_NoAliases, allow_unicode=True,
                     sort_keys=True, default_flow_style=False, width=10_000)
    header = f"# 版「{title}」の終わりの時点のデータの記録（更新履歴の比較に使います）。\n"
    return header + f"# python -m generator new-revision が書きました。手で直さないでください。\n{body}"


def entry_text(new: NewRevision, indent: int) -> str:
    """The new entry as YAML lines; strings JSON-quoted, which YAML reads as they are."""
    pad = " " * indent
    lines = [f"{pad}- id: {new.id}", f"{pad}  title: {json.dumps(new.title, ensure_ascii=False)}",
             f"{pad}  date: {new.date.isoformat()}", f"{pad}  summary: {json.dumps(new.summary, ensure_ascii=False)}"]
    if new.sample:
        lines.append(f"{pad}  sample: true")
    return "\n".join(lines) + "\n"


def _refusal(project, new: NewRevision) -> str | None:  # noqa: ANN001 - Project
    revisions = project.revisions.revisions if project.revisions else []
    if any(r.id == new.id for r in revisions):
        return f"版の id「{new.id}」はもう使われています。"
    if revisions and new.date < revisions[-1].date:
        return f"日付 {new.date.isoformat()} が今の版「{revisions[-1].title}」（{revisions[-1].date.isoformat()}）より前です。"
    if revisions and LooseVersion(new.id) <= LooseVersion(revisions[-1].id):
        return f"id「{new.id}」が今の版の id「{revisions[-1].id}」より後に並びません。公開した年月を id にしてください（例: 2023-03）。"
    return None


def start_revision(root: Path, new: NewRevision) -> list[str]:
    """Keep the current revision's data and append `new`; the files written (relative to root)."""
    validated = validate(root)
    if validated.project is None:
        raise RevisionError("データにエラーがあるため、新しい版を始められません。先にエラーを直してください。\n\n"
                            + validated.report.format(check_only=True))
    project = validated.project
    refusal = _refusal(project, new)
    if refusal:
        raise RevisionError(refusal)
    list_path = root / REVISIONS_FILE
    if project.revisions is None:
        write_if_changed(list_path, (_LIST_HEADER + entry_text(new, 2)).encode("utf-8"))
        return [REVISIONS_FILE]
    current = project.revisions.revisions[-1]
    record = DATA_SOURCES["revision_snapshots"].path_of(current.id)
    _, column = project.documents["revisions"].locate(("revisions", 0))
    text = list_path.read_text(encoding="utf-8")
    text += ("" if text.endswith("\n") else "\n") + entry_text(new, max((column or 3) - 3, 0))
    original = list_path.read_bytes()
    write_if_changed(root / record, record_text(current.id, current.title, snapshot(project)).encode("utf-8"))
    write_if_changed(list_path, text.encode("utf-8"))
    after = validate(root)
    if not after.report.ok:  # never leave a half-started revision behind
        list_path.write_bytes(original)
        (root / record).unlink()
        raise RevisionError("新しい版を書き加えると検証に失敗するため、元に戻しました。\n\n" + after.report.format(check_only=True))
    return [record, REVISIONS_FILE]
