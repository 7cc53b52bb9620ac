"""The site's one 最終更新日: the newest date the data itself records.

Only dates written in the data count (never the build's clock), so the same data
gives the same date: KPI files' `updated`, the plan table's `updated`, the population
vision's `updated`, notices, published revisions and dated reviews.
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
    dates += [entry.date for entry in project.news.entries]
    if project.revisions is not None:
        dates += [revision.date for revision in project.revisions.revisions]
    dates += [review.date for review in project.reviews.reviews if review.date is not None]
    return dates


def last_updated(project: Project) -> datetime.date | None:
    """The newest of `data_dates`; None when the data records no date at all."""
    return max(data_dates(project), default=None)
