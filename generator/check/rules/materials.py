"""Rules of the materials (strategy/materials.yml and the files of documents/) and the public comment
rounds (strategy/public_comments.yml). Events' references to materials are checked with the process (rules/process.py)."""

from __future__ import annotations

import difflib
import posixpath
from collections import Counter
from collections.abc import Iterator

from generator.check.rules.finding import Finding
from generator.model.process import Materials, PublicComments
from generator.model.project import MATERIALS_FOLDER
from generator.model.strategy import CityStrategy, Kpi
from generator.problems import Severity


def _choices(ids: set[str]) -> str:
    return f"次から選んでください: {', '.join(sorted(ids))}" if ids else "先にその id のデータを書いてください。"


def published_files(material_files: dict[str, int]) -> set[str]:
    """The files of documents/ the site publishes: hidden ones (.gitkeep) are neither published nor listed."""
    return {name for name in material_files if not any(part.startswith(".") for part in name.split("/"))}


def _similar(name: str, files: set[str]) -> str:
    """Names of documents/ like `name`: close whole paths, else files of the same name elsewhere, else everything (at most 10)."""
    close = difflib.get_close_matches(name, sorted(files), n=5, cutoff=0.6)
    same_name = sorted(f for f in files if posixpath.basename(f) == posixpath.basename(name))
    found = list(dict.fromkeys(close + same_name)) or sorted(files)[:10]
    if not found:
        return f"{MATERIALS_FOLDER}/ にファイルがありません。ファイルを置いてください。"
    return f"{MATERIALS_FOLDER}/ にあるファイル（似た名前から）: {', '.join(found)}"


def material_files_exist(materials: Materials, material_files: dict[str, int]) -> Iterator[Finding]:
    """Each material names a file of documents/, and each published file of documents/ is some material's."""
    files = published_files(material_files)
    for index, material in enumerate(materials.materials):
        if material.file not in files:
            yield Finding("materials", ("materials", index, "file"),
                          f"ファイル {MATERIALS_FOLDER}/{material.file} がありません。",
                          "file は documents/ の中の場所で書きます（大文字・小文字も区別します）。" + _similar(material.file, files),
                          code="E-MATERIAL-FILE-MISSING")
    listed = {material.file for material in materials.materials}
    for name in sorted(files - listed):
        yield Finding("materials", ("materials",),
                      f"{MATERIALS_FOLDER}/{name} はどの資料（materials）にも書かれていません。サイトには載りますが、どのページからもリンクされません。",
                      f"strategy/materials.yml に file: {name} の資料を足すか、使わないファイルなら消してください。",
                      Severity.WARNING, code="W-MATERIAL-FILE-UNLISTED")


def pdf_text_alternatives(materials: Materials) -> Iterator[Finding]:
    """A PDF should say where its content can be read as text (JIS X 8341-3): a warning, not an error."""
    for index, material in enumerate(materials.materials):
        if material.file.lower().endswith(".pdf") and material.text_alternative is None:
            yield Finding("materials", ("materials", index, "file"),
                          f"PDF「{material.title}」に、内容を文字で読める場所（text_alternative）が書かれていません。",
                          "text_alternative に、同じ内容を読めるページや版（例:「このサイトの策定経過のページ」「Word 版あり」）"
                          "か、内容を問い合わせる先を書いてください。", Severity.WARNING, code="W-MATERIAL-NO-TEXT")


def material_ids_unique(materials: Materials) -> Iterator[Finding]:
    counts = Counter(material.id for material in materials.materials)
    for index, material in enumerate(materials.materials):
        if counts[material.id] > 1:
            yield Finding("materials", ("materials", index, "id"), f"資料の id「{material.id}」が複数あります。", "資料ごとに別の id を付けてください。",
                          code="E-ID-DUPLICATE")


def round_dates(public_comments: PublicComments) -> Iterator[Finding]:
    """A round ends on or after its first day; results come after it ends; published answers have a date; ids are unique."""
    counts = Counter(round_.id for round_ in public_comments.rounds)
    for index, round_ in enumerate(public_comments.rounds):
        path = ("rounds", index)
        if counts[round_.id] > 1:
            yield Finding("public_comments", path + ("id",), f"パブリックコメントの id「{round_.id}」が複数あります。", "回ごとに別の id を付けてください。",
                          code="E-ID-DUPLICATE")
        if round_.end < round_.start:
            yield Finding("public_comments", path + ("end",),
                          f"募集の最後の日 {round_.end.isoformat()} が初日 {round_.start.isoformat()} より前です。", "start と end を確かめてください。",
                          code="E-DATE-ORDER")
        if round_.results_published is not None and round_.results_published < round_.end:
            yield Finding("public_comments", path + ("results_published",),
                          f"結果を公表した日 {round_.results_published.isoformat()} が、募集の最後の日 {round_.end.isoformat()} より前です。",
                          "results_published の日付を確かめてください。", code="E-DATE-ORDER")
        if round_.answers and round_.results_published is None:
            yield Finding("public_comments", path + ("answers",),
                          "意見と市の考え方（answers）があるのに、結果を公表した日（results_published）がありません。",
                          "結果を公表した日を results_published に書いてください。", Severity.WARNING, code="W-COMMENT-RESULTS-DATE")


def round_references(public_comments: PublicComments, materials: Materials, strategy: CityStrategy,
                     kpis: dict[str, Kpi]) -> Iterator[Finding]:
    """Rounds name materials that exist; answers name goals and KPIs that exist."""
    material_ids = {material.id for material in materials.materials}
    goal_ids = {goal.id for goal in strategy.goals}
    kpi_ids = {kpi.id for kpi in kpis.values()}
    for r, round_ in enumerate(public_comments.rounds):
        path = ("rounds", r)
        for m, material in enumerate(round_.materials):
            if material not in material_ids:
                yield Finding("public_comments", path + ("materials", m), f"資料「{material}」がありません。",
                              "strategy/materials.yml に資料を足してください。" + _choices(material_ids), code="E-REF-UNKNOWN")
        for a, answer in enumerate(round_.answers):
            if answer.goal is not None and answer.goal not in goal_ids:
                yield Finding("public_comments", path + ("answers", a, "goal"), f"目標「{answer.goal}」がありません。", _choices(goal_ids),
                              code="E-REF-UNKNOWN")
            if answer.kpi is not None and answer.kpi not in kpi_ids:
                yield Finding("public_comments", path + ("answers", a, "kpi"), f"指標「{answer.kpi}」がありません。", _choices(kpi_ids), code="E-REF-UNKNOWN")
