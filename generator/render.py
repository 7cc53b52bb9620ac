"""Render validated data into Markdown pages, figure files and assets (in memory).

Every `{{ value }}` in a template is escaped by `finalize`, so text from YAML
can never become Markdown, HTML or template code; pre-rendered pieces opt out
explicitly by being `Markup`.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import eras
from .charts import figure_json
from .charts.model import Chart
from .charts.svg import NARROW_WIDTH, WIDTH, render_svg
from .charts.kpi import kpi_chart, year_text
from .charts.model import format_number
from .charts.review import review_chart
from .charts.timeline import plan_period_chart
from .charts import population as population_charts
from .compute import Computed, compute_project, goal_label
from .population.projection import decline_stage
from .downloads import evaluation_table, to_xlsx
from .reference import field_reference
from .strategy_models import Glossary, Kpi
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


def make_environment(cache_dir: Path | None = None) -> Environment:
    """The Jinja environment; with `cache_dir`, compiled templates are reused across builds."""
    bytecode_cache = None
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        bytecode_cache = FileSystemBytecodeCache(str(cache_dir))
    env = Environment(
        bytecode_cache=bytecode_cache,
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
    env.globals["goal_label"] = goal_label
    env.globals["year_text"] = year_text
    env.globals["format_number"] = format_number
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
    context: tuple[tuple[str, object], ...] = ()  # what this page is about (a goal, a KPI, a year)


def pages(project: Project, computed: Computed) -> list[Page]:
    """Every page of the site: fixed ones, then one per goal, KPI and reviewed year."""
    found = [
        Page("index.md", "home.md.j2"),
        Page("strategy/index.md", "strategy.md.j2"),
        Page("strategy/policy.md", "policy.md.j2"),
        Page("strategy/framework.md", "framework.md.j2"),
        Page("kpis/index.md", "dashboard.md.j2"),
        Page("reviews/index.md", "reviews.md.j2"),
        Page("glossary.md", "glossary.md.j2"),
        Page("population/index.md", "population.md.j2"),
        Page("population/current.md", "population_current.md.j2"),
        Page("population/projection.md", "population_projection.md.j2"),
        Page("population/outlook.md", "population_outlook.md.j2"),
        Page("reference/fields.md", "fields.md.j2"),
    ]
    found += [Page(f"strategy/goals/{goal.id}.md", "goal.md.j2", (("goal", goal),)) for goal in project.strategy.goals]
    found += [Page(f"kpis/{kpi.id}.md", "kpi.md.j2", (("kpi", kpi),)) for kpi in project.kpis.values()]
    found += [Page(f"reviews/{fy}.md", "review.md.j2", (("fiscal_year", fy),)) for fy in computed.reviews]
    return found


def section_index(project: Project) -> dict[str, tuple[PolicySection, int]]:
    """Policy sections by id, with their heading depth (1 = chapter)."""
    found = {}
    for path, section in walk_sections(project.policy.sections):
        if section.id:
            found[section.id] = (section, path.count("sections"))
    return found


def charts(project: Project, computed: Computed) -> dict[str, Chart]:
    """Every chart of the site, by id."""
    found = [plan_period_chart(project.plan_periods)]
    found += [kpi_chart(kpi, computed.latest[kpi.id]) for kpi in project.kpis.values()]
    latest_update = max([k.updated for k in project.kpis.values()], default=project.plan_periods.updated)
    found += [review_chart(fy, project.strategy, computed.kpis_by_goal, progress, latest_update)
              for fy, progress in computed.reviews.items()]
    found += population_chart_list(project, computed)
    return {chart.id: chart for chart in found}


PYRAMID_YEARS = (2040,)  # besides the base and horizon years


def pyramid_years(project: Project) -> list[int]:
    vision = project.vision
    return sorted({vision.base_year, *(y for y in PYRAMID_YEARS if vision.base_year < y < vision.horizon_year), vision.horizon_year})


def population_sample(project: Project) -> bool:
    """Projections are samples while any input of them is."""
    vision = project.vision
    return (any(r.status == "sample" for r in project.base_population + project.assumptions)
            or any(f.sample for f in vision.fertility) or any(s.sample for s in vision.scenarios))


def population_chart_list(project: Project, computed: Computed) -> list[Chart]:
    vision, results = project.vision, computed.population
    updated, sample = vision.updated, population_sample(project)
    baseline = results[vision.scenarios[0].id]
    target = results[vision.target_scenario]
    found = [
        population_charts.history_chart(project.census, baseline, updated, sample),
        population_charts.age_structure_chart(baseline, updated, sample),
        population_charts.vital_chart(project.vital, updated),
        population_charts.migration_chart(project.vital, updated),
        population_charts.natural_social_chart(project.vital, updated),
        population_charts.tfr_chart(project.tfr, updated),
        population_charts.scenario_chart(results, updated, sample),
        population_charts.target_chart(baseline, target, updated, sample or target.scenario.sample),
    ]
    found += [population_charts.pyramid_chart(baseline.populations[year], year,
                                              baseline.scenario.name, updated, sample, f"population-pyramid-{year}")
              for year in pyramid_years(project)]
    found += [population_charts.pyramid_chart(target.populations[year], year, target.scenario.name, updated, sample or target.scenario.sample,
                                              f"population-target-pyramid-{year}")
              for year in pyramid_years(project) if year > vision.base_year]
    return found


def decline_stages(project: Project, computed: Computed) -> list[tuple[str, list[tuple[int, int, float]]]]:
    """Per scenario: (year, stage, 65+ index against the base year) for each step after the base."""
    vision = project.vision
    rows = []
    for result in computed.population.values():
        base = result.populations[vision.base_year]
        steps = []
        for year, population in sorted(result.populations.items()):
            if year == vision.base_year:
                continue
            elderly = population.count(65) / base.count(65) * 100 if base.count(65) else 0.0
            steps.append((year, decline_stage(base, population), elderly))
        rows.append((result.scenario.name, steps))
    return rows


def chart_files(all_charts: dict[str, Chart]) -> dict[str, str | bytes]:
    """Figure JSON (for Plotly) and CSV (for readers) of every chart."""
    files: dict[str, str | bytes] = {}
    for chart in all_charts.values():
        files[f"{FIGURE_DIR}/{chart.id}.json"] = figure_json(chart.figure) + "\n"
        files[f"{DATA_DIR}/{chart.id}.csv"] = chart.table.to_csv()
    return files


def review_files(project: Project, computed: Computed) -> dict[str, bytes]:
    """The KPI evaluation of each reviewed year as CSV and XLSX."""
    files: dict[str, bytes] = {}
    stamp = max([k.updated for k in project.kpis.values()], default=project.plan_periods.updated)
    for fy, progress in computed.reviews.items():
        table = evaluation_table(project.strategy, computed.kpis_by_goal, progress)
        files[f"{DATA_DIR}/review-{fy}.csv"] = table.to_csv()
        files[f"{DATA_DIR}/review-{fy}.xlsx"] = to_xlsx(table, f"{fy}年度 効果検証", stamp)
    return files


def chart_svg(chart: Chart) -> Markup:
    """Two static images: CSS shows the narrow one on phones, the wide one elsewhere and in print."""
    return Markup("".join(
        render_svg(chart.figure, title=chart.title, description=chart.shown_summary, chart_id=chart.id, width=width)
        for width in (WIDTH, NARROW_WIDTH)
    ))


def size_label(data: bytes) -> str:
    return f"{len(data):,}バイト" if len(data) < 1024 else f"{len(data) / 1024:,.1f}KB"


def relative_link(from_page: str, to_page: str) -> Markup:
    """A Markdown link target from one generated page to another (MkDocs checks it)."""
    target, _, anchor = to_page.partition("#")
    path = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    return Markup(path + (f"#{anchor}" if anchor else ""))


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


def render_pages(project: Project, computed: Computed, all_charts: dict[str, Chart], cache_dir: Path | None = None) -> dict[str, str]:
    env = make_environment(cache_dir)
    base = {
        "charts": all_charts,
        "project": project,
        "site": project.site,
        "policy": project.policy,
        "schedule": project.plan_periods,
        "national": project.national_framework,
        "sections": section_index(project),
        "strategy_data": project.strategy,
        "computed": computed,
        "kpis": project.kpis,
        "glossary": project.glossary,
        "national_goals": {g.id: g for g in project.national_framework.goals},
        "goals": {g.id: g for g in project.strategy.goals},
        "field_reference": field_reference(),
        "vision": project.vision,
        "pyramid_years": pyramid_years(project),
        "decline_stages": decline_stages(project, computed),
        "population_sample": population_sample(project),
    }
    output = {}
    for page in pages(project, computed):
        context = dict(base, **dict(page.context))
        context["root"] = "../" * url_depth(page.path)  # relative links keep sub-path hosting working
        context["page_path"] = page.path
        context["link"] = functools.partial(relative_link, page.path)
        context["kpi_name"] = functools.partial(kpi_name, from_page=page.path, glossary=project.glossary)
        output[page.path] = env.get_template(page.template).render(context)
    return output


def render_all(project: Project, cache_dir: Path | None = None) -> dict[str, str | bytes]:
    """Everything generated for docs_dir, keyed by relative path."""
    computed = compute_project(project)
    all_charts = charts(project, computed)
    files: dict[str, str | bytes] = {}
    files.update(render_pages(project, computed, all_charts, cache_dir))
    files.update(chart_files(all_charts))
    files.update(review_files(project, computed))
    return files
