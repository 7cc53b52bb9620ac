"""The built site driven in a real browser (Debian chromium through Playwright).

These tests check what only a browser can see: scripts run without errors, no
request leaves the local server, search finds Japanese words, the site works
under a sub-path, the dark palette can be chosen and a phone-width page does not
scroll sideways; and the chart platform: each chart is a static SVG until the
reader interacts with the page near it, then plotly.js (served locally, never on
pages without charts) draws it; it survives Material's instant navigation and
back/forward, follows the dark palette, fits a phone, prints as the static SVG,
and its CSV download holds exactly the data of its table (which is all a reader
without JavaScript needs).

Chromium is never downloaded: the tests use the executable in CHROMIUM_PATH
(default /usr/bin/chromium). Without it they fail on CI and are skipped
elsewhere.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import pytest
from support import serve_folder

from generator.pipeline import load_project

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
PLOTLY_BUNDLE = "plotly-basic.min.js"
STATIC_SVG = "svg.chart__static:visible"  # wide or narrow variant, whichever CSS shows
POLICY = "strategy/policy/"
STRATEGY = "strategy/"
CHART_PAGES = pytest.mark.parametrize("path", [POLICY, STRATEGY], ids=["policy", "strategy"])
UTF8_BOM = b"\xef\xbb\xbf"


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


def assert_clean(watch: Watch, base_url: str, where: str = "") -> None:
    """No console errors, no uncaught exceptions, no other host, no error response."""
    assert watch.console_errors == [], f"console errors{where}: {watch.console_errors}"
    assert watch.page_errors == [], f"uncaught exceptions{where}: {watch.page_errors}"
    assert watch.requests, "no request recorded at all: the request listener is not working"
    assert watch.foreign_requests(base_url) == [], f"requests to other hosts{where}: {watch.foreign_requests(base_url)}"
    assert watch.failed_responses() == [], f"error responses{where}: {watch.failed_responses()}"


def plotly_requests(watch: Watch) -> list[str]:
    return [url for url in watch.requests if PLOTLY_BUNDLE in url]


def draw_chart(page, watch: Watch | None = None, index: int = 0):
    """Bring chart `index` into view and interact, as a reader would; returns Plotly's SVG.

    charts.js loads Plotly only after an interaction (scroll, pointer, key...)
    while a chart frame is near the viewport.
    """
    figure = page.locator("figure.chart").nth(index)
    frame = figure.locator(".chart__frame")
    frame.scroll_into_view_if_needed()
    box = frame.bounding_box()
    assert box, "the chart frame has no box"
    x, y = box["x"] + box["width"] / 2, max(box["y"], 0) + 5
    page.mouse.move(x - 20, y)
    page.mouse.move(x + 20, y + 5)
    svg = figure.locator(PLOTLY_SVG).first
    try:
        svg.wait_for(state="visible")
        figure.locator('.chart__plot[data-state="drawn"]').wait_for(state="attached")
    except Exception as error:  # Playwright's TimeoutError: say what the page did instead
        state = figure.locator(".chart__plot").evaluate(
            "slot => ({state: slot.dataset.state || null, frame: slot.parentElement.className,"
            " plotly: typeof window.Plotly})"
        )
        details = f"slot {state}"
        if watch is not None:
            details += (f"; plotly requests {plotly_requests(watch)}; failed responses {watch.failed_responses()};"
                        f" console errors {watch.console_errors}")
        raise AssertionError(f"the chart was not drawn on {page.url}: {details}") from error
    return svg


def has_plotly_style(page) -> bool:
    return page.evaluate(
        """() => {
            const style = document.getElementById("plotly.js-style-global");
            return style !== null && style.tagName === "STYLE" && style.parentNode === document.head;
        }"""
    )


def switch_to_dark(page) -> None:
    """Click Material's palette toggle (auto → light → dark) until the page is dark."""
    body = page.locator("body")
    toggle = page.locator('form[data-md-component="palette"] label.md-header__button[for^="__palette"]:visible')
    for _ in range(page.locator('input[name="__palette"]').count()):
        if body.get_attribute("data-md-color-scheme") == "slate":
            break
        assert toggle.count() == 1, f"expected exactly one visible palette toggle, found {toggle.count()}"
        toggle.click()
    page.wait_for_selector('body[data-md-color-scheme="slate"]')


def rgb(colour: str) -> tuple[int, int, int]:
    """#rgb, #rrggbb or rgb()/rgba() → (r, g, b)."""
    text = colour.strip().lower()
    if match := re.fullmatch(r"#([0-9a-f]{3})", text):
        return tuple(int(c * 2, 16) for c in match.group(1))  # type: ignore[return-value]
    if match := re.fullmatch(r"#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})", text):
        return tuple(int(c, 16) for c in match.groups())  # type: ignore[return-value]
    if match := re.fullmatch(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*[\d.]+\s*)?\)", text):
        return tuple(int(c) for c in match.groups())  # type: ignore[return-value]
    raise AssertionError(f"not a colour: {colour!r}")


FIRST_BAR_FILL = """slot => {
    const bar = slot.querySelector(".bars path, .point path");
    return bar ? getComputedStyle(bar).fill : null;
}"""
CHART_1 = '() => getComputedStyle(document.body).getPropertyValue("--chart-1").trim()'


def csv_rows(page, figure) -> tuple[bytes, list[list[str]]]:
    """The chart's CSV download, fetched from its link: raw bytes and parsed rows."""
    link = figure.locator("a[download]")
    assert link.count() == 1, "the chart has no CSV download link"
    href = link.get_attribute("href")
    assert href and href.endswith(".csv"), f"the download link is not a CSV: {href!r}"
    response = page.request.get(urljoin(page.url, href))
    assert response.ok, f"the CSV download failed: {response.status} {response.url}"
    body = response.body()
    return body, list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


TABLE_CELLS = """details => {
    const table = details.querySelector("table");
    if (!table) return null;
    const text = cell => cell.textContent.trim();
    return {
        header: [...table.querySelectorAll("thead th")].map(text),
        rows: [...table.querySelectorAll("tbody tr")].map(row => [...row.querySelectorAll("td")].map(text)),
    };
}"""
NUMBER = re.compile(r"[−-]?\d{1,3}(?:,\d{3})*(?:\.\d+)?")


def machine_cell(text: str) -> str:
    """A table cell as the CSV writes it: numbers without separators, "－" (no value) empty."""
    if text == "－":
        return ""
    if NUMBER.fullmatch(text):
        return text.replace(",", "").replace("−", "-")
    return text


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
    project, report = load_project(REPO / "tests" / "fixtures" / "project")  # what built_site was built from
    assert project is not None, f"the project's data does not load: {report}"
    return project.policy


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize(
    "path",
    ["", POLICY, STRATEGY, "kpis/", "kpis/kpi-1-startups/", "reviews/2024/", "strategy/framework/", "reference/fields/",
     "population/", "population/current/", "population/projection/", "population/outlook/"],
    ids=["home", "policy", "strategy", "dashboard", "kpi", "review", "framework", "fields",
         "population", "population-current", "population-projection", "population-outlook"],
)
def test_page_loads_cleanly_and_stays_local(new_page, site_server, path):
    page, watch = new_page()
    page.goto(site_server + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    for index in range(page.locator("figure.chart").count()):
        # Draw every chart on show (Plotly + figure JSON), so its requests are seen too;
        # charts in closed content tabs are drawn when their tab opens (tested apart).
        if page.locator("figure.chart").nth(index).is_visible():
            draw_chart(page, watch, index)
    page.wait_for_load_state("networkidle")
    assert page.locator(".md-header").count() == 1, "the Material page did not render"
    assert_clean(watch, site_server, f" on /{path}")


def test_policy_page_shows_every_chapter_heading(new_page, site_server, policy_data):
    expected = [(section.number, section.title) for section in policy_data.sections]
    assert len(expected) == 7, f"the policy data should have seven chapters, has {len(expected)}"
    page, watch = new_page()
    page.goto(site_server + POLICY)
    page.wait_for_load_state("networkidle")
    headings = [text.strip() for text in page.locator("article h2").all_inner_texts()]
    missing = [
        f"{number} {title}" for number, title in expected
        if not any(number in heading and title in heading for heading in headings)
    ]
    assert not missing, f"chapter headings missing from the policy page: {missing}; h2 found: {headings}"
    assert_clean(watch, site_server)


@CHART_PAGES
def test_chart_is_static_until_the_reader_interacts_then_drawn(new_page, site_server, path):
    page, watch = new_page()
    page.goto(site_server + path)
    page.wait_for_load_state("networkidle")
    figure = page.locator("figure.chart").first
    assert figure.count() == 1, f"/{path} has no chart"
    # Before any interaction: the build-time SVG, and plotly.js not even requested.
    assert figure.locator(STATIC_SVG).count() == 1, "exactly one static SVG is shown before interaction"
    assert not figure.locator(".chart__plot").is_visible(), "the empty Plotly slot is shown before interaction"
    assert plotly_requests(watch) == [], f"plotly.js was loaded before the reader interacted: {plotly_requests(watch)}"
    assert figure.locator(PLOTLY_SVG).count() == 0, "Plotly drew before the reader interacted"

    svg = draw_chart(page, watch)
    box = svg.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 100, f"the chart is drawn too small: {box}"
    assert "is-interactive" in (figure.locator(".chart__frame").get_attribute("class") or "")
    assert figure.locator(STATIC_SVG).count() == 0, "the static SVG is still shown beside the drawn chart"
    bundle = plotly_requests(watch)
    assert len(bundle) == 1, f"plotly.js should be requested exactly once: {bundle}"
    assert bundle[0] == site_server + "assets/vendor/plotly/" + PLOTLY_BUNDLE, f"plotly.js from the wrong place: {bundle}"
    page.wait_for_load_state("networkidle")
    assert_clean(watch, site_server, f" on /{path}")


def test_page_without_charts_never_loads_plotly(new_page, site_server):
    page, watch = new_page()
    page.goto(site_server)
    page.wait_for_load_state("networkidle")
    assert page.locator("figure.chart").count() == 0, "the home page now has a chart: pick another page"
    # Every kind of interaction charts.js listens for.
    page.mouse.move(200, 200)
    page.mouse.move(300, 300)
    page.mouse.wheel(0, 600)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.keyboard.press("End")
    page.wait_for_timeout(300)
    page.wait_for_load_state("networkidle")
    assert plotly_requests(watch) == [], f"a page without charts loaded plotly.js: {plotly_requests(watch)}"
    assert not [url for url in watch.requests if "/assets/figures/" in url], "a page without charts fetched a figure"
    assert_clean(watch, site_server)


def test_chart_survives_instant_navigation_and_back_forward(new_page, instant_site_server):
    base = instant_site_server
    page, watch = new_page()
    page.goto(base)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__marker = 'home'")
    # The home page hides Material's navigation sidebar; its reading list links to 策定方針.
    link = page.locator("article").get_by_role("link", name="策定方針", exact=True)
    assert link.count() >= 1, "no visible link from the home page to 策定方針"
    link.first.click()
    page.wait_for_url(base + POLICY)
    page.locator("figure.chart").first.wait_for(state="attached")
    assert page.evaluate("window.__marker") == "home", (
        "the click reloaded the page: instant navigation did not engage (is site_url the serving origin?)"
    )
    assert page.evaluate('performance.getEntriesByType("navigation")[0].name') == base

    svg = draw_chart(page, watch)
    assert has_plotly_style(page), "Plotly's global <style> is missing from <head> after instant navigation"
    svg.evaluate("el => { el.__seen = true; }")

    page.go_back()
    page.wait_for_url(base)
    page.wait_for_function("() => document.querySelector('figure.chart') === null")
    assert page.evaluate("window.__marker") == "home", "going back reloaded the page"
    page.wait_for_load_state("networkidle")
    assert has_plotly_style(page), "Plotly's global <style> is missing from <head> after going back"

    page.go_forward()
    page.wait_for_url(base + POLICY)
    page.locator("figure.chart").first.wait_for(state="attached")
    assert page.evaluate("window.__marker") == "home", "going forward reloaded the page"
    svg = draw_chart(page, watch)
    assert not svg.evaluate("el => el.__seen === true"), "the chart shown after back/forward is the old element"
    assert has_plotly_style(page), "Plotly's global <style> is missing from <head> after going forward"
    assert len(plotly_requests(watch)) == 1, f"plotly.js was loaded more than once: {plotly_requests(watch)}"
    page.wait_for_load_state("networkidle")
    assert_clean(watch, base, " during instant navigation")


def test_dark_palette_rethemes_a_drawn_chart(new_page, site_server):
    page, watch = new_page()
    page.goto(site_server + POLICY)
    assert page.locator("body").get_attribute("data-md-color-scheme") != "slate", "the page already starts dark"
    draw_chart(page, watch)
    slot = page.locator('.chart__plot[data-state="drawn"]').first
    light_fill = slot.evaluate(FIRST_BAR_FILL)
    assert light_fill, "no bar found in Plotly's drawing (.bars path / .point path)"
    light_chart_1 = page.evaluate(CHART_1)
    assert rgb(light_fill) == rgb(light_chart_1), f"the first bar {light_fill} is not --chart-1 ({light_chart_1})"

    switch_to_dark(page)
    dark_chart_1 = page.evaluate(CHART_1)
    assert rgb(dark_chart_1) != rgb(light_chart_1), "--chart-1 is the same in both palettes"
    try:
        page.wait_for_function(
            f"([slot, before]) => ({FIRST_BAR_FILL})(slot) !== before",
            arg=[slot.element_handle(), light_fill], timeout=5_000,
        )
    except Exception as error:
        raise AssertionError(f"the drawn chart kept its light colour {light_fill} in the dark palette") from error
    dark_fill = slot.evaluate(FIRST_BAR_FILL)
    assert rgb(dark_fill) == rgb(dark_chart_1), f"after the switch the first bar is {dark_fill}, not dark --chart-1 {dark_chart_1}"
    assert_clean(watch, site_server)


@CHART_PAGES
def test_without_javascript_the_static_chart_and_table_remain(new_page, site_server, path):
    page, watch = new_page(java_script_enabled=False)
    page.goto(site_server + path)
    figure = page.locator("figure.chart").first
    assert figure.count() == 1, "the page has no chart"
    assert figure.locator(STATIC_SVG).count() == 1, "the static SVG is not shown without JavaScript"
    box = figure.locator(STATIC_SVG).bounding_box()
    assert box and box["width"] > 100 and box["height"] > 50, f"the static SVG is too small: {box}"
    slot = figure.locator(".chart__plot")
    assert slot.count() == 1, "the chart has no Plotly slot"
    assert not slot.is_visible(), "the empty chart slot is shown without JavaScript"
    details = page.locator("details.chart__data")
    assert details.count() == page.locator("figure.chart").count(), "not every chart has a data table"
    table = details.first.locator("table")
    assert table.count() == 1, "no table inside details.chart__data"
    assert table.is_visible(), "the plan-period table (open by default) is not visible without JavaScript"
    assert table.filter(has_text="計画").filter(has_text="第２期").count() == 1, "the table lacks 計画 / 第２期"
    _, rows = csv_rows(page, figure)
    data_lines = len(rows) - 1
    assert data_lines > 0, "the CSV has no data lines"
    assert table.locator("tbody tr").count() == data_lines, (
        f"the table has {table.locator('tbody tr').count()} rows, the CSV {data_lines} data lines"
    )
    assert_clean(watch, site_server)


@CHART_PAGES
def test_csv_download_holds_the_table(new_page, site_server, path):
    page, watch = new_page()
    page.goto(site_server + path)
    figures = page.locator("figure.chart")
    tables = page.locator("details.chart__data")
    assert figures.count() >= 1 and tables.count() == figures.count(), "each chart needs one data table"
    for index in range(figures.count()):
        body, rows = csv_rows(page, figures.nth(index))
        assert body.startswith(UTF8_BOM), f"the CSV does not start with the UTF-8 BOM: {body[:8]!r}"
        shown = tables.nth(index).evaluate(TABLE_CELLS)
        assert shown is not None, "no table inside details.chart__data"
        assert rows, "the CSV is empty"
        header, body = csv_as_shown(rows, csv_units(page, figures.nth(index)))
        assert header == shown["header"], f"CSV header {header} ≠ table header {shown['header']}"
        assert shown["header"][-1] == "状態", "the table does not show each row's status"
        expected = [[machine_cell(cell) for cell in row] for row in shown["rows"]]
        assert len(body) == len(expected), f"CSV has {len(body)} data lines, the table {len(expected)} rows"
        for number, (csv_row, table_row) in enumerate(zip(body, expected), start=1):
            assert csv_row == table_row, f"row {number}: CSV {csv_row} ≠ table {table_row}"
    assert_clean(watch, site_server)


UNIT_COLUMN = re.compile(r"^(?:(?P<of>.+)の)?単位$")


def csv_units(page, figure) -> dict[str, str]:
    """The unit of each column of a chart's CSV, as the data package (assets/data/datapackage.json) describes its fields."""
    href = figure.locator("a[download]").get_attribute("href")
    package = page.request.get(urljoin(urljoin(page.url, href), "datapackage.json")).json()
    [resource] = [r for r in package["resources"] if href.endswith("/" + r["path"])]
    return {f["name"]: f["unit"] for f in resource["schema"]["fields"] if "unit" in f}


def csv_as_shown(rows: list[list[str]], units: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    """A CSV as its page table shows it: the unit columns (「単位」, 「〇〇の単位」) taken out, after checking that every
    cell of one holds the unit of its column(s), and each unit back in its column's header (「年数（年）」)."""
    header, *body = rows
    kept = [i for i, name in enumerate(header) if not UNIT_COLUMN.match(name)]
    for index, name in enumerate(header):
        if match := UNIT_COLUMN.match(name):
            unit = units[match["of"]] if match["of"] else " ".join(sorted(set(units.values())))
            assert {row[index] for row in body} == {unit}, f"the column {name} does not hold the unit {unit}"
    shown = [f"{header[i]}（{units[header[i]]}）" if header[i] in units else header[i] for i in kept]
    return shown, [[row[i] for i in kept] for row in body]


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
    # search.js makes full-width letters and digits half-width, as in the index.
    assert search.input_value() == unicodedata.normalize("NFKC", query), "the query did not reach the search box"
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
    assert_clean(watch, site_server)


def test_site_works_under_a_sub_path(new_page, subpath_server):
    page, watch = new_page()
    page.goto(subpath_server + POLICY)
    draw_chart(page, watch)
    page.wait_for_load_state("networkidle")
    assert watch.failed_responses() == [], "requests failed under the sub-path"
    header = page.locator(".md-header")
    assert header.count() == 1
    box = header.bounding_box()
    assert box and box["height"] > 0, "the header has no height: the stylesheet did not apply"
    assert header.evaluate("el => getComputedStyle(el).position") == "sticky", "Material's stylesheet did not apply"
    local = subpath_server.split("/seisaku/")[0] + "/"
    assert_clean(watch, local, " under the sub-path")
    outside = [url for url in watch.requests if url.startswith(local) and "/seisaku/sousei/" not in url]
    assert outside == [], f"requests escaped the sub-path: {outside}"


def test_dark_palette_can_be_chosen(new_page, site_server):
    page, watch = new_page()
    page.goto(site_server)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") != "slate", "the page already starts dark in a light browser"
    switch_to_dark(page)
    assert body.get_attribute("data-md-color-scheme") == "slate"
    assert_clean(watch, site_server)


def test_policy_page_and_drawn_chart_fit_a_phone(new_page, site_server):
    page, watch = new_page(viewport={"width": 375, "height": 740})
    page.goto(site_server + POLICY)
    svg = draw_chart(page, watch)
    page.wait_for_timeout(200)  # let a responsive relayout settle
    sizes = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert sizes["scroll"] <= sizes["inner"] + 1, f"the policy page scrolls sideways on a phone: {sizes}"
    box = svg.bounding_box()
    assert box, "Plotly's SVG has no box"
    assert box["width"] <= sizes["inner"] and box["x"] >= 0 and box["x"] + box["width"] <= sizes["inner"] + 1, (
        f"the drawn chart is wider than the phone's viewport: {box}, viewport {sizes['inner']}px"
    )
    assert_clean(watch, site_server)


def test_print_shows_the_static_chart(new_page, site_server):
    page, watch = new_page()
    page.goto(site_server + POLICY)
    draw_chart(page, watch)
    figure = page.locator("figure.chart").first
    assert figure.locator(STATIC_SVG).count() == 0, "on screen the drawn chart should replace the static SVG"
    page.emulate_media(media="print")
    assert figure.locator(STATIC_SVG).count() == 1, "the static SVG is not printed"
    assert not figure.locator(".chart__plot").is_visible(), "the Plotly chart is printed (it should be hidden)"
    page.emulate_media(media="screen")
    assert figure.locator(PLOTLY_SVG).first.is_visible(), "back on screen the drawn chart is not shown"
    assert_clean(watch, site_server)


@pytest.fixture(scope="session")
def tabs_site_server(tmp_path_factory: pytest.TempPathFactory):
    """A copy of the site with a page whose second content tab holds the plan-period chart."""
    from support import copy_project

    from generator.site.build import build, generate

    root = copy_project(tmp_path_factory.mktemp("tabs") / "project")
    generate(root)
    markdown = (root / "build/docs/strategy/index.md").read_text(encoding="utf-8")
    figure = markdown[markdown.index('<figure class="chart"'): markdown.index("</figure>") + len("</figure>")]
    indented = "\n".join("    " + line for line in figure.splitlines())
    page = f"# タブの中のグラフ\n\n=== \"説明\"\n\n    最初のタブ。\n\n=== \"グラフ\"\n\n{indented}\n"
    (root / "docs/tabs.md").write_text(page, encoding="utf-8")
    build(root)
    with serve_folder(root / "site") as url:
        yield url


def test_chart_inside_a_content_tab_is_drawn_at_full_width(new_page, tabs_site_server):
    page, watch = new_page(viewport={"width": 1000, "height": 800})
    page.goto(tabs_site_server + "tabs/", wait_until="load")
    assert not page.locator("figure.chart").first.is_visible()  # hidden in the second tab
    page.locator(".tabbed-labels label").nth(1).click()
    svg = draw_chart(page, watch)
    box = svg.bounding_box()
    content = page.locator("article").bounding_box()
    assert box["width"] > content["width"] * 0.8, (box, content)
    assert_clean(watch, tabs_site_server)


@pytest.fixture(scope="session")
def symbols_site_server(tmp_path_factory: pytest.TempPathFactory):
    """A copy of the site with a page whose words touch symbols: 2024<, <注>, 50%, A=B, ※, ①, →, 〇."""
    from support import copy_project

    from generator.site.build import build, generate

    root = copy_project(tmp_path_factory.mktemp("symbols") / "project")
    generate(root)
    page = ("# 記号のある言葉\n\n締切は 2024< まで、`/reviews/2024` と `<注>` を見る。達成率50%、A=B、※注意、①番、×2倍、"
            "→次へ、x>y、〇印、～令和2年度末、[2023]、{2022}、#2021、$5、2020^2、@市、2019| です。\n\n"
            "```\nlink: /reviews/2024\n```\n")
    (root / "docs/symbols.md").write_text(page, encoding="utf-8")
    build(root)
    with serve_folder(root / "site") as url:
        yield url


@pytest.mark.parametrize(("query", "on_page"), [
    ("2", False), ("20", False), ("令和2年度末", False), ("注", True), ("達成率5", True), ("次へ", True), ("印", True),
])
def test_search_survives_words_touching_symbols(new_page, symbols_site_server, query, on_page):
    """A word that touches a symbol (「2024<」) must not break the search of its prefixes.

    lunr trims symbols from the ends of indexed words but looked them up untrimmed: every query whose last word was a
    prefix of such a word threw in the search worker and showed 「何も見つかりませんでした」.
    """
    page, watch = new_page()
    page.goto(symbols_site_server + "symbols/")
    translations = json.loads(page.locator("#__config").text_content())["translations"]
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    page.keyboard.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    hrefs = page.locator(".md-search-result__item a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert page.locator(".md-search-result__meta").inner_text().strip() != translations["search.result.none"]
    if on_page:  # a short prefix finds many pages, shown ten at a time: only a rarer word must find this one
        assert any("symbols/" in href for href in hrefs), hrefs
    assert_clean(watch, symbols_site_server)


def test_dashboard_filters_by_goal_and_grade(new_page, site_server):
    page, watch = new_page()
    page.goto(site_server + "kpis/", wait_until="load")
    rows = page.locator("article table tbody tr")
    total = rows.count()
    assert total >= 10
    form = page.locator("form.kpi-filter")
    form.locator('select[name="goal"]').select_option("goal-1")
    visible = page.locator("article table tbody tr:visible")
    assert 0 < visible.count() < total
    assert page.locator('h2[data-goal="goal-2"]').is_hidden()
    form.locator('select[name="goal"]').select_option("")
    form.locator('select[name="grade"]').select_option("A")
    grades = visible.locator(".grade").all_inner_texts()
    assert grades and set(grades) == {"A"}
    assert form.locator(".kpi-filter__count").inner_text() == f"{len(grades)}件の指標"
    assert_clean(watch, site_server)


def test_dashboard_without_javascript_lists_every_kpi_by_goal_and_grade(new_page, site_server):
    page, _ = new_page(java_script_enabled=False)
    page.goto(site_server + "kpis/", wait_until="load")
    assert page.locator("form.kpi-filter").is_hidden()
    assert page.locator("article table tbody tr:visible").count() >= 10
    assert page.locator("#by-grade").is_visible()


# The text lines of an element: its content height (padding left out) over its line height.
LINES = """el => { const s = getComputedStyle(el);
  return (el.getBoundingClientRect().height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)) / parseFloat(s.lineHeight); }"""


def test_dashboard_kpi_names_stay_readable_beside_their_badge_on_a_laptop(new_page, site_server):
    page, watch = new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_server + "kpis/", wait_until="load")
    cell = page.locator("article table tbody tr td:first-child").first
    assert cell.locator(".kpi-name a").inner_text().startswith("（サンプル）")
    assert cell.locator(".badge-sample").count() == 1
    lines = cell.locator(".kpi-name").evaluate(LINES)  # the cell itself is as tall as its row's tallest cell
    assert lines < 2.5, f"the first KPI name takes {lines:.1f} lines at 1280 px"
    # The glance at the top is static: one bar per goal with its counts written out.
    bars = page.locator("ul.grade-glance .grade-bar[role=img]")
    assert bars.count() == 6
    assert page.locator("ul.grade-glance .glance__counts").first.inner_text() == "A 0・B 1・C 2・D 0・－ 0"
    assert_clean(watch, site_server)


def test_phones_get_the_narrow_static_chart(new_page, site_server):
    page, watch = new_page(viewport={"width": 375, "height": 740}, java_script_enabled=False)
    page.goto(site_server + STRATEGY, wait_until="load")
    shown = page.locator("figure.chart").first.locator(STATIC_SVG)
    assert shown.count() == 1 and "chart__static--narrow" in shown.get_attribute("class")


def test_pyramid_tabs_switch_years_and_draw(new_page, site_server):
    page, watch = new_page(viewport={"width": 1000, "height": 900})
    page.goto(site_server + "population/projection/", wait_until="load")
    tabs = page.locator(".tabbed-set").first
    labels = tabs.locator(".tabbed-labels label")
    assert labels.count() == 3
    labels.nth(2).click()
    visible = tabs.locator("figure.chart:visible")
    assert visible.count() == 1 and "2060" in visible.locator(".chart__title").inner_text()
    assert_clean(watch, site_server)


@pytest.mark.parametrize("query", ["令和2年度末", "令和２年度末", "ＰＤＣＡ"])
def test_full_and_half_width_queries_find_the_same_text(new_page, site_server, query):
    """The policy writes 令和２年度末 and ＰＤＣＡ in full width; readers type either width."""
    page, watch = new_page()
    page.goto(site_server)
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    page.keyboard.press("End")
    links = page.locator(".md-search-result__item a")
    links.first.wait_for()
    hrefs: list[str] = []
    for _ in range(10):  # Material shows the results ten at a time, more as the list is scrolled
        hrefs = links.evaluate_all("as => as.map(a => a.getAttribute('href'))")
        if any("strategy/policy/" in href for href in hrefs):
            break
        page.locator(".md-search__scrollwrap").evaluate("el => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_timeout(200)
    assert any("strategy/policy/" in href for href in hrefs), hrefs
    assert_clean(watch, site_server)


def test_search_answers_pasted_text_without_a_key_press(new_page, site_server):
    """Pasted or IME-chosen text fires no keyup; the results must come all the same."""
    page, watch = new_page()
    page.goto(site_server)
    translations = json.loads(page.locator("#__config").text_content())["translations"]
    none = translations["search.result.none"]
    search = page.locator("input.md-search__input")
    search.click()
    # Wait until the index is ready (it answers an empty box with the placeholder): its arrival
    # would otherwise run the query by itself, hiding whether the paste alone is enough.
    page.wait_for_function("([el, text]) => el.textContent.trim() === text",
                           arg=[page.locator(".md-search-result__meta").element_handle(), translations["search.result.placeholder"]])
    search.evaluate("""el => {
        el.value = "人口ビジョン";
        el.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste", data: el.value}));
    }""")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__meta").inner_text().strip() != none
    assert page.locator(".md-search-result__item").count() > 0


AXE = REPO / "tools/check/node_modules/axe-core/axe.min.js"


def test_axe_finds_no_violation_on_any_page(new_page, site_server, built_site):
    """Every page of the built site, light and dark, as axe-core (the engine of Lighthouse's audit) sees it."""
    assert AXE.is_file(), "axe-core is missing (make test installs tools/check)"
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html"))
    found = []
    for scheme in ("light", "dark"):
        page, _ = new_page(color_scheme=scheme)
        for path in pages:
            page.goto(site_server + path.removesuffix("index.html"))
            page.wait_for_load_state("load")
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ["violations"]}))
                .violations.map(v => v.id + " " + v.nodes.map(n => n.target.join(" ")).slice(0, 3).join(" | "))""")
            found += [f"{scheme} {path}: {violation}" for violation in violations]
    assert found == [], "\n".join(found)


# --------------------------------------------------------------------------- published revisions


@pytest.fixture(scope="session")
def published_server(tmp_path_factory: pytest.TempPathFactory):
    """Two revisions published one after the other and copied out as a city server would serve them."""
    import datetime

    from support import git, release_repository

    from generator.site.publish import export_published, publish
    from generator.site.revisions import NewRevision, start_revision
    from generator.site.targets import BRANCHES

    target = tmp_path_factory.mktemp("published")
    with serve_folder(target / "www") as url:  # bound first: the sites are built for this address
        work, remote = release_repository(target)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SITE_URL", url)
            publish(work, "staging", remote="origin")
            start_revision(work, NewRevision("2023-03", "令和5年3月 改訂", datetime.date(2023, 3, 31), "改訂しました。", sample=True))
            git(work, "add", "-A")
            git(work, "commit", "-qm", "改訂")
            publish(work, "staging", remote="origin")
        export_published(remote, target / "www", branch=BRANCHES["staging"])
        yield url


def test_version_menu_lists_the_revisions_and_switches_between_them(new_page, published_server: str):
    page, watch = new_page()
    page.goto(published_server)  # the root sends readers to the newest revision
    page.wait_for_url(f"{published_server}2023-03/")
    current = page.locator(".md-version__current")
    current.wait_for(state="visible")
    assert current.inner_text().strip() == "令和5年3月 改訂"
    assert page.locator(".staging-notice").is_visible()
    assert page.locator('[data-md-component="outdated"]').is_hidden()  # the newest is not outdated
    older = page.locator(".md-version__link", has_text="令和3年3月 策定")
    older.focus()  # the menu opens on focus as on hover: reachable with the keyboard
    assert older.is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{published_server}2021-03/**")
    assert page.locator(".md-version__current").inner_text().strip() == "令和3年3月 策定"
    banner = page.locator('[data-md-component="outdated"]')
    banner.wait_for(state="visible")
    assert "この版は過去の版です" in banner.inner_text()
    banner.get_by_role("link", name="最新の版を見る").click()
    page.wait_for_url(f"{published_server}2023-03/**")
    assert_clean(watch, published_server)


# --------------------------------------------------------------------------- 推進体制の図

ORGANIZATION = "process/organization/"
IN_VIEW = "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }"


@pytest.fixture(scope="session")
def organization_data():
    project, report = load_project(REPO / "tests" / "fixtures" / "project")  # what built_site was built from
    assert project is not None, f"the project's data does not load: {report}"
    return project.organization


def test_organization_diagram_is_named_and_each_body_is_reached_by_keyboard(new_page, site_server, organization_data):
    page, watch = new_page()
    page.goto(site_server + ORGANIZATION, wait_until="load")
    figure = page.get_by_role("figure", name="推進体制の図")
    assert figure.count() == 1, "no figure named 推進体制の図 on the organization page"
    links = figure.get_by_role("link")
    hrefs = links.evaluate_all("as => as.map(a => a.hash)")  # Material's script may make the href absolute
    assert sorted(hrefs) == sorted(f"#{body.id}" for body in organization_data.bodies)
    assert links.evaluate_all("as => as.every(a => a.pathname === location.pathname)"), "a box links to another page"
    for body in organization_data.bodies:
        assert figure.get_by_role("link", name=body.name).count() == 1, f"no link named {body.name}"
    # From the element before the diagram, Tab visits every box in turn, each with a visible focus ring.
    links.first.focus()
    page.keyboard.press("Shift+Tab")
    for href in hrefs:
        page.keyboard.press("Tab")
        focused = page.evaluate("() => [document.activeElement.hash, getComputedStyle(document.activeElement).outlineStyle]")
        assert focused[0] == href, f"Tab reached {focused[0]!r}, expected the box {href!r}"
        assert focused[1] != "none", f"the focused box {href} shows no focus ring"
    # Enter on a box moves to its section.
    for href in hrefs:
        page.evaluate("() => window.scrollTo(0, 0)")
        figure.locator(f'a[href$="{href}"]').focus()
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/{ORGANIZATION}{href}")
        heading = page.locator(f"h2{href}")
        assert heading.count() == 1, f"no section heading {href}"
        page.wait_for_function(f"() => ({IN_VIEW})(document.querySelector('h2{href}'))")
    assert_clean(watch, site_server)


def test_organization_diagram_stacks_on_a_phone_and_prints(new_page, site_server):
    page, watch = new_page(viewport={"width": 360, "height": 740})
    page.goto(site_server + ORGANIZATION, wait_until="load")
    sizes = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    assert sizes["scroll"] <= sizes["inner"], f"the organization page scrolls sideways on a phone: {sizes}"
    boxes = page.locator("figure.org-chart a.org-chart__box")
    lefts = [box["x"] for box in (boxes.nth(i).bounding_box() for i in range(boxes.count()))]
    tops = [box["y"] for box in (boxes.nth(i).bounding_box() for i in range(boxes.count()))]
    assert tops == sorted(tops), "on a phone the boxes should stand one below the other, in reading order"
    assert max(lefts) - min(lefts) < 60, f"on a phone the boxes should form one column: {lefts}"
    # Stacked, an arrow would point at whichever box comes next: each relation names both ends in words instead.
    ends = page.locator("figure.org-chart .org-chart__relation .org-chart__hidden:visible")
    assert ends.count() > 0 and "から" in ends.first.inner_text()
    assert page.locator("figure.org-chart .org-chart__relation .org-chart__arrow:visible").count() == 0
    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(media="print")
    figure = page.locator("figure.org-chart")
    assert figure.is_visible()
    box = figure.bounding_box()
    assert box and box["height"] > 100, f"the printed diagram has no size: {box}"
    assert_clean(watch, site_server)


# --------------------------------------------------------------------------- the preview (python -m generator serve)

PREVIEW_WAIT = 90_000  # milliseconds: a generation and a MkDocs rebuild on a loaded 2-core machine


def _wait_until_served(url: str, process, log: Path) -> None:
    import time
    import urllib.request

    deadline = time.monotonic() + PREVIEW_WAIT / 1000
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve stopped ({process.returncode}):\n{log.read_text(encoding='utf-8', errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"serve did not answer at {url}:\n{log.read_text(encoding='utf-8', errors='replace')}")


@pytest.fixture
def preview(project_copy: Path, tmp_path: Path):
    """`python -m generator serve` on a copy of the fixture, on a free port; yields (project, base URL)."""
    import signal
    import socket
    import subprocess
    import sys

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(project_copy), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_served(url + "kpis/kpi-1-employees/", process, log)
        yield project_copy, url
    finally:
        process.send_signal(signal.SIGTERM)  # serve stops its MkDocs server itself
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # its own session: serve and the server it started
            process.wait()


def test_preview_shows_a_broken_saves_located_problems_until_it_is_fixed(new_page, preview):
    """A save that breaks validation: the problems above the page (live reload, no click), gone when fixed."""
    root, url = preview
    page, _ = new_page()
    page.goto(url + "kpis/kpi-1-employees/")
    heading = page.locator("h1").first.inner_text()
    assert page.locator(".preview-problems").count() == 0

    kpi = root / "kpis/kpi-1-employees.yml"
    original = kpi.read_text(encoding="utf-8")
    kpi.write_text(original.replace("better: higher", "better: yes"), encoding="utf-8")
    panel = page.locator(".preview-problems")
    panel.wait_for(state="visible", timeout=PREVIEW_WAIT)
    text = panel.inner_text()
    assert "kpis/kpi-1-employees.yml 8行目 9列目" in text
    assert "「yes」はここでは使えません。" in text and "直し方: 次のどれかを書いてください: higher、lower" in text
    assert page.locator("h1").first.inner_text() == heading  # the page itself is still the last valid one
    code = panel.get_by_role("link", name="E-SCHEMA-CHOICE")
    assert code.get_attribute("href").endswith("reference/messages/#e-schema-choice")  # what the code means
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ["violations"]}))
        .violations.map(v => v.id + " " + v.nodes.map(n => n.target.join(" ")).slice(0, 3).join(" | "))""")
    assert violations == []  # the panel is as readable as the page

    kpi.write_text(original, encoding="utf-8")
    panel.wait_for(state="detached", timeout=PREVIEW_WAIT)
    assert page.locator("h1").first.inner_text() == heading
