"""The build pipeline: load → validate → render → write → MkDocs.

Like MkDocs' own build, everything is gathered and checked before anything is
written: when validation fails, neither the generated Markdown nor `site/` is touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .project import Project, load_project
from .problems import Report
from .render import render_all

BUILD_DIR = "build"
GENERATED_DOCS = "build/docs"
SITE_DIR = "site"
STATIC_DOCS = "docs"  # hand-written assets and pages, copied beside the generated ones


class BuildError(Exception):
    """Raised when the site cannot be built; the message is for the planner."""


class InvalidData(BuildError):
    """Validation found errors; the message is the whole report."""


@dataclass
class GenerateResult:
    report: Report
    written: list[str]
    removed: list[str]


def static_files(root: Path) -> dict[str, bytes]:
    """Hand-written files from docs/, including the vendored Plotly bundle."""
    files: dict[str, bytes] = {}
    static_root = root / STATIC_DOCS
    for path in sorted(static_root.rglob("*")):
        if path.is_file():
            files[path.relative_to(static_root).as_posix()] = path.read_bytes()
    return files


def all_files(root: Path, project: Project) -> dict[str, bytes]:
    files = static_files(root)
    for name, content in render_all(project).items():
        if name in files:
            raise BuildError(f"生成するファイル {name} が docs/ の手書きファイルと同じ名前です。docs/ 側の名前を変えてください。")
        files[name] = content.encode("utf-8") if isinstance(content, str) else content
    return dict(sorted(files.items()))


def sync_tree(target: Path, files: dict[str, bytes]) -> tuple[list[str], list[str]]:
    """Make `target` hold exactly `files`, rewriting only what changed.

    Unchanged files keep their modification time, so `mkdocs serve` reloads
    only when content really changed.
    """
    written, removed = [], []
    target.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = target / name
        if path.is_file() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(content)
        temporary.replace(path)
        written.append(name)
    for path in sorted(target.rglob("*"), reverse=True):
        name = path.relative_to(target).as_posix()
        if path.is_file() and name not in files:
            path.unlink()
            removed.append(name)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written, removed


def generate(root: Path, out: Path | None = None) -> GenerateResult:
    """Validate all data and, only if it is valid, write the generated docs."""
    project, report = load_project(root)
    if project is None:
        return GenerateResult(report, [], [])
    try:
        files = all_files(root, project)
    except BuildError:
        raise
    except Exception as exc:  # a template bug must not look like a planner's mistake
        raise BuildError(
            "データは正しいのに、ページの生成に失敗しました。開発担当者に連絡してください。"
            f"（{type(exc).__name__}: {exc}）"
        ) from exc
    written, removed = sync_tree(out or root / GENERATED_DOCS, files)
    return GenerateResult(report, written, removed)


def source_date_epoch(root: Path) -> str:
    """A fixed build date (last commit), so the same input gives the same site."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        return out or "0"
    except (OSError, subprocess.CalledProcessError):
        return "0"


class EngineProcess:
    """A warm `generator.engine` process, started before the data is validated."""

    def __init__(self, root: Path, staging: Path):
        (root / GENERATED_DOCS).mkdir(parents=True, exist_ok=True)  # the engine checks it exists
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=source_date_epoch(root))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator.engine", str(root / "mkdocs.yml"), str(staging)],
            cwd=root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )

    def build(self) -> None:
        out, err = self.process.communicate("build\n")
        if self.process.returncode != 0:
            raise BuildError("MkDocs のビルドに失敗しました。site/ は前の版のままです。\n" + err + out)

    def cancel(self) -> None:
        if self.process.poll() is None:
            self.process.communicate("cancel\n")


def swap_in(staging: Path, site_dir: Path, root: Path) -> None:
    """Replace site_dir by the freshly built folder in two renames."""
    previous = root / BUILD_DIR / "site.old"
    if previous.exists():
        shutil.rmtree(previous)
    if site_dir.exists():
        site_dir.replace(previous)
    staging.replace(site_dir)
    shutil.rmtree(previous, ignore_errors=True)


def build(root: Path, site_dir: Path | None = None) -> Report:
    """The whole pipeline. Raises BuildError (site untouched) when anything fails."""
    staging = root / BUILD_DIR / "site.new"
    if staging.exists():
        shutil.rmtree(staging)
    engine = EngineProcess(root, staging)
    try:
        result = generate(root)
        if not result.report.ok:
            raise InvalidData(result.report.format())
        engine.build()
    except BaseException:
        engine.cancel()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, site_dir or root / SITE_DIR, root)
    return result.report
