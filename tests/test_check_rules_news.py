"""Rules of the notices (strategy/news.yml): unique ids, dates far ahead, links to pages that exist — each located."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from generator.check.rules.news import news_dates, news_links, unique_news_ids
from generator.cli import EXIT_INVALID, main
from generator.model.process import News, NewsEntry
from generator.pipeline import load_project, validate
from generator.problems import Severity
from generator.render.pages import page_urls
from generator.site.build import InvalidData, build

NEWS = "strategy/news.yml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def entry(entry_id: str, day: datetime.date, link: str | None = None) -> NewsEntry:
    return NewsEntry(id=entry_id, date=day, title="見出し", link=link)


def test_the_sample_notices_are_valid_and_link_to_pages_that_exist(project_copy: Path):
    validated = validate(project_copy, page_urls=page_urls)
    assert validated.report.ok, validated.report.format()
    assert not validated.report.warnings
    assert [e.page for e in validated.project.news.entries] == ["reviews/2023/", "process/public-comments/"]


def test_a_link_is_a_page_or_an_outside_address():
    assert entry("a", datetime.date(2024, 1, 1), "reviews/2023").page == "reviews/2023/"
    assert entry("a", datetime.date(2024, 1, 1), "kpis/").page == "kpis/"
    assert entry("a", datetime.date(2024, 1, 1), "https://www.city.example.lg.jp/a.html").page is None
    assert entry("a", datetime.date(2024, 1, 1)).page is None


def test_a_repeated_id_is_an_error_on_each():
    news = News(entries=[entry("same", datetime.date(2024, 1, 1)), entry("other", datetime.date(2024, 1, 2)),
                         entry("same", datetime.date(2024, 1, 3))])
    findings = list(unique_news_ids(news))
    assert [f.path for f in findings] == [("entries", 0, "id"), ("entries", 2, "id")]
    assert findings[0].message == "お知らせの id「same」が複数あります。"


def test_a_date_more_than_a_year_ahead_is_a_warning():
    today = datetime.date(2026, 11, 30)
    news = News(entries=[entry("soon", today + datetime.timedelta(days=300)), entry("typo", datetime.date(2062, 12, 1))])
    [finding] = news_dates(news, today)
    assert finding.path == ("entries", 1, "date") and finding.severity == Severity.WARNING
    assert "2062-12-01" in finding.message and "1年以上先" in finding.message


def test_a_link_to_no_page_names_the_closest_page():
    news = News(entries=[entry("a", datetime.date(2024, 1, 1), "reviews/2030/"), entry("b", datetime.date(2024, 1, 1), "kpis"),
                         entry("c", datetime.date(2024, 1, 1), "https://example.com/x")])
    [finding] = news_links(news, {"", "kpis/", "reviews/2023/", "reviews/2024/"})
    assert finding.path == ("entries", 0, "link")
    assert finding.message == "サイトにページ「reviews/2030/」がありません。"
    assert "reviews/20" in finding.hint and "書き間違い" in finding.hint


def test_validate_locates_a_link_to_no_page_and_build_refuses_it(project_copy: Path):
    edit(project_copy / NEWS, "link: reviews/2023/", "link: reviews/2019/")
    [problem] = validate(project_copy, page_urls=page_urls).report.errors
    assert (problem.file, problem.field) == (NEWS, "entries[0].link")
    assert (project_copy / NEWS).read_text(encoding="utf-8").splitlines()[problem.line - 1].strip() == "link: reviews/2019/"
    assert "サイトにページ「reviews/2019/」がありません。" in problem.message
    with pytest.raises(InvalidData, match="reviews/2019/"):
        build(project_copy)
    assert not (project_copy / "site").exists()


def test_the_validate_command_checks_links_as_the_build_does(project_copy: Path, capsys):
    edit(project_copy / NEWS, "link: process/public-comments/", "link: process/public-comment/")
    assert main(["--root", str(project_copy), "validate"]) == EXIT_INVALID
    out = capsys.readouterr().out
    assert "strategy/news.yml" in out and "process/public-comment/" in out and "「process/public-comments/」の書き間違い" in out


def test_repeated_ids_and_far_dates_are_located_in_the_file(project_copy: Path):
    edit(project_copy / NEWS, "id: public-comment-2020-results", "id: review-2023-published")
    edit(project_copy / NEWS, "date: 2021-03-31", "date: 2099-03-31")
    _, report = load_project(project_copy, today=datetime.date(2026, 11, 30))
    assert [(p.field, p.line) for p in report.errors] == [("entries[0].id", 3), ("entries[1].id", 9)]
    assert [(p.field, p.line) for p in report.warnings] == [("entries[1].date", 10)]
