"""The build: the data stages (`pipeline.validate`) → render → write → MkDocs → swap in.

Like MkDocs' own build, everything is gathered and checked before anything is
written: when validation fails, neither the generated Markdown nor `site/` is touched.
"""

from __future__ import annotations

import json
import os
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.compute.computed import Computed
from generator.model.project import MATERIALS_FOLDER, Project
from generator.pipeline import Validated, validate
from generator.problems import Report
from generator.render import render_all
from generator.render.opendata import bundled
from generator.render.pages import Release, engine_settings, page_urls
from generator.render.print_document import PrintDownload
from generator.site.engine import (
    BUILD_DIR,
    GENERATED_DOCS,
    GENERATED_SETTINGS,
    EngineProcess,
)
from generator.site.pdf import PdfError, print_document

SITE_DIR = "site"
STATIC_DOCS = "docs"  # hand-written assets and pages, copied beside the generated ones
PREVIEW_SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url when SITE_URL is not set


class BuildError(Exception):
    """Raised when the site cannot be built; the message is for the planner."""


class InvalidData(BuildError):
    """Validation found errors; the message is the whole report."""


@dataclass
class GenerateResult:
    report: Report
    written: list[str]
    removed: list[str]
    validated: Validated | None = None  # what the pages were made from (the preview makes the bundle from it later)


def static_files(root: Path) -> dict[str, bytes]:
    """Hand-written files from docs/, including the vendored Plotly bundle."""
    files: dict[str, bytes] = {}
    static_root = root / STATIC_DOCS
    for path in sorted(static_root.rglob("*")):
        if path.is_file():
            files[path.relative_to(static_root).as_posix()] = path.read_bytes()
    return files


def material_files(root: Path) -> dict[str, bytes]:
    """The files of documents/ (PDF, XLSX…), published as they are at documents/<path> (hidden files such as .gitkeep left out)."""
    folder = root / MATERIALS_FOLDER
    if not folder.is_dir():
        return {}
    files: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and not any(part.startswith(".") for part in name.split("/")):
            files[f"{MATERIALS_FOLDER}/{name}"] = path.read_bytes()
    return files


def site_url(release: Release | None = None) -> str:
    """The address this build is published at, ending in "/": SITE_URL as mkdocs.yml takes it (read here once per
    build, and passed on: render never reads the environment), and a kept revision's folder under it."""
    url = (os.environ.get("SITE_URL") or PREVIEW_SITE_URL).rstrip("/") + "/"
    if release is not None and release.revision is not None:
        url += release.revision + "/"
    return url


def all_files(root: Path, project: Project, computed: Computed, address: str, pdf: bool = False, bundle: bool = True) -> dict[str, bytes]:
    """Everything of build/docs; with `pdf` also the PDF of the whole plan, made first so that the pages link it with its size;
    without `bundle`, all but the files `render.opendata.bundled` names (the preview's quick generation)."""
    files = static_files(root)
    materials = material_files(root)
    for name, content in materials.items():
        if name in files:
            raise BuildError(f"{MATERIALS_FOLDER}/ の資料 {name} が docs/ の手書きファイルと同じ名前です。docs/ 側の名前を変えてください。")
        files[name] = content
    cache_dir = root / BUILD_DIR / "jinja-cache"
    download, document = printed(project, computed, cache_dir) if pdf else (None, b"")
    for name, rendered in render_all(project, computed, cache_dir=cache_dir, site_url=address, print_download=download,
                                     bundle=bundle).items():
        if name in files:
            folder = MATERIALS_FOLDER if name in materials else STATIC_DOCS
            raise BuildError(f"生成するファイル {name} が {folder}/ のファイルと同じ名前です。{folder}/ 側の名前を変えてください。")
        files[name] = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
    if download is not None:
        if download.path in files:
            raise BuildError(f"計画書の PDF {download.path} と同じ名前のファイルが docs/ か {MATERIALS_FOLDER}/ にあります。"
                             "そのファイルの名前を変えてください。")
        files[download.path] = document
    return dict(sorted(files.items()))


def printed(project: Project, computed: Computed, cache_dir: Path) -> tuple[PrintDownload, bytes]:
    """The PDF of the whole plan (site/pdf.py) and its link; a machine without WeasyPrint's packages gets a clear message."""
    try:
        return print_document(project, computed, cache_dir)
    except PdfError as exc:
        raise BuildError(str(exc)) from exc


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write atomically, and only when the content differs (the modification time then stays)."""
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    # A hidden name (MkDocs leaves out dot files, and the preview's engine does not count them: site/preview_builds.py),
    # so that a preview build running meanwhile does not see a new file.
    temporary = path.with_name("." + path.name + ".tmp")
    temporary.write_bytes(content)
    temporary.replace(path)
    return True


def sync_tree(target: Path, files: dict[str, bytes], keep: Callable[[str], bool] | None = None,
              last: dict[str, bytes] | None = None) -> tuple[list[str], list[str]]:
    """Make `target` hold exactly `files`, rewriting only what changed (files `keep` accepts stay when absent from `files`).

    Unchanged files keep their modification time, so `mkdocs serve` reloads
    only when content really changed. With `last` (the preview's: what the previous call left in `target`, by name),
    a file is compared with it instead of being read again, and only its names are candidates for removal (a first,
    empty `last` looks at the whole folder); `last` is then brought up to date.
    """
    written = []
    target.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if last is not None and last.get(name) == content:
            continue
        if write_if_changed(target / name, content):
            written.append(name)
    if last:
        removed = _remove(target, [name for name in last if name not in files and not (keep is not None and keep(name))])
    else:
        removed = _remove_unlisted(target, files, keep)
    if last is not None:
        for name in removed:
            del last[name]
        last.update(files)
    return written, removed


def _remove_unlisted(target: Path, files: dict[str, bytes], keep: Callable[[str], bool] | None) -> list[str]:
    """Remove every file of `target` not in `files` (unless `keep` accepts it), and the folders left empty."""
    removed = []
    for path in sorted(target.rglob("*"), reverse=True):
        name = path.relative_to(target).as_posix()
        if path.is_file() and name not in files and not (keep is not None and keep(name)):
            path.unlink()
            removed.append(name)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed


def _remove(target: Path, names: list[str]) -> list[str]:
    """Remove these files of `target`, and the folders they leave empty."""
    for name in names:
        path = target / name
        path.unlink(missing_ok=True)
        for folder in path.parents:
            if folder == target or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()
    return sorted(names, reverse=True)


def generate(root: Path, out: Path | None = None, production: bool = False, release: Release | None = None,
             pdf: bool = False, bundle: bool = True, last: dict[str, bytes] | None = None) -> GenerateResult:
    """Validate all data and, only if it is valid, write the generated docs (with `pdf`, the PDF of the whole plan too;
    without `bundle`, the preview's quick generation: the files `render.opendata.bundled` names stay as they were;
    `last`: the preview's record of what it wrote, see `sync_tree`)."""
    validated = validate(root, production=production, page_urls=page_urls)
    report = validated.report
    if validated.project is None or validated.computed is None:
        return GenerateResult(report, [], [])
    try:
        files = all_files(root, validated.project, validated.computed, site_url(release), pdf, bundle)
    except BuildError:
        raise
    except Exception as exc:  # a template bug must not look like a planner's mistake
        raise BuildError(
            "データは正しいのに、ページの生成に失敗しました。開発担当者に連絡してください。"
            f"（{type(exc).__name__}: {exc}）"
        ) from exc
    written, removed = sync_tree(out or root / GENERATED_DOCS, files, keep=None if bundle else bundled, last=last)
    write_settings(root, engine_settings(validated.project, release))
    return GenerateResult(report, written, removed, validated)


def write_settings(root: Path, settings: dict) -> None:
    """The engine settings made from the data, where the engine reads them (rewritten only when changed)."""
    write_if_changed(root / GENERATED_SETTINGS, (json.dumps(settings, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def normalize_search_index(site: Path) -> None:
    """Full-width letters and digits (令和７年度) become half-width in the search index.

    Readers type 令和7年度 as often as 令和７年度; search.js normalizes the query the
    same way (NFKC), so both find both. Only the index changes, not the pages.
    """
    index = site / "search" / "search_index.json"
    if not index.is_file():  # another engine, or search switched off
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    for doc in data.get("docs", []):
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = unicodedata.normalize("NFKC", doc[key])
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def swap_in(incoming: Path, site_dir: Path, root: Path) -> None:
    """Replace site_dir by the freshly built folder in two renames."""
    previous = root / BUILD_DIR / "site.old"
    if previous.exists():
        shutil.rmtree(previous)
    if site_dir.exists():
        site_dir.replace(previous)
    incoming.replace(site_dir)
    shutil.rmtree(previous, ignore_errors=True)


def build(root: Path, site_dir: Path | None = None, engine: EngineProcess | None = None,
          production: bool = False, release: Release | None = None, pdf: bool = False) -> Report:
    """The whole pipeline. Raises BuildError (site untouched) when anything fails.

    `engine` may have been started by the caller before this module was even
    imported (see cli.cmd_build), so that it warms up while Python loads us.
    """
    engine = engine or EngineProcess.start(root)
    incoming = engine.incoming
    try:
        result = generate(root, production=production, release=release, pdf=pdf)
        if not result.report.ok:
            raise InvalidData(result.report.format())
        error = engine.build()
        if error is not None:
            raise BuildError("MkDocs のビルドに失敗しました。site/ は前の版のままです。\n" + error)
        normalize_search_index(incoming)
    except BaseException:
        engine.cancel()
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    swap_in(incoming, site_dir or root / SITE_DIR, root)
    return result.report
