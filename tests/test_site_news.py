"""Build tests: the お知らせ page and feed, the feed link and 最終更新日 on every page, the front page and the
dashboard at a glance — on fixture copies, and a city without notices (city2)."""

from __future__ import annotations

import dataclasses
import datetime
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support import FIXTURE, copy_project

from generator.compute.computed import compute_project
from generator.pipeline import load_project
from generator.render.figures import charts
from generator.render.pages import Release, render_pages
from generator.site.build import PREVIEW_SITE_URL, build, site_url

ATOM = "{http://www.w3.org/2005/Atom}"
CITY2 = Path(__file__).resolve().parent / "fixtures" / "city2"
FEED_LINK = re.compile(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+のお知らせ" href="([^"]+)">')
MORE_NEWS = """\
  - id: plan-2021
    date: 2021-03-31
    title: 総合戦略を策定しました
    link: https://www.city.example.lg.jp/soshiki/sousei.html
  - id: dashboard-2025
    date: 2025-06-01
    title: 指標の実績を更新しました
    body: 令和6年度の実績を載せました。
    link: kpis
"""


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def article(html: str) -> str:
    return html.split("<article", 1)[1].split("</article>", 1)[0]


@pytest.fixture(scope="module")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture with four notices, built for a published address under a sub-path."""
    root = copy_project(tmp_path_factory.mktemp("news") / "project")
    news = root / "strategy/news.yml"
    news.write_text(news.read_text(encoding="utf-8") + MORE_NEWS, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", "https://www.city.example.lg.jp/sousei")
        build(root)
    return root / "site"


@pytest.fixture(scope="module")
def city2_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("city2-news") / "project", data_from=CITY2)
    build(root)
    return root / "site"


def test_the_news_page_lists_every_notice_newest_first_with_relative_links(news_site: Path):
    html = (news_site / "news/index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h2 id="([^"]+)"', html)
    assert ids == ["dashboard-2025", "review-2023-published", "plan-2021", "public-comment-2020-results"]  # same day: by id
    text = text_of(article(html))
    assert "令和7(2025)年6月1日" in text and "令和6(2024)年12月1日" in text and "令和3(2021)年3月31日" in text
    assert "令和6年度の実績を載せました。" in text
    assert '<a href="../kpis/">詳しく見る</a>' in html and '<a href="../reviews/2023/">詳しく見る</a>' in html
    assert '<a href="https://www.city.example.lg.jp/soshiki/sousei.html">詳しく見る（外部のサイト）</a>' in html
    assert '<a href="../feed.xml" type="application/atom+xml">Atom フィード（feed.xml）</a>' in html
    assert html.count('<span class="badge-sample">サンプル</span>') >= 2  # the two sample notices (and the notice)


def test_the_feed_has_absolute_links_to_the_published_address(news_site: Path):
    root = ET.fromstring((news_site / "feed.xml").read_bytes())
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"self": "https://www.city.example.lg.jp/sousei/feed.xml", "alternate": "https://www.city.example.lg.jp/sousei/news/"}
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "指標の実績を更新しました", "（サンプル）令和5年度の効果検証の結果を掲載しました", "総合戦略を策定しました",
        "（サンプル）パブリックコメントの結果を掲載しました"]
    assert entries[0].find(f"{ATOM}link").get("href") == "https://www.city.example.lg.jp/sousei/kpis/"
    assert root.findtext(f"{ATOM}updated") == "2025-06-01T00:00:00+09:00"


def test_every_page_links_the_feed_in_its_head_and_shows_the_updated_date(news_site: Path):
    pages = sorted(news_site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(news_site).as_posix()
        depth = name.count("/") if name != "404.html" else 0
        hrefs = FEED_LINK.findall(html)
        if name == "404.html":  # served at any depth: Material makes its links absolute from site_url
            assert hrefs == ["/sousei/feed.xml"], name
        else:
            assert hrefs == ["../" * depth + "feed.xml"], name
        assert '<p class="md-copyright__updated">最終更新日: 令和8年11月28日</p>' in html, name


def test_the_front_page_shows_the_state_at_a_glance(news_site: Path):
    html = (news_site / "index.html").read_text(encoding="utf-8")
    text = text_of(article(html))
    assert "最終更新日: 令和8年11月28日" in text
    # Built today (令和8年度), after the plan's last year: the card says the period is over.
    assert "最新の計画 第２期朝霞市まち・ひと・しごと創生総合戦略 令和3(2021)年度〜令和7(2025)年度（計画期間は終わりました）" in text
    assert "人口（令和2(2020)年の国勢調査） 141,083人" in text and "【要確認】" in text
    assert "目指す人口（令和42(2060)年） 158,300人" in text  # as the population pages show it: the sum of the cells shown
    assert "指標の評価（令和6(2024)年度） A B C D － A 2・B 3・C 3・D 2・－ 1" in text
    assert 'href="reviews/2024/"' in html and 'href="population/outlook/"' in html
    assert 'role="img" aria-label="評価A（目標を達成）が2件、' in html
    news = article(html).split('id="news"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'href="news/#([^"]+)"', news) == ["dashboard-2025", "review-2023-published", "plan-2021"]  # the latest 3
    assert '<a href="news/">お知らせの一覧</a>' in html


def test_the_front_page_stays_light(news_site: Path):
    html = (news_site / "index.html").read_text(encoding="utf-8")
    assert "plotly" not in html.lower()
    assert 'class="chart' not in html and "assets/figures/" not in html and "<figure" not in html
    # Still there for readers and other tests: the documents with their periods, and the reading list.
    assert "令和3(2021)年度〜令和7(2025)年度（5年間）" in text_of(html) and 'id="読み進める"' in html


def test_the_dashboard_leads_with_each_goals_grades(news_site: Path):
    html = (news_site / "kpis/index.html").read_text(encoding="utf-8")
    glance = html.split('<ul class="grade-glance">', 1)[1].split("</ul>", 1)[0]
    assert html.index('id="at-a-glance"') < html.index('class="kpi-filter"')
    rows = re.findall(r'<li>.*?</li>', glance, re.S)
    assert len(rows) == 6
    assert '<a href="#goal-1">基本目標1 （サンプル）市内で働き、稼げるまちをつくる</a>' in rows[0]
    assert '<span class="glance__counts">A 0・B 1・C 2・D 0・－ 0</span>' in rows[0]
    assert 'aria-label="評価A（目標を達成）が0件、評価B（目標までの60%以上に進んだ）が1件、' in rows[0]
    assert "<script" not in glance
    assert 'href="../reviews/2024/"' in html


def test_an_open_public_comment_is_on_the_front_page(project_copy: Path):
    project, report = load_project(project_copy)
    assert report.ok, report.format()
    during = dataclasses.replace(project, today=datetime.date(2020, 12, 20))
    computed = compute_project(during)
    home = render_pages(during, computed, charts(during, computed))["index.md"]
    assert "## 意見を募集しています { #public-comments }" in home
    assert ("- [（サンプル）第２期総合戦略（素案）・人口ビジョン（改訂素案）](process/public-comments.md#strategy-draft-2020)"
            "（令和2(2020)年12月15日〜令和3(2021)年1月14日）") in home
    assert "## 意見を募集しています" not in render_pages(project, compute_project(project), charts(project, computed))["index.md"]


def test_a_city_without_notices_has_no_news_page_no_feed_and_no_feed_link(city2_site: Path):
    assert not (city2_site / "news").exists() and not (city2_site / "feed.xml").exists()
    for page in city2_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "application/atom+xml" not in html, page
        assert "最終更新日: " in html, page
    home = (city2_site / "index.html").read_text(encoding="utf-8")
    assert 'id="news"' not in home and "人口（" not in text_of(home) and "目指す人口" not in home
    assert "指標の評価（令和6(2024)年度）" in text_of(home)


def test_the_published_address_is_read_once_and_a_revision_lives_in_its_folder(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    assert site_url() == PREVIEW_SITE_URL
    monkeypatch.setenv("SITE_URL", "https://www.city.example.lg.jp/sousei")
    assert site_url() == "https://www.city.example.lg.jp/sousei/"
    assert site_url(Release(revision="2023-03")) == "https://www.city.example.lg.jp/sousei/2023-03/"
    assert site_url(Release(staging=True)) == "https://www.city.example.lg.jp/sousei/"


def test_the_fixture_sample_notices_are_the_ones_built(built_site: Path):
    project, _ = load_project(FIXTURE)
    html = (built_site / "news/index.html").read_text(encoding="utf-8")
    assert [e.id for e in project.news.entries] == re.findall(r'<h2 id="([^"]+)"', html)
