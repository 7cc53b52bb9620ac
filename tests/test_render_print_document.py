"""The printed plan's HTML (render/print_document.py): what it holds, the 目次's targets, samples marked, escaping,
print colours and fonts of the static charts. No PDF is made here (tests/test_site_pdf.py does)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support import FIXTURE, copy_project

from generator.compute.updated import last_updated
from generator.pipeline import validate
from generator.render.kpi_text import SAMPLE_BADGE
from generator.render.print_document import (
    PRINT_COLOURS,
    PRINT_FONT,
    PRINT_PDF,
    PrintDownload,
    contents,
    for_print,
    print_colours,
    print_html,
)

CITY2 = FIXTURE.parent / "city2"
CSS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "stylesheets" / "extra.css"


class Ids(HTMLParser):
    """Every id, every in-document link and the text of the document (style left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "a" and (attributes.get("href") or "").startswith("#"):
            self.links.append(attributes["href"][1:])
        self._style = tag == "style"

    def handle_endtag(self, tag):
        self._style = False

    def handle_data(self, data):
        if not self._style:
            self.text.append(data)


def parsed(html: str) -> Ids:
    parser = Ids()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def fixture_data():
    validated = validate(FIXTURE)
    assert validated.project is not None and validated.computed is not None
    return validated.project, validated.computed


@pytest.fixture(scope="module")
def document(fixture_data) -> str:
    return print_html(*fixture_data)


def test_the_document_holds_every_part_of_the_plan(fixture_data, document):
    project, computed = fixture_data
    text = "".join(parsed(document).text)
    assert text.count(project.site.document("strategy").name) >= 2  # the cover and the title
    assert f"{project.site.city}" in text
    for goal in project.strategy.goals:
        assert goal.title in text, goal.title
        for measure in goal.measures:
            assert measure.title in text, measure.title
    for kpi in project.kpis.values():
        assert kpi.name in text, kpi.name
    assert project.policy is not None and project.policy.title in text
    assert project.vision is not None and project.vision.name in text
    assert f"{max(computed.reviews)}" in document and "の効果検証" in text


def test_the_cover_names_the_plan_its_period_and_the_city_from_the_data(fixture_data, document):
    project, _ = fixture_data
    cover = document[document.index('<section class="cover"'):document.index("</section>", document.index('<section class="cover"'))]
    assert project.site.document("strategy").name in cover
    assert project.site.city in cover
    assert "計画期間: 令和3(2021)年度〜令和7(2025)年度" in cover


def test_the_contents_lead_to_headings_of_the_document(fixture_data, document):
    project, computed = fixture_data
    found = parsed(document)
    assert len(found.ids) == len(set(found.ids)), "ids are unique"
    parts = contents(project, computed)
    assert [part.anchor for part in parts] == found.links  # the 目次 lists exactly the parts, in order
    assert set(found.links) <= set(found.ids)
    assert {part.level for part in parts} == {1, 2}
    assert len([p for p in parts if p.level == 1]) == 4  # 策定方針, 総合戦略, 人口ビジョン, 効果検証
    # The page numbers come from the print CSS: each entry ends with its target's page.
    assert "target-counter(attr(href), page)" in document


def test_samples_are_marked_as_on_the_site(document):
    assert str(SAMPLE_BADGE) in document
    assert "サンプル（見本）を含みます" in document  # the cover's notice and every page's foot


def test_the_metadata_dates_are_the_data_s_not_the_clock(fixture_data, document):
    project, _ = fixture_data
    day = last_updated(project)
    assert day is not None
    assert f'<meta name="dcterms.created" content="{day.isoformat()}">' in document
    assert f'<meta name="dcterms.modified" content="{day.isoformat()}">' in document
    assert '<html lang="ja">' in document


def test_the_same_data_gives_the_same_document(fixture_data, document):
    assert print_html(*fixture_data) == document


def test_a_city_without_policy_population_or_reviews_still_has_a_document():
    validated = validate(CITY2)
    assert validated.project is not None and validated.computed is not None
    html = print_html(validated.project, validated.computed)
    found = parsed(html)
    assert set(found.links) <= set(found.ids)
    assert "population" not in found.ids and "policy" not in found.ids
    for goal in validated.project.strategy.goals:
        assert goal.title in "".join(found.text)


def test_text_from_the_data_is_escaped(tmp_path):
    root = copy_project(tmp_path / "project")
    strategy = root / "strategy" / "strategy.yml"
    text = strategy.read_text(encoding="utf-8")
    validated = validate(root)
    assert validated.project is not None
    first_title = validated.project.strategy.goals[0].title
    strategy.write_text(text.replace(first_title, "<script>alert(1)</script> & 〈目標〉", 1), encoding="utf-8")
    validated = validate(root)
    assert validated.project is not None and validated.computed is not None
    html = print_html(validated.project, validated.computed)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 〈目標〉" in html


def test_static_charts_get_print_colours_and_the_document_font(document):
    svgs = re.findall(r"<svg\b[^>]*>", document)
    assert svgs and all(f'font-family="{PRINT_FONT}"' in svg for svg in svgs)
    assert "var(--" not in document.split("<body>")[1]
    assert not re.search(r"<text\b[^>]* opacity=", document)  # faint text by fill-opacity (WeasyPrint clips the other)
    assert 'style="' not in document.split("<body>")[1]


def test_print_colours_replace_variables_and_refuse_unknown_ones():
    assert print_colours('<path style="fill:var(--chart-2)"/>') == f'<path style="fill:{PRINT_COLOURS["--chart-2"]}"/>'
    assert print_colours("stroke:var(--unknown, #123456)") == "stroke:#123456"
    with pytest.raises(ValueError, match="--unknown"):
        print_colours("fill:var(--unknown)")
    assert for_print('<svg a="b"><text x="1" opacity="0.25">見本</text></svg>') == (
        f'<svg font-family="{PRINT_FONT}" a="b"><text x="1" fill-opacity="0.25">見本</text></svg>')
    # Colours as attributes (no CSS for the HTML side to warn about), unless the element already has that attribute.
    assert for_print('<svg><rect style="fill:var(--chart-1)"/><path fill="none" style="stroke:red"/><line stroke="x" style="stroke:y"/></svg>') == (
        f'<svg font-family="{PRINT_FONT}"><rect fill="{PRINT_COLOURS["--chart-1"]}"/><path fill="none" stroke="red"/>'
        '<line stroke="x" style="stroke:y"/></svg>')


def test_print_colours_are_the_light_scheme_of_the_site():
    block = re.search(r'\[data-md-color-scheme="default"\][^{]*\{([^}]*)\}', CSS.read_text(encoding="utf-8"))
    assert block is not None
    site = dict(re.findall(r"(--chart-[\w-]+):\s*(#[0-9A-Fa-f]{6})", block.group(1)))
    assert {name: colour for name, colour in PRINT_COLOURS.items() if name.startswith("--chart-") and name != "--chart-page"} == {
        name: colour for name, colour in site.items() if name != "--chart-page"}


def test_the_download_is_labelled_as_materials_are():
    assert PrintDownload(PRINT_PDF, 1_234_567).label == "PDF 1.2MB"
    assert PrintDownload(PRINT_PDF, 603).label == "PDF 603B"


def test_the_decline_stages_carry_the_sites_wording_badges_and_note(fixture_data, document):
    # Regression: the PDF dropped the ±10% band's disclaimer, the row badges and the note the page shows.
    from generator.render import render_all

    page = render_all(*fixture_data, site_url="https://example.invalid/", bundle=False)["population/projection.md"]
    assert isinstance(page, str)
    block = page.split("{ #decline-stages }", 1)[1].strip()
    assert "第2段階の幅（±10%）は、出典のある基準ではなく、このサイトで決めた目安です。" in block
    assert "「サンプル」の印があるシナリオの段階は、見本を含む値から計算した値です" in block
    assert block in document  # one macro (templates/_decline_stages.j2): the same wording, table, badges and note
    stages = document.split("人口減少の段階", 1)[1].split("</table>", 1)[0]
    assert stages.count(f"{SAMPLE_BADGE}</th>") == len(fixture_data[1].decline_stages)  # every sample scenario's row
