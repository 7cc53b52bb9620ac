"""The chart fence keeps finished HTML intact in every Markdown context the pages use."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from support import REPO

CHART = ('<figure class="chart" id="chart-x">\n<p class="chart__summary">a &#42; b</p>\n</figure>\n'
         '<details class="chart__data">\n<summary>s</summary>\n<table><tr><th>h</th></tr></table>\n</details>')


def site_markdown(tmp_path: Path) -> markdown.Markdown:
    """Python-Markdown with the site's own extensions and their settings, as MkDocs loads them from mkdocs.yml."""
    (tmp_path / "docs").mkdir()
    config = load_config(str(REPO / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def fenced(indent: str) -> str:
    return "\n".join(indent + line if line else line for line in f"```chart\n{CHART}\n```".splitlines())


@pytest.mark.parametrize("context", ["top", "tab", "admonition", "list"])
def test_a_chart_is_the_same_html_in_every_context(context, tmp_path):
    body = {
        "top": fenced(""),
        "tab": '=== "2040"\n\n' + fenced("    "),
        "admonition": '!!! note "注"\n\n' + fenced("    "),
        "list": "- 項目\n\n" + fenced("    "),
    }[context]
    html = site_markdown(tmp_path).convert(body)
    assert CHART in html
    assert "<p><figure" not in html and "markdown=" not in html
