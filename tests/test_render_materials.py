"""Materials as pages show them: 「PDF 603B」 labels, the link line, grouping and where each is used."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.model.process import Material, Materials
from generator.pipeline import load_project
from generator.render.links import relative_link
from generator.render.materials import (
    NO_TEXT_VERSION,
    MaterialLinks,
    file_format,
    file_label,
    material_uses,
    materials_by_kind,
    size_text,
)


def material(**fields: object) -> Material:
    return Material.model_validate({"id": "m", "title": "資料", "file": "a/b.pdf", "kind": "会議資料", **fields})


@pytest.mark.parametrize(("size", "text"), [
    (0, "0B"), (603, "603B"), (1023, "1023B"),
    (1024, "1.0KB"), (1536, "1.5KB"), (10188, "9.9KB"), (10189, "10KB"),  # 9.95KB rounds up to a whole number
    (35 * 1024, "35KB"), (35 * 1024 + 511, "35KB"), (35 * 1024 + 512, "36KB"),
    (1023 * 1024, "1023KB"), (1024 * 1024 - 400, "1.0MB"),  # 1023.6KB is written 1.0MB, never 1024KB
    (1258291, "1.2MB"), (120 * 1024 ** 2, "120MB"), (5 * 1024 ** 3, "5.0GB"),
])
def test_sizes_are_written_the_japanese_way(size: int, text: str):
    assert size_text(size) == text


@pytest.mark.parametrize(("path", "size", "label"), [
    ("council/2020-1-agenda.pdf", 603, "PDF 603B"),
    ("data/kpi.xlsx", 35 * 1024, "XLSX 35KB"),
    ("plan.DOCX", 1258291, "DOCX 1.2MB"),
    ("open-data/population.csv", 2048, "CSV 2.0KB"),
    ("archive.v2.zip", 10 * 1024 ** 2, "ZIP 10MB"),
    ("README", 12, "ファイル 12B"),
    ("minutes.pdf", None, "PDF"),
])
def test_file_label_names_format_and_size(path: str, size: int | None, label: str):
    assert file_label(path, size) == label


def test_the_format_comes_from_the_last_extension_of_the_file_name_only():
    assert file_format("v1.2/notes") == "ファイル"
    assert file_format("v1.2/notes.tar.gz") == "GZ"


def links_for(*materials: Material, files: dict[str, int] | None = None) -> MaterialLinks:
    return MaterialLinks({m.id: m for m in materials}, files if files is not None else {"a/b.pdf": 603})


def page_link(target: str) -> str:
    return relative_link("process/council.md", target)


def test_a_material_is_its_title_linked_relatively_then_kind_format_and_size():
    line = links_for(material())(material(), page_link)
    assert line.startswith("[資料](../documents/a/b.pdf) 会議資料（PDF 603B）")


def test_a_material_can_be_named_by_its_id_and_an_unknown_id_stays_plain_text():
    links = links_for(material(id="agenda", title="次第"))
    assert links("agenda", page_link).startswith("[次第](../documents/a/b.pdf) 会議資料（PDF 603B）")
    assert links("no_such*id", page_link) == "no&#95;such&#42;id"


def test_the_text_alternative_is_noted_and_a_pdf_without_one_says_so():
    with_text = links_for()(material(text_alternative="このサイトの<策定経過>のページ", sample=True), page_link)
    assert '<span class="badge-sample">サンプル</span>' in with_text
    assert '<span class="material-note">文字で読める内容: このサイトの&lt;策定経過&gt;のページ</span>' in with_text
    assert NO_TEXT_VERSION not in with_text
    assert NO_TEXT_VERSION in links_for()(material(), page_link)
    spreadsheet = material(file="kpi.xlsx")
    assert "material-note" not in links_for(files={"kpi.xlsx": 35 * 1024})(spreadsheet, page_link)


def test_yaml_text_in_a_title_cannot_become_markup_or_break_a_table():
    line = links_for()(material(title="[罠](http://x) | 表\n次の行"), page_link)
    assert line.startswith("[&#91;罠&#93;(http://x) &#124; 表次の行](../documents/a/b.pdf)")
    assert "\n" not in line


def test_materials_are_grouped_by_kind_in_the_declared_order_newest_first():
    items = [
        material(id="minutes-1", kind="会議録", published="2020-08-01"),
        material(id="agenda-1", published="2020-08-20"),
        material(id="agenda-2", published="2020-11-05"),
        material(id="agenda-0"),
        material(id="agenda-3", published="2020-11-05"),
        material(id="plan", kind="計画書", published="2021-03-31"),
    ]
    groups = materials_by_kind(items)
    assert [(kind, [m.id for m in found]) for kind, found in groups] == [
        ("計画書", ["plan"]),
        ("会議資料", ["agenda-2", "agenda-3", "agenda-1", "agenda-0"]),  # same day: by id; undated last
        ("会議録", ["minutes-1"]),
    ]


def test_a_material_knows_the_events_and_rounds_that_list_it(project_copy: Path):
    project, report = load_project(project_copy)
    assert project is not None, report.format()
    uses = material_uses(project)
    [event_use] = uses["council-2020-1-agenda"]
    assert (event_use.label, event_use.target) == ("（サンプル）第１回 審議会（令和2(2020)年8月20日）", "process/index.md#council-2020-1")
    [round_use] = uses["strategy-draft-2020"]
    assert round_use.target == "process/public-comments.md#strategy-draft-2020"
    assert round_use.label.startswith("パブリックコメント「（サンプル）第２期総合戦略（素案）")
    assert material_uses(dataclasses.replace(project, materials=Materials())) == {}


def test_on_the_materials_page_the_link_carries_the_material_id():
    links = links_for(material(id="agenda-1"))
    assert links("agenda-1", page_link, anchor=True).startswith("[資料](../documents/a/b.pdf){ #agenda-1 } 会議資料")
    assert "{ #" not in links("agenda-1", page_link)
