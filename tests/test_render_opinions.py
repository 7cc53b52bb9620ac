"""Opinions collected for the pages of what they concern, each with the meeting it was given at and that meeting's page."""

from __future__ import annotations

import datetime
from dataclasses import replace
from pathlib import Path

from generator.model.process import Event, Opinion, Process
from generator.pipeline import load_project
from generator.render.opinions import by_occasion, given_opinions, opinions_about, review_opinions

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "project"


def fixture():
    project, report = load_project(FIXTURE)
    assert project is not None, report.format()
    return project


def with_events(project, *events: dict):
    extra = [Event.model_validate({"kind": "会議", "title": e["id"], **e}) for e in events]
    return replace(project, process=Process(events=[*project.process.events, *extra]))


def texts(given) -> list[str]:
    return [g.opinion.text for g in given]


def test_the_fixture_opinions_land_on_their_goal_and_kpi():
    found = opinions_about(fixture(), review_years=[2023, 2024])
    assert texts(found[("kpi", "kpi-3-childcare-waiting")]) == ["（サンプル）待機児童数の減少は評価できる。"]
    # goal-3: named by a meeting's opinion and a review comment, and its KPI's opinion rolls up to it.
    assert texts(found[("goal", "goal-3")]) == [
        "（サンプル）子育て世帯の転入の状況も示してほしい。",
        "（サンプル）待機児童数の減少は評価できる。",
        "（サンプル）待機児童の減少は評価できるが、子育てのしやすさの実感につながるよう情報発信を工夫してほしい。",
    ]
    # The comment on the whole strategy concerns no goal or KPI page.
    everything = [g for given in found.values() for g in given]
    assert "（サンプル）指標の実績は毎年同じ時期に公表してほしい。" not in texts(everything)
    assert set(found) == {("goal", "goal-3"), ("kpi", "kpi-3-childcare-waiting")}


def test_each_opinion_links_to_where_it_was_given():
    given = {g.opinion.text: g for g in given_opinions(fixture(), review_years=[2023])}
    meeting = given["（サンプル）子育て世帯の転入の状況も示してほしい。"]
    assert (meeting.page, meeting.meeting, meeting.day, meeting.sample) == (
        "process/council.md#council-2020-1", "（サンプル）第１回 審議会", datetime.date(2020, 8, 20), True)
    assert meeting.opinion.response == "（サンプル）人口ビジョンの現状分析に年齢別の転入・転出を加えます。"
    assert meeting.opinion.status == "対応済"
    comment = given["（サンプル）指標の実績は毎年同じ時期に公表してほしい。"]
    assert (comment.page, comment.review_year, comment.event) == ("reviews/2023.md#council", 2023, None)
    assert comment.day == datetime.date(2024, 11, 20)
    # Without a review page for the year, a review comment has nowhere to link to.
    assert {g.page for g in given_opinions(fixture(), review_years=[]) if g.event is None} == {None}


def test_a_meeting_of_another_body_links_to_the_review_or_the_record():
    project = with_events(
        fixture(),
        {"id": "exchange", "date": "2021-05-01", "body": "organizations", "review_year": 2023,
         "opinions": [{"text": "団体の意見", "measure": "measure-1-1"}]},
        {"id": "hearing", "date": "2021-04-01", "kind": "意見交換",
         "opinions": [{"text": "聞き取り", "kpi": "kpi-1-startups"}]},
    )
    given = {g.opinion.text: g for g in given_opinions(project, review_years=[2023])}
    assert given["団体の意見"].page == "reviews/2023.md#council"
    assert given["聞き取り"].page == "process/index.md#hearing"
    found = opinions_about(project, review_years=[2023])
    # A measure's opinion belongs to the measure's goal; a KPI's to the KPI and its goal.
    assert texts(found[("goal", "goal-1")]) == ["聞き取り", "団体の意見"]  # by date
    assert texts(found[("kpi", "kpi-1-startups")]) == ["聞き取り"]


def test_a_year_review_lists_its_comments_then_the_meetings_that_reviewed_it():
    project = with_events(fixture(), {"id": "review-2023-extra", "date": "2024-12-01", "body": "council", "review_year": 2023,
                                      "opinions": [{"text": "追加の意見", "response": "検討します。", "status": "検討中"}]})
    shown = review_opinions(project, 2023, review_years=[2023])
    assert texts(shown) == [
        "（サンプル）待機児童の減少は評価できるが、子育てのしやすさの実感につながるよう情報発信を工夫してほしい。",
        "（サンプル）指標の実績は毎年同じ時期に公表してほしい。",
        "（サンプル）待機児童数の減少は評価できる。",
        "追加の意見",
    ]
    groups = by_occasion(shown)
    assert [(g.meeting, len(g.opinions)) for g in groups] == [
        ("（サンプル）朝霞市まち・ひと・しごと創生総合戦略審議会", 2), ("（サンプル）令和6年度 第１回 審議会（効果検証）", 1),
        ("review-2023-extra", 1)]
    assert groups[2].page == "process/council.md#review-2023-extra"
    assert review_opinions(project, 2022, review_years=[2023]) == []


def test_an_opinion_without_a_goal_or_kpi_concerns_no_page():
    project = with_events(fixture(), {"id": "general", "date": "2021-06-01", "opinions": [Opinion(text="全体への意見")]})
    found = opinions_about(project, review_years=[])
    assert "全体への意見" not in texts([g for given in found.values() for g in given])
    assert "全体への意見" in texts(given_opinions(project, review_years=[]))
