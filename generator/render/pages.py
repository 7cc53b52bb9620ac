"""The page registry and page rendering: every page of the site, rendered from its template.

Pages are Markdown with relative links (sub-path hosting keeps working); each
page's context is the whole project plus what the page is about.
"""

from __future__ import annotations

import functools
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
