"""The project: every data file of a site, declared once.

Each field of `Project` names its file (or folder, or CSV table) and its model;
loading, checking, the production gate and the field reference all read this
declaration, so adding a data family is one field here plus its model.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from generator.load.document import Document
from generator.model.periods import PastPeriod
from generator.model.policy import NationalStrategy, PlanSchedule, Policy, SiteInfo
from generator.model.population import (
    AgeSexRow,
    AssumptionRow,
    CensusRow,
    PopulationVision,
    TfrRow,
    VitalRow,
)
from generator.model.process import Materials, News, Organization, Process, PublicComments
from generator.model.revisions import Revisions, RevisionSnapshot
from generator.model.strategy import CityStrategy, FrozenReview, Glossary, Kpi, Reviews
from generator.model.verification import TableChecks

# What a missing file means: an error, a part the site leaves out (None), or an empty model.
WhenAbsent = Literal["error", "none", "empty"]


@dataclass(frozen=True)
class DataFile:
    """One YAML file validated as one model."""

    path: str
    model: type[BaseModel]
    when_absent: WhenAbsent = "error"


@dataclass(frozen=True)
class DataTable:
    """One CSV table a planner fills from a spreadsheet; each row is one `model`.

    `part_of` names the Project field whose file brings the table in: without
    that file the table is not read (the population tables belong to vision.yml).
    """

    path: str
    model: type[BaseModel]
    part_of: str | None = None


@dataclass(frozen=True)
class DataFolder:
    """A folder of files, one item each, named by the item's `key` field: YAML a planner writes
    (kpis/<id>.yml), or JSON records the generator writes (strategy/reviews/<fiscal_year>.json)."""

    folder: str
    model: type[BaseModel]
    format: Literal["yaml", "json"] = "yaml"
    key: str = "id"  # the field that names an item's file; loaded items are keyed by it

    @property
    def suffixes(self) -> tuple[str, ...]:
        return (".yml", ".yaml") if self.format == "yaml" else (".json",)

    @property
    def file_pattern(self) -> str:
        """How an item's file is named, for planners: kpis/<id>.yml."""
        return f"{self.folder}/<{self.key}>{self.suffixes[0]}"

    def path_of(self, key: object) -> str:
        """The file of the item named `key`: kpis/kpi-1.yml."""
        return f"{self.folder}/{key}{self.suffixes[0]}"


DataSource = DataFile | DataTable | DataFolder
MATERIALS_FOLDER = "documents"  # the files strategy/materials.yml names; copied to the site as they are


def data(source: DataSource) -> Any:
    """A Project field loaded from `source`."""
    return field(metadata={"source": source})


@dataclass(frozen=True)
class Project:
    """All validated data of one build, and where each part comes from.

    Optional parts: without policy.yml the site has no 策定方針 page, without
    vision.yml no population vision; a missing glossary or reviews file is empty,
    and so is a missing folder.
    """

    site: SiteInfo = data(DataFile("strategy/site.yml", SiteInfo))
    policy: Policy | None = data(DataFile("strategy/policy.yml", Policy, when_absent="none"))
    plan_periods: PlanSchedule = data(DataFile("strategy/plan_periods.yml", PlanSchedule))
    national_framework: NationalStrategy = data(DataFile("strategy/national_framework.yml", NationalStrategy))
    strategy: CityStrategy = data(DataFile("strategy/strategy.yml", CityStrategy))
    glossary: Glossary = data(DataFile("strategy/glossary.yml", Glossary, when_absent="empty"))
    reviews: Reviews = data(DataFile("strategy/reviews.yml", Reviews, when_absent="empty"))
    vision: PopulationVision | None = data(DataFile("population/vision.yml", PopulationVision, when_absent="none"))
    census: list[CensusRow] | None = data(DataTable("population/census.csv", CensusRow, part_of="vision"))
    vital: list[VitalRow] | None = data(DataTable("population/vital.csv", VitalRow, part_of="vision"))
    tfr: list[TfrRow] | None = data(DataTable("population/tfr.csv", TfrRow, part_of="vision"))
    base_population: list[AgeSexRow] | None = data(DataTable("population/base_population.csv", AgeSexRow, part_of="vision"))
    assumptions: list[AssumptionRow] | None = data(DataTable("population/assumptions.csv", AssumptionRow, part_of="vision"))
    # Who checked which rows of the tables against their sources (a YAML value's check is in its source).
    verifications: TableChecks = data(DataFile("population/verifications.yml", TableChecks, when_absent="empty"))
    kpis: dict[str, Kpi] = data(DataFolder("kpis", Kpi))  # by id, in file-name order
    periods: dict[str, PastPeriod] = data(DataFolder("strategy/periods", PastPeriod))  # earlier periods, by id
    # Finalised reviews as the council saw them, by fiscal year (written by `freeze-review`).
    review_snapshots: dict[int, FrozenReview] = data(DataFolder("strategy/reviews", FrozenReview, format="json", key="fiscal_year"))
    revisions: Revisions | None = data(DataFile("strategy/revisions.yml", Revisions, when_absent="none"))
    # The data of each earlier revision as it stood at its end, by revision id (written by `new-revision`).
    revision_snapshots: dict[str, RevisionSnapshot] = data(DataFolder("strategy/revisions", RevisionSnapshot, key="revision"))
    organization: Organization | None = data(DataFile("strategy/organization.yml", Organization, when_absent="none"))
    process: Process = data(DataFile("strategy/process.yml", Process, when_absent="empty"))
    public_comments: PublicComments = data(DataFile("strategy/public_comments.yml", PublicComments, when_absent="empty"))
    materials: Materials = data(DataFile("strategy/materials.yml", Materials, when_absent="empty"))
    news: News = data(DataFile("strategy/news.yml", News, when_absent="empty"))
    # The files of documents/ (PDF, XLSX…) by path inside it, with their size in bytes: published as they are.
    material_files: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    documents: dict[str, Document] = field(default_factory=dict, repr=False, compare=False)  # by data key or file path
    today: datetime.date = field(default_factory=datetime.date.today, compare=False)


DATA_SOURCES: dict[str, DataSource] = {f.name: f.metadata["source"] for f in fields(Project) if "source" in f.metadata}
_Kind = TypeVar("_Kind", DataFile, DataTable, DataFolder)


def declared(key: str, kind: type[_Kind]) -> _Kind:
    """The declared source of the Project field `key`, which must be a `kind`: declared("kpis", DataFolder).folder."""
    source = DATA_SOURCES[key]
    if not isinstance(source, kind):
        raise TypeError(f"{key} is declared as a {type(source).__name__}, not a {kind.__name__}")
    return source


# Views of the declaration by kind: key → (path, model).
DATA_FILES = {key: (s.path, s.model) for key, s in DATA_SOURCES.items() if isinstance(s, DataFile)}
DATA_TABLES = {key: (s.path, s.model) for key, s in DATA_SOURCES.items() if isinstance(s, DataTable)}
DATA_COLLECTIONS = {key: (s.folder, s.model) for key, s in DATA_SOURCES.items() if isinstance(s, DataFolder)}
# Folders whose YAML files all belong to the data (a stray file is reported).
DATA_FOLDERS = tuple(dict.fromkeys(
    (s.folder if isinstance(s, DataFolder) else s.path).split("/")[0] for s in DATA_SOURCES.values()
))
