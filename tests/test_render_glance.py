"""The state at a glance: 最終更新日, the front page's figures, and the latest review's grades as static bars."""

from __future__ import annotations

import dataclasses
import datetime
import re

import pytest
from support import FIXTURE

from generator.model.process import News
from generator.pipeline import validate
from generator.render.glance import (
    counts_sentence,
    counts_text,
    grade_bar,
    grade_groups,
    headline,
    latest_review_year,
    site_extra,
    total_counts,
    updated_label,
)


@pytest.fixture(scope="module")
def validated():
    validated = validate(FIXTURE)
    assert validated.project is not None, validated.report.format()
    return validated


def test_the_latest_review_is_counted_per_goal_in_the_scale_order(validated):
    project, computed = validated.project, validated.computed
    assert latest_review_year(computed) == 2024
    groups = grade_groups(project, computed, 2024)
    assert [(g.label, g.anchor) for g in groups] == [
        ("基本目標1", "goal-1"), ("基本目標2", "goal-2"), ("基本目標3", "goal-3"), ("基本目標4", "goal-4"),
        ("横断的な目標1", "cross-cutting-1"), ("横断的な目標2", "cross-cutting-2")]
    assert groups[0].counts == (("A", 0), ("B", 1), ("C", 2), ("D", 0), ("－", 0))
    assert all(g.sample for g in groups)
    assert total_counts(groups) == (("A", 2), ("B", 3), ("C", 3), ("D", 2), ("－", 1))
    assert counts_text(total_counts(groups)) == "A 2・B 3・C 3・D 2・－ 1"


def test_a_finalised_year_counts_the_grades_the_council_was_shown(validated):
    project, computed = validated.project, validated.computed
    assert 2023 in project.review_snapshots
    recorded = [row.grade for row in project.review_snapshots[2023].rows if row.group == "基本目標1"]
    assert dict(grade_groups(project, computed, 2023)[0].counts)["C"] == recorded.count("C") == 3


def test_the_bar_is_one_part_per_grade_given_and_named_in_words(validated):
    bar = grade_bar(validated.project, (("A", 0), ("B", 1), ("C", 2), ("D", 0), ("－", 1)))
    assert bar.startswith('<span class="grade-bar" role="img" aria-label="評価A（目標を達成）が0件、評価B（目標までの60%以上に進んだ）が1件、'
                          '評価C（目標までの60%未満）が2件、評価D（基準値より後退）が0件、判定できないものが1件">')
    parts = re.findall(r'grade-bar__part--(\d)" style="flex-grow: (\d+)">([^<]+)<', bar)
    assert parts == [("2", "1", "B"), ("3", "2", "C"), ("5", "1", "－")]  # a grade keeps its colour when another is 0
    assert "<script" not in bar


def test_grade_words_come_from_the_scale(validated):
    assert counts_sentence(validated.project, (("A", 1),)) == "評価A（目標を達成）が1件"
    assert counts_sentence(validated.project, (("Z", 2),)) == "評価Zが2件"  # a grade of a changed scale, in a record


def test_the_headline_is_the_latest_census_and_the_target_of_the_horizon(validated):
    found = headline(validated.project, validated.computed)
    assert (found.census.year, found.census.total, found.census.status) == (2020, 141083, "未確認")
    assert found.census_source.needs_check  # shown with 【要確認】, as the population pages do
    assert found.target_year == 2060 and found.target_population == 158300 and found.target_sample


def test_without_a_vision_there_are_no_population_figures(validated):
    project = dataclasses.replace(validated.project, vision=None, census=None)
    found = headline(project, validated.computed)
    assert found.census is None and found.target_population is None


def test_every_page_gets_the_updated_date_and_the_feed_only_with_notices(validated):
    project = validated.project
    assert updated_label(project) == "令和8年11月28日"
    assert site_extra(project) == {"feed": "feed.xml", "updated": "令和8年11月28日"}
    assert site_extra(dataclasses.replace(project, news=News())) == {"updated": "令和8年11月28日"}
    later = dataclasses.replace(project, today=datetime.date(2027, 6, 1),  # the day has come
                                plan_periods=project.plan_periods.model_copy(update={"updated": datetime.date(2027, 5, 1)}))
    assert updated_label(later) == "令和9年5月1日"
