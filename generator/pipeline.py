"""The data stages in order: load every file → check everything into one report → compute.

Nothing here writes anything: `site.build` decides what to do with the result.
A green `validate` runs the same stages as `build`, compute included, so data
that validates also builds.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from generator.check import rules
from generator.check.paths import in_planners_words
from generator.check.production import SUPERSEDED, production_problems, site_url_problems
from generator.check.rules.news import news_links
from generator.check.schema import build_model, build_table, merge_problems, table_aliases, table_columns
from generator.compute.computed import Computed, compute_project
from generator.compute.plausibility import implausible_projections
from generator.compute.projection import ProjectionError
from generator.load.csvio import load_csv
from generator.load.document import Document, format_path
from generator.load.jsonio import load_json
from generator.load.yamlio import load_file
from generator.model.project import (
    DATA_FOLDERS,
    DATA_SOURCES,
    MATERIALS_FOLDER,
    DataFile,
    DataFolder,
    DataSource,
    DataTable,
    Project,
    declared,
)
from generator.problems import Problem, Report, Severity
from generator.text.memo import active as memory_active
from generator.text.memo import remembered


@dataclass(frozen=True)
class Validated:
    """What the data stages produced: both None when any error was found."""

    project: Project | None
    computed: Computed | None
    report: Report


def _is_data_file(path: Path) -> bool:
    return path.suffix.lower() in (".yml", ".yaml")


def _stray_files(root: Path) -> list[Problem]:
    known = {s.path for s in DATA_SOURCES.values() if isinstance(s, DataFile)}
    collections = {s.folder for s in DATA_SOURCES.values() if isinstance(s, DataFolder) and s.format == "yaml"}
    problems = []
    for folder in DATA_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if not _is_data_file(path):
                continue
            name = path.relative_to(root).as_posix()
            if name not in known and path.parent.relative_to(root).as_posix() not in collections:
                problems.append(Problem(
                    name, None, None, "",
                    "このファイルはどのデータにも使われていません。",
                    f"ファイル名を確認してください。使われるファイル: {', '.join(sorted(known))}", code="E-FILE-UNKNOWN",
                ))
    return problems


def _read(path: Path, relative: str, source: DataSource) -> tuple[Document | None, object | None, list[Problem]]:
    """One file through load and schema: its document, its model (None on any error), the problems."""
    if isinstance(source, DataTable):
        document, problems = load_csv(path, relative, table_columns(source.model), table_aliases(source.model))
        if document is None:
            return None, None, problems
        rows, row_problems = build_table(source.model, document)
        return document, (None if any(p.severity is Severity.ERROR for p in problems) else rows), problems + row_problems
    json_record = isinstance(source, DataFolder) and source.format == "json"
    document, problems = (load_json if json_record else load_file)(path, relative)
    if document is None:
        return None, None, problems
    instance, model_problems = build_model(source.model, document)
    return document, instance, merge_problems(problems, model_problems)


def _read_remembered(path: Path, relative: str, source: DataSource) -> tuple[Document | None, object | None, list[Problem]]:
    """`_read`, in the preview given back for the same bytes of the same file (text/memo.py): documents, models
    and problems are frozen, and a file rewritten while it was read is not remembered."""
    if not memory_active():
        return _read(path, relative, source)
    try:
        raw = path.read_bytes()
    except OSError:  # _read words it
        return _read(path, relative, source)

    def unchanged(_: object) -> bool:
        try:
            return path.read_bytes() == raw
        except OSError:
            return False

    return remembered("file", lambda: (relative, id(source), raw), lambda: _read(path, relative, source), unchanged)


class _Loader:
    """Reads every declared file into models and documents, collecting problems."""

    def __init__(self, root: Path, report: Report):
        self.root, self.report = root, report
        self.documents: dict[str, Document] = {}
        self.complete = True
        self.found: set[str] = set()  # every file of a folder, read or not

    def take(self, key: str, relative: str, source: DataSource) -> object | None:
        path = self.root / relative
        if not path.exists():
            return self.absent(relative, source)
        document, instance, problems = _read_remembered(path, relative, source)
        self.report.extend(problems)
        if document is not None:
            self.documents[key] = document
        if instance is None:
            self.complete = False
        return instance

    def absent(self, relative: str, source: DataSource) -> object | None:
        """A missing file: None or an empty model for optional parts, else an error."""
        when_absent = getattr(source, "when_absent", "error")
        if when_absent == "empty":
            return source.model()
        if when_absent == "none":
            return None
        self.report.add(Problem(relative, None, None, "", "必要なファイルがありません。", "ファイルを元に戻すか、名前を確認してください。",
                                code="E-FILE-MISSING"))
        self.complete = False
        return None

    def folder(self, source: DataFolder) -> dict[str, object]:
        """Items by file path (only those that matched the model)."""
        items: dict[str, object] = {}
        for path in sorted((self.root / source.folder).glob("*")):
            if path.suffix.lower() in source.suffixes:
                relative = path.relative_to(self.root).as_posix()
                self.found.add(relative)
                instance = self.take(relative, relative, source)
                if instance is not None:
                    items[relative] = instance
        return items


def material_files(root: Path) -> dict[str, int]:
    """Every file of the documents/ folder, by its path inside it, with its size (for links such as 「PDF 1.2MB」)."""
    folder = root / MATERIALS_FOLDER
    if not folder.is_dir():
        return {}
    return {path.relative_to(folder).as_posix(): path.stat().st_size for path in sorted(folder.rglob("*")) if path.is_file()}


def _in_planners_words(report: Report) -> None:
    """Every problem's field in a planner's words, and a 直し方 for each (the catalog's, when it has none of its own)."""
    report.problems[:] = [in_planners_words(problem) for problem in report.problems]


def _blocking(report: Report, tolerate: frozenset[str]) -> bool:
    """Whether an error stops the pipeline: any whose code is not tolerated."""
    return any(problem.code not in tolerate for problem in report.errors)


def load_project(root: Path, today: datetime.date | None = None,
                 tolerate: frozenset[str] = frozenset()) -> tuple[Project | None, Report]:
    """Load and check all data; `Project` is None when any error was found.

    Errors whose code is in `tolerate` are reported but do not stop it (`freeze-review`
    writes the very record whose absence is an error).
    """
    report = Report()
    today = today or datetime.date.today()
    loader = _Loader(root, report)
    models: dict[str, object] = {}
    folders: dict[str, dict[str, object]] = {}
    for key, source in DATA_SOURCES.items():
        if isinstance(source, DataFolder):
            models[key] = folders[key] = loader.folder(source)
        elif isinstance(source, DataTable) and source.part_of and not (root / (part := declared(source.part_of, DataFile).path)).exists():
            models[key] = None  # the part it belongs to is left out
            if (root / source.path).exists():
                report.add(Problem(source.path, None, None, "", f"{part} がないため、この表は使われません。",
                                   f"人口ビジョンを載せるなら {part} を置いてください。", Severity.WARNING,
                                   code="W-FILE-TABLE-UNUSED"))
        else:
            models[key] = loader.take(key, source.path, source)
    report.extend(_stray_files(root))
    models["material_files"] = material_files(root)
    # Rules skip what failed to load, so each run reports as much as it can.
    present = frozenset(key for key, source in DATA_SOURCES.items()
                        if not isinstance(source, DataFolder) and (root / source.path).exists()) | loader.found
    for finding in rules.run_all(models, today, present):
        document = loader.documents.get(finding.data)
        # A finding on an optional file that is absent (documents/ without strategy/materials.yml) names the file only.
        name = document.name if document else getattr(DATA_SOURCES.get(finding.data), "path", finding.data)
        line, column = document.locate(finding.path) if document else (None, None)
        report.add(Problem(name, line, column, format_path(finding.path), finding.message, finding.hint, finding.severity,
                           code=finding.code))
    _in_planners_words(report)
    if _blocking(report, tolerate) or not loader.complete:
        return None, report
    for key, source in DATA_SOURCES.items():  # folder items were keyed by file for the rules; pages use ids
        if isinstance(source, DataFolder):
            models[key] = {getattr(item, source.key): item for item in folders[key].values()}
    # The fields come by name from DATA_SOURCES, each loaded as its declared model: typed per field only at run time.
    return Project(**models, documents=loader.documents, today=today), report  # type: ignore[arg-type]


def _compute(project: Project, report: Report) -> Computed | None:
    """The compute stage; an impossible projection becomes a located problem, not a crash."""
    try:
        computed = compute_project(project)
    except ProjectionError as exc:  # the engine names the field, age group and value
        document = project.documents["vision"]
        line, column = document.locate(("scenarios",))
        report.add(Problem(document.name, line, column, "scenarios", f"推計できません: {exc}",
                           "仮定値（assumptions.csv）と vision.yml の値を確認してください。", code="E-PROJECTION-FAILED"))
        return None
    if project.vision is not None:
        vision, inputs = project.vision, (project.vision, project.base_population, project.assumptions)
        # The projection's inputs decide its findings: the preview looks again only when one of them changed (text/memo.py).
        findings = remembered("plausibility", lambda: repr(inputs),
                              lambda: list(implausible_projections(vision, computed.population, project.assumptions or ())))
        for finding in findings:
            document = project.documents[finding.data]  # the scenario (vision.yml) or the assumptions row that drives it
            line, column = document.locate(finding.path)
            report.add(Problem(document.name, line, column, format_path(finding.path), finding.message, finding.hint, finding.severity,
                               code=finding.code))
    return computed


# Every page's directory URL (reviews/2023/): the render stage knows them (render.pages.page_urls); the site stage passes it.
PageUrls = Callable[[Project, Computed], Collection[str]]


def _link_problems(project: Project, computed: Computed, page_urls: PageUrls) -> list[Problem]:
    """Links from the data to pages of the site, checked once compute has found which pages exist (reviewed years)."""
    problems = []
    for finding in news_links(project.news, page_urls(project, computed)):
        document = project.documents[finding.data]
        line, column = document.locate(finding.path)
        problems.append(Problem(document.name, line, column, format_path(finding.path), finding.message, finding.hint, finding.severity,
                                code=finding.code))
    return problems


def validate(root: Path, production: bool = False, today: datetime.date | None = None,
             tolerate: frozenset[str] = frozenset(), page_urls: PageUrls | None = None) -> Validated:
    """Load → check (→ production gate) → compute (→ links to pages, given `page_urls`); the result of every data stage
    (see `load_project` for `tolerate`). `build` and `validate` pass `page_urls`, so data that validates also builds."""
    project, report = load_project(root, today, tolerate)
    if project is None:
        return Validated(None, None, report)
    if production:
        report.problems[:] = [problem for problem in report.problems if problem.code not in SUPERSEDED]  # the gate's errors say it
        report.extend(production_problems(project))
        report.extend(site_url_problems(os.environ.get("SITE_URL")))
    computed = _compute(project, report)
    if computed is not None and page_urls is not None:
        report.extend(_link_problems(project, computed, page_urls))
    _in_planners_words(report)
    if _blocking(report, tolerate) or computed is None:
        return Validated(None, None, report)
    return Validated(project, computed, report)
