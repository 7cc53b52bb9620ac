"""お知らせ: the notices newest first, where each one links, and the Atom feed (feed.xml at the site's root).

The feed is made with feedgen and is byte-identical for the same data: its `updated` is the
newest notice's date, its ids are built from the city and each notice's id (never from the
build's clock or address), and its generator is named without a version. Absolute links
need the published address, which the site stage passes in (`site_url`).
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Collection, Iterable

from feedgen.feed import FeedGenerator

from generator.model.process import NewsEntry
from generator.model.project import Project
from generator.render.links import page_url

FEED = "feed.xml"
NEWS_PAGE = "news.md"
SAMPLE_MARK = "（サンプル）"
JST = datetime.timezone(datetime.timedelta(hours=9), "JST")  # notices are dated in the city's own days
# The namespace of the ids of every feed this generator makes: an entry's id is uuid5(namespace, city + notice id).
ID_NAMESPACE = uuid.UUID("53bf785c-4b26-4e13-bbfd-1e7df8ef1e9a")


def newest_first(entries: Iterable[NewsEntry]) -> list[NewsEntry]:
    """Newest first; notices of the same day by id."""
    return sorted(sorted(entries, key=lambda entry: entry.id), key=lambda entry: entry.date, reverse=True)


def linked_page(entry: NewsEntry, page_paths: Collection[str]) -> str | None:
    """The page (its path, e.g. reviews/2023.md) a notice links to inside the site; None for an outside address or no link."""
    if entry.page is None:
        return None
    by_url = {page_url(path): path for path in page_paths}
    return by_url.get(entry.page)


def feed_title(entry: NewsEntry) -> str:
    """The title in the feed: a sample says so in the title itself, where feed readers show it."""
    return entry.title if not entry.sample or SAMPLE_MARK in entry.title else SAMPLE_MARK + entry.title


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), JST)


def _id(*parts: str) -> str:
    return uuid.uuid5(ID_NAMESPACE, "\n".join(parts)).urn


def _entry_url(entry: NewsEntry, site_url: str) -> str:
    """Where a feed reader opens a notice: the page or address it links to, else its place on the news page."""
    if entry.page is not None:
        return site_url + entry.page
    return entry.link or f"{site_url}{page_url(NEWS_PAGE)}#{entry.id}"


def feed_xml(project: Project, site_url: str) -> bytes:
    """The Atom feed of every notice, newest first; `site_url` is the published address, ending in "/"."""
    site = project.site
    entries = newest_first(project.news.published(project.today))
    feed = FeedGenerator()
    feed.id(_id(site.city))
    feed.title(f"{site.site_title}のお知らせ")
    feed.author({"name": site.city})
    feed.link(href=site_url + FEED, rel="self", type="application/atom+xml")
    feed.link(href=site_url + page_url(NEWS_PAGE), rel="alternate", type="text/html")
    feed.language("ja")
    feed.generator("sousei-site")  # no version and no address: the same data gives the same bytes
    feed.updated(_moment(entries[0].date))
    for entry in entries:
        item = feed.add_entry(order="append")
        item.id(_id(site.city, entry.id))
        item.title(feed_title(entry))
        item.updated(_moment(entry.date))
        item.published(_moment(entry.date))
        item.link(href=_entry_url(entry, site_url), rel="alternate")
        if entry.body:
            item.summary(entry.body, type="text")
    return feed.atom_str(pretty=True)


def news_files(project: Project, site_url: str) -> dict[str, bytes]:
    """feed.xml when there are notices (its link in every page's head comes with it, see `site_extra`)."""
    return {FEED: feed_xml(project, site_url)} if project.news.published(project.today) else {}


def news_helpers(project: Project, page_paths: Collection[str]) -> dict[str, object]:
    """What the news and home pages call: the notices newest first, the page each links to, the feed's path."""
    return {
        "news_entries": newest_first(project.news.published(project.today)),
        "news_page": lambda entry: linked_page(entry, page_paths),
        "feed_path": FEED,
    }
