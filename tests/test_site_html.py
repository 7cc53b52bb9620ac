"""Every page of the built fixture sites is valid HTML (W3C Nu checker) and well structured:
one h1, no skipped heading level, a header row in every table, a title in every chart image."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support import REPO, copy_project

from generator.site.build import build

VNU = REPO / "tools/check/node_modules/vnu-jar/build/dist/vnu.jar"
CITY2 = REPO / "tests/fixtures/city2"

# Reports about Material for MkDocs' own templates, each with why it stays.
MATERIAL_REPORTS = {
    r"Attribute “autocomplete” is only allowed when the input type is": (
        "Material's hidden checkbox toggles (#__drawer, #__search) carry autocomplete=off so that Firefox does "
        "not restore an open drawer or search after back navigation; browsers accept it."),
    r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control": (
        "Material's table-of-contents title is a <label> for its hidden #__toc toggle (a CSS-only switch on phones)."),
}


@pytest.fixture(scope="module")
def city2_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("city2-html") / "project", data_from=CITY2)
    build(root)
    return root / "site"


def nu_errors(site: Path) -> list[dict]:
    """Every error the Nu checker reports for the site's pages."""
    java = shutil.which("java")
    assert java and VNU.is_file(), "the HTML check needs Java and tools/check (make test installs both)"
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html", str(site)],
                            capture_output=True, text=True, timeout=600)
    return json.loads(result.stderr)["messages"]


def our_errors(site: Path) -> list[str]:
    return [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in nu_errors(site)
            if not any(re.search(pattern, m["message"]) for pattern in MATERIAL_REPORTS)]


@pytest.mark.parametrize("which", ["fixture", "city2"])
def test_the_nu_checker_finds_no_error_in_our_markup(which, built_site: Path, city2_site: Path):
    assert our_errors(built_site if which == "fixture" else city2_site) == []


def test_the_nu_check_sees_an_error_of_ours(tmp_path: Path):
    (tmp_path / "page.html").write_text('<!doctype html><html lang="ja"><title>t</title><p><figure></figure></p>',
                                        encoding="utf-8")
    assert any("No “p” element in scope" in error for error in our_errors(tmp_path))


class Outline(HTMLParser):
    """Headings, tables without a header row and chart images without a title, in one page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tables: list[bool] = []  # per table: has a header row
        self.images: list[bool] = []  # per <svg role="img">: has a <title>
        self._svg_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables.append(False)
        elif tag == "th" and self.tables:
            self.tables[-1] = True
        elif tag == "svg" and ("role", "img") in attrs:
            self.images.append(False)
            self._svg_depth = 1
        elif tag == "title" and self._svg_depth and self.images:
            self.images[-1] = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._svg_depth = 0


def outline_problems(site: Path) -> list[str]:
    problems = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        outline = Outline()
        outline.feed(page.read_text(encoding="utf-8"))
        if outline.headings.count(1) != 1:
            problems.append(f"{name}: {outline.headings.count(1)} h1")
        for before, after in zip(outline.headings, outline.headings[1:]):
            if after > before + 1:
                problems.append(f"{name}: h{before} → h{after}")
        problems += [f"{name}: a table without a header row" for has_header in outline.tables if not has_header]
        problems += [f"{name}: a chart image without a title" for titled in outline.images if not titled]
    return problems


@pytest.mark.parametrize("which", ["fixture", "city2"])
def test_every_page_has_one_h1_ordered_headings_table_headers_and_image_titles(which, built_site: Path, city2_site: Path):
    assert outline_problems(built_site if which == "fixture" else city2_site) == []


def test_the_outline_check_sees_a_skipped_level_and_a_headless_table(tmp_path: Path):
    (tmp_path / "page.html").write_text("<h1>a</h1><h3>b</h3><table><tr><td>1</td></tr></table><svg role=img></svg>",
                                        encoding="utf-8")
    assert outline_problems(tmp_path) == ["page.html: h1 → h3", "page.html: a table without a header row",
                                          "page.html: a chart image without a title"]
