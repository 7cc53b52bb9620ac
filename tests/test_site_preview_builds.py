"""The preview's builds (site/preview_builds.py): after an edit, a dirty build that rebuilds only the pages whose
Markdown changed must leave the same site as a full build of the same Markdown; a change of what every page shows
(the settings: the site's name, the menu) must rebuild every page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.structure.files import Files

from generator.site.build import generate
from generator.site.engine import preview_config
from generator.site.preview_builds import PreviewBuilds, cached_theme_files

KPI = "kpis/kpi-1-employees.yml"


def preview_build(root: Path, site: Path, builds: PreviewBuilds) -> None:
    builds.build(preview_config(str(root / "mkdocs.yml"), site_dir=str(site)))
    if builds.indexing is not None:
        builds.indexing.join()  # the search entries made after the build


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def modified(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("*.html")}


def search_docs(files: dict[str, bytes]) -> list[tuple[str, str, str]]:
    docs = json.loads(files.pop("search/search_index.json"))["docs"]  # in another order after a dirty build
    return sorted((doc["location"], doc["title"], doc["text"]) for doc in docs)


def edit_value(root: Path) -> str:
    path = root / KPI
    path.write_text(path.read_text(encoding="utf-8").replace("value: 41200", "value: 41234"), encoding="utf-8")
    return "41,234人"


def edit_site_name(root: Path) -> str:
    path = root / "strategy/site.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("site_title: 朝霞市", "site_title: 試験用の朝霞市"), encoding="utf-8")
    return "試験用の朝霞市"


def add_kpi(root: Path) -> str:
    source = (root / "kpis/kpi-x2-online.yml").read_text(encoding="utf-8")
    (root / "kpis/kpi-x2-new.yml").write_text(source.replace("id: kpi-x2-online", "id: kpi-x2-new")
                                              .replace("name: （サンプル）", "name: （サンプル）新しい指標　"), encoding="utf-8")
    return "新しい指標"


def edit_theme(root: Path) -> str:
    path = root / "overrides/main.html"
    path.write_text(path.read_text(encoding="utf-8").replace("{% block extrahead %}", '{% block extrahead %}<meta name="x-test" content="試験">', 1),
                    encoding="utf-8")
    return 'content="試験"'


@pytest.fixture
def builds(project_copy: Path, monkeypatch) -> PreviewBuilds:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    builds = PreviewBuilds(str(project_copy / "mkdocs.yml"))
    monkeypatch.setattr(Files, "add_files_from_theme", cached_theme_files(builds))  # as the preview's process does
    return builds


@pytest.mark.parametrize(("edit", "rebuilt"), [
    (edit_value, {"kpis/index.html", "kpis/kpi-1-employees/index.html", "strategy/goals/goal-1/index.html"}),
    (edit_site_name, None),  # None: every page
    (add_kpi, None),  # a new page: the set of pages changed
    (edit_theme, None),  # the theme's overrides
], ids=["one value: its pages only", "the site's name: every page", "a new KPI: every page", "the theme: every page"])
def test_a_rebuild_after_an_edit_equals_a_full_build(project_copy: Path, tmp_path: Path, builds: PreviewBuilds, edit, rebuilt):
    """Also the pages not rebuilt (their titles in the rebuilt pages' menus), the 404 page, the sitemap and the search
    index, whose entries for the rebuilt pages are made after the build."""
    site = tmp_path / "preview"
    generate(project_copy)
    preview_build(project_copy, site, builds)
    before = modified(site)
    shown = edit(project_copy)
    assert generate(project_copy).report.ok
    preview_build(project_copy, site, builds)

    changed = {page for page, when in modified(site).items() if before.get(page) != when}
    if rebuilt is None:
        assert set(before) <= changed
    else:
        assert rebuilt <= changed and "strategy/policy/index.html" not in changed and len(changed) < len(before) / 2
    for page in rebuilt or ("kpis/index.html",):
        assert shown in (site / page).read_text(encoding="utf-8")

    fresh = tmp_path / "fresh"
    preview_build(project_copy, fresh, PreviewBuilds(str(project_copy / "mkdocs.yml")))
    after, expected = files_of(site), files_of(fresh)
    docs = search_docs(after)
    assert docs == search_docs(expected)
    assert after.keys() == expected.keys()
    assert [name for name in after if after[name] != expected[name]] == []


def test_a_page_rewritten_while_the_last_build_read_it_is_rebuilt(project_copy: Path, tmp_path: Path, builds: PreviewBuilds):
    """MkDocs' dirty build compares modification times; a Markdown file written while a build was running is older
    than that build's page, and would be missed."""
    import os

    site = tmp_path / "preview"
    generate(project_copy)
    preview_build(project_copy, site, builds)
    shown = edit_value(project_copy)
    written = generate(project_copy).written
    for name in written:
        os.utime(project_copy / "build/docs" / name, ns=(10**18, 10**18))  # older than every page built above
    preview_build(project_copy, site, builds)
    assert "kpis/index.md" in written and shown in (site / "kpis/index.html").read_text(encoding="utf-8")
