"""お知らせ: the order of the notices, where each links, and the Atom feed read back as a feed reader would."""

from __future__ import annotations

import dataclasses
import datetime
import xml.etree.ElementTree as ET

import pytest
from support import FIXTURE

from generator.model.process import News, NewsEntry
from generator.pipeline import load_project
from generator.render.news import feed_title, feed_xml, linked_page, newest_first, news_files

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://www.city.example.lg.jp/sousei/"


def notice(entry_id: str, day: datetime.date, **fields) -> NewsEntry:
    return NewsEntry(id=entry_id, date=day, title=fields.pop("title", f"見出し {entry_id}"), **fields)


@pytest.fixture(scope="module")
def project():
    project, report = load_project(FIXTURE)
    assert project is not None, report.format()
    return project


def test_newest_first_and_notices_of_one_day_by_id():
    entries = [notice("b", datetime.date(2024, 5, 1)), notice("c", datetime.date(2023, 1, 1)),
               notice("a", datetime.date(2024, 5, 1)), notice("d", datetime.date(2025, 1, 1))]
    assert [e.id for e in newest_first(entries)] == ["d", "a", "b", "c"]


def test_a_link_inside_the_site_names_its_page():
    paths = ["index.md", "kpis/index.md", "reviews/2023.md", "process/public-comments.md"]
    assert linked_page(notice("a", datetime.date(2024, 1, 1), link="reviews/2023/"), paths) == "reviews/2023.md"
    assert linked_page(notice("a", datetime.date(2024, 1, 1), link="kpis"), paths) == "kpis/index.md"
    assert linked_page(notice("a", datetime.date(2024, 1, 1), link="https://example.com/"), paths) is None
    assert linked_page(notice("a", datetime.date(2024, 1, 1)), paths) is None


def test_a_sample_is_marked_in_the_feed_title_once():
    assert feed_title(notice("a", datetime.date(2024, 1, 1), title="結果を掲載しました", sample=True)) == "（サンプル）結果を掲載しました"
    assert feed_title(notice("a", datetime.date(2024, 1, 1), title="（サンプル）結果", sample=True)) == "（サンプル）結果"
    assert feed_title(notice("a", datetime.date(2024, 1, 1), title="結果を掲載しました")) == "結果を掲載しました"


def parse(xml: bytes) -> ET.Element:
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = ET.fromstring(xml)
    assert root.tag == f"{ATOM}feed"
    return root


def test_the_feed_is_atom_with_ids_titles_dates_and_absolute_links(project):
    root = parse(feed_xml(project, SITE))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ja"
    assert root.findtext(f"{ATOM}title") == "朝霞市まち・ひと・しごと創生総合戦略のお知らせ"
    assert root.findtext(f"{ATOM}id").startswith("urn:uuid:")
    assert root.findtext(f"{ATOM}updated") == "2024-12-01T00:00:00+09:00"  # the newest notice, not the build's time
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "朝霞市"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"self": SITE + "feed.xml", "alternate": SITE + "news/"}
    generator = root.find(f"{ATOM}generator")
    assert generator.text == "sousei-site" and generator.get("version") is None and generator.get("uri") is None
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "（サンプル）令和5年度の効果検証の結果を掲載しました", "（サンプル）パブリックコメントの結果を掲載しました"]
    assert [e.findtext(f"{ATOM}updated") for e in entries] == ["2024-12-01T00:00:00+09:00", "2021-03-31T00:00:00+09:00"]
    assert [e.findtext(f"{ATOM}published") for e in entries] == ["2024-12-01T00:00:00+09:00", "2021-03-31T00:00:00+09:00"]
    # No rel means rel="alternate" (RFC 4287): where a feed reader opens the notice.
    assert [[(link.get("rel") or "alternate", link.get("href")) for link in e.findall(f"{ATOM}link")] for e in entries] == [
        [("alternate", SITE + "reviews/2023/")], [("alternate", SITE + "process/public-comments/")]]
    assert entries[0].find(f"{ATOM}summary").text == "（サンプル）審議会で検証した結果を掲載しました。"
    assert entries[1].find(f"{ATOM}summary") is None  # no body, no summary
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 2 and all(i.startswith("urn:uuid:") for i in ids)


def test_the_feed_is_the_same_bytes_for_the_same_data_and_ids_follow_the_notice(project):
    first = feed_xml(project, SITE)
    assert feed_xml(project, SITE) == first
    entries = [*project.news.entries, notice("later", datetime.date(2025, 4, 1), link="https://example.com/a?b=1&c=2")]
    added = parse(feed_xml(dataclasses.replace(project, news=News(entries=entries)), "http://127.0.0.1:8000/"))
    before = {e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}id") for e in parse(first).findall(f"{ATOM}entry")}
    after = {e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}id") for e in added.findall(f"{ATOM}entry")}
    assert {title: after[title] for title in before} == before  # another notice or address changes no notice's id
    assert added.findtext(f"{ATOM}id") == parse(first).findtext(f"{ATOM}id")
    newest = added.findall(f"{ATOM}entry")[0]
    assert newest.findtext(f"{ATOM}title") == "見出し later"
    assert newest.find(f"{ATOM}link").get("href") == "https://example.com/a?b=1&c=2"  # an outside address as it is
    assert added.findtext(f"{ATOM}updated") == "2025-04-01T00:00:00+09:00"


def test_a_notice_without_a_link_opens_its_place_on_the_news_page(project):
    bare = dataclasses.replace(project, news=News(entries=[notice("plain", datetime.date(2024, 1, 1))]))
    [entry] = parse(feed_xml(bare, SITE)).findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == SITE + "news/#plain"


def test_no_notices_no_feed(project):
    assert news_files(dataclasses.replace(project, news=News()), SITE) == {}
    assert set(news_files(project, SITE)) == {"feed.xml"}
