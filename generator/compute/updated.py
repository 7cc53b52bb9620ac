"""The site's one 最終更新日: the newest date the data itself records.

Only dates written in the data count (never the build's clock), so the same data
gives the same date: KPI files' `updated`, the plan table's `updated`, the population
vision's `updated`, notices, published revisions, dated reviews, and the process record
(events held, public comments opened or answered, materials published). A date still
ahead (a planned meeting, a notice waiting for its day) is not an update yet.
"""

from __future__ import annotations

import datetime

from generator.model.project import Project


def data_dates(project: Project) -> list[datetime.date]:
    """Every date at which the data says it changed."""
    dates = [kpi.updated for kpi in project.kpis.values()]
    dates.append(project.plan_periods.updated)
    if project.vision is not None:
        dates.append(project.vision.updated)
    dates += [entry.date for entry in project.news.published(project.today)]  # a notice waits for its day
    if project.revisions is not None:
        dates += [revision.date for revision in project.revisions.revisions]
    dates += [review.date for review in project.reviews.reviews if review.date is not None]
    # The process record may hold plans: a meeting or a publication still ahead is not an update yet.
    planned = [event.date for event in project.process.events]
    planned += [day for r in project.public_comments.rounds for day in (r.start, r.results_published) if day is not None]
    planned += [m.published for m in project.materials.materials if m.published is not None]
    return dates + [day for day in planned if day <= project.today]


def last_updated(project: Project) -> datetime.date | None:
    """The newest of `data_dates`; None when the data records no date at all."""
    return max(data_dates(project), default=None)
