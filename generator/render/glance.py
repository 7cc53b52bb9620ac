"""The state at a glance: the site's 最終更新日, the front page's headline figures and the grade
distribution of the latest review as small static bars (HTML and CSS, no script).

Figures come from the data as the other pages show them: the census row with its source and
status, the target scenario's projection, and a review's grades as its page shows them (the
recorded ones for a finalised year).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup

from generator.charts.review import grade_order
from generator.compute.computed import Computed
from generator.compute.updated import last_updated
from generator.model.base import Source
from generator.model.population import CensusRow
from generator.model.project import Project
from generator.render.news import FEED
from generator.render.public_comments import open_rounds
from generator.render.review_rows import shown_rows
from generator.text.eras import era_date_text
from generator.text.markdown import escape_markdown

OVERALL = "overall"  # the dashboard's anchor of the strategy-level indicators


def updated_label(project: Project) -> str | None:
    """最終更新日 as official notices write it (令和7年11月28日); None when the data records no date."""
    day = last_updated(project)
    return era_date_text(day.year, day.month, day.day) if day is not None else None


def site_extra(project: Project) -> dict[str, str]:
    """What every page's frame shows (engine settings `extra`): the feed link in the head, 最終更新日 in the footer."""
    extra = {"feed": FEED} if project.news.published(project.today) else {}
    label = updated_label(project)
    if label is not None:
        extra["updated"] = label
    return extra


@dataclass(frozen=True)
class GradeGroup:
    """One group of a review (戦略全体 or a goal) and how many of its indicators got each grade."""

    label: str  # 基本目標1
    title: str  # 基本目標1 市内で働き、稼げるまちをつくる
    counts: tuple[tuple[str, int], ...]  # every grade of the scale, in order, zeros included
    anchor: str | None  # its section on the dashboard (goal id), None for a group no longer in the data
    sample: bool


def latest_review_year(computed: Computed) -> int | None:
    return max(computed.reviews, default=None)


def grade_groups(project: Project, computed: Computed, fiscal_year: int) -> list[GradeGroup]:
    """Per group, in the review page's order, the grades its rows show (a finalised year: the recorded grades)."""
    rows = [shown.row for shown in shown_rows(project, computed, fiscal_year)]
    grades = grade_order(project.strategy)
    grades += sorted({row.grade for row in rows} - set(grades))  # a grade of a scale changed since a record
    anchors = {f"{goal.label} {goal.title}": goal.id for goal in project.strategy.goals} | {"戦略全体": OVERALL}
    found: dict[tuple[str, str], list] = {}
    for row in rows:
        found.setdefault((row.group, row.group_title), []).append(row)
    sample = project.strategy.evaluation.sample
    return [GradeGroup(label, title, tuple((grade, Counter(r.grade for r in group)[grade]) for grade in grades),
                       anchors.get(title), sample or any(r.sample for r in group))
            for (label, title), group in found.items()]


def total_counts(groups: list[GradeGroup]) -> tuple[tuple[str, int], ...]:
    """The grades of every group added up, in the scale's order."""
    if not groups:
        return ()
    return tuple((grade, sum(dict(group.counts)[grade] for group in groups)) for grade, _ in groups[0].counts)


def counts_text(counts: tuple[tuple[str, int], ...]) -> str:
    """「A 2・B 1・C 0・－ 1」."""
    return "・".join(f"{grade} {count}" for grade, count in counts)


def counts_sentence(project: Project, counts: tuple[tuple[str, int], ...]) -> str:
    """The counts in words, for readers who do not see the bar: 「評価A（目標を達成）が2件、…、判定できないものが1件」."""
    rule = project.strategy.evaluation
    labels = {band.grade: band.label for band in rule.grades}
    words = [f"判定できないものが{count}件" if grade == rule.not_measurable and grade not in labels
             else f"評価{grade}{f'（{labels[grade]}）' if grade in labels else ''}が{count}件" for grade, count in counts]
    return "、".join(words)


def grade_bar(project: Project, counts: tuple[tuple[str, int], ...]) -> Markup:
    """A horizontal bar, one part per grade as wide as its count, each part in its grade's colour and letter;
    an image to assistive technology, named by `counts_sentence`."""
    label = escape_markdown(counts_sentence(project, counts)).replace('"', "&quot;")
    parts = "".join(f'<span class="grade-bar__part grade-bar__part--{index % 6 + 1}" style="flex-grow: {count}">'
                    f"{escape_markdown(grade)}</span>"
                    for index, (grade, count) in enumerate(counts) if count)
    return Markup(f'<span class="grade-bar" role="img" aria-label="{label}">{parts}</span>')


@dataclass(frozen=True)
class Headline:
    """The front page's figures: the latest census and the target population of the horizon year."""

    census: CensusRow | None
    census_source: Source | None
    target_year: int | None
    target_population: float | None
    target_sample: bool


def headline(project: Project, computed: Computed) -> Headline:
    vision = project.vision
    census = max(project.census or [], key=lambda row: row.year, default=None)
    source = Source(title=census.source, needs_check=census.status == "未確認") if census else None
    if vision is None or vision.target_scenario not in computed.population:
        return Headline(census, source, None, None, False)
    target = computed.population[vision.target_scenario]
    year = max(year for year in target.populations if year <= vision.horizon_year)
    # As the population pages show it (the sum of the cells shown), so the front page's figure is theirs.
    return Headline(census, source, year, target.shown[year].total, computed.population_sample or target.scenario.sample)


def glance_helpers(project: Project, computed: Computed) -> dict[str, object]:
    """What the home page and the dashboard call: 最終更新日, headline figures, the latest review's grades."""
    year = latest_review_year(computed)
    return {
        "updated_label": updated_label(project),
        "headline": headline(project, computed),
        "review_year": year,
        "review_groups": grade_groups(project, computed, year) if year is not None else [],
        "total_counts": total_counts,
        "counts_text": counts_text,
        "grade_bar": lambda counts: grade_bar(project, counts),
        "open_comment_rounds": open_rounds(project),
    }
