"""Opinions given to the city (at meetings of strategy/process.yml, in the reviews of strategy/reviews.yml),
each with where it was given, collected for the pages of what they concern.

An opinion naming a goal, one of its measures or one of its KPIs belongs on the goal's page;
one naming a KPI on the KPI's page; a review meeting's on that year's 効果検証 page. Where it
was given is a page of the site: the council page's meeting (a meeting of a 審議会), else the
effect verification of its year, else the record of the process (策定経過).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model.process import Event, Opinion
from generator.model.project import Project
from generator.model.strategy import Review
from generator.text.eras import fiscal_year_label

COUNCIL_PAGE = "process/council.md"
PROCESS_PAGE = "process/index.md"
REVIEW_ANCHOR = "council"  # the opinions' section of a review page


def review_page(fiscal_year: int) -> str:
    return f"reviews/{fiscal_year}.md"


@dataclass(frozen=True)
class GivenOpinion:
    """An opinion and the occasion it was given at."""

    opinion: Opinion
    meeting: str  # the meeting's name as the pages show it
    day: datetime.date | None
    page: str | None  # the page (with #anchor) telling of the meeting; None when the site has no such page
    sample: bool  # the meeting itself is a sample
    review_year: int | None = None  # the fiscal year reviewed at the meeting, if any
    event: Event | None = None  # None for a comment of strategy/reviews.yml


def _event_page(event: Event, project: Project, review_years: set[int]) -> str | None:
    councils = {body.id for body in project.organization.bodies if body.kind == "審議会"} if project.organization else set()
    if event.body in councils:
        return f"{COUNCIL_PAGE}#{event.id}"
    if event.review_year in review_years:
        return f"{review_page(event.review_year)}#{REVIEW_ANCHOR}"
    return f"{PROCESS_PAGE}#{event.id}"


def _review_meeting(review: Review) -> str:
    return review.meeting or f"{fiscal_year_label(review.fiscal_year)}の効果検証"


def given_opinions(project: Project, review_years: Iterable[int]) -> list[GivenOpinion]:
    """Every opinion of the data with its occasion: the meetings' by date (data order on the same day), then the reviews'.

    `review_years` are the fiscal years that have a 効果検証 page.
    """
    years = set(review_years)
    found = []
    for event in sorted(project.process.events, key=lambda e: e.date):  # sorted() is stable: data order on a day
        found += [GivenOpinion(opinion, event.title, event.date, _event_page(event, project, years), event.sample,
                               event.review_year, event) for opinion in event.opinions]
    for review in sorted(project.reviews.reviews, key=lambda r: r.fiscal_year):
        page = f"{review_page(review.fiscal_year)}#{REVIEW_ANCHOR}" if review.fiscal_year in years else None
        found += [GivenOpinion(comment, _review_meeting(review), review.date, page, review.sample, review.fiscal_year)
                  for comment in review.comments]
    return found


def _goal_of(opinion: Opinion, measure_goals: dict[str, str], kpi_goals: dict[str, str | None]) -> str | None:
    """The goal an opinion concerns: named, or the goal of its measure, or of its KPI."""
    if opinion.goal is not None:
        return opinion.goal
    if opinion.measure is not None and opinion.measure in measure_goals:
        return measure_goals[opinion.measure]
    if opinion.kpi is not None:
        return kpi_goals.get(opinion.kpi)
    return None


def opinions_about(project: Project, review_years: Iterable[int] = ()) -> dict[tuple[str, str], list[GivenOpinion]]:
    """The opinions concerning each goal and KPI: keys ("goal", id) and ("kpi", id), opinions in `given_opinions` order.

    A goal gets the opinions naming it, one of its measures or one of its KPIs; a KPI those naming it.
    """
    measure_goals = {measure.id: goal.id for goal in project.strategy.goals for measure in goal.measures}
    kpi_goals = {kpi.id: kpi.goal for kpi in project.kpis.values()}
    found: dict[tuple[str, str], list[GivenOpinion]] = {}
    for given in given_opinions(project, review_years):
        goal = _goal_of(given.opinion, measure_goals, kpi_goals)
        if goal is not None:
            found.setdefault(("goal", goal), []).append(given)
        if given.opinion.kpi is not None and given.opinion.kpi in kpi_goals:
            found.setdefault(("kpi", given.opinion.kpi), []).append(given)
    return found


def review_opinions(project: Project, fiscal_year: int, review_years: Iterable[int] = ()) -> list[GivenOpinion]:
    """The opinions of one year's effect verification: the year's comments (reviews.yml), then those
    of the meetings that reviewed it (events with that review_year), by date."""
    given = given_opinions(project, review_years)
    comments = [g for g in given if g.event is None and g.review_year == fiscal_year]
    meetings = [g for g in given if g.event is not None and g.review_year == fiscal_year]
    return comments + meetings


@dataclass(frozen=True)
class Occasion:
    """Opinions given at one meeting (for a list grouped by meeting)."""

    meeting: str
    day: datetime.date | None
    page: str | None
    sample: bool
    opinions: list[GivenOpinion]


def by_occasion(given: list[GivenOpinion]) -> list[Occasion]:
    """Consecutive opinions of the same meeting, grouped (the order is kept)."""
    groups: list[Occasion] = []
    for item in given:
        key = (item.meeting, item.day, item.page)
        if groups and (groups[-1].meeting, groups[-1].day, groups[-1].page) == key:
            groups[-1].opinions.append(item)
        else:
            groups.append(Occasion(item.meeting, item.day, item.page, item.sample, [item]))
    return groups
