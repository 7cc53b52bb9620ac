"""The promotion-structure diagram: finished, escaped HTML with a named figure, a link per body and worded arrows."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

from generator.model.policy import PolicySection
from generator.model.process import Organization
from generator.pipeline import load_project
from generator.render.chart_block import FENCE
from generator.render.organization import (
    CENTRE,
    END,
    START,
    layout,
    organization_block,
    organization_chart,
    policy_passages,
    units,
)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "project"


def organization(bodies: list[dict], relations: list[dict] = (), title: str = "推進体制") -> Organization:
    return Organization.model_validate({"title": title, "bodies": bodies, "relations": list(relations)})


def body(id_: str, kind: str, name: str | None = None, **more) -> dict:
    return {"id": id_, "name": name or id_, "kind": kind, "role": "役割。", **more}


STRUCTURE = organization(
    [body("hq", "庁内", "本部"), body("wg", "庁内", "部会", part_of="hq"), body("council", "審議会", "審議会"),
     body("citizens", "市民", "市民"), body("assembly", "議会", "市議会")],
    [{"from_body": "wg", "to_body": "hq", "label": "素案の検討"},
     {"from_body": "council", "to_body": "hq", "label": "素案の審議"},
     {"from_body": "hq", "to_body": "assembly", "label": "報告"},
     {"from_body": "council", "to_body": "citizens", "label": "横の関係"}],
)


class Figure(HTMLParser):
    """The links, ids, labelled-by and visible/hidden texts of the diagram."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.figure: dict[str, str | None] = {}
        self.ids: dict[str, str] = {}
        self.tags: list[str] = []
        self._id: str | None = None
        self._link: list | None = None
        self._stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        self._stack.append(tag)
        if tag == "figure":
            self.figure = attributes
        if "id" in attributes:
            self._id = attributes["id"]
            self.ids[self._id] = ""
        if tag == "a":
            self._link = [attributes.get("href"), ""]

    def handle_endtag(self, tag):
        self._stack.pop()
        if tag == "a" and self._link:
            self.links.append((self._link[0], self._link[1]))
            self._link = None
        if self._id and tag in ("figcaption",):
            self._id = None

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data
        if self._id is not None:
            self.ids[self._id] += data


def parsed(markup: str) -> Figure:
    figure = Figure()
    figure.feed(markup)
    return figure


def test_the_figure_is_named_by_its_caption():
    figure = parsed(organization_chart(STRUCTURE))
    assert figure.tags[:2] == ["figure", "figcaption"]
    assert figure.ids[figure.figure["aria-labelledby"]] == "推進体制の図"


def test_every_body_is_a_link_to_its_section_in_data_order_of_its_place():
    figure = parsed(organization_chart(STRUCTURE))
    # The start side (審議会, 市民), the middle (本部 with its 部会 inside), the end side (議会): reading and tab order.
    assert [href for href, _ in figure.links] == ["#council", "#citizens", "#hq", "#wg", "#assembly"]
    assert dict(figure.links)["#assembly"] == "議会：市議会"  # the kind is written where it differs from the name, apart
    assert dict(figure.links)["#citizens"] == "市民"


def test_a_part_is_drawn_inside_the_body_it_is_part_of():
    [top_hq] = [u for u in units(STRUCTURE) if u.body.id == "hq"]
    assert [child.body.id for child in top_hq.children] == ["wg"]
    markup = organization_chart(STRUCTURE)
    unit = markup[markup.index('<div class="org-chart__unit">'):]
    assert unit.index('href="#hq"') < unit.index("素案の検討") < unit.index('href="#wg"')


def test_arrows_name_both_ends_and_point_toward_the_right_place():
    markup = organization_chart(STRUCTURE)
    council = markup[markup.index('href="#council"'):markup.index('href="#citizens"')]
    assert "素案の審議" in council and "（審議会から本部へ）" in council
    assert '<span class="org-chart__wide">→</span><span class="org-chart__narrow">↓</span>' in council  # toward the middle
    assembly = markup[markup.index('href="#assembly"'):]
    assert "報告" in assembly and "（本部から市議会へ）" in assembly
    assert '<span class="org-chart__wide">→</span><span class="org-chart__narrow">↓</span>' in assembly  # away to the end side
    assert markup.count('aria-hidden="true"') == 3  # the glyphs only: the words stay readable


def test_a_relation_the_diagram_cannot_draw_is_listed_in_words():
    shown = layout(STRUCTURE)
    assert [r.label for r in shown.other] == ["横の関係"]
    assert ([u.body.id for u in shown.start], [u.body.id for u in shown.centre], [u.body.id for u in shown.end]) == (
        ["council", "citizens"], ["hq"], ["assembly"])
    assert "<li>審議会 → 市民: 横の関係</li>" in organization_chart(STRUCTURE)
    assert (START, CENTRE, END) == ("start", "centre", "end")


def test_text_from_the_data_is_shown_literally():
    hostile = organization(
        [body("hq", "庁内", "<b>本部</b> & 部会"), body("council", "審議会", "審議会 `code` [x](y)")],
        [{"from_body": "council", "to_body": "hq", "label": '"><script>alert(1)</script>'}],
        title="体制 <i>図</i>",
    )
    markup = organization_chart(hostile)
    assert "<b>" not in markup and "<script>" not in markup and "<i>" not in markup and "`" not in markup
    figure = parsed(markup)
    assert dict(figure.links)["#hq"] == "<b>本部</b> & 部会"  # what a reader sees
    assert figure.ids["org-chart-title"] == "体制 <i>図</i>の図"
    assert '"><script>alert(1)</script>' in html.unescape(markup)


def test_a_part_of_cycle_does_not_lose_a_body():
    cyclic = organization([body("a", "庁内", part_of="b"), body("b", "庁内", part_of="a")])
    assert [href for href, _ in parsed(organization_chart(cyclic)).links] == ["#b", "#a"]


def test_the_block_is_the_fence_that_carries_finished_html():
    block = str(organization_block(STRUCTURE))
    assert block.startswith(FENCE + "\n<figure") and block.endswith("</figure>\n```")


def test_the_fixture_structure_has_every_body_in_one_figure():
    project, report = load_project(FIXTURE)
    assert project is not None, report.format()
    links = [href for href, _ in parsed(organization_chart(project.organization)).links]
    assert sorted(links) == sorted(f"#{b.id}" for b in project.organization.bodies)
    assert layout(project.organization).other == []  # every relation of the data is an arrow


def test_policy_passages_follow_subsections():
    section = PolicySection.model_validate({
        "number": "（３）", "title": "市民", "paragraphs": ["前文。"],
        "sections": [{"number": "①", "title": "審議会", "paragraphs": ["委員として審議する。"]},
                     {"number": "②", "title": "パブリックコメント", "items": ["意見を求める。"]}]})
    assert list(policy_passages(section)) == [(None, "前文。"), ("① 審議会", "委員として審議する。"),
                                              ("② パブリックコメント", "意見を求める。")]
