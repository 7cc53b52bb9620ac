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
from pydantic import ValidationError

from generator.check.rules.revisions import revision_order
from generator.model.project import DataFile, DataFolder, Project, declared
from generator.model.revisions import Revision, Revisions
from generator.model.schemas import schema_comment
from generator.pipeline import validate
from generator.problems import PlannerError
from generator.render.changes import snapshot
from generator.site.build import write_if_changed
from generator.site.compare import committed_state

REVISIONS_FILE = declared("revisions", DataFile).path
_LIST_HEADER = (schema_comment(REVISIONS_FILE) + "\n# 公開した版の一覧（古い順。最後が今作っている版）。\n"
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


_OPTIONS = {"id": "id", "title": "--title", "date": "--date", "summary": "--summary"}


def _as_revision(new: NewRevision) -> Revision:
    """The new revision as the model reads it, or the reason in the command's own terms."""
    try:
        return Revision(id=new.id, title=new.title, date=new.date, summary=new.summary, sample=new.sample)
    except ValidationError as exc:
        wrong = [_OPTIONS.get(str(error["loc"][0]), str(error["loc"][0])) for error in exc.errors()]
        hints = {"id": f"id「{new.id}」は英小文字・数字・ハイフンで、公開した年月にしてください（例: 2023-03）。",
                 "--title": "--title（表示名）を書いてください（例: 令和5年3月 改訂）。",
                 "--summary": "--summary（概要）を1〜2文で書いてください。"}
        raise RevisionError("\n".join(hints.get(option, f"{option} の値が読めません。") for option in wrong)) from exc


def _check_new(project: Project, new: NewRevision) -> None:
    """The list with the new revision must pass the list's own rules (ids, dates, menu order)."""
    listed = project.revisions.revisions if project.revisions else []
    findings = [f for f in revision_order(Revisions(revisions=[*listed, _as_revision(new)])) if f.path[1] == len(listed)]
    if findings:
        raise RevisionError("\n".join(f"{finding.message}{finding.hint}" for finding in findings))


def _append_entry(list_path: Path, project: Project, new: NewRevision) -> bytes:
    """The list with the new entry appended as text, indented like the existing ones (comments stay)."""
    if project.revisions is None:
        return (_LIST_HEADER + entry_text(new, 2)).encode("utf-8")
    _, column = project.documents["revisions"].locate(("revisions", 0))  # the first key, after "- "
    text = list_path.read_text(encoding="utf-8")
    return (text + ("" if text.endswith("\n") else "\n") + entry_text(new, max((column or 3) - 3, 0))).encode("utf-8")


def start_revision(root: Path, new: NewRevision) -> list[str]:
    """Keep the current revision's data and append `new`; the files written (relative to root).

    The record is the last commit's data (in git): edits not yet committed belong to the new revision.
    """
    validated = validate(root)
    if validated.project is None:
        raise RevisionError("データにエラーがあるため、新しい版を始められません。先にエラーを直してください。\n\n"
                            + validated.report.format(check_only=True))
    project = validated.project
    _check_new(project, new)
    files = {REVISIONS_FILE: _append_entry(root / REVISIONS_FILE, project, new)}
    if project.revisions is not None:
        current = project.revisions.revisions[-1]
        state = committed_state(root)
        files[declared("revision_snapshots", DataFolder).path_of(current.id)] = record_text(
            current.id, current.title, snapshot(project) if state is None else state).encode("utf-8")
    for name, content in sorted(files.items(), key=lambda item: item[0] == REVISIONS_FILE):  # the list last
        write_if_changed(root / name, content)
    return sorted(files, key=lambda name: name == REVISIONS_FILE)
