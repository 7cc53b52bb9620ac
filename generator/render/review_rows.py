"""The KPI rows of a yearly review, as its page shows them, and the frozen record of a finalised year.

A review's tables are made of `ReviewRow`s (plain text; the page escapes it). Today's rows
come from the computed progress; a finalised (確定) year shows the rows recorded when the
council saw them (strategy/reviews/<fiscal year>.json, written by `freeze-review` from
`record_json`), each with a correction (訂正) where today's figures differ.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from generator.charts.kpi import year_text
from generator.charts.review import groups
from generator.compute.computed import Computed
from generator.compute.progress import Progress
from generator.model.project import Project
from generator.model.strategy import FROZEN_REVIEW_FORMAT, FrozenReview, Kpi, ReviewRow
from generator.render.html_table import html_table
from generator.render.kpi_text import grade_mark_of, target_amount
from generator.render.links import page_link
from generator.text.eras import date_label, era_date_text
from generator.text.markdown import escape_markdown
from generator.text.numbers import format_number

NO_VALUE = "－"


@dataclass(frozen=True)
class ShownRow:
    """A row as one review page shows it."""

    row: ReviewRow
    linked: bool  # the KPI is still in the data: its name links to its page
    correction: str | None = None  # 訂正: today's differing figures (finalised years only)


def review_row(kpi: Kpi, progress: Progress, group: str, group_title: str) -> ReviewRow:
    """One KPI's row: the figures as the review tables print them."""
    measured = progress.value is not None
    return ReviewRow(
        kpi=kpi.id, name=kpi.name, group=group, group_title=group_title,
        value=progress.value, value_text=format_number(progress.value, kpi.digits) + kpi.unit_label if measured else NO_VALUE,
        unit=kpi.unit, year=progress.as_of, year_text=year_text(kpi, progress.as_of) if progress.as_of is not None else None,
        preliminary=progress.preliminary, target_text=html.unescape(str(target_amount(kpi))),
        percent=progress.percent, percent_text=f"{format_number(progress.percent, 1)}%" if progress.percent is not None else NO_VALUE,
        grade=progress.grade, label=progress.label, measurable=progress.measurable, sample=progress.sample,
    )


def review_rows(project: Project, computed: Computed, fiscal_year: int) -> list[ReviewRow]:
    """Today's rows of a reviewed year: strategy-level indicators first, then each goal's, in printed order."""
    progress = computed.reviews[fiscal_year]
    return [review_row(kpi, progress[kpi.id], short, long)
            for short, long, kpis in groups(project.strategy, computed.kpis_by_goal, computed.overall) for kpi in kpis]


def frozen_record(project: Project, fiscal_year: int) -> FrozenReview | None:
    """The record of a finalised year (validation makes sure its review is 確定)."""
    return project.review_snapshots.get(fiscal_year)


def _shown_value(row: ReviewRow, with_year: bool) -> str:
    when = f"（{row.year_text}）" if with_year and row.year_text else ""
    return row.value_text + when + ("（速報値）" if row.preliminary else "")


def correction(recorded: ReviewRow, today: ReviewRow, updated: date, council: date) -> str | None:
    """「訂正: 実績値 41,200人 → 41,500人、評価 C → B（データ更新日 …）」 when a shown figure changed since; else None.

    The KPI file's update date is named only when it follows the council: an earlier one cannot be the correction's.
    """
    changes = []
    with_year = recorded.year != today.year
    if _shown_value(recorded, with_year) != _shown_value(today, with_year):
        changes.append(f"実績値 {_shown_value(recorded, with_year)} → {_shown_value(today, with_year)}")
    for name, before, after in (("目標値", recorded.target_text, today.target_text), ("進捗率", recorded.percent_text, today.percent_text),
                                ("評価", recorded.grade, today.grade)):
        if before != after:
            changes.append(f"{name} {before} → {after}")
    if not changes:
        return None
    when = f"（データ更新日 {date_label(updated.year, updated.month, updated.day)}）" if updated > council else ""
    return f"訂正: {'、'.join(changes)}{when}"


def shown_rows(project: Project, computed: Computed, fiscal_year: int) -> list[ShownRow]:
    """The rows a review page shows: today's, or for a finalised year the recorded ones with their corrections."""
    today = review_rows(project, computed, fiscal_year)
    record = frozen_record(project, fiscal_year)
    if record is None:
        return [ShownRow(row, linked=True) for row in today]
    by_kpi = {row.kpi: row for row in today}
    shown = []
    for row in record.rows:
        kpi = project.kpis.get(row.kpi)
        note = correction(row, by_kpi[row.kpi], kpi.updated, record.date) if kpi is not None and row.kpi in by_kpi else None
        shown.append(ShownRow(row, linked=kpi is not None, correction=note))
    return shown


REVIEW_HEADERS = (("目標", False), ("指標", False), ("比べた実績", True), ("目標値", True), ("進捗率", True), ("評価", False))


def attention_rows(rows: Sequence[ShownRow], weak: Sequence[str]) -> list[ShownRow]:
    """The rows 注意が必要な指標 lists: graded one of `weak`, or not measurable."""
    return [shown for shown in rows if shown.row.grade in weak or not shown.row.measurable]


def _cells(shown: ShownRow, page_path: str, with_year: bool) -> list[str]:
    r = shown.row
    name = escape_markdown(r.name)
    kpi = page_link(page_path, f"kpis/{r.kpi}.md", name) if shown.linked else name
    if shown.correction:
        kpi += f'<br><span class="correction">{escape_markdown(shown.correction)}</span>'
    value = NO_VALUE
    if r.value is not None:
        when = f"（{escape_markdown(r.year_text)}）" if with_year else ""
        value = escape_markdown(r.value_text) + when + ("（速報値）" if r.preliminary else "")
    return [escape_markdown(r.group), kpi, value, escape_markdown(r.target_text), escape_markdown(r.percent_text),
            f"{grade_mark_of(r.grade)} {escape_markdown(r.label)}"]


def review_table(rows: Sequence[ShownRow], page_path: str, with_year: bool = True) -> Markup:
    """A review's KPI table as finished HTML (render/html_table.py); `with_year`: the actual's year beside it."""
    return html_table(REVIEW_HEADERS, (_cells(shown, page_path, with_year) for shown in rows))


def council_day(record: FrozenReview) -> str:
    """The day of the council a finalised year's figures were shown to: 令和6年11月20日."""
    return era_date_text(record.date.year, record.date.month, record.date.day)


def frozen_notice(record: FrozenReview) -> str:
    """The line that says a finalised year's figures are those the council saw."""
    return f"この表は{council_day(record)}の審議会に示した時点の数値です（確定）。"


def record_json(project: Project, computed: Computed, fiscal_year: int, council_date: date) -> str:
    """The record of a finalised year as deterministic JSON: today's rows, the council date, the format version."""
    record = FrozenReview(format_version=FROZEN_REVIEW_FORMAT, fiscal_year=fiscal_year, date=council_date,
                          rows=review_rows(project, computed, fiscal_year))
    return json.dumps(record.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, indent=1) + "\n"
