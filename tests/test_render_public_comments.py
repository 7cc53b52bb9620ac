"""Public comment rounds: the status on a day, the counts per 反映区分, the rounds open today."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest

from generator.model.process import CommentAnswer, PublicCommentRound, PublicComments
from generator.pipeline import load_project
from generator.render.public_comments import category_counts, open_rounds, round_status, rounds_newest_first


def round_(**fields: object) -> PublicCommentRound:
    return PublicCommentRound.model_validate({"id": "r", "title": "案", "start": "2020-12-15", "end": "2021-01-14", **fields})


def answers(*categories: str) -> list[CommentAnswer]:
    return [CommentAnswer(summary="要旨", response="考え方", category=c) for c in categories]  # type: ignore[arg-type]


@pytest.mark.parametrize(("day", "status"), [
    ("2020-12-14", "募集前"),
    ("2020-12-15", "募集中"),  # the first day
    ("2021-01-14", "募集中"),  # the last day still takes opinions
    ("2021-01-15", "募集終了"),
    ("2021-03-30", "募集終了"),
    ("2021-03-31", "結果公表済"),
])
def test_the_status_follows_the_day(day: str, status: str):
    published = round_(results_published="2021-03-31")
    assert round_status(published, datetime.date.fromisoformat(day)) == status


def test_without_published_results_a_round_stays_closed():
    assert round_status(round_(), datetime.date(2030, 1, 1)) == "募集終了"


def test_counts_cover_every_category_in_order_with_zeros():
    assert category_counts(answers("参考とする", "反映した", "参考とする")) == [
        ("反映した", 1), ("既に記載", 0), ("参考とする", 2), ("その他", 0)]
    assert category_counts([]) == [("反映した", 0), ("既に記載", 0), ("参考とする", 0), ("その他", 0)]


def test_open_rounds_are_those_taking_opinions_on_the_projects_day(project_copy: Path):
    loaded, report = load_project(project_copy)
    assert loaded is not None, report.format()
    project = dataclasses.replace(loaded, today=datetime.date(2020, 12, 20))  # actuals after this day are checked, not read
    assert [r.id for r in open_rounds(project)] == ["strategy-draft-2020"]
    assert open_rounds(dataclasses.replace(project, today=datetime.date(2021, 1, 15))) == []
    assert open_rounds(dataclasses.replace(project, public_comments=PublicComments())) == []


def test_rounds_are_shown_newest_first():
    rounds = [round_(id="a", start="2019-01-01", end="2019-01-31"), round_(id="b"), round_(id="c", start="2015-06-01", end="2015-06-30")]
    assert [r.id for r in rounds_newest_first(rounds)] == ["b", "a", "c"]
