"""The 策定経過・推進の記録 page on a built fixture site, and the states of its steps on another day."""

from __future__ import annotations

import dataclasses
import datetime
import re
from pathlib import Path

from support import FIXTURE

from generator.compute.computed import compute_project
from generator.pipeline import load_project
from generator.render.figures import charts
from generator.render.pages import render_pages


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_process_page_lists_every_event_in_a_timeline_and_a_table(built_site: Path):
    html = (built_site / "process/index.html").read_text(encoding="utf-8")
    text = text_of(html)
    project, _ = load_project(FIXTURE)
    for event in project.process.events:
        assert f'id="{event.id}"' in html and html.count(f'href="#{event.id}"') >= 1, event.id
    assert "令和２年度中に策定する。" in text  # the policy's schedule, quoted with its source
    assert "令和2(2020)年12月15日〜令和3(2021)年1月14日" in text
    assert 'href="organization/#council"' in html  # the body of a meeting links to the structure page
    assert 'href="public-comments/#strategy-draft-2020"' in html
    assert "意見と市の対応: 1 件" in text


def test_on_another_day_steps_are_planned_or_ongoing(project_copy: Path):
    project, report = load_project(project_copy)
    assert report.ok, report.format()
    during_comment = dataclasses.replace(project, today=datetime.date(2020, 12, 20))
    computed = compute_project(during_comment)
    page = render_pages(during_comment, computed, charts(during_comment, computed))["process/index.md"]
    rows = {line.split("|")[2].strip(): line.split("|")[3].strip() for line in page.splitlines()
            if line.startswith("| 令和") and line.count("|") == 4}
    states = {re.sub(r"\]\(.*", "", title).lstrip("["): state for title, state in rows.items()}
    assert states["（サンプル）第１回 審議会"] == "済"
    assert states["（サンプル）総合戦略素案への意見募集"] == "募集中"
    assert states["（サンプル）総合戦略の策定"] == "予定"


def test_the_front_page_calls_the_plan_current_within_its_period_and_latest_after(project_copy: Path):
    project, _ = load_project(project_copy)
    for today, label in ((datetime.date(2023, 6, 1), "**いまの計画**"), (datetime.date(2026, 4, 1), "**最新の計画**")):
        dated = dataclasses.replace(project, today=today)
        computed = compute_project(dated)
        home = render_pages(dated, computed, charts(dated, computed))["index.md"]
        assert label in home and ("（計画期間は終わりました）" in home) == (label == "**最新の計画**")
