"""Render validated data into Markdown pages, figure files and assets (in memory).

Every `{{ value }}` in a template is escaped by `finalize`, so text from YAML
can never become Markdown, HTML or template code; pre-rendered pieces opt out
explicitly by being `Markup`.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import eras
from .charts import figure_json
from .charts.model import Chart
from .charts.svg import render_svg
from .charts.timeline import plan_period_chart
from .checks import walk_sections
from .models import PolicySection, Source
from .project import Project
from .text import escape_markdown, join_lines, table_cell

FIGURE_DIR = "assets/figures"
DATA_DIR = "assets/data"


def _finalize(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(escape_markdown(value))


def make_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        # autoescape makes macro output Markup (not escaped twice); the actual
        # escaping, for Markdown rather than HTML, is done by _finalize.
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = lambda value: Markup(table_cell(value))
    env.filters["fy"] = eras.fiscal_year_label
    env.filters["link"] = lambda value: Markup(str(value).replace(" ", "%20").replace(")", "%29"))
    env.filters["year"] = eras.year_label
    env.filters["fy_range"] = eras.fiscal_year_range_label
    env.filters["raw_attr"] = lambda value: Markup(str(value).replace('"', "&quot;"))
    env.globals["source_text"] = source_text
    env.globals["chart_svg"] = chart_svg
    env.globals["size_label"] = size_label
    env.filters["yaml_str"] = lambda value: Markup(json.dumps(join_lines(str(value)), ensure_ascii=False))
    env.filters["date"] = lambda d: date_label(d.year, d.month, d.day)
    return env


def date_label(year: int, month: int, day: int) -> str:
    """令和元(2019)年12月20日."""
    return f"{eras.year_label(year, month, day)}{month}月{day}日"


def url_depth(path: str) -> int:
    """How many folders deep a page's URL is (MkDocs directory URLs)."""
    parts = path.removesuffix(".md").split("/")
    if parts[-1] == "index":
        parts = parts[:-1]
    return len(parts)


def source_text(source: Source) -> Markup:
    """One line naming a source, linked when it has a URL (escaped throughout)."""
    parts = [escape_markdown(source.title)]
    if source.publisher:
        parts[0] += f"（{escape_markdown(source.publisher)}）"
    if source.published:
        parts.append(date_label(source.published.year, source.published.month, source.published.day))
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


@dataclass(frozen=True)
class Page:
    path: str  # inside docs_dir, e.g. strategy/policy.md
    template: str


PAGES = (
    Page("index.md", "home.md.j2"),
    Page("strategy/index.md", "strategy.md.j2"),
    Page("strategy/policy.md", "policy.md.j2"),
)


def section_index(project: Project) -> dict[str, tuple[PolicySection, int]]:
    """Policy sections by id, with their heading depth (1 = chapter)."""
    found = {}
    for path, section in walk_sections(project.policy.sections):
        if section.id:
            found[section.id] = (section, path.count("sections"))
    return found


def charts(project: Project) -> dict[str, Chart]:
    """Every chart of the site, by id."""
    found = [plan_period_chart(project.plan_periods)]
    return {chart.id: chart for chart in found}


def chart_files(all_charts: dict[str, Chart]) -> dict[str, str | bytes]:
    """Figure JSON (for Plotly) and CSV (for readers) of every chart."""
    files: dict[str, str | bytes] = {}
    for chart in all_charts.values():
        files[f"{FIGURE_DIR}/{chart.id}.json"] = figure_json(chart.figure) + "\n"
        files[f"{DATA_DIR}/{chart.id}.csv"] = chart.table.to_csv()
    return files


def chart_svg(chart: Chart) -> Markup:
    return Markup(render_svg(chart.figure, title=chart.title, description=chart.summary, chart_id=chart.id))


def size_label(data: bytes) -> str:
    return f"{len(data):,}バイト" if len(data) < 1024 else f"{len(data) / 1024:,.1f}KB"


def render_pages(project: Project, all_charts: dict[str, Chart]) -> dict[str, str]:
    env = make_environment()
    context = {
        "charts": all_charts,
        "project": project,
        "site": project.site,
        "policy": project.policy,
        "schedule": project.plan_periods,
        "national": project.national_framework,
        "sections": section_index(project),
    }
    output = {}
    for page in PAGES:
        depth = url_depth(page.path)
        context["root"] = "../" * depth  # relative links keep sub-path hosting working
        output[page.path] = env.get_template(page.template).render(context)
    return output


def render_all(project: Project) -> dict[str, str | bytes]:
    """Everything generated for docs_dir, keyed by relative path."""
    all_charts = charts(project)
    files: dict[str, str | bytes] = {}
    files.update(render_pages(project, all_charts))
    files.update(chart_files(all_charts))
    return files
