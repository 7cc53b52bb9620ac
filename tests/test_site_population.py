"""Build tests: the population pages say what their figures are (samples, computed from samples, real with their
source), the numbers they show add up, and the glossary tells a quotation from a summary (issue 13's audit)."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from generator.pipeline import validate
from generator.render import render_all

BADGE = '<span class="badge-sample">サンプル</span>'


class Tables(HTMLParser):
    """Every table of a page: its header cells (text) and rows (cell texts, a row's own header cell included)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._cell: list[str] | None = None
        self._body = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"head": [], "rows": []})
            self._body = False
        elif tag == "tbody":
            self._body = True
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell).strip()
            (self.tables[-1]["head"] if tag == "th" and not self._body else self.tables[-1]["rows"][-1]).append(text)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def article(site: Path, page: str) -> str:
    text = (site / page).read_text(encoding="utf-8")
    return text.split("<article", 1)[-1].split("</article>", 1)[0]


def number(text: str) -> int:
    """A number as the pages print it: 13,786 / −1,234 (the Japanese minus) / +459."""
    return int(text.replace(",", "").replace("−", "-").replace("+", ""))


def test_every_difference_on_the_outlook_page_is_the_difference_of_the_numbers_shown(built_site: Path):
    """将来展望: each 差 in the table, the summary and the annotation (SVG and Plotly JSON) equals the difference of the
    two rounded numbers shown beside it (the audit found 458 beside 145,349 − 144,890 and 2,667 beside 2,668)."""
    page = article(built_site, "population/outlook/index.html")
    parser = Tables()
    parser.feed(page)
    (table,) = [t for t in parser.tables if any(h.startswith("差") for h in t["head"])]
    heads = table["head"]
    target, baseline, gap = (next(i for i, h in enumerate(heads) if h.startswith(word)) for word in ("将来展望", "パターン", "差"))
    rows = [row for row in table["rows"] if row]
    assert len(rows) >= 2
    for row in rows:
        assert number(row[gap]) == number(row[target]) - number(row[baseline]), row
    last = rows[-1]
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    shown = re.search(r"将来展望は([0-9,]+)人で、.+?の([0-9,]+)人より([0-9,]+)人(多く|少なく)", text)
    assert shown, "the summary names both numbers and their gap"
    first, second, difference = (number(shown.group(i)) for i in (1, 2, 3))
    assert (first, second) == (number(last[target]), number(last[baseline]))
    assert difference == abs(first - second) and (shown.group(4) == "多く") == (first >= second)
    figure = json.loads((built_site / "assets/figures/population-target.json").read_text(encoding="utf-8"))
    annotations = [a["text"] for a in figure["layout"]["annotations"] if a["text"].startswith("差")]
    assert annotations == [f"差 {'+' if first >= second else '−'}{abs(first - second):,}人"]
    assert re.findall(r"差 [+−][0-9,]+人", text) and set(re.findall(r"差 [+−][0-9,]+人", text)) == set(annotations)  # the SVGs


def test_names_and_tables_of_projections_from_samples_carry_the_badge(built_site: Path):
    """「パターン1（社人研推計準拠）」 and the 人口減少の段階 computed from sample assumptions say so where they stand."""
    projection = article(built_site, "population/projection/index.html")
    pyramids = projection.split('id="pyramids"', 1)[1].split("<h2", 1)[0]
    assert pyramids.split("</h2>", 1)[1].lstrip().startswith(f"<p>{BADGE} <small>見本を含む値から計算</small></p>")
    stages = projection.split('id="decline-stages"', 1)[1]
    parser = Tables()
    parser.feed(stages)
    rows = [row for row in parser.tables[0]["rows"] if row]
    assert len(rows) == 4 and all(row[0].endswith("サンプル") for row in rows)  # the badge beside every scenario's name
    assert stages.count(BADGE) >= 4 and "見本を含む値から計算した値です" in stages
    assert "このサイトで決めた目安" in stages  # no source gives the ±10 % band
    scenarios = json.loads((built_site / "assets/figures/population-scenarios.json").read_text(encoding="utf-8"))
    assert all(trace["name"].endswith("（サンプル）") for trace in scenarios["data"])  # legends, Plotly and SVG alike
    assert "パターン1（社人研推計準拠）（サンプル）" in projection  # the static chart's legend
    outlook = article(built_site, "population/outlook/index.html")
    assert f"パターン1（社人研推計準拠）（人）{BADGE}</th>" in outlook  # the table's column of the named projection
    method = article(built_site, "population/index.html").split('id="method"', 1)[1]
    assert method.count(f"</strong>{BADGE}:") == 4


def test_national_fertility_rates_carry_their_source_not_a_sample_label(built_site: Path):
    current = article(built_site, "population/current/index.html")
    tfr = current.split('id="chart-population-tfr"', 1)[1].split("</details>", 1)[0]
    assert "見本（実際の値ではありません）" not in tfr and BADGE not in tfr
    assert "人口動態統計（厚生労働省）。原典で要確認【要確認】" in tfr
    parser = Tables()
    parser.feed(tfr)
    national = [row for row in parser.tables[0]["rows"] if len(row) > 1 and row[1] == "全国"]
    assert [row[2] for row in national] == ["1.45", "1.30", "1.26"] and {row[-1] for row in national} == {"未確認"}


def test_the_glossary_shows_quotations_in_brackets_and_summaries_as_such(built_site: Path):
    glossary = article(built_site, "glossary/index.html")
    assert "「総合戦略に盛り込む政策分野単位で基本目標を設定するとともに、客観的な成果指標（ＫＰＩ）を設定する。」" in glossary
    assert glossary.count("出典（引用）:") == 2 and "出典（要約）" not in glossary


def test_a_summary_and_a_sourced_band_say_so(project_copy: Path):
    """A glossary entry that is not a quotation is marked 要約; a band written in vision.yml is shown with its source."""
    glossary = project_copy / "strategy/glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("    quote: true\n", "", 1), encoding="utf-8")
    vision = project_copy / "population/vision.yml"
    vision.write_text(vision.read_text(encoding="utf-8") + "decline_band:\n  percent: 7.5\n  source:\n    title: 市の決定（試験）\n",
                      encoding="utf-8")
    validated = validate(project_copy)
    assert validated.project is not None, validated.report.format()
    files = render_all(validated.project, validated.computed, site_url="https://example.invalid/")
    assert files["glossary.md"].count("出典（要約）:") == 1 and files["glossary.md"].count("出典（引用）:") == 1
    projection = files["population/projection.md"]
    assert "第2段階（横ばい、±7.5%以内）" in projection and "第2段階の幅（±7.5%）の出典: 市の決定（試験）" in projection
    assert "このサイトで決めた目安" not in projection


POPULATION_PAGES = ("population/index.html", "population/current/index.html", "population/projection/index.html",
                    "population/outlook/index.html")


def charts_on(site: Path, page: str) -> dict[str, tuple[str, list[str], list[list[str]]]]:
    """Every chart of a page: its id → (its summary, its data table's header cells, its rows), as the page prints them."""
    found = {}
    for block in article(site, page).split('<figure class="chart" id="chart-')[1:]:
        summary = block.split('<p class="chart__summary">', 1)[1].split("</p>", 1)[0]
        parser = Tables()
        parser.feed(block.split('<details class="chart__data"', 1)[1].split("</details>", 1)[0])
        (table,) = parser.tables
        found[block.split('"', 1)[0]] = (html.unescape(re.sub(r"<[^>]+>", "", summary)), table["head"], [r for r in table["rows"] if r])
    return found


def test_every_total_shown_is_the_sum_of_the_parts_shown(built_site: Path):
    """Issue 13: shown numbers add up — each pyramid's 総人口 is the sum of its cells, the age groups of a year make the
    scenario's total of that year, and the pyramids, the history and the target show the scenarios' totals."""
    shown: dict[str, tuple[str, list[str], list[list[str]]]] = {}
    for page in POPULATION_PAGES:
        shown |= charts_on(built_site, page)
    _, heads, rows = shown["population-scenarios"]
    names = [re.sub(r"（人）(サンプル)?$", "", head) for head in heads]
    totals = {(re.search(r"\((\d{4})\)", row[0]).group(1), name): number(cell)
              for row in rows for name, cell in zip(names[1:], row[1:]) if name != "状態"}
    pyramids = [chart_id for chart_id in shown if "pyramid" in chart_id]
    assert len(pyramids) >= 5, pyramids
    for chart_id in pyramids:
        summary, heads, rows = shown[chart_id]
        male, female = heads.index("男性（人）"), heads.index("女性（人）")
        total = number(re.search(r"総人口([0-9,]+)人", summary).group(1))
        assert total == sum(number(row[male]) + number(row[female]) for row in rows), (chart_id, total)
        year, whose = chart_id.rsplit("-", 1)[1], re.search(r"の5歳階級別の人口（(.+)）です。", summary).group(1)
        assert total == totals[year, names[1] if whose == "基準人口" else whose], (chart_id, whose)
    summary, heads, rows = shown["population-age-structure"]
    whose = summary.removeprefix("（サンプル値を含む）").split("による", 1)[0]
    groups = [index for index, head in enumerate(heads) if "歳" in head]
    assert len(groups) == 3 and len(rows) >= 5
    for row in rows:
        assert sum(number(row[i]) for i in groups) == totals[re.search(r"\((\d{4})\)", row[0]).group(1), whose], row
    _, heads, rows = shown["population-history"]
    projected = [row for row in rows if row[1] == "推計"]
    assert projected and all(number(row[2]) == totals[re.search(r"\((\d{4})\)", row[0]).group(1), names[1]] for row in projected)
    _, heads, rows = shown["population-target"]
    target = next(name for name in names if name.startswith("将来展望"))
    for row in rows:
        year = re.search(r"\((\d{4})\)", row[0]).group(1)
        assert (number(row[1]), number(row[2])) == (totals[year, target], totals[year, names[1]]), row
