"""The planners' pages 「エラーの一覧」 (from the message catalog) and 「データ更新の手引き」."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.pipeline import validate
from generator.problems_catalog import CATALOG
from generator.render import render_all
from generator.render.messages import GROUPS, family, message_groups
from generator.render.pages import SITE_PAGES


def test_every_code_is_listed_once_under_its_group_in_catalog_order():
    groups = message_groups()
    assert [entry.code for _, entries in groups for entry in entries] == sorted(CATALOG, key=lambda code: (
        [i for i, (_, names) in enumerate(GROUPS) if family(code) in names][0], list(CATALOG).index(code)))
    assert all(entry.severity == ("警告" if entry.code.startswith("W-") else "エラー") for _, entries in groups for entry in entries)


def test_both_pages_are_in_the_planners_menu():
    menu = {spec.path: spec.menu for spec in SITE_PAGES}
    assert menu["reference/guide.md"] == ("担当者向け", "データ更新の手引き")
    assert menu["reference/messages.md"] == ("担当者向け", "エラーの一覧")


@pytest.fixture(scope="module")
def built_messages(built_site: Path) -> str:
    return (built_site / "reference/messages/index.html").read_text(encoding="utf-8")


def _section(page: str, code: str) -> str:
    start = page.index(f'id="{code.lower()}"')
    end = page.find("<h3", start)
    return html.unescape(re.sub(r"<[^>]+>", "", page[start:end if end > 0 else None]))


@pytest.mark.parametrize("code", list(CATALOG))
def test_every_code_has_its_section_with_example_and_fix(built_messages: str, code: str):
    kind = CATALOG[code]
    assert f'href="#{code.lower()}"' in built_messages  # the index table links to it
    section = _section(built_messages, code)
    assert kind.title in section and kind.description in section
    assert kind.example in section and f"直し方: {kind.fix}" in section
    assert ("警告" if code.startswith("W-") else "エラー") in section


def test_the_guides_sample_report_is_what_validate_really_prints(project_copy: Path):
    """The guide shows how to read a report with a real one: the same lines validate prints for the same mistake."""
    path = project_copy / "kpis/kpi-1-employees.yml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "  - year: 2022\n    value: 41,800人\n    status: 速報\n    source:\n      title: 経済センサス\n", encoding="utf-8")
    [problem] = validate(project_copy).report.problems
    clean = validate(Path(__file__).resolve().parent / "fixtures" / "project")
    guide = render_all(clean.project, clean.computed, site_url="http://127.0.0.1:8000/")["reference/guide.md"]
    assert f"```text\n{problem.format()}\n```" in guide
    for word in ("項目", "内容", "直し方", "コード"):
        assert f"- **{word}**" in guide  # each line of the report is explained
    for command in ("export-xlsx", "import-xlsx", "validate --format github", "diff main", "py -m venv .venv",
                    r".venv\Scripts\python -m pip install -c constraints.txt -e .", r".venv\Scripts\python -m generator validate"):
        assert command in guide
