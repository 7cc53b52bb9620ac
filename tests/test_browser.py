"""The built site driven in a real browser (Debian chromium through Playwright).

These tests check what only a browser can see: scripts run without errors, no
request leaves the local server, the chart is drawn (and replaced by its table
without JavaScript), search finds Japanese words, the site works under a
sub-path, the dark palette can be chosen and a phone-width page does not
scroll sideways.

Chromium is never downloaded: the tests use the executable in CHROMIUM_PATH
(default /usr/bin/chromium). Without it they fail on CI and are skipped
elsewhere.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import serve_folder
from generator.project import load_project

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-features=OptimizationHints,Translate,AutofillServerCommunication,NetworkTimeServiceQuerying",
    "--no-pings",
]
# Milliseconds; generous for a slow CI machine, small enough to keep the file quick.
TIMEOUT = 15_000
PLOTLY_SVG = ".chart__plot .main-svg"
POLICY = "strategy/policy/"
STRATEGY = "strategy/"


# --------------------------------------------------------------------------- helpers


def _on_ci() -> bool:
    value = os.environ.get("CI", "")
    return value != "" and value.lower() != "false"


@dataclass
class Watch:
    """Everything a page did: console errors, uncaught exceptions, requests, responses."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    responses: list[tuple[int, str]] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(f"{msg.text} @ {msg.location}"))
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("response", lambda response: self.responses.append((response.status, response.url)))

    def foreign_requests(self, base_url: str) -> list[str]:
        return [
            url for url in self.requests
            if not url.startswith(base_url) and not url.startswith(("data:", "blob:"))
        ]

    def failed_responses(self) -> list[tuple[int, str]]:
        return [(status, url) for status, url in self.responses if status >= 400]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The local Chromium executable; missing → fail on CI, skip elsewhere."""
    path = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if not Path(path).is_file() or not os.access(path, os.X_OK):
        message = f"Chromium not found at {path!r} (set CHROMIUM_PATH to a Chromium executable)"
        if _on_ci():
            pytest.fail(f"{message}; browser tests are required on CI (CI={os.environ['CI']!r}).")
        pytest.skip(f"{message}; browser tests skipped outside CI.")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Factory: a fresh context and page with a Watch attached; all closed afterwards."""
    contexts = []

    def make(**context_options):
        context_options.setdefault("color_scheme", "light")
        context = browser.new_context(**context_options)
        context.set_default_timeout(TIMEOUT)
        contexts.append(context)
        page = context.new_page()
        watch = Watch()
        watch.attach(page)
        return page, watch

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def subpath_server(built_site: Path, tmp_path_factory: pytest.TempPathFactory):
    """The built site copied under /seisaku/sousei/ of a local server; yields that URL."""
    www = tmp_path_factory.mktemp("subpath") / "www"
    shutil.copytree(built_site, www / "seisaku" / "sousei")
    with serve_folder(www) as url:
        yield url + "seisaku/sousei/"


@pytest.fixture(scope="session")
def policy_data():
    project, report = load_project(REPO)
    assert project is not None, f"the project's data does not load: {report}"
    return project.policy


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("path", ["", POLICY, STRATEGY], ids=["home", "policy", "strategy"])
def test_page_loads_cleanly_and_stays_local(new_page, site_server, path):
    page, watch = new_page()
    page.goto(site_server + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    if page.locator(".chart__plot[data-figure]").count():
        # Let the chart (Plotly + figure JSON) finish, so its requests are seen too.
        page.wait_for_selector(PLOTLY_SVG)
    assert page.locator(".md-header").count() == 1, "the Material page did not render"
    assert watch.console_errors == [], f"console errors on /{path}: {watch.console_errors}"
    assert watch.page_errors == [], f"uncaught exceptions on /{path}: {watch.page_errors}"
    assert watch.requests, "no request recorded at all: the request listener is not working"
    assert watch.foreign_requests(site_server) == [], f"/{path} contacted other hosts"
    assert watch.failed_responses() == [], f"/{path} got error responses"


def test_policy_page_shows_every_chapter_heading(new_page, site_server, policy_data):
    expected = [(section.number, section.title) for section in policy_data.sections]
    assert len(expected) == 7, f"the policy data should have seven chapters, has {len(expected)}"
    page, _ = new_page()
    page.goto(site_server + POLICY)
    page.wait_for_load_state("networkidle")  # let the chart's script finish before the page closes
    headings = [text.strip() for text in page.locator("article h2").all_inner_texts()]
    missing = [
        f"{number} {title}" for number, title in expected
        if not any(number in heading and title in heading for heading in headings)
    ]
    assert not missing, f"chapter headings missing from the policy page: {missing}; h2 found: {headings}"


@pytest.mark.parametrize("path", [POLICY, STRATEGY], ids=["policy", "strategy"])
def test_plan_period_chart_is_drawn(new_page, site_server, path):
    page, watch = new_page()
    page.goto(site_server + path)
    svg = page.wait_for_selector(PLOTLY_SVG, state="visible")
    box = svg.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 100, f"the chart is drawn too small: {box}"
    assert page.locator(".chart__plot").first.get_attribute("data-drawn") == "1"
    assert watch.page_errors == []


@pytest.mark.parametrize("path", [POLICY, STRATEGY], ids=["policy", "strategy"])
def test_without_javascript_the_table_replaces_the_chart(new_page, site_server, path):
    page, _ = new_page(java_script_enabled=False)
    page.goto(site_server + path)
    slot = page.locator(".chart__plot")
    assert slot.count() >= 1, "the page has no chart slot"
    assert not slot.first.is_visible(), "the empty chart slot is shown without JavaScript"
    table = page.locator("article table").filter(has_text="計画").filter(has_text="第２期")
    assert table.count() >= 1, "no plan-period table (with 計画 and 第２期) on the page"
    assert table.first.is_visible(), "the plan-period table is not visible without JavaScript"


@pytest.mark.parametrize("query", ["総合戦略", "人口ビジョン", "令和7年度", "審議会"])
def test_search_finds_japanese_words(new_page, site_server, query):
    page, watch = new_page()
    page.goto(site_server)
    translations = json.loads(page.locator("#__config").text_content())["translations"]
    none = translations["search.result.none"]

    search = page.locator("input.md-search__input")
    search.click()
    page.keyboard.type(query)
    page.keyboard.press("End")  # Material reads the query on keyup
    assert search.input_value() == query, "the query did not reach the search box"
    meta = page.locator(".md-search-result__meta")
    # Wait for a final answer ("N件見つかりました" or "何も見つかりませんでした"),
    # not the placeholder or the "initialising" message shown while the index loads.
    page.wait_for_function(
        """([el, finals, other]) => {
            const text = el.textContent.trim();
            return finals.includes(text) || new RegExp("^" + other + "$").test(text);
        }""",
        arg=[meta.element_handle(), [none, translations["search.result.one"]],
             translations["search.result.other"].replace("#", "\\d+")],
    )
    meta_text = meta.inner_text().strip()
    items = page.locator(".md-search-result__item")
    assert meta_text != none, f"search for {query!r} found nothing ({meta_text!r})"
    assert items.count() >= 1, f"search for {query!r}: meta {meta_text!r} but no result items"
    found = page.locator(".md-search-result__article").evaluate_all(
        """articles => articles.map(a => {
            const heading = a.querySelector("h1, h2");
            const missing = a.querySelector(".md-search-result__terms");
            return (heading ? heading.textContent.trim() : "?") + (missing ? " [" + missing.textContent.trim() + "]" : "");
        })"""
    )
    print(f"\nsearch {query!r}: {meta_text}: " + " / ".join(found))
    assert watch.page_errors == []


def test_site_works_under_a_sub_path(new_page, subpath_server):
    page, watch = new_page()
    page.goto(subpath_server + POLICY)
    page.wait_for_selector(PLOTLY_SVG, state="visible")
    page.wait_for_load_state("networkidle")
    assert watch.failed_responses() == [], "requests failed under the sub-path"
    header = page.locator(".md-header")
    assert header.count() == 1
    box = header.bounding_box()
    assert box and box["height"] > 0, "the header has no height: the stylesheet did not apply"
    assert header.evaluate("el => getComputedStyle(el).position") == "sticky", "Material's stylesheet did not apply"
    local = subpath_server.split("/seisaku/")[0] + "/"
    assert watch.foreign_requests(local) == []
    outside = [url for url in watch.requests if url.startswith(local) and "/seisaku/sousei/" not in url]
    assert outside == [], f"requests escaped the sub-path: {outside}"


def test_dark_palette_can_be_chosen(new_page, site_server):
    page, watch = new_page()
    page.goto(site_server)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") != "slate", "the page already starts dark in a light browser"
    toggle = page.locator('form[data-md-component="palette"] label.md-header__button[for^="__palette"]:visible')
    # auto → light → dark: at most one click per palette entry.
    for _ in range(page.locator('input[name="__palette"]').count()):
        if body.get_attribute("data-md-color-scheme") == "slate":
            break
        assert toggle.count() == 1, f"expected exactly one visible palette toggle, found {toggle.count()}"
        toggle.click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.wait_for_selector('body[data-md-color-scheme="slate"]')
    assert watch.page_errors == []


def test_policy_page_fits_a_phone(new_page, site_server):
    page, _ = new_page(viewport={"width": 375, "height": 740})
    page.goto(site_server + POLICY)
    page.wait_for_selector(PLOTLY_SVG, state="visible")
    sizes = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert sizes["scroll"] <= sizes["inner"] + 1, f"the policy page scrolls sideways on a phone: {sizes}"
