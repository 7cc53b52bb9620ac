"""Rules of the notices (strategy/news.yml): unique ids, plausible dates, and links to pages that exist.

Which pages exist is the render stage's knowledge (its page registry, and the reviewed years
that compute finds): `news_links` takes their directory URLs as an argument, and
`pipeline.validate` runs it after compute when it is given them, so a notice that links
to no page is a located problem of the data rather than a failed build.
"""

from __future__ import annotations

import datetime
import difflib
from collections import Counter
from collections.abc import Collection, Iterator

from generator.check.rules.finding import Finding
from generator.model.process import News
from generator.problems import Severity

FUTURE_DAYS = 366  # a notice dated further ahead than this is most likely a typo of the year


def unique_news_ids(news: News) -> Iterator[Finding]:
    """Each notice has its own id: the feed identifies it by the id, and its anchor on the news page is the id."""
    ids = Counter(entry.id for entry in news.entries)
    for e, entry in enumerate(news.entries):
        if ids[entry.id] > 1:
            yield Finding("news", ("entries", e, "id"), f"お知らせの id「{entry.id}」が複数あります。",
                          "お知らせごとに違う id にしてください（フィードの読者はこの id で新しいお知らせを見分けます）。", code="E-ID-DUPLICATE")


def news_dates(news: News, today: datetime.date) -> Iterator[Finding]:
    """A date more than a year ahead is most likely a typo (a warning: a planned notice may be dated ahead)."""
    for e, entry in enumerate(news.entries):
        if (entry.date - today).days > FUTURE_DAYS:
            yield Finding("news", ("entries", e, "date"),
                          f"日付 {entry.date.isoformat()} が今日（{today.isoformat()}）より1年以上先です。",
                          "年の書き間違いではないか確かめてください。", Severity.WARNING, code="W-NEWS-FUTURE")


def news_links(news: News, page_urls: Collection[str]) -> Iterator[Finding]:
    """A link inside the site names a page of it (`page_urls`: every page's directory URL, e.g. reviews/2023/)."""
    for e, entry in enumerate(news.entries):
        if entry.page is not None and entry.page not in page_urls:
            yield Finding("news", ("entries", e, "link"), f"サイトにページ「{entry.link}」がありません。", _link_hint(entry.page, page_urls),
                          code="E-NEWS-LINK")


def _link_hint(page: str, page_urls: Collection[str]) -> str:
    close = difflib.get_close_matches(page, sorted(page_urls), n=1)
    if close:
        return f"「{close[0]}」の書き間違いではありませんか。"
    sections = sorted({url.split("/", 1)[0] + "/" for url in page_urls if url})
    return ("サイトの中のページは、ページのアドレスのサイトの入口より後ろの部分で書きます（例: reviews/2023/）。"
            f"ページのある場所: {', '.join(sections)}")
