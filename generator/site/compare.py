"""The data of two states of a project — a folder, or a commit of its repository — and what changed between them.

Used by `diff` (a pull request's summary) and by `new-revision` (the record of the outgoing
revision is the committed data, not edits still in the working folder).
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.check.production import production_problems
from generator.check.verification import records
from generator.load.gitref import GitRefError, export_ref
from generator.model.project import Project
from generator.pipeline import validate
from generator.problems import PlannerError
from generator.render.changes import Change, check_notes, compare, snapshot
from generator.text.eras import date_label, fiscal_year_label


class ComparisonError(PlannerError):
    """One side cannot be read or is not valid; the message names the side."""


def project_at(root: Path, spec: str | None, scratch: Path, side: str) -> Project:
    """The validated project of `spec`: a folder, a git ref of `root`'s repository, or (None) `root` itself."""
    folder = root if spec is None else Path(spec)
    if spec is not None and not folder.is_dir():
        folder = scratch / side
        try:
            export_ref(root, spec, folder)
        except GitRefError as exc:
            raise ComparisonError(f"{side}: {exc}") from exc
    result = validate(folder.resolve())
    if result.project is None:
        shown = spec if spec is not None else f"{root}（作業中のフォルダ）"
        raise ComparisonError(f"{side}（{shown}）のデータに問題があるため比較できません。\n\n"
                              + result.report.format(check_only=True))
    return result.project


@dataclass(frozen=True)
class DataChanges:
    changes: list[Change]
    release: list[str]  # what it does to publishing: new revisions, finalised reviews
    to_fix: int  # what the production gate refuses in the newer side
    checks: list[str] = field(default_factory=list)  # records of checks against the sources added, changed, removed


def release_notes(before: Project, after: Project) -> list[str]:
    """New revisions and finalised reviews: records, not data, so the data comparison leaves them out."""
    old_ids = {r.id for r in before.revisions.revisions} if before.revisions else set()
    notes = [f"新しい版を始めます: {r.title}（{r.id}、{date_label(r.date.year, r.date.month, r.date.day)}）"
             for r in (after.revisions.revisions if after.revisions else []) if r.id not in old_ids]
    for year, record in sorted(after.review_snapshots.items()):
        if year not in before.review_snapshots:
            notes.append(f"{fiscal_year_label(year)}の効果検証を確定した数値として記録します。")
        elif before.review_snapshots[year] != record:
            notes.append(f"{fiscal_year_label(year)}の効果検証の確定した記録を作り直しています（審議会に示した数値が変わります）。")
    return notes


def data_changes(root: Path, base: str, head: str | None = None) -> DataChanges:
    """The changes from `base` to `head` (default: the working folder)."""
    with tempfile.TemporaryDirectory(prefix="generator-diff-") as scratch:
        before = project_at(root, base, Path(scratch), "比較元")
        after = project_at(root, head, Path(scratch), "比較先")
    return DataChanges(compare(snapshot(before), snapshot(after)), release_notes(before, after), len(production_problems(after)),
                       check_notes(records(before), records(after)))


def has_commits(root: Path) -> bool:
    """Whether `root` is inside a git repository with at least one commit."""
    if not root.is_dir():
        return False
    result = subprocess.run(["git", "-C", str(root), "rev-parse", "--verify", "--quiet", "HEAD"], capture_output=True)
    return result.returncode == 0


def committed_state(root: Path) -> dict | None:
    """The snapshot of the last commit's data (None outside git): what a revision ends with."""
    if not has_commits(root):
        return None
    with tempfile.TemporaryDirectory(prefix="generator-committed-") as scratch:
        return snapshot(project_at(root, "HEAD", Path(scratch), "最後のコミット"))
