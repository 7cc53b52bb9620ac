"""A Markdown fence for HTML the generator has finished (charts, large tables: render/html_table.py), configured
in mkdocs.yml.

Inside content tabs, admonitions and lists, raw HTML blocks are not recognised
and Markdown-in-HTML does not run, so a chart written as HTML there came out
wrapped in <p> with a stray `markdown` attribute. A superfences custom fence is
stashed whole in every context; its content is the generator's own escaped HTML
(text from YAML can never open a fence: backticks are escaped).
"""

from __future__ import annotations


def finished_html(source: str, language: str, css_class: str, options: dict, md: object, **kwargs: object) -> str:
    """The fence's content, unchanged."""
    return source
