"""Materials (files of documents/) as the pages show them: the title linked to the file, its kind,
format and size (「会議資料（PDF 603B）」), the sample badge and where its content can be read as text.

Every page that lists a material uses `material_link` (through the `material_link` macro of
_macros.md.j2), so the label, the accessibility note and the relative link are written once.
"""

from __future__ import annotations

import datetime
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import get_args

from markupsafe import Markup

from generator.model.process import Material, MaterialKind
from generator.model.project import MATERIALS_FOLDER, Project
from generator.render.kpi_text import sample_badge
from generator.text.eras import date_label
from generator.text.markdown import escape_markdown

_UNITS = ("B", "KB", "MB", "GB", "TB")
NO_TEXT_VERSION = "この資料の内容を文字で読める版はありません。"
# Formats whose content a screen reader may not reach: without a text alternative they get NO_TEXT_VERSION.
_NEEDS_TEXT = frozenset({"PDF"})


def size_text(size: int) -> str:
    """A file size the way Japanese city sites write it: 603B, 35KB, 1.2MB (1KB = 1024B).

    One decimal below 10 of a unit (1.5KB, 9.8MB), whole numbers above (35KB, 120MB); half rounds up.
    """
    if size < 1024:
        return f"{size}B"
    unit = 1
    for name in _UNITS[1:]:
        unit *= 1024
        whole = (size + unit // 2) // unit  # integers only: the same text on every machine
        if whole >= 1024 and name != _UNITS[-1]:
            continue  # 1023.6KB is written 1.0MB, not 1024KB
        tenths = (size * 10 + unit // 2) // unit
        return f"{tenths // 10}.{tenths % 10}{name}" if tenths < 100 else f"{whole}{name}"
    raise AssertionError("unreachable")


def file_format(path: str) -> str:
    """The format named by the file's extension, as links write it: PDF, XLSX, DOCX, CSV, ZIP (ファイル without one)."""
    extension = posixpath.splitext(posixpath.basename(path))[1].removeprefix(".")
    return extension.upper() if extension else "ファイル"


def file_label(path: str, size: int | None) -> str:
    """「PDF 603B」: the format and size of a file (only the format when the size is unknown)."""
    return file_format(path) if size is None else f"{file_format(path)} {size_text(size)}"


@dataclass(frozen=True)
class MaterialLinks:
    """The project's materials (by id) and file sizes; called with a material (or its id) and the page's `link`."""

    materials: dict[str, Material]
    files: dict[str, int]

    @classmethod
    def of(cls, project: Project) -> MaterialLinks:
        return cls({m.id: m for m in project.materials.materials}, dict(project.material_files))

    def __call__(self, material: Material | str, link: Callable[[str], str], anchor: bool = False) -> Markup:
        if isinstance(material, str):
            if material not in self.materials:  # validation reports unknown ids; never a broken link
                return Markup(escape_markdown(material))
            material = self.materials[material]
        return material_text(material, link(f"{MATERIALS_FOLDER}/{material.file}"), self.files.get(material.file), anchor)


def material_text(material: Material, href: str, size: int | None, anchor: bool = False) -> Markup:
    """One line of Markdown: [title](href) 会議資料（PDF 603B）, the badge and the text-alternative note.

    One line, no table syntax: it can stand in a list item and in a table cell. With `anchor` the link
    carries the material's id (the 資料 page: other pages link to process/materials.md#<id>).
    """
    label = file_label(material.file, size)
    attributes = f"{{ #{material.id} }}" if anchor else ""
    text = f"[{escape_markdown(material.title)}]({href}){attributes} {escape_markdown(material.kind)}（{label}）{sample_badge(material.sample)}"
    if material.text_alternative:
        text += f' <span class="material-note">文字で読める内容: {escape_markdown(material.text_alternative)}</span>'
    elif file_format(material.file) in _NEEDS_TEXT:
        text += f' <span class="material-note">{NO_TEXT_VERSION}</span>'
    return Markup(text)


def materials_by_kind(materials: list[Material]) -> list[tuple[str, list[Material]]]:
    """Materials grouped by kind (in the kinds' declared order, empty kinds left out), newest first in each."""
    by_id = sorted(materials, key=lambda m: m.id)
    ordered = sorted(by_id, key=lambda m: m.published or datetime.date.min, reverse=True)  # stable: same day by id
    groups = [(kind, [m for m in ordered if m.kind == kind]) for kind in get_args(MaterialKind)]
    return [(kind, items) for kind, items in groups if items]


@dataclass(frozen=True)
class MaterialUse:
    """Where a material is listed: the words of the link and the page (with anchor) it leads to."""

    label: str
    target: str
    sample: bool


def material_uses(project: Project) -> dict[str, list[MaterialUse]]:
    """For each material id, the events (strategy/process.yml) then the public comment rounds that list it, in the data's order."""
    uses: dict[str, list[MaterialUse]] = {m.id: [] for m in project.materials.materials}
    for event in project.process.events:
        when = date_label(event.date.year, event.date.month, event.date.day)
        for material_id in dict.fromkeys(event.materials):
            if material_id in uses:
                uses[material_id].append(MaterialUse(f"{event.title}（{when}）", f"process/index.md#{event.id}", event.sample))
    for round_ in project.public_comments.rounds:
        for material_id in dict.fromkeys(round_.materials):
            if material_id in uses:
                uses[material_id].append(MaterialUse(f"パブリックコメント「{round_.title}」", f"process/public-comments.md#{round_.id}",
                                                     round_.sample))
    return uses
