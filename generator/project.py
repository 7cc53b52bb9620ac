"""Load every data file of the project and validate it into one report.

Nothing here writes anything: the caller decides what to do with the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from . import checks
from .models import NationalStrategy, PlanSchedule, Policy, SiteInfo
from .problems import Problem, Report
from .validation import build_model
from .yamlio import Document, format_path, load_file

# Every data file the site is built from: key → (path in the repository, model).
DATA_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "site": ("strategy/site.yml", SiteInfo),
    "policy": ("strategy/policy.yml", Policy),
    "plan_periods": ("strategy/plan_periods.yml", PlanSchedule),
    "national_framework": ("strategy/national_framework.yml", NationalStrategy),
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
    documents: dict[str, Document] = field(repr=False, compare=False)


def _stray_files(root: Path) -> list[Problem]:
    known = {path for path, _ in DATA_FILES.values()}
    problems = []
    for folder in DATA_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix.lower() not in (".yml", ".yaml"):
                continue
            name = path.relative_to(root).as_posix()
            if name not in known:
                problems.append(Problem(
                    name, None, None, "",
                    "このファイルはどのデータにも使われていません。",
                    f"ファイル名を確認してください。使われるファイル: {', '.join(sorted(known))}",
                ))
    return problems


def load_project(root: Path) -> tuple[Project | None, Report]:
    """Load and validate all data; `Project` is None when any error was found."""
    report = Report()
    models: dict[str, BaseModel] = {}
    documents: dict[str, Document] = {}
    for key, (relative, model) in DATA_FILES.items():
        path = root / relative
        if not path.exists():
            report.add(Problem(relative, None, None, "", "必要なファイルがありません。", "ファイルを元に戻すか、名前を確認してください。"))
            continue
        document, problems = load_file(path, relative)
        report.extend(problems)
        if document is None:
            continue
        documents[key] = document
        instance, problems = build_model(model, document)
        report.extend(problems)
        if instance is not None:
            models[key] = instance
    report.extend(_stray_files(root))
    if len(models) == len(DATA_FILES):
        for finding in checks.run_all(models):
            document = documents[finding.data]
            line, column = document.locate(finding.path)
            report.add(Problem(
                document.name, line, column, format_path(finding.path),
                finding.message, finding.hint, finding.severity,
            ))
    if not report.ok or len(models) != len(DATA_FILES):
        return None, report
    return Project(documents=documents, **models), report
