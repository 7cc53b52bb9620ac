"""The chart fence keeps finished HTML intact in every Markdown context the pages use."""

from __future__ import annotations

import markdown
import pytest
import yaml
from support import REPO

from generator.site.fences import finished_html

CHART = ('<figure class="chart" id="chart-x">\n<p class="chart__summary">a &#42; b</p>\n</figure>\n'
         '<details class="chart__data">\n<summary>s</summary>\n<table><tr><th>h</th></tr></table>\n</details>')


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the site's extensions, the chart fence as mkdocs.yml declares it."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nmarkdown_extensions:")[1].split("\nextra:")[0]
                       .replace("!!python/name:generator.site.fences.finished_html", "finished_html")
                       .replace("!!python/object/apply:pymdownx.slugs.slugify", ""), Loader=yaml.SafeLoader)
    extensions, configs = [], {}
    for entry in config:
        name = entry if isinstance(entry, str) else next(iter(entry))
        extensions.append(name)
        if isinstance(entry, dict):
            options = {k: v for k, v in entry[name].items() if k != "slugify"}
            for fence in options.get("custom_fences", []):
                assert fence["format"] == "finished_html"
                fence["format"] = finished_html
            configs[name] = options
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def fenced(indent: str) -> str:
    return "\n".join(indent + line if line else line for line in f"```chart\n{CHART}\n```".splitlines())


@pytest.mark.parametrize("context", ["top", "tab", "admonition", "list"])
def test_a_chart_is_the_same_html_in_every_context(context):
    body = {
        "top": fenced(""),
        "tab": '=== "2040"\n\n' + fenced("    "),
        "admonition": '!!! note "注"\n\n' + fenced("    "),
        "list": "- 項目\n\n" + fenced("    "),
    }[context]
    html = site_markdown().convert(body)
    assert CHART in html
    assert "<p><figure" not in html and "markdown=" not in html
