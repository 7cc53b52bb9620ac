"""Load every data file of the project and validate it into one report.

Nothing here writes anything: the caller decides what to do with the report.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from . import checks
from .csvio import load_csv
from .models import NationalStrategy, PlanSchedule, Policy, SiteInfo
from .population.models import AgeSexRow, AssumptionRow, CensusRow, PopulationVision, TfrRow, VitalRow
from .problems import Problem, Report
from .strategy_models import CityStrategy, Glossary, Kpi, Reviews
from .validation import build_model
from .yamlio import Document, format_path, load_file

# Every single data file the site is built from: key → (path in the repository, model).
DATA_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "site": ("strategy/site.yml", SiteInfo),
    "policy": ("strategy/policy.yml", Policy),
    "plan_periods": ("strategy/plan_periods.yml", PlanSchedule),
    "national_framework": ("strategy/national_framework.yml", NationalStrategy),
    "strategy": ("strategy/strategy.yml", CityStrategy),
    "glossary": ("strategy/glossary.yml", Glossary),
    "reviews": ("strategy/reviews.yml", Reviews),
    "vision": ("population/vision.yml", PopulationVision),
}
# Tables a planner fills from spreadsheets (CSV, one model per row): key → (path, row model).
DATA_TABLES: dict[str, tuple[str, type[BaseModel]]] = {
    "census": ("population/census.csv", CensusRow),
    "vital": ("population/vital.csv", VitalRow),
    "tfr": ("population/tfr.csv", TfrRow),
    "base_population": ("population/base_population.csv", AgeSexRow),
    "assumptions": ("population/assumptions.csv", AssumptionRow),
}
# Folders holding one item per file: key → (folder, model). The file name is the item's id.
DATA_COLLECTIONS: dict[str, tuple[str, type[BaseModel]]] = {
    "kpis": ("kpis", Kpi),
}
# Folders whose YAML files all belong to the data (a stray file is reported).
DATA_FOLDERS = ("strategy", "population", "kpis")


@dataclass(frozen=True)
class Project:
    """All validated data of one build."""

    site: SiteInfo
    policy: Policy
    plan_periods: PlanSchedule
    national_framework: NationalStrategy
    strategy: CityStrategy
    glossary: Glossary
    reviews: Reviews
    vision: PopulationVision
    census: list[CensusRow]
    vital: list[VitalRow]
    tfr: list[TfrRow]
    base_population: list[AgeSexRow]
    assumptions: list[AssumptionRow]
    kpis: dict[str, Kpi]  # by id, in file-name order
    documents: dict[str, Document] = field(repr=False, compare=False)  # by data key or file path
    today: datetime.date = field(default_factory=datetime.date.today, compare=False)


def _is_data_file(path: Path) -> bool:
    return path.suffix.lower() in (".yml", ".yaml")


def _stray_files(root: Path) -> list[Problem]:
    known = {path for path, _ in DATA_FILES.values()}
    collections = {folder for folder, _ in DATA_COLLECTIONS.values()}
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
                    f"ファイル名を確認してください。使われるファイル: {', '.join(sorted(known))}",
                ))
    return problems


def _load_yaml(path: Path, relative: str, model: type[BaseModel], report: Report) -> tuple[Document | None, object | None]:
    document, problems = load_file(path, relative)
    report.extend(problems)
    if document is None:
        return None, None
    instance, problems = build_model(model, document)
    report.extend(problems)
    return document, instance


def _load_table(path: Path, relative: str, model: type[BaseModel], report: Report) -> tuple[Document | None, object | None]:
    rows, document, problems = load_csv(path, relative, model)
    report.extend(problems)
    return document, rows


def load_project(root: Path, today: datetime.date | None = None) -> tuple[Project | None, Report]:
    """Load and validate all data; `Project` is None when any error was found."""
    report = Report()
    models: dict[str, object] = {}
    documents: dict[str, Document] = {}
    complete = True

    def take(key: str, relative: str, model: type[BaseModel], loader) -> object | None:
        """Load one file into `documents`; None (and the run incomplete) when it has errors."""
        nonlocal complete
        path = root / relative
        if not path.exists():
            report.add(Problem(relative, None, None, "", "必要なファイルがありません。", "ファイルを元に戻すか、名前を確認してください。"))
            complete = False
            return None
        document, instance = loader(path, relative, model, report)
        if document is not None:
            documents[key] = document
        if instance is None:
            complete = False
        return instance

    for key, (relative, model) in DATA_FILES.items():
        models[key] = take(key, relative, model, _load_yaml)
    for key, (relative, row_model) in DATA_TABLES.items():
        models[key] = take(key, relative, row_model, _load_table)
    for key, (folder, model) in DATA_COLLECTIONS.items():
        items = {}
        for path in sorted((root / folder).glob("*")):
            if _is_data_file(path):
                relative = path.relative_to(root).as_posix()
                instance = take(relative, relative, model, _load_yaml)
                if instance is not None:
                    items[relative] = instance
        models[key] = items
    report.extend(_stray_files(root))
    # Checks skip what failed to load, so each run reports as much as it can.
    for finding in checks.run_all(models, today or datetime.date.today()):
        document = documents[finding.data]
        line, column = document.locate(finding.path)
        report.add(Problem(
            document.name, line, column, format_path(finding.path),
            finding.message, finding.hint, finding.severity,
        ))
    if not report.ok or not complete:
        return None, report
    kpis = {kpi.id: kpi for kpi in models.pop("kpis").values()}  # type: ignore[union-attr]
    return Project(documents=documents, kpis=kpis, today=today or datetime.date.today(), **models), report  # type: ignore[arg-type]
