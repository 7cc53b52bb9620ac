"""The page registry and page rendering: every page of the site, rendered from its template.

Pages are Markdown with relative links (sub-path hosting keeps working); each
page's context is the whole project plus what the page is about.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.charts.model import Chart
from generator.compute.computed import Computed
from generator.model.policy import PolicySection, walk_sections
from generator.model.project import Project
from generator.render.environment import make_environment
from generator.render.figures import pyramid_years
from generator.render.links import kpi_name, relative_link, url_depth
from generator.render.reference import field_reference


@dataclass(frozen=True)
class Page:
    path: str  # inside docs_dir, e.g. strategy/policy.md
    template: str
    context: tuple[tuple[str, object], ...] = ()  # what this page is about (a goal, a KPI, a year)


Items = Callable[[Project, Computed], Iterable[tuple[str, str, object]]]  # (path part, context name, item)


@dataclass(frozen=True)
class PageSpec:
    """A page of the site (or one page per item, when `items` is set) and its place in the menu.

    `menu` is (section, title): section None for a top-level entry, title None
    for the section's own index page; None keeps the page out of the menu (it
    is reached from its index page). `path` may hold "{item}" for per-item pages.
    """

    path: str
    template: str
    menu: tuple[str | None, str | None] | None = None
    items: Items | None = None


def _goals(project: Project, computed: Computed) -> Iterable[tuple[str, str, object]]:
    return ((goal.id, "goal", goal) for goal in project.strategy.goals)


def _kpis(project: Project, computed: Computed) -> Iterable[tuple[str, str, object]]:
    return ((kpi.id, "kpi", kpi) for kpi in project.kpis.values())


def _reviewed_years(project: Project, computed: Computed) -> Iterable[tuple[str, str, object]]:
    return ((str(fy), "fiscal_year", fy) for fy in computed.reviews)


# Every page of the site, in menu order: adding a page is one line here plus its template.
SITE_PAGES: tuple[PageSpec, ...] = (
    PageSpec("index.md", "home.md.j2", (None, "ホーム")),
    PageSpec("strategy/index.md", "strategy.md.j2", ("総合戦略", None)),
    PageSpec("strategy/framework.md", "framework.md.j2", ("総合戦略", "施策体系")),
    PageSpec("strategy/policy.md", "policy.md.j2", ("総合戦略", "策定方針")),
    PageSpec("strategy/goals/{item}.md", "goal.md.j2", items=_goals),
    PageSpec("population/index.md", "population.md.j2", ("人口ビジョン", None)),
    PageSpec("population/current.md", "population_current.md.j2", ("人口ビジョン", "現状分析")),
    PageSpec("population/projection.md", "population_projection.md.j2", ("人口ビジョン", "将来推計")),
    PageSpec("population/outlook.md", "population_outlook.md.j2", ("人口ビジョン", "将来展望")),
    PageSpec("kpis/index.md", "dashboard.md.j2", ("指標と評価", None)),
    PageSpec("kpis/{item}.md", "kpi.md.j2", items=_kpis),
    PageSpec("reviews/index.md", "reviews.md.j2", ("指標と評価", "効果検証")),
    PageSpec("reviews/{item}.md", "review.md.j2", items=_reviewed_years),
    PageSpec("glossary.md", "glossary.md.j2", (None, "用語解説")),
    PageSpec("reference/fields.md", "fields.md.j2", ("担当者向け", "データ項目の説明")),
)


def pages(project: Project, computed: Computed, specs: tuple[PageSpec, ...] = SITE_PAGES) -> list[Page]:
    """Every page of the site: one per fixed spec, one per item of the others."""
    found = []
    for spec in specs:
        if spec.items is None:
            found.append(Page(spec.path, spec.template))
            continue
        for part, name, item in spec.items(project, computed):
            found.append(Page(spec.path.format(item=part), spec.template, ((name, item),)))
    return found


def menu(specs: tuple[PageSpec, ...] = SITE_PAGES) -> list[str | dict]:
    """The site menu in MkDocs' nav form, from the page registry."""
    nav: list[str | dict] = []
    sections: dict[str, list] = {}
    for spec in specs:
        if spec.menu is None:
            continue
        section, title = spec.menu
        entry: str | dict = spec.path if title is None else {title: spec.path}
        if section is None:
            nav.append(entry)
            continue
        if section not in sections:
            sections[section] = []
            nav.append({section: sections[section]})
        sections[section].append(entry)
    return nav


def section_index(project: Project) -> dict[str, tuple[PolicySection, int]]:
    """Policy sections by id, with their heading depth (1 = chapter)."""
    found = {}
    for path, section in walk_sections(project.policy.sections):
        if section.id:
            found[section.id] = (section, path.count("sections"))
    return found


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
        "decline_stages": computed.decline_stages,
        "population_sample": computed.population_sample,
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
