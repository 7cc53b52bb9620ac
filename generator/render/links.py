"""Links, sources, dates and sizes as the pages write them (escaped, relative links)."""

from __future__ import annotations

import functools
import html
import posixpath

from markupsafe import Markup

from generator.model.base import Source
from generator.model.strategy import Glossary, Kpi
from generator.text.eras import date_label
from generator.text.markdown import escape_markdown


def url_depth(path: str) -> int:
    """How many folders deep a page's URL is (MkDocs directory URLs)."""
    parts = path.removesuffix(".md").split("/")
    if parts[-1] == "index":
        parts = parts[:-1]
    return len(parts)


def page_url(path: str) -> str:
    """A page's directory URL inside the site (MkDocs directory URLs): reviews/2023.md → reviews/2023/, index.md → ""."""
    parts = path.removesuffix(".md").split("/")
    if parts[-1] == "index":
        parts = parts[:-1]
    return "".join(part + "/" for part in parts)


def source_text(source: Source, part: str | None = None) -> Markup:
    """One line naming a source, linked when it has a URL (escaped throughout).

    `part` names where in the source (a policy section's trail), before the source's own notes.
    """
    parts = [escape_markdown(source.title)]
    if source.publisher:
        parts[0] += f"（{escape_markdown(source.publisher)}）"
    if source.published:
        parts.append(date_label(source.published.year, source.published.month, source.published.day))
    if part:
        parts.append(escape_markdown(part))
    if source.section:
        parts.append(escape_markdown(source.section))
    if source.note:
        parts.append(escape_markdown(source.note))
    text = "、".join(parts)
    if source.needs_check:
        text += "【要確認】"
    if source.url:
        # Our own <a>: an autolink (<url>) inside raw HTML would become a tag.
        href = html.escape(source.url, quote=True)
        text += f' <a href="{href}">{escape_markdown(source.url)}</a>'
    return Markup(text)


def size_label(data: bytes) -> str:
    return f"{len(data):,}バイト" if len(data) < 1024 else f"{len(data) / 1024:,.1f}KB"


def page_link(from_page: str, to_page: str, text: str) -> str:
    """A finished `<a>` from one generated page to another (.md paths), with the relative URL MkDocs makes of a
    Markdown link (directory URLs: kpis/index.md → kpi-1/, reviews/2023.md → ../../kpis/kpi-1/); for HTML that
    MkDocs does not read (render/html_table.py). `text` is escaped already."""
    href = _relative_path(page_url(to_page) or ".", page_url(from_page).rstrip("/") or ".")
    return f'<a href="{html.escape(href + "/", quote=True)}">{text}</a>'


def relative_link(from_page: str, to_page: str) -> Markup:
    """A Markdown link target from one generated page to another (MkDocs checks it)."""
    target, _, anchor = to_page.partition("#")
    path = _relative_path(target, posixpath.dirname(from_page) or ".")
    return Markup(path + (f"#{anchor}" if anchor else ""))


@functools.lru_cache(maxsize=4096)
def _relative_path(target: str, start: str) -> str:
    """posixpath.relpath, kept: it asks the operating system for the working folder at every call, and the pages
    make thousands of links between the same few folders (the preview regenerates them at every save)."""
    return posixpath.relpath(target, start)


def kpi_name(kpi: Kpi, from_page: str, glossary: Glossary) -> Markup:
    """The KPI name, escaped, with each ※ linked to its term in 用語解説 (in order)."""
    terms = {t.id: t for t in glossary.terms}
    parts = kpi.name.split("※")
    out = escape_markdown(parts[0])
    for index, part in enumerate(parts[1:]):
        term_id = kpi.glossary[index] if index < len(kpi.glossary) else None
        if term_id in terms:
            link = relative_link(from_page, f"glossary.md#{term_id}")
            out += f'[※]({link} "用語解説: {escape_markdown(terms[term_id].term)}")'
        else:
            out += "※"
        out += escape_markdown(part)
    return Markup(out)
