"""Stage 4, render: Markdown pages, figure files and downloads, in memory (nothing is written here)."""

from __future__ import annotations

from pathlib import Path

from generator.compute.computed import Computed
from generator.model.project import Project
from generator.render.figures import chart_files, charts
from generator.render.news import news_files
from generator.render.opendata import bundled, site_open_data
from generator.render.pages import render_pages
from generator.render.print_document import PrintDownload


def render_all(project: Project, computed: Computed, cache_dir: Path | None = None, *, site_url: str,
               print_download: PrintDownload | None = None, bundle: bool = True) -> dict[str, str | bytes]:
    """Everything generated for docs_dir, keyed by relative path; `site_url` (the published address of this build,
    ending in "/") is passed in by the site stage for what needs absolute links (the feed), and `print_download`
    when it has made the PDF of the whole plan (the pages then link it with its size). Without `bundle` (the
    preview's quick generation) the files `opendata.bundled` names are left out: `render_bundle` makes them."""
    all_charts = charts(project, computed)
    files: dict[str, str | bytes] = {}
    data = site_open_data(project, computed, all_charts, bundle)  # every download, datapackage.json and the zip of them
    files.update(render_pages(project, computed, all_charts, cache_dir, print_download, open_data=data,
                              only=None if bundle else lambda path: not bundled(path)))
    files.update(chart_files(all_charts))
    files.update(data.files)
    files.update(news_files(project, site_url))
    return files


def render_bundle(project: Project, computed: Computed, cache_dir: Path | None = None, *,
                  print_download: PrintDownload | None = None) -> dict[str, str | bytes]:
    """What `render_all` without `bundle` left out (the zip, datapackage.json, the XLSX files and the データ一覧 page),
    as `render_all` makes them."""
    all_charts = charts(project, computed)
    data = site_open_data(project, computed, all_charts)
    files: dict[str, str | bytes] = {path: content for path, content in data.files.items() if bundled(path)}
    files.update(render_pages(project, computed, all_charts, cache_dir, print_download, open_data=data, only=bundled))
    return files
