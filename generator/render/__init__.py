"""Stage 4, render: Markdown pages, figure files and downloads, in memory (nothing is written here)."""

from __future__ import annotations

from pathlib import Path

from generator.compute.computed import Computed
from generator.model.project import Project
from generator.render.downloads import review_files
from generator.render.figures import chart_files, charts
from generator.render.news import news_files
from generator.render.pages import render_pages


def render_all(project: Project, computed: Computed, cache_dir: Path | None = None, *, site_url: str) -> dict[str, str | bytes]:
    """Everything generated for docs_dir, keyed by relative path; `site_url` (the published address of this build,
    ending in "/") is passed in by the site stage for what needs absolute links (the feed)."""
    all_charts = charts(project, computed)
    files: dict[str, str | bytes] = {}
    files.update(render_pages(project, computed, all_charts, cache_dir))
    files.update(chart_files(all_charts))
    files.update(review_files(project, computed))
    files.update(news_files(project, site_url))
    return files
