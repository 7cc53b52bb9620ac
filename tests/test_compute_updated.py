"""The site's one 最終更新日: the newest date the data records, whichever file records it."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from support import FIXTURE

from generator.compute.updated import data_dates, last_updated
from generator.model.process import News, NewsEntry
from generator.model.revisions import Revision, Revisions
from generator.model.strategy import Review, Reviews
from generator.pipeline import load_project

DAY = datetime.date(2027, 2, 3)  # after every date of the fixture
TODAY = datetime.date(2027, 3, 1)  # the build's day: DAY has come


@pytest.fixture(scope="module")
def project():
    project, report = load_project(FIXTURE)
    assert project is not None, report.format()
    return dataclasses.replace(project, today=TODAY)


def test_the_fixture_was_last_updated_on_its_newest_update_date(project):
    assert last_updated(project) == datetime.date(2026, 11, 28)  # the KPI files, the plan table and the vision
    assert datetime.date(2024, 11, 20) in data_dates(project)  # the 令和5年度 review's council day counts too


def _with_kpi_updated(project, day):
    kpis = dict(project.kpis)
    first = next(iter(kpis))
    kpis[first] = kpis[first].model_copy(update={"updated": day})
    return dataclasses.replace(project, kpis=kpis)


@pytest.mark.parametrize("newer", [
    lambda p: _with_kpi_updated(p, DAY),
    lambda p: dataclasses.replace(p, plan_periods=p.plan_periods.model_copy(update={"updated": DAY})),
    lambda p: dataclasses.replace(p, vision=p.vision.model_copy(update={"updated": DAY})),
    lambda p: dataclasses.replace(p, news=News(entries=[*p.news.entries, NewsEntry(id="new", date=DAY, title="新しいお知らせ")])),
    lambda p: dataclasses.replace(p, revisions=Revisions(revisions=[Revision(id="2027-02", title="改訂", date=DAY, summary="改訂しました。")])),
    lambda p: dataclasses.replace(p, reviews=Reviews(reviews=[*p.reviews.reviews, Review(fiscal_year=2025, date=DAY)])),
    lambda p: dataclasses.replace(p, process=p.process.model_copy(update={"events": [
        *p.process.events, p.process.events[0].model_copy(update={"id": "council-2027-1", "date": DAY})]})),
    lambda p: dataclasses.replace(p, materials=p.materials.model_copy(update={"materials": [
        p.materials.materials[0].model_copy(update={"published": DAY})]})),
], ids=["kpi", "plan-periods", "vision", "news", "revision", "review", "event", "material"])
def test_each_kind_of_dated_data_can_be_the_newest(project, newer):
    assert last_updated(newer(project)) == DAY


def test_a_date_still_ahead_is_not_an_update_yet(project):
    planned = dataclasses.replace(project, today=DAY - datetime.timedelta(days=1),
                                  news=News(entries=[*project.news.entries, NewsEntry(id="new", date=DAY, title="予告")]))
    assert last_updated(planned) == datetime.date(2026, 11, 28)
    assert [entry.id for entry in planned.news.published(planned.today)] == [entry.id for entry in project.news.entries]


def test_an_undated_review_and_an_absent_vision_add_no_date(project):
    without = dataclasses.replace(project, vision=None, reviews=Reviews(reviews=[Review(fiscal_year=2025)]))
    assert last_updated(without) == datetime.date(2026, 11, 28)
    assert len(data_dates(without)) == len(data_dates(project)) - 2  # the vision's and the dated review's
