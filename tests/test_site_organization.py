"""Build tests: the 推進体制 page (diagram and sections), the 審議会 page, and opinions on the pages they concern."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from generator.pipeline import load_project
from generator.site.build import build


class Page(HTMLParser):
    """The article of a built page: text, element ids, links (href, text), the diagram's figure and caption."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []
        self.diagram_links: list[str] = []
        self.figure: dict[str, str | None] | None = None
        self.captions: dict[str, str] = {}
        self._caption: str | None = None
        self._link: list | None = None
        self._in_diagram = 0
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "figure" and "org-chart" in (attributes.get("class") or ""):
            self.figure = attributes
            self._in_diagram = 1
        elif tag == "figure" and self._in_diagram:
            self._in_diagram += 1
        if tag == "figcaption" and self._in_diagram:
            self._caption = attributes.get("id") or ""
            self.captions[self._caption] = ""
        if tag == "a":
            self._link = [attributes.get("href") or "", ""]
            if self._in_diagram:
                self.diagram_links.append(attributes.get("href") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "figure" and self._in_diagram:
            self._in_diagram -= 1
        if tag == "figcaption":
            self._caption = None
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], self._link[1].strip()))
            self._link = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._caption is not None:
            self.captions[self._caption] += data
        if self._link is not None:
            self._link[1] += data

    @property
    def words(self) -> str:
        return re.sub(r"\s+", "", "".join(self.text))


def read(site: Path, path: str) -> Page:
    """The page's article only (the menu and table of contents repeat its headings)."""
    html = (site / path).read_text(encoding="utf-8")
    page = Page()
    page.feed(html[html.index("<article"):html.index("</article>")])
    return page


def test_the_organization_page_has_a_named_diagram_linking_every_body_section(built_site: Path):
    project, _ = load_project(built_site.parent)
    page = read(built_site, "process/organization/index.html")
    assert page.figure is not None, "no diagram on the organization page"
    assert page.captions[page.figure["aria-labelledby"]] == "推進体制の図"
    bodies = project.organization.bodies
    assert sorted(page.diagram_links) == sorted(f"#{body.id}" for body in bodies)
    assert all(body.id in page.ids for body in bodies), "a body box links to a section that is not on the page"
    # Each section: role, positions, the policy passage it comes from (linked) and the source.
    words = page.words
    assert "|本部長|市長|" not in words and "本部長市長" in words  # a table, not Markdown left as text
    assert "副本部長副市長及び教育長" in words
    assert "知識経験者、市内関係団体、公募市民等" in words
    assert ("../../strategy/policy/#structure-headquarters", "策定方針「５ 推進体制（１）庁内体制①朝霞市まち・ひと・しごと創生本部」") in page.links
    assert "本部長は市長を、副本部長は副市長及び教育長を、本部員は部長級職員をもって充てることとする。" in words
    # The relations, in words: one row per arrow.
    assert "relations" in page.ids
    assert "朝霞市まち・ひと・しごと創生総合戦略審議会朝霞市まち・ひと・しごと創生本部素案の審議" in words
    assert "素案の説明・策定後の報告" in words


def test_the_council_page_lists_its_meetings_with_opinions_and_responses(built_site: Path):
    page = read(built_site, "process/council/index.html")
    words = page.words
    assert {"council", "council-composition", "council-2020-1", "review-2024-11"} <= page.ids
    assert "知識経験者－（名簿は登録されていません）" in words  # categories only: no invented members
    assert "委員A" not in words
    meeting = words[words.index("（サンプル）第１回審議会"):words.index("（サンプル）令和6年度第１回審議会（効果検証）")]
    assert "令和2(2020)年8月20日" in meeting and "（サンプル）市役所会議室" in meeting
    assert "（サンプル）子育て世帯の転入の状況も示してほしい。" in meeting
    assert "市の対応:（サンプル）人口ビジョンの現状分析に年齢別の転入・転出を加えます。（対応済）" in meeting
    assert "（サンプル）第１回審議会次第・資料" in meeting  # its material, linked by the materials helper
    assert ("../../reviews/2023/", "令和5(2023)年度の効果検証") in page.links
    assert ("../../kpis/kpi-3-childcare-waiting/", "（サンプル）保育所等の待機児童数") in page.links


def test_opinions_appear_on_the_kpi_and_goal_pages_they_concern(built_site: Path):
    kpi = read(built_site, "kpis/kpi-3-childcare-waiting/index.html")
    assert "opinions" in kpi.ids
    assert "（サンプル）待機児童数の減少は評価できる。" in kpi.words
    assert "市の対応:（サンプル）保育の受け皿の確保を続けます。（対応中）" in kpi.words
    assert ("../../process/council/#review-2024-11", "（サンプル）令和6年度 第１回 審議会（効果検証）") in kpi.links
    goal = read(built_site, "strategy/goals/goal-3/index.html")
    assert "opinions" in goal.ids
    for text in ("（サンプル）子育て世帯の転入の状況も示してほしい。", "（サンプル）待機児童数の減少は評価できる。",
                 "（サンプル）待機児童の減少は評価できるが、子育てのしやすさの実感につながるよう情報発信を工夫してほしい。"):
        assert text in goal.words
    assert ("../../../process/council/#council-2020-1", "（サンプル）第１回 審議会") in goal.links
    assert ("../../../reviews/2023/#council", "（サンプル）朝霞市まち・ひと・しごと創生総合戦略審議会") in goal.links
    other = read(built_site, "strategy/goals/goal-1/index.html")
    assert "opinions" not in other.ids  # no empty section where nothing was said


def test_the_review_page_lists_the_meetings_opinions_with_responses(built_site: Path):
    page = read(built_site, "reviews/2023/index.html")
    words = page.words
    section = words[words.index("審議会の意見"):words.index("すべての指標の評価")]
    assert "（サンプル）指標の実績は毎年同じ時期に公表してほしい。" in section  # reviews.yml
    assert "（サンプル）待機児童数の減少は評価できる。" in section  # the meeting that reviewed 2023
    assert "市の対応:（サンプル）保育の受け皿の確保を続けます。（対応中）" in section
    assert ("../../process/council/#review-2024-11", "会議の記録") in page.links


def test_a_body_name_with_markup_is_shown_literally(project_copy: Path):
    path = project_copy / "strategy/organization.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 市内関係団体", 'name: "<b>市内</b> & 団体"'),
                    encoding="utf-8")
    build(project_copy)
    page = read(project_copy / "site", "process/organization/index.html")
    assert ("#organizations", "関係団体：<b>市内</b> & 団体") in page.links  # the diagram's box: kind and name
    assert "<b>市内</b>&団体" in page.words
    html = (project_copy / "site/process/organization/index.html").read_text(encoding="utf-8")
    assert "<b>市内</b>" not in html
