"""The promotion structure (推進体制) as a diagram of finished HTML: data in, markup out.

Boxes per body, grouped by kind: the city's own bodies (庁内) in the middle, a body that is
`part_of` another drawn inside it; 審議会, 市民 and 関係団体 on one side, 議会 on the other.
Each box links to the body's section of the same page; each relation is a labelled arrow
beside the body it joins to the middle (arrows are decoration, the words name both ends).
No script and no request: CSS lays it out in columns, or one column on a narrow screen
(docs/assets/stylesheets/extra.css, `.org-chart`). Text from YAML is escaped throughout.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.model.policy import PolicySection
from generator.model.process import Body, Organization, Relation
from generator.render.chart_block import FENCE
from generator.render.kpi_text import SAMPLE_BADGE
from generator.text.markdown import escape_markdown

CENTRE = "centre"
START = "start"
END = "end"
# Where each kind of body stands in the diagram.
PLACES = {"庁内": CENTRE, "審議会": START, "市民": START, "関係団体": START, "議会": END}
# A class name per kind (the border colour).
KIND_CLASSES = {"庁内": "internal", "審議会": "council", "市民": "citizens", "関係団体": "organizations", "議会": "assembly"}
TITLE_ID = "org-chart-title"
# The arrow glyphs: (wide layout, one column). In one column the middle comes after the start side.
ARROWS = {
    (START, True): ("→", "↓"), (START, False): ("←", "↑"),
    (END, True): ("←", "↑"), (END, False): ("→", "↓"),
    ("inner", True): ("↑", "↑"), ("inner", False): ("↓", "↓"),
}


def _text(value: object) -> str:
    return escape_markdown(value)


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


@dataclass
class Unit:
    """A body drawn with the bodies that are part of it (nested inside its box), in one place."""

    body: Body
    children: list[Unit] = field(default_factory=list)

    def ids(self) -> set[str]:
        return {self.body.id}.union(*(child.ids() for child in self.children))


def place(body: Body) -> str:
    return PLACES[body.kind]


def units(organization: Organization) -> list[Unit]:
    """The top-level units in data order; a body is nested in its part_of when both stand in the same place."""
    by_id = {body.id: body for body in organization.bodies}
    made = {body.id: Unit(body) for body in organization.bodies}
    top = []
    for body in organization.bodies:
        parent = by_id.get(body.part_of) if body.part_of else None
        if parent is not None and parent.id != body.id and place(parent) == place(body) and not _below(made, body.id, parent.id):
            made[parent.id].children.append(made[body.id])
        else:
            top.append(made[body.id])
    return top


def _below(made: dict[str, Unit], ancestor: str, body_id: str) -> bool:
    """Whether body_id is already inside ancestor's unit (a part_of cycle would nest a unit in itself)."""
    return body_id in made[ancestor].ids()


def _arrow(where: str, toward: bool) -> str:
    wide, narrow = ARROWS[(where, toward)]
    return (f'<span class="org-chart__arrow" aria-hidden="true"><span class="org-chart__wide">{wide}</span>'
            f'<span class="org-chart__narrow">{narrow}</span></span>')


def _relation(relation: Relation, names: dict[str, str], where: str, toward: bool) -> str:
    """One labelled arrow; the hidden words name both ends for a screen reader."""
    badge = SAMPLE_BADGE if relation.sample else ""
    ends = f"（{_text(names[relation.from_body])}から{_text(names[relation.to_body])}へ）"
    return (f'<li class="org-chart__relation">{_arrow(where, toward)}<span class="org-chart__label">{_text(relation.label)}'
            f'</span><span class="org-chart__hidden">{ends}</span>{badge}</li>')


def _box(body: Body, show_kind: bool) -> str:
    # The hidden colon keeps a screen reader from running the kind into the name (「関係団体：市内関係団体」).
    kind = (f'<span class="org-chart__kind">{_text(body.kind)}<span class="org-chart__hidden">：</span></span>'
            if show_kind and body.kind != body.name else "")
    badge = SAMPLE_BADGE if body.sample else ""
    return (f'<a class="org-chart__box org-chart__box--{KIND_CLASSES[body.kind]}" href="#{_attr(body.id)}">'
            f'{kind}<span class="org-chart__name">{_text(body.name)}</span>{badge}</a>')


def _relations_list(items: list[str]) -> str:
    if not items:
        return ""
    return '<ul class="org-chart__relations">' + "".join(items) + "</ul>"


def _unit(unit: Unit, relations: list[Relation], names: dict[str, str], show_kind: bool) -> str:
    """A body's box and, inside its frame, each part with the arrows between the part and the body."""
    if not unit.children:
        return _box(unit.body, show_kind)
    parts = []
    for child in unit.children:
        inner = [_relation(r, names, "inner", r.from_body == child.body.id) for r in relations
                 if {r.from_body, r.to_body} == {child.body.id, unit.body.id}]
        parts.append(f'<div class="org-chart__part">{_relations_list(inner)}{_unit(child, relations, names, show_kind)}</div>')
    return f'<div class="org-chart__unit">{_box(unit.body, show_kind)}{"".join(parts)}</div>'


def inner_relations(unit: Unit, relations: list[Relation]) -> list[Relation]:
    """The relations drawn inside a unit: between each part and the body it is part of."""
    pairs = []
    stack = [unit]
    while stack:
        here = stack.pop()
        for child in here.children:
            pairs.append({here.body.id, child.body.id})
            stack.append(child)
    return [r for r in relations if {r.from_body, r.to_body} in pairs]


def _side(side_units: list[Unit], where: str, centre_ids: set[str], relations: list[Relation], names: dict[str, str]) -> str:
    """A column of side units, each with the arrows between it and the middle."""
    items = []
    for unit in side_units:
        ids = unit.ids()
        arrows = [_relation(r, names, where, r.from_body in ids) for r in relations if _touches(r, ids, centre_ids)]
        links = f'<div class="org-chart__links">{_relations_list(arrows)}</div>'
        items.append(f'<div class="org-chart__item">{_unit(unit, relations, names, True)}{links}</div>')
    return f'<div class="org-chart__side org-chart__side--{where}">{"".join(items)}</div>'


@dataclass(frozen=True)
class Layout:
    """The units of each place, the relations drawn as arrows and those the diagram lists in words."""

    start: list[Unit]
    centre: list[Unit]
    end: list[Unit]
    relations: list[Relation]  # every relation whose two ends are bodies of the data
    other: list[Relation]  # neither inside a unit nor between the middle and one side


def _touches(relation: Relation, ids: set[str], centre_ids: set[str]) -> bool:
    """Whether a relation joins a body of `ids` (one side unit) and a body of the middle, either way."""
    return ((relation.from_body in ids and relation.to_body in centre_ids)
            or (relation.to_body in ids and relation.from_body in centre_ids))


def layout(organization: Organization) -> Layout:
    """Units by place; relations between the middle and one side, or inside a unit, are arrows, the rest are listed."""
    names = {body.id for body in organization.bodies}
    relations = [r for r in organization.relations if r.from_body in names and r.to_body in names]
    top = units(organization)
    by_place = {where: [u for u in top if place(u.body) == where] for where in (START, CENTRE, END)}
    centre_ids = set().union(*(u.ids() for u in by_place[CENTRE]))
    drawn: list[Relation] = [r for u in top for r in inner_relations(u, relations)]
    for unit in by_place[START] + by_place[END]:
        drawn += [r for r in relations if _touches(r, unit.ids(), centre_ids)]
    other = [r for r in relations if not any(r is d for d in drawn)]
    return Layout(by_place[START], by_place[CENTRE], by_place[END], relations, other)


def _other(other: list[Relation], names: dict[str, str]) -> str:
    if not other:
        return ""
    items = "".join(f"<li>{_text(names[r.from_body])} → {_text(names[r.to_body])}: {_text(r.label)}"
                    f"{SAMPLE_BADGE if r.sample else ''}</li>" for r in other)
    return f'<p class="org-chart__note">このほかの関係:</p><ul class="org-chart__other">{items}</ul>'


def organization_chart(organization: Organization, caption: str | None = None) -> str:
    """The diagram as one <figure>: named by its caption, every body a link to its section (#id) on the page."""
    names = {body.id: body.name for body in organization.bodies}
    shown = layout(organization)
    centre_ids = set().union(*(u.ids() for u in shown.centre))
    centre = "".join(_unit(unit, shown.relations, names, False) for unit in shown.centre)
    columns = [
        _side(shown.start, START, centre_ids, shown.relations, names) if shown.start else "",
        f'<div class="org-chart__centre"><p class="org-chart__group">庁内</p>{centre}</div>' if shown.centre else "",
        _side(shown.end, END, centre_ids, shown.relations, names) if shown.end else "",
    ]
    title = _text(caption if caption is not None else f"{organization.title}の図")
    return "\n".join(part for part in (
        f'<figure class="org-chart" aria-labelledby="{TITLE_ID}">',
        f'<figcaption class="org-chart__title" id="{TITLE_ID}">{title}</figcaption>',
        f'<div class="org-chart__layout">{"".join(columns)}</div>',
        _other(shown.other, names),
        '<p class="org-chart__note">図の組織を選ぶと、その説明に移ります。矢印の関係は、下の「組織の間の関係」の表に文字でも示しています。</p>',
        "</figure>",
    ) if part)


def organization_block(organization: Organization) -> Markup:
    """The diagram in the fence that carries finished HTML through Markdown untouched (site/fences.py)."""
    return Markup(f"{FENCE}\n{organization_chart(organization)}\n```")


def policy_passages(section: PolicySection) -> Iterator[tuple[str | None, str]]:
    """A policy section's text as (heading of a subsection or None, paragraph or item), in order."""
    for paragraph in section.paragraphs:
        yield None, paragraph
    for item in section.items:
        yield None, item
    for child in section.sections:
        for heading, text in policy_passages(child):
            yield heading or f"{child.number} {child.title}".strip(), text
