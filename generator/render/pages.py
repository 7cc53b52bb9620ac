"""The page registry and page rendering: every page of the site, rendered from its template.

Pages are Markdown with relative links (sub-path hosting keeps working); each
page's context is the whole project plus what the page is about.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.charts.model import Chart
from generator.compute.computed import Computed
from generator.model.policy import (
    NationalGoal,
    PolicySection,
    PublishedDocument,
    walk_sections,
)
from generator.model.project import Project
from generator.model.revisions import LATEST
from generator.render.changes import describe
from generator.render.environment import make_environment
from generator.render.figures import pyramid_years
from generator.render.glance import glance_helpers, site_extra
from generator.render.history import revision_history
from generator.render.links import kpi_name, page_url, relative_link, url_depth
from generator.render.materials import MaterialLinks
from generator.render.messages import message_groups
from generator.render.news import news_helpers
from generator.render.opendata import OpenData, site_open_data
from generator.render.opinions import by_occasion, opinions_about, review_opinions
from generator.render.organization import organization_block, policy_passages
from generator.render.process import by_fiscal_year, chronological, milestones
from generator.render.public_comments import page_helpers
from generator.render.reference import field_reference
from generator.render.review_rows import council_day, frozen_notice, shown_rows

if TYPE_CHECKING:  # print_document imports this module
    from generator.render.print_document import PrintDownload


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
    when: Callable[[Project], bool] | None = None  # the page exists only when this holds (optional parts)


def _goals(project: Project, computed: Computed) -> Iterable[tuple[str, str, object]]:
    return ((goal.id, "goal", goal) for goal in project.strategy.goals)


def _kpis(project: Project, computed: Computed) -> Iterable[tuple[str, str, object]]:
    return ((kpi.id, "kpi", kpi) for kpi in project.kpis.values())


def _has_policy(project: Project) -> bool:
    return project.policy is not None


def _has_vision(project: Project) -> bool:
    return project.vision is not None


def _has_glossary(project: Project) -> bool:
    return bool(project.glossary.terms)


def _has_periods(project: Project) -> bool:
    return bool(project.periods)


def _has_revisions(project: Project) -> bool:
    return project.revisions is not None


def _has_events(project: Project) -> bool:
    return bool(project.process.events)


def _has_organization(project: Project) -> bool:
    return project.organization is not None


def _has_council(project: Project) -> bool:
    return project.organization is not None and any(body.kind == "審議会" for body in project.organization.bodies)


def _has_public_comments(project: Project) -> bool:
    return bool(project.public_comments.rounds)


def _has_materials(project: Project) -> bool:
    return bool(project.materials.materials)


def _has_news(project: Project) -> bool:
    return bool(project.news.published(project.today))


def _periods(project: Project, computed: Computed) -> Iterable[tuple[str, str, object]]:
    return ((period.id, "period", period) for period in sorted(project.periods.values(), key=lambda p: p.start_fy))


def _reviewed_years(project: Project, computed: Computed) -> Iterable[tuple[str, str, object]]:
    return ((str(fy), "fiscal_year", fy) for fy in computed.reviews)


# Every page of the site, in menu order: adding a page is one line here plus its template.
SITE_PAGES: tuple[PageSpec, ...] = (
    PageSpec("index.md", "home.md.j2", (None, "ホーム")),
    PageSpec("strategy/index.md", "strategy.md.j2", ("総合戦略", None)),
    PageSpec("strategy/framework.md", "framework.md.j2", ("総合戦略", "施策体系")),
    PageSpec("strategy/policy.md", "policy.md.j2", ("総合戦略", "策定方針"), when=_has_policy),
    PageSpec("strategy/goals/{item}.md", "goal.md.j2", items=_goals),
    PageSpec("strategy/periods/index.md", "periods.md.j2", ("総合戦略", "これまでの計画期間"), when=_has_periods),
    PageSpec("strategy/periods/{item}.md", "period.md.j2", items=_periods),
    PageSpec("population/index.md", "population.md.j2", ("人口ビジョン", None), when=_has_vision),
    PageSpec("population/current.md", "population_current.md.j2", ("人口ビジョン", "現状分析"), when=_has_vision),
    PageSpec("population/projection.md", "population_projection.md.j2", ("人口ビジョン", "将来推計"), when=_has_vision),
    PageSpec("population/outlook.md", "population_outlook.md.j2", ("人口ビジョン", "将来展望"), when=_has_vision),
    PageSpec("kpis/index.md", "dashboard.md.j2", ("指標と評価", None)),
    PageSpec("kpis/{item}.md", "kpi.md.j2", items=_kpis),
    PageSpec("reviews/index.md", "reviews.md.j2", ("指標と評価", "効果検証")),
    PageSpec("reviews/{item}.md", "review.md.j2", items=_reviewed_years),
    PageSpec("process/index.md", "process.md.j2", ("策定と推進", None), when=_has_events),
    PageSpec("process/organization.md", "organization.md.j2", ("策定と推進", "推進体制"), when=_has_organization),
    PageSpec("process/council.md", "council.md.j2", ("策定と推進", "審議会"), when=_has_council),
    PageSpec("process/public-comments.md", "public_comments.md.j2", ("策定と推進", "パブリックコメント"), when=_has_public_comments),
    PageSpec("process/materials.md", "materials.md.j2", ("策定と推進", "資料"), when=_has_materials),
    PageSpec("news.md", "news.md.j2", (None, "お知らせ"), when=_has_news),
    PageSpec("glossary.md", "glossary.md.j2", (None, "用語解説"), when=_has_glossary),
    PageSpec("history.md", "history.md.j2", (None, "更新履歴"), when=_has_revisions),
    PageSpec("data.md", "data.md.j2", (None, "データ一覧")),
    PageSpec("reference/guide.md", "guide.md.j2", ("担当者向け", "データ更新の手引き")),
    PageSpec("reference/fields.md", "fields.md.j2", ("担当者向け", "データ項目の説明")),
    PageSpec("reference/messages.md", "messages.md.j2", ("担当者向け", "エラーの一覧")),
)


def shown(specs: tuple[PageSpec, ...], project: Project) -> tuple[PageSpec, ...]:
    """The specs of the pages this project has (optional parts left out)."""
    return tuple(spec for spec in specs if spec.when is None or spec.when(project))


def pages(project: Project, computed: Computed, specs: tuple[PageSpec, ...] = SITE_PAGES) -> list[Page]:
    """Every page of the site: one per fixed spec, one per item of the others."""
    found = []
    for spec in shown(specs, project):
        if spec.items is None:
            found.append(Page(spec.path, spec.template))
            continue
        for part, name, item in spec.items(project, computed):
            found.append(Page(spec.path.format(item=part), spec.template, ((name, item),)))
    return found


def menu(specs: tuple[PageSpec, ...]) -> list[str | dict]:
    """The site menu in MkDocs' nav form, from the page registry (pass `shown(...)` for one project)."""
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


def site_summary(project: Project) -> str:
    """One sentence on what the site publishes (home page and every page's meta description)."""
    names = "」と「".join(document.name for document in project.site.documents)
    return f"{project.site.city}の地方創生の計画「{names}」を、データに基づいて公開するサイトです。"


@dataclass(frozen=True)
class Release:
    """How a build is published: as a kept revision (its folder and the version menu) and/or as staging.

    A plain build (no Release) is a preview: no version menu, no banner.
    """

    revision: str | None = None  # the revision's id: the site lives in <site_url>/<id>/ beside the others
    staging: bool = False  # the 検証用 banner on every page: not the city's official publication


def engine_settings(project: Project, release: Release | None = None) -> dict:
    """What the engine's configuration takes from the data: the site's name, description and menu, and `extra`
    (merged into the configuration's): the feed and 最終更新日 of every page (render/glance.py `site_extra`).

    With a release also the release's `extra` and `site_path` (appended to site_url).
    """
    settings: dict = {"site_name": project.site.site_title, "site_description": site_summary(project),
                      "nav": menu(shown(SITE_PAGES, project))}
    extra: dict = site_extra(project)
    if release is not None:
        extra["staging"] = release.staging
    if release is not None and release.revision is not None:
        # Material's version menu reads ../versions.json; "latest" always names the newest revision,
        # so an older revision shows that a newer one exists.
        extra["version"] = {"provider": "mike", "default": LATEST}
        settings["site_path"] = release.revision
    if extra:
        settings["extra"] = extra
    return settings


def page_urls(project: Project, computed: Computed) -> frozenset[str]:
    """Every page's directory URL (reviews/2023/): what a link from the data may name (pipeline.validate checks it)."""
    return frozenset(page_url(page.path) for page in pages(project, computed))


def section_index(project: Project) -> dict[str, tuple[PolicySection, int, str]]:
    """Policy sections by id: the section, its heading depth (1 = chapter) and its trail of numbers and titles
    (「４ 基本的な考え方（４）成果指標と効果検証」); empty without a policy."""
    found: dict[str, tuple[PolicySection, int, str]] = {}
    if project.policy is None:
        return found
    trails: dict[tuple, str] = {}
    for path, section in walk_sections(project.policy.sections):
        parent = trails.get(path[:-2], "")
        trails[path] = f"{parent}{section.number}{' ' if not parent else ''}{section.title}"
        if section.id:
            found[section.id] = (section, path.count("sections"), trails[path])
    return found


def document_text(sections: dict, document: PublishedDocument) -> list[str]:
    """A document's description: the policy section it names, else its own paragraphs."""
    if document.described_in and document.described_in in sections:
        return list(sections[document.described_in][0].paragraphs)
    return list(document.description)


def goal_counts(goals: list[NationalGoal]) -> str:
    """「4つの基本目標と2つの横断的な目標」, in the order the kinds first appear."""
    counts = Counter(goal.kind for goal in goals)
    return "と".join(f"{count}つの{kind}" for kind, count in counts.items())


def process_context(project: Project) -> dict[str, object]:
    """What the process pages share: events in order and by year, bodies and materials by id."""
    return {
        "process_all": chronological(project.process, project.today),
        "process_by_year": by_fiscal_year(project.process, project.today),
        "process_milestones": milestones(project.process, project.today),
        "organization": project.organization,
        "organization_bodies": {b.id: b for b in project.organization.bodies} if project.organization else {},
        "materials_by_id": {m.id: m for m in project.materials.materials},
    }


def render_pages(project: Project, computed: Computed, all_charts: dict[str, Chart], cache_dir: Path | None = None,
                 print_download: PrintDownload | None = None, *, open_data: OpenData | None = None,
                 only: Callable[[str], bool] | None = None) -> dict[str, str]:
    """Every page's Markdown by path (with `only`, the pages whose path it accepts: the preview's generations)."""
    env = make_environment(cache_dir)
    env.globals["material_html"] = MaterialLinks.of(project)  # the material_link macro (_macros.md.j2)
    sections = section_index(project)
    site_pages = pages(project, computed)
    base = {
        "charts": all_charts,
        "print_download": print_download,  # the PDF of the whole plan, when this build made it (render/print_document.py)
        # Every dataset, its files and sizes, datapackage.json and the zip (データ一覧, a KPI's downloads; render/opendata.py).
        "open_data": open_data or site_open_data(project, computed, all_charts),
        "project": project,
        "site": project.site,
        "policy": project.policy,
        "schedule": project.plan_periods,
        "national": project.national_framework,
        "sections": sections,
        "section_trail": lambda section_id: sections[section_id][2],
        "document_text": functools.partial(document_text, sections),
        "goal_counts": goal_counts,
        "site_summary": site_summary(project),
        "strategy_data": project.strategy,
        "computed": computed,
        "kpis": project.kpis,
        "glossary": project.glossary,
        "national_goals": {g.id: g for g in project.national_framework.goals},
        "goals": {g.id: g for g in project.strategy.goals},
        "field_reference": field_reference(),
        "message_groups": message_groups(),  # エラーの一覧 (render/messages.py, from the message catalog)
        "vision": project.vision,
        "pyramid_years": pyramid_years(project) if project.vision else [],
        "decline_stages": computed.decline_stages,
        "population_sample": computed.population_sample,
        "review_rows": functools.partial(shown_rows, project, computed),  # a review's KPI rows (recorded when finalised)
        "frozen_notice": frozen_notice,
        "council_day": council_day,
        "history": revision_history(project),
        **process_context(project),
        "describe": describe,
        **page_helpers(project),  # パブリックコメント・資料 (render/public_comments.py)
        # 推進体制の図 and 審議会などの意見 (render/organization.py, render/opinions.py)
        "organization_chart": organization_block,
        "policy_passages": policy_passages,
        "opinions_about": opinions_about(project, computed.reviews),
        "review_opinions": functools.partial(review_opinions, project, review_years=tuple(computed.reviews)),
        "by_occasion": by_occasion,
        **news_helpers(project, [page.path for page in site_pages]),  # お知らせ (render/news.py)
        **glance_helpers(project, computed),  # 最終更新日, the front page's figures, the latest grades (render/glance.py)
    }
    output = {}
    for page in (page for page in site_pages if only is None or only(page.path)):
        context = dict(base, **dict(page.context))
        context["root"] = "../" * url_depth(page.path)  # relative links keep sub-path hosting working
        context["page_path"] = page.path
        context["link"] = functools.partial(relative_link, page.path)
        context["kpi_name"] = functools.partial(kpi_name, from_page=page.path, glossary=project.glossary)
        output[page.path] = env.get_template(page.template).render(context)
    return output
