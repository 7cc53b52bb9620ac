"""The whole plan as one printable HTML document: the site stage turns it into the PDF the site offers
for download (site/pdf.py). Nothing here writes or prints a file.

表紙 (the plan's name, period and city, all from the data), 目次, 策定方針, 総合戦略 (goals, measures and their
KPI tables), 人口ビジョン (the static SVG charts the pages show) and the latest 効果検証. Print CSS does the
paging (templates/print/document.css): @page A4, running headers, page numbers, and the 目次's page numbers by
target-counter(). The same data, helpers and escaping as the pages (render/environment.py): every value is
escaped into HTML entities, and samples carry the pages' badge.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from generator.charts.model import Chart
from generator.charts.svg import WIDTH, render_svg
from generator.compute.computed import Computed
from generator.compute.updated import last_updated
from generator.model.policy import walk_sections
from generator.model.project import Project
from generator.render.environment import make_environment
from generator.render.figures import charts, pyramid_years
from generator.render.glance import updated_label
from generator.render.kpi_text import SAMPLE_BADGE
from generator.render.materials import file_label
from generator.render.opinions import by_occasion, review_opinions
from generator.render.pages import document_text, section_index
from generator.render.review_rows import frozen_notice, shown_rows
from generator.text.eras import fiscal_year_label

PRINT_PDF = "assets/print/plan.pdf"  # where the PDF is published in the site (site/build.py writes it)
TEMPLATE = "print/document.html.j2"

# The light scheme's chart colours of docs/assets/stylesheets/extra.css (a test keeps them equal): a PDF viewer
# resolves no CSS variable inside an SVG, so the static charts get the colours themselves.
PRINT_COLOURS = {
    "--chart-1": "#0072B2",
    "--chart-2": "#B04A00",
    "--chart-3": "#007A5E",
    "--chart-4": "#A23E7C",
    "--chart-5": "#7A5C00",
    "--chart-6": "#3D5A98",
    "--chart-on": "#ffffff",
    "--md-default-bg-color": "#ffffff",
}
PRINT_FONT = "Noto Sans CJK JP"  # Debian fonts-noto-cjk (scripts/install-pdf.sh); the site stage checks it is there
_VARIABLE_RE = re.compile(r"var\((--[\w-]+)(?:,\s*([^)]*))?\)")
_TEXT_OPACITY_RE = re.compile(r"(<text\b[^>]*?) opacity=")
_STYLE_RE = re.compile(r'<[a-z]+\b[^>]*\sstyle="(fill|stroke):([^";]*)"[^>]*>')


@dataclass(frozen=True)
class PrintDownload:
    """The PDF as the pages link it: its place in the site and its size in bytes (known once it is made)."""

    path: str
    size: int

    @property
    def label(self) -> str:
        """「PDF 1.2MB」, as materials are labelled."""
        return file_label(self.path, self.size)


@dataclass(frozen=True)
class Part:
    """An entry of the 目次: the heading's anchor, its words and its level (1 = chapter)."""

    anchor: str
    title: str
    level: int = 1


def print_colours(svg: str) -> str:
    """The SVG with every CSS variable replaced by its print colour (or the fallback the SVG names)."""
    def colour(match: re.Match) -> str:
        name, fallback = match.group(1), match.group(2)
        if name in PRINT_COLOURS:
            return PRINT_COLOURS[name]
        if fallback:
            return fallback.strip()
        raise ValueError(f"no print colour for {name}")
    return _VARIABLE_RE.sub(colour, svg)


def _presentation(match: re.Match) -> str:
    """style="fill:X" as the attribute fill="X" (unless the element has one): WeasyPrint's HTML side would warn
    about every SVG style as an unknown CSS property."""
    tag, name, value = match.group(0), match.group(1), match.group(2)
    if re.search(rf'\s{name}="', tag):
        return tag
    return tag.replace(f' style="{name}:{value}"', f' {name}="{value}"')


def for_print(svg: str) -> str:
    """A static chart as the PDF renderer draws it right: colours instead of CSS variables (as attributes), the
    document's font (an SVG does not inherit it), and faint text by fill-opacity (WeasyPrint clips centred text
    drawn with opacity)."""
    svg = re.sub(r"<svg\b", f'<svg font-family="{PRINT_FONT}"', print_colours(svg), count=1)
    svg = _STYLE_RE.sub(_presentation, svg)
    return _TEXT_OPACITY_RE.sub(r"\1 fill-opacity=", svg)


def print_svg(chart: Chart) -> Markup:
    """The wide static image of a chart (the one the pages print), for the PDF; ids kept apart from the pages'."""
    svg = render_svg(chart.shown_figure, title=chart.title, description=chart.shown_summary, chart_id=f"print-{chart.id}", width=WIDTH)
    return Markup(for_print(svg))


def latest_review(computed: Computed) -> int | None:
    """The newest reviewed fiscal year (the one the document prints), None before the first actual."""
    return max(computed.reviews, default=None)


def contents(project: Project, computed: Computed) -> list[Part]:
    """The 目次: chapters of the parts the project has, with the goals and the population vision's parts below."""
    parts: list[Part] = []
    if project.policy is not None:
        parts.append(Part("policy", project.policy.title))
    parts.append(Part("strategy", project.strategy.name))
    if computed.overall:
        parts.append(Part("overall", "戦略全体の目標", 2))
    parts += [Part(f"strategy-{goal.id}", f"{goal.label} {goal.title}", 2) for goal in project.strategy.goals]
    if project.vision is not None:
        parts.append(Part("population", project.vision.name))
        parts += [Part("population-current", "人口の現状分析", 2), Part("population-projection", "人口の将来推計", 2),
                  Part("population-outlook", "人口の将来展望", 2)]
    year = latest_review(computed)
    if year is not None:
        parts.append(Part("review", f"{fiscal_year_label(year)}の効果検証"))
    return parts


def document_date(project: Project) -> str | None:
    """The document's date for its metadata: the data's 最終更新日 (never the build's clock), W3C form."""
    day = last_updated(project)
    return day.isoformat() if day is not None else None


def print_context(project: Project, computed: Computed, all_charts: dict[str, Chart]) -> dict[str, object]:
    """What the document's template reads: the data, the helpers the pages use, the 目次 and the latest review."""
    sections = section_index(project)
    year = latest_review(computed)
    return {
        "site": project.site, "policy": project.policy, "strategy_data": project.strategy,
        "national": project.national_framework, "national_goals": {g.id: g for g in project.national_framework.goals},
        "vision": project.vision, "computed": computed, "charts": all_charts, "kpis": project.kpis,
        "sections": sections, "document_text": functools.partial(document_text, sections),
        "pyramid_years": pyramid_years(project) if project.vision else [],
        "decline_stages": computed.decline_stages,
        "policy_shows_plan_periods": project.policy is not None and any(
            section.figure == "plan_periods" for _, section in walk_sections(project.policy.sections)),
        "contents": contents(project, computed),
        "review_year": year,
        "review_rows": shown_rows(project, computed, year) if year is not None else [],
        "review_record": project.review_snapshots.get(year) if year is not None else None,
        "review_given": by_occasion(review_opinions(project, year, tuple(computed.reviews))) if year is not None else [],
        "frozen_notice": frozen_notice,
        "print_svg": print_svg,
        "print_font": PRINT_FONT,
        "document_date": document_date(project),
        "updated_text": updated_label(project),  # 最終更新日 as every page of the site shows it
        "sample_badge_text": str(SAMPLE_BADGE),
    }


def print_html(project: Project, computed: Computed, cache_dir: Path | None = None) -> str:
    """The whole document as one HTML string with its print CSS (no external resource: nothing is fetched)."""
    env = make_environment(cache_dir)
    return env.get_template(TEMPLATE).render(print_context(project, computed, charts(project, computed)))
