"""The dated record: each event's state on a given day, the order, the fiscal years and the milestones."""

from __future__ import annotations

import datetime

from generator.model.process import Event, Process
from generator.render.process import DONE, ONGOING, OPEN, PLANNED, by_fiscal_year, chronological, event_state, milestones


def event(id_: str, day: str, end: str | None = None, milestone: bool = False, kind: str = "会議") -> Event:
    return Event(id=id_, date=datetime.date.fromisoformat(day), end=datetime.date.fromisoformat(end) if end else None,
                 kind=kind, title=id_, milestone=milestone)


def test_an_event_is_planned_before_its_day_ongoing_in_its_period_and_done_after():
    comment = event("comment", "2020-12-15", end="2021-01-14", kind="意見交換")
    assert event_state(comment, datetime.date(2020, 12, 14)) == PLANNED
    assert event_state(comment, datetime.date(2020, 12, 15)) == ONGOING
    assert event_state(comment, datetime.date(2021, 1, 14)) == ONGOING
    assert event_state(comment, datetime.date(2021, 1, 15)) == DONE
    meeting = event("meeting", "2020-08-20")
    assert event_state(meeting, datetime.date(2020, 8, 20)) == DONE  # held today
    assert event_state(meeting, datetime.date(2020, 8, 19)) == PLANNED
    public_comment = event("public-comment", "2020-12-15", end="2021-01-14", kind="パブリックコメント")
    assert event_state(public_comment, datetime.date(2020, 12, 20)) == OPEN  # as the public comment page says


def test_events_are_ordered_by_date_then_file_order_and_grouped_by_fiscal_year():
    process = Process(events=[event("b", "2021-04-01"), event("a", "2021-03-31"), event("c", "2021-04-01", milestone=True)])
    today = datetime.date(2021, 4, 1)
    assert [d.event.id for d in chronological(process, today)] == ["a", "b", "c"]
    assert [(year, [d.event.id for d in events]) for year, events in by_fiscal_year(process, today)] == [(2020, ["a"]), (2021, ["b", "c"])]
    assert [(d.event.id, d.state) for d in milestones(process, datetime.date(2021, 3, 31))] == [("c", PLANNED)]
