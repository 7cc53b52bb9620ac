"""The 策定経過・推進の記録 page: dated events in fiscal years, their state on a given day, the schedule's milestones."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generator.model.process import Event, Process
from generator.text.eras import fiscal_year_of

DONE, ONGOING, PLANNED = "済", "実施中", "予定"
OPEN = "募集中"  # a public comment in its period, as its own page says


def event_state(event: Event, today: datetime.date) -> str:
    """済 once it is over, 実施中 during its period (a public comment), 予定 before it starts."""
    if event.date > today:
        return PLANNED
    if event.end is not None and today <= event.end:
        return OPEN if event.kind == "パブリックコメント" else ONGOING
    return DONE


@dataclass(frozen=True)
class DatedEvent:
    event: Event
    state: str


def chronological(process: Process, today: datetime.date) -> list[DatedEvent]:
    """Every event, oldest first (same day: in the file's order), with its state today."""
    ordered = sorted(enumerate(process.events), key=lambda item: (item[1].date, item[0]))
    return [DatedEvent(event, event_state(event, today)) for _, event in ordered]


def by_fiscal_year(process: Process, today: datetime.date) -> list[tuple[int, list[DatedEvent]]]:
    """The events grouped by the fiscal year they fall in, oldest year first."""
    groups: dict[int, list[DatedEvent]] = {}
    for dated in chronological(process, today):
        groups.setdefault(fiscal_year_of(dated.event.date), []).append(dated)
    return list(groups.items())


def milestones(process: Process, today: datetime.date) -> list[DatedEvent]:
    """The schedule's main steps (milestone: true), oldest first."""
    return [dated for dated in chronological(process, today) if dated.event.milestone]
