"""The 更新履歴: every published revision with what it changed, from the kept records of earlier revisions.

Revision k changed compare(record of k-1, state of k), where the state of the newest
revision is today's data and the state of an earlier one is its kept record
(strategy/revisions/<id>.yml, written by `new-revision` when the next one began).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.project import Project
from generator.model.revisions import Revision
from generator.render.changes import Change, compare, snapshot


@dataclass(frozen=True)
class HistoryEntry:
    revision: Revision
    changes: list[Change] | None  # None for the first revision (nothing to compare with)
    newest: bool

    def by_section(self) -> list[tuple[str, list[Change]]]:
        """The changes grouped by section, in the order they come."""
        groups: dict[str, list[Change]] = {}
        for change in self.changes or []:
            groups.setdefault(change.section, []).append(change)
        return list(groups.items())


def recorded_state(project: Project, revision_id: str) -> dict:
    """The kept record of an earlier revision, as `snapshot` gives it (validation guarantees it exists)."""
    record = project.revision_snapshots[revision_id]
    return record.model_dump(mode="json")["sections"]


def revision_history(project: Project) -> list[HistoryEntry]:
    """Every revision, newest first, with its changes from the revision before."""
    if project.revisions is None:
        return []
    revisions = project.revisions.revisions
    entries = []
    for index, revision in enumerate(revisions):
        newest = index == len(revisions) - 1
        changes = None
        if index > 0:
            state = snapshot(project) if newest else recorded_state(project, revision.id)
            changes = compare(recorded_state(project, revisions[index - 1].id), state)
        entries.append(HistoryEntry(revision, changes, newest))
    return entries[::-1]
