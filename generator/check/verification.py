"""What a reviewer can check before publishing: the source of every published figure and quoted text, and a record
of who checked it against that source, when and where (確認記録).

- YAML: a model that cites (it has a `source` or `sources` field) and is not a sample needs a source, its own or
  that of a model around it (policy.yml's source covers all its sections, a KPI's actual has its own). Every such
  source needs `verified: {by, date, page}`: written once at the source, it covers what cites that source.
- CSV: every row that is not a sample (確定, 速報) needs a record in population/verifications.yml for its table,
  its source column and its year (`row_year`): a record names the years it covers, so a row added later needs one.

Samples and unchecked values are the production gate's other problems (check/production.py), so they are left out
here; the gate lists all of them in one report. `records` lists the records themselves, for the pull request's summary.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from generator.check.paths import readable_field
from generator.load.document import format_path
from generator.model.base import Source, Verification
from generator.model.project import DATA_FILES, DATA_SOURCES, DATA_TABLES, DataFile, DataFolder, Project
from generator.model.verification import TableCheck

NO_SOURCE, UNVERIFIED = "E-PROD-NO-SOURCE", "E-PROD-UNVERIFIED"
VERIFICATIONS_FILE = DATA_FILES["verifications"][0]
_CITING = ("source", "sources")  # the fields by which a model names where it comes from
_NOT_CHECKED = ("sample", "未確認")  # statuses the gate refuses anyway
_MISSING = ("出典（source）がありません。見本でない値・文言には、写した資料の名前が必要です。",
            "source: に資料名（title）などを書き、その資料で確かめて verified:（by・date・page）を書いてください。"
            "まだ見本なら sample: true を付けてください。")
_VERIFY_FIX = ("出典の資料で値・文言を確かめ、source: の中に verified: を書いてください"
               "（by: 確かめた人の所属と名前、date: 確かめた日、page: 資料の中の場所）。")


@dataclass(frozen=True)
class Lack:
    """One thing the gate refuses: where (a data key or file of `Project.documents`, a field path), why, how to fix."""

    data: str
    path: tuple[str | int, ...]
    reason: str
    fix: str
    code: str


def yaml_data(project: Project) -> list[tuple[str, BaseModel]]:
    """Every YAML model of the data, by its key in `Project.documents` (a data key, or a folder item's file)."""
    items: list[tuple[str, BaseModel]] = []
    for key, source in DATA_SOURCES.items():
        if isinstance(source, DataFile) and getattr(project, key) is not None:
            items.append((key, getattr(project, key)))
        elif isinstance(source, DataFolder) and source.format == "yaml":
            for item_id, item in getattr(project, key).items():  # the item's file: kpis/<id>.yml or kpis/<id>.yaml
                files = [f"{source.folder}/{item_id}{suffix}" for suffix in source.suffixes]
                items.append((next((file for file in files if file in project.documents), files[0]), item))
    return [(key, model) for key, model in items if key in project.documents]


def _holds_sources(annotation: object) -> bool:
    """Whether a field's type is a Source or contains one (Source | None, list[Source])."""
    return annotation is Source or any(_holds_sources(argument) for argument in typing.get_args(annotation))


@functools.cache
def _citing(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields by which a model names where it comes from (`source`, `sources`), if it has them."""
    return tuple(name for name in _CITING if name in model.model_fields and _holds_sources(model.model_fields[name].annotation))


def _exempt(model: BaseModel) -> bool:
    """A sample (or an unchecked row): the gate refuses its flag, and what it contains waits for the real values."""
    return getattr(model, "sample", False) is True or getattr(model, "status", None) in _NOT_CHECKED


def _unverified(path: tuple, name: str, cited: Source | list[Source]) -> Iterator[tuple[tuple, str, str, str]]:
    sources = cited if isinstance(cited, list) else [cited]
    if any(source.verified for source in sources) or all(source.needs_check for source in sources):
        return  # checked, or reported as unchecked (needs_check) already
    titles = "」「".join(source.title for source in sources)
    yield path + (name,), f"出典「{titles}」で確かめた記録（verified）がありません。", _VERIFY_FIX, UNVERIFIED


def _source_lacks(value: object, path: tuple, covered: bool) -> Iterator[tuple[tuple, str, str, str]]:
    """(path, reason, fix, code) of every source missing or unchecked in a model tree.

    `covered`: a model around this one has a source (or was reported without one), which stands for this one's.
    """
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _source_lacks(item, path + (index,), covered)
        return
    if not isinstance(value, BaseModel) or isinstance(value, Source) or _exempt(value):
        return
    fields = type(value).model_fields
    citing = _citing(type(value))
    own = [(name, getattr(value, name)) for name in citing if getattr(value, name)]
    for name, cited in own:
        yield from _unverified(path, name, cited)
    missing = bool(citing) and not own and not covered and getattr(value, "text_sample", False) is not True
    if missing:
        yield (path + (citing[0],), *_MISSING, NO_SOURCE)
    covered = covered or bool(own) or missing
    for name in fields:
        child = getattr(value, name)
        if name in citing:
            continue
        if isinstance(child, Source):  # a source of one value (a grade's): checked like the others
            yield from _unverified(path, name, child)
        else:
            yield from _source_lacks(child, path + (name,), covered)


def row_year(row: BaseModel, base_year: int | None) -> int | None:
    """The year a table's row is checked for: its year (census, vital, tfr), its period's first year (assumptions), or for
    a table of one year (the base population) the vision's base year."""
    year = getattr(row, "year", None)
    if year is None:
        year = getattr(row, "period", None)
    return base_year if year is None else year


def years_text(years: Iterable[int]) -> str:
    """「2015〜2017年・2020年」: the years in order, runs of consecutive years as spans."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return "・".join(f"{run[0]}年" if len(run) == 1 else f"{run[0]}〜{run[-1]}年" for run in runs)


def covered(checks: Iterable[TableCheck]) -> dict[tuple[str, str], frozenset[int]]:
    """The years of the rows checked, by table file and source (the union of their records)."""
    years: dict[tuple[str, str], frozenset[int]] = {}
    for check in checks:
        years[check.file, check.source] = years.get((check.file, check.source), frozenset()) | check.covered_years
    return years


def _table_lacks(project: Project) -> Iterator[Lack]:
    """Rows that are not samples, grouped by table and source, without a record of their year in population/verifications.yml."""
    checked = covered(project.verifications.tables)
    base_year = project.vision.base_year if project.vision is not None else None
    for key, (file, _model) in DATA_TABLES.items():
        rows = getattr(project, key)
        if rows is None or key not in project.documents:
            continue
        groups: dict[str, list[int]] = {}
        for index, row in enumerate(rows):
            if row.status not in _NOT_CHECKED and row_year(row, base_year) not in checked.get((file, row.source), ()):
                groups.setdefault(row.source, []).append(index)
        document = project.documents[key]
        for source, indexes in groups.items():
            lines = "・".join(str(document.locate(("rows", index))[0]) for index in indexes[:10]) + ("…" if len(indexes) > 10 else "")
            years = years_text(year for index in indexes if (year := row_year(rows[index], base_year)) is not None)
            yield Lack(key, ("rows", indexes[0], "source"),
                       f"出典「{source}」の {len(indexes)} 行（{lines}行目）に、原典で確かめた記録がありません（記録のない年: {years}）。",
                       f"原典で値を確かめ、{VERIFICATIONS_FILE} の tables に、file: {file}、source:（出典の列と同じ文字）、"
                       "years:（確かめた行の年。例: [2015, 2020] や 2015-2022）と"
                       "verified:（by: 確かめた人の所属と名前、date: 確かめた日、page: 資料の中の場所）を書いてください。", UNVERIFIED)


def lacks(project: Project) -> list[Lack]:
    """Every published figure or text without a source, and every source or table row without a record of its check."""
    found = [Lack(key, *lack) for key, model in yaml_data(project) for lack in _source_lacks(model, (), False)]
    return found + list(_table_lacks(project))


@dataclass(frozen=True)
class Record:
    """One record of a check, where it is written: the file, the source or table rows it covers (`where`: a field path
    or the rows' source; `label`: the same in a planner's words; `covers`: a table record's years, 「2015〜2017年」)."""

    file: str
    where: str
    label: str
    verification: Verification
    covers: str = ""


def records(project: Project) -> list[Record]:
    """Every record of a check in the data, in file order: each source's `verified`, each record of a table's rows."""
    found = []
    for key, model in yaml_data(project):
        file = project.documents[key].name
        found += [Record(file, format_path(path), readable_field(file, format_path(path)), source.verified)
                  for path, source in _sources(model, ()) if source.verified is not None]
    for check in project.verifications.tables:
        covers = years_text(check.covered_years)
        found.append(Record(check.file, check.source, f"出典「{check.source}」の行（{covers}）", check.verified, covers))
    return found


def _sources(value: object, path: tuple) -> Iterator[tuple[tuple, Source]]:
    if isinstance(value, Source):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _sources(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _sources(item, path + (index,))
