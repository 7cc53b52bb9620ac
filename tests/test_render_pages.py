"""The page registry: pages per item, and the menu made from it."""

from pathlib import Path

from generator.pipeline import validate
from generator.render.pages import SITE_PAGES, PageSpec, menu, pages, shown

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "project"


def test_menu_groups_pages_by_section_in_registry_order():
    specs = (
        PageSpec("index.md", "home.md.j2", (None, "ホーム")),
        PageSpec("a/index.md", "a.md.j2", ("A", None)),
        PageSpec("a/{item}.md", "item.md.j2", items=lambda project, computed: []),
        PageSpec("b.md", "b.md.j2", (None, "B")),
        PageSpec("a/x.md", "x.md.j2", ("A", "X")),
    )
    assert menu(specs) == [{"ホーム": "index.md"}, {"A": ["a/index.md", {"X": "a/x.md"}]}, {"B": "b.md"}]


def test_every_menu_entry_is_a_page_and_item_pages_stay_out_of_the_menu():
    validated = validate(FIXTURE)
    paths = {page.path for page in pages(validated.project, validated.computed)}

    def entries(nav):
        for entry in nav:
            values = entry.values() if isinstance(entry, dict) else [entry]
            for value in values:
                yield from entries(value) if isinstance(value, list) else [value]

    listed = set(entries(menu(shown(SITE_PAGES, validated.project))))
    assert listed <= paths
    assert {f"kpis/{kpi_id}.md" for kpi_id in validated.project.kpis} <= paths - listed
    assert len(listed) == sum(1 for spec in shown(SITE_PAGES, validated.project) if spec.menu is not None)
