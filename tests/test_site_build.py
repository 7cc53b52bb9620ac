"""Build tests on fixture copies of the project: data in, site out."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.model.policy import walk_sections
from generator.pipeline import load_project
from generator.site.build import (
    GENERATED_DOCS,
    BuildError,
    InvalidData,
    build,
    generate,
)


class TextAndHeadings(HTMLParser):
    """Collects the visible text and the headings of a page."""

    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.headings: list[tuple[str, str, str]] = []  # (tag, id, text)
        self._heading: list | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag in ("h1", "h2", "h3", "h4"):
            self._heading = [tag, dict(attrs).get("id", ""), ""]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if self._heading and tag == self._heading[0]:
            self.headings.append((self._heading[0], self._heading[1], self._heading[2].replace("¶", "").strip()))
            self._heading = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._heading is not None:
            self._heading[2] += data


def read_page(site: Path, path: str) -> TextAndHeadings:
    parser = TextAndHeadings()
    parser.feed((site / path).read_text(encoding="utf-8"))
    return parser


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_policy_section_reaches_the_html(built_site: Path):
    project, _ = load_project(built_site.parent)
    page = read_page(built_site, "strategy/policy/index.html")
    text = "".join(page.text)
    headings = {title for _, _, title in page.headings}
    for _, section in walk_sections(project.policy.sections):
        assert f"{section.number} {section.title}" in headings, section.title
        for paragraph in section.paragraphs + section.items:
            assert paragraph in text, paragraph[:20]
    assert project.policy.title in headings


def test_policy_headings_keep_their_ids_and_nesting(built_site: Path):
    page = read_page(built_site, "strategy/policy/index.html")
    by_id = {id_: tag for tag, id_, _ in page.headings}
    assert by_id["purpose"] == "h2"
    assert by_id["content-strategy"] == "h3"
    assert by_id["structure-headquarters"] == "h4"


def test_home_page_introduces_both_documents_with_periods(built_site: Path):
    text = "".join(read_page(built_site, "index.html").text)
    assert "第２期朝霞市まち・ひと・しごと創生総合戦略" in text
    assert "朝霞市人口ビジョン（令和２年度改訂）" in text
    assert "令和3(2021)年度〜令和7(2025)年度（5年間）" in text
    assert "令和42(2060)年まで" in text


def test_strategy_page_lists_the_national_goals_with_source(built_site: Path):
    project, _ = load_project(built_site.parent)
    text = "".join(read_page(built_site, "strategy/index.html").text)
    for goal in project.national_framework.goals:
        assert goal.title in text
    assert "出典" in text and "閣議決定" in text


def test_plan_period_table_and_figure_are_published(built_site: Path):
    text = "".join(read_page(built_site, "strategy/policy/index.html").text)
    # The first Asaka strategy, extended to six years, as a table row.
    assert "第１期（改訂版）平成27(2015)年度令和2(2020)年度6" in re.sub(r"\s+", "", text)
    assert (built_site / "assets/figures/plan-periods.json").is_file()
    assert (built_site / "assets/data/plan-periods.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (built_site / "assets/vendor/plotly/plotly-basic.min.js").is_file()
    assert (built_site / "assets/vendor/plotly/LICENSE.txt").is_file()


def test_no_page_loads_anything_from_another_host(built_site: Path):
    resource = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)="(https?:)?//', re.I)
    for page in built_site.rglob("*.html"):
        content = page.read_text(encoding="utf-8")
        for match in re.finditer(r'<(script|link|img|iframe|source)\b[^>]*>', content, re.I):
            tag = match.group(0)
            if tag.lower().startswith("<link") and re.search(r'rel="(canonical|alternate)"', tag):
                continue  # a link relation, not a request
            assert not resource.match(tag), f"{page}: {tag}"
        assert "fonts.googleapis" not in content and "fonts.gstatic" not in content


def test_invalid_data_leaves_site_and_generated_docs_untouched(project_copy: Path):
    build(project_copy)
    site_before = snapshot(project_copy / "site")
    docs_before = snapshot(project_copy / GENERATED_DOCS)
    policy = project_copy / "strategy/policy.yml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("  - id: period\n", "  - id: period\n    id: again\n"), encoding="utf-8")
    with pytest.raises(InvalidData) as info:
        build(project_copy)
    assert "strategy/policy.yml" in str(info.value) and "2回書かれています" in str(info.value)
    assert snapshot(project_copy / "site") == site_before
    assert snapshot(project_copy / GENERATED_DOCS) == docs_before


def test_failed_mkdocs_build_leaves_the_previous_site(project_copy: Path):
    build(project_copy)
    before = snapshot(project_copy / "site")
    # A hand-written page with a broken link: MkDocs' strict build refuses it.
    (project_copy / "docs" / "extra.md").write_text("# 追加\n\n[リンク](missing.md)\n", encoding="utf-8")
    with pytest.raises(BuildError, match="missing.md"):
        build(project_copy)
    assert snapshot(project_copy / "site") == before


def test_same_input_gives_byte_identical_output(project_copy: Path, tmp_path: Path):
    first, second = tmp_path / "a", tmp_path / "b"
    generate(project_copy, first)
    generate(project_copy, second)
    assert snapshot(first) == snapshot(second)
    assert len(snapshot(first)) > 3


def test_builds_in_different_processes_and_environments_are_byte_identical(tmp_path: Path):
    """Hash seed, time zone and the build's clock must not reach the site (two real processes)."""
    import os
    import subprocess
    import sys

    from support import copy_project

    sites = []
    for name, seed, zone in (("a", "1", "UTC"), ("b", "4242", "Asia/Tokyo")):
        root = copy_project(tmp_path / name)
        env = dict(os.environ, PYTHONHASHSEED=seed, TZ=zone, SOURCE_DATE_EPOCH="1700000000")
        subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"], env=env, cwd=root,
                       check=True, capture_output=True)
        sites.append(snapshot(root / "site"))
    assert sites[0] == sites[1] and len(sites[0]) > 100


def test_regenerating_rewrites_only_what_changed(project_copy: Path, tmp_path: Path):
    out = tmp_path / "docs"
    generate(project_copy, out)
    (out / "stale.md").write_text("old", encoding="utf-8")
    policy = project_copy / "strategy/policy.yml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("title: その他", "title: その他の事項"), encoding="utf-8")
    result = generate(project_copy, out)
    assert result.written == ["strategy/policy.md"]
    assert result.removed == ["stale.md"]


def test_yaml_text_is_shown_literally_never_executed(project_copy: Path):
    policy = project_copy / "strategy/policy.yml"
    hostile = "<script>alert(1)</script> {{ config.site_name }} {% raw %} **強調** [x](javascript:alert(1))"
    text = policy.read_text(encoding="utf-8").replace(
        "      - 本策定方針に定めるもののほか、策定に関し必要な事項は別に定める。",
        f"      - '{hostile}'",
    )
    policy.write_text(text, encoding="utf-8")
    periods = project_copy / "strategy/plan_periods.yml"
    periods.write_text(periods.read_text(encoding="utf-8").replace("label: 後期基本計画", "label: \"後期|基本\\n計画\""), encoding="utf-8")
    build(project_copy)
    page = (project_copy / "site/strategy/policy/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert 'href="javascript' not in page
    assert "<strong>強調</strong>" not in page
    parser = TextAndHeadings()
    parser.feed(page)
    visible = "".join(parser.text)
    assert hostile in visible
    # The pipe stayed inside its cell: every row of the plan table has its five cells and its status.
    table = re.search(r"<table>.*?計画.*?</table>", page, re.S).group(0)
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    assert len(rows) == 7 and all(len(re.findall(r"<t[dh]", row)) == 6 for row in rows)
    assert "後期|基本 計画" in visible or "後期|基本計画" in visible


def test_names_in_page_titles_and_descriptions_are_text_never_markup(project_copy: Path):
    """A KPI's or goal's name goes into the page's <title>, <meta name="description"> and the menu: escaped there too."""
    hostile = 'X"><img src=x onerror=alert(1)></title><script>alert(2)</script>&'
    kpi = project_copy / "kpis/kpi-2-net-migration.yml"
    kpi.write_text(re.sub(r"(?m)^name: .*$", f"name: '{hostile}'", kpi.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    build(project_copy)
    page = (project_copy / "site/kpis/kpi-2-net-migration/index.html").read_text(encoding="utf-8")
    assert "<script>alert(2)</script>" not in page and "<img src=x" not in page
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert html.unescape(title).startswith(hostile)
    description = re.search(r'<meta name="description" content="([^"]*)"', page).group(1)
    assert hostile in html.unescape(description)


def test_site_url_comes_from_the_environment(project_copy: Path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://www.example.jp/seisaku/sousei/")
    build(project_copy)
    page = (project_copy / "site/strategy/policy/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://www.example.jp/seisaku/sousei/strategy/policy/">' in page
    # Links stay relative, so the same files work under any sub-path.
    assert 'href="../../assets/stylesheets/extra.css' in page or "../../assets/stylesheets/extra.css" in page


def test_pages_have_meta_descriptions_and_japanese_language(built_site: Path):
    for path in ("index.html", "strategy/index.html", "strategy/policy/index.html"):
        page = (built_site / path).read_text(encoding="utf-8")
        assert '<html lang="ja"' in page
        description = re.search(r'<meta name="description" content="([^"]+)"', page)
        assert description and "朝霞市" in html.unescape(description.group(1))


def test_japanese_headings_get_readable_anchors(built_site: Path):
    page = read_page(built_site, "index.html")
    ids = {id_ for tag, id_, text in page.headings if text == "読み進める"}
    assert ids == {"読み進める"}  # not "_1": a link to the heading says what it points at


def test_chart_images_are_kept_out_of_the_search_index(built_site: Path):
    import json

    from generator.charts.timeline import plan_period_chart

    project, _ = load_project(built_site.parent)
    # The index is NFKC-normalized (full-width digits → half-width), so is the summary here.
    summary = unicodedata.normalize("NFKC", plan_period_chart(project.plan_periods).summary)
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    texts = [doc["text"] for doc in index["docs"]]
    # Once per chart page, from the visible summary (and once on データ一覧, which describes the chart's table with it);
    # never again from the SVG's <desc>.
    assert sum(text.count(summary) for text in texts) == 2 + 1
    assert sum(text.count(summary) for doc, text in zip(index["docs"], texts) if doc["location"].startswith("data/")) == 1
    assert not any("chart__static" in text or "<svg" in text for text in texts)


# --- The strategy and its KPIs -----------------------------------------------------------


def links_of(site: Path, page: str) -> list[str]:
    html_text = (site / page).read_text(encoding="utf-8")
    article = html_text.split("<article", 1)[1].split("</article>", 1)[0]
    return re.findall(r'<a [^>]*href="([^"#]+)', article)


def test_any_kpi_is_two_clicks_from_home(built_site: Path):
    project, _ = load_project(built_site.parent)
    first = [link for link in links_of(built_site, "index.html") if "kpis/" in link]
    assert first, "home links to the KPI dashboard"
    dashboard = "kpis/index.html"
    second = {link.rstrip("/") for link in links_of(built_site, dashboard)}
    for kpi_id in project.kpis:
        assert kpi_id in second, f"{kpi_id} is not linked from the dashboard"
        assert (built_site / "kpis" / kpi_id / "index.html").is_file()


def test_kpi_page_shows_where_it_started_should_be_is_and_why(built_site: Path):
    text = "".join(read_page(built_site, "kpis/kpi-x2-online/index.html").text)
    for words in ("基準値", "20件", "目標値", "100件", "比べた実績", "104件", "進捗率", "105.0%", "（実績 104 − 基準値 20）", "評価方法", "サンプル"):
        assert words in text, words


def test_glossary_marks_link_to_the_glossary(built_site: Path):
    page = (built_site / "kpis/kpi-1-women-employment/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="../../glossary/#employment-rate"[^>]*>※</a>', page)
    assert 'id="employment-rate"' in (built_site / "glossary/index.html").read_text(encoding="utf-8")


def test_one_yaml_edit_of_a_new_years_actual_flows_everywhere(project_copy: Path):
    kpi_file = project_copy / "kpis/kpi-x2-online.yml"
    kpi_file.write_text(kpi_file.read_text(encoding="utf-8") + "  - {year: 2025, value: 123, status: sample}\n", encoding="utf-8")
    build(project_copy)
    site = project_copy / "site"
    dashboard = "".join(read_page(site, "kpis/index.html").text)
    assert "123件" in dashboard
    assert "123件" in "".join(read_page(site, "kpis/kpi-x2-online/index.html").text)
    figure = json.loads((site / "assets/figures/kpi-x2-online.json").read_text(encoding="utf-8"))
    assert figure["data"][0]["x"][-1] == 2025 and figure["data"][0]["y"][-1] == 123
    review = "".join(read_page(site, "reviews/2025/index.html").text)
    assert "令和7(2025)年度の効果検証" in review and "123件" in review
    assert (site / "assets/data/review-2025.xlsx").is_file()


def test_production_build_refuses_samples_and_keeps_the_site(project_copy: Path, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    build(project_copy)
    before = snapshot(project_copy / "site")
    with pytest.raises(InvalidData) as info:
        build(project_copy, production=True)
    assert "本番公開できません" in str(info.value) and "kpis/kpi-1-startups.yml" in str(info.value)
    assert "環境変数 SITE_URL" in str(info.value)  # and the public address is missing
    assert snapshot(project_copy / "site") == before


def test_field_reference_page_documents_every_field(built_site: Path):
    from generator.render.reference import field_reference

    text = "".join(read_page(built_site, "reference/fields/index.html").text)
    for model in field_reference():
        for field in model.fields:
            assert field.description in text, (model.anchor, field.name)


def test_goal_page_shows_measures_with_their_kpi_tables(built_site: Path):
    project, _ = load_project(built_site.parent)
    page = (built_site / "strategy/goals/goal-1/index.html").read_text(encoding="utf-8")
    assert "| 指標 |" not in page  # every Markdown table became a table
    for goal_kpi in [k for k in project.kpis.values() if k.goal == "goal-1"]:
        assert f'href="../../../kpis/{goal_kpi.id}/"' in page
    assert page.count("<table>") == 1 + len({k.measure for k in project.kpis.values() if k.goal == "goal-1" and k.measure})


def test_no_markdown_syntax_leaks_into_any_page(built_site: Path):
    for page in built_site.rglob("*.html"):
        article = page.read_text(encoding="utf-8").split("<article", 1)[-1].split("</article>", 1)[0]
        for leak in ("|---", "---|", "]( ", "{ #", "!!! "):
            assert leak not in article, f"{page.relative_to(built_site)}: {leak}"


def test_population_pages_carry_every_chart_and_the_census_totals(built_site: Path):
    project, _ = load_project(built_site.parent)
    current = "".join(read_page(built_site, "population/current/index.html").text)
    for row in project.census:
        assert f"{row.total:,.0f}" in current, row.year
    assert "未確認" in current and "サンプル" in current
    projection = (built_site / "population/projection/index.html").read_text(encoding="utf-8")
    assert projection.count('class="tabbed-set') >= 1 and "人口ピラミッド" in projection
    for chart_id in ("population-history", "population-tfr", "population-scenarios", "population-target", "population-pyramid-2060"):
        assert (built_site / f"assets/data/{chart_id}.csv").is_file(), chart_id


def test_a_tfr_anchor_change_flows_to_projection_pages(project_copy: Path):
    build(project_copy)
    before = json.loads((project_copy / "site/assets/figures/population-scenarios.json").read_text(encoding="utf-8"))
    vision = project_copy / "population/vision.yml"
    vision.write_text(vision.read_text(encoding="utf-8").replace('tfr_anchors: {"2040": 1.8}', 'tfr_anchors: {"2040": 2.2}'), encoding="utf-8")
    build(project_copy)
    after = json.loads((project_copy / "site/assets/figures/population-scenarios.json").read_text(encoding="utf-8"))
    target = [t for t in after["data"] if "将来展望" in t["name"]][0]
    target_before = [t for t in before["data"] if "将来展望" in t["name"]][0]
    assert target["y"][-1] > target_before["y"][-1]
    outlook = "".join(read_page(project_copy / "site", "population/outlook/index.html").text)
    assert f"{target['y'][-1]:,}" in outlook


def test_search_index_holds_half_width_letters_and_digits(built_site: Path):
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    text = "".join(doc["title"] + doc["text"] for doc in docs)
    assert "令和3年度を開始年度" in text and "PDCAサイクル" in text
    assert not re.search("[\\uFF10-\\uFF19\\uFF21-\\uFF3A]", text)


def test_no_figure_offers_send_to_cloud(built_site: Path):
    figures = list((built_site / "assets/figures").glob("*.json"))
    assert len(figures) > 10
    for path in figures:
        config = json.loads(path.read_text(encoding="utf-8"))["config"]
        assert config["showSendToCloud"] is False and config["displayModeBar"] is False, path.name
