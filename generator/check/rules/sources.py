"""Rules about where the data comes from: a name that claims IPSS's projection, the records of checked table rows, and
records of checks that cannot be true yet (dated after today) or are still the example's (〇〇課 〇〇)."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping

from pydantic import BaseModel

from generator.check.rules.finding import Finding
from generator.check.verification import row_year, years_text
from generator.model.base import Source, Verification
from generator.model.population import AssumptionRow, PopulationVision, Scenario
from generator.model.project import DATA_SOURCES, DATA_TABLES, DataFile, DataFolder
from generator.model.verification import TableChecks
from generator.problems import Severity

# Words that say a figure follows the National Institute of Population and Social Security Research (社人研, IPSS):
# its name, short name and the title of its regional projection.
IPSS_WORDS = re.compile(r"社人研|国立社会保障・人口問題研究所|人口問題研究所|IPSS|日本の地域別将来推計人口", re.IGNORECASE)
IPSS_NAME_PREVIEW, IPSS_NAME_PRODUCTION = "W-VISION-IPSS-NAME", "E-PROD-IPSS-NAME"
_IPSS_FIX = ("社人研の仮定値（生残率・純移動率・子ども女性比）に置き換えて、出典に社人研の資料（国立社会保障・人口問題研究所"
             "「日本の地域別将来推計人口」など）を書くか、シナリオの名前から社人研を外してください（例: パターン1（基準推計））。")


def _names_ipss(source: Source | None) -> bool:
    return source is not None and bool(IPSS_WORDS.search(" ".join(filter(None, (source.title, source.publisher)))))


def _not_ipss_inputs(vision: PopulationVision, assumptions: list[AssumptionRow], scenario: Scenario) -> list[str]:
    """Why the values a scenario is computed from are not IPSS's (samples, other sources); empty when they are."""
    reasons = []
    samples = sum(row.status == "sample" for row in assumptions)
    others = sum(row.status != "sample" and not IPSS_WORDS.search(row.source) for row in assumptions)
    if samples:
        reasons.append(f"仮定値（assumptions.csv）の {samples} 行が見本（status: sample）")
    if others:
        reasons.append(f"仮定値（assumptions.csv）の {others} 行の出典の列が社人研の資料ではありません")
    fertility_samples = sum(entry.sample for entry in vision.fertility)
    fertility_others = sum(not entry.sample and not _names_ipss(entry.source or vision.source) for entry in vision.fertility)
    if fertility_samples:
        reasons.append(f"子ども女性比（fertility）の {fertility_samples} 期間が見本（sample: true）")
    if fertility_others:
        reasons.append(f"子ども女性比（fertility）の {fertility_others} 期間の出典が社人研の資料ではありません")
    if scenario.sample:
        reasons.append("シナリオが見本（sample: true）")
    elif scenario.source is not None and not _names_ipss(scenario.source):
        reasons.append(f"シナリオの出典「{scenario.source.title}」が社人研の資料ではありません")
    return reasons


def ipss_names(vision: PopulationVision, assumptions: list[AssumptionRow], production: bool = False) -> Iterator[Finding]:
    """A scenario named after IPSS's projection (「社人研推計準拠」) must be computed from IPSS's values.

    Preview: a warning for a scenario that is not marked as a sample (a sample's name is shown with the sample badge);
    production: an error for every such scenario, since nothing may be published under a name its inputs do not bear out.
    """
    for index, scenario in enumerate(vision.scenarios):
        if not IPSS_WORDS.search(scenario.name) or (scenario.sample and not production):
            continue
        reasons = _not_ipss_inputs(vision, assumptions, scenario)
        if not reasons:
            continue
        derived = "この推計は見本を含む値から算出されます。" if any("見本" in reason for reason in reasons) else ""
        message = (f"シナリオの名前「{scenario.name}」は社人研（国立社会保障・人口問題研究所）の推計に準拠すると読めますが、"
                   f"推計に使う値が社人研のものではありません: {'、'.join(reasons)}。{derived}")
        yield Finding("vision", ("scenarios", index, "name"), ("本番公開できません: " if production else "") + message, _IPSS_FIX,
                      Severity.ERROR if production else Severity.WARNING,
                      code=IPSS_NAME_PRODUCTION if production else IPSS_NAME_PREVIEW)


def table_checks_used(checks: TableChecks, vision: PopulationVision | None, *tables: list | None) -> Iterator[Finding]:
    """Each record of population/verifications.yml names a table in use, a source some of its rows cite, and years
    among those rows' (`row_year`; the base population's year is the vision's base year).

    `tables` are the Project's tables in the order of DATA_TABLES (None when left out).
    """
    rows_of = {path: rows for (path, _model), rows in zip(DATA_TABLES.values(), tables, strict=True)}
    base_year = vision.base_year if vision is not None else None
    for index, check in enumerate(checks.tables):
        rows = rows_of.get(check.file)
        if rows is None:
            in_use = "、".join(path for path, rows in rows_of.items() if rows is not None) or "なし"
            yield Finding("verifications", ("tables", index, "file"), f"「{check.file}」は確かめる表のファイルではありません（使われている表: {in_use}）。",
                          "確かめた表のファイルを population/census.csv のように書いてください。", Severity.WARNING, code="W-SOURCE-CHECK-UNUSED")
        elif not any(row.source == check.source for row in rows):
            yield Finding("verifications", ("tables", index, "source"), f"{check.file} に、出典の列が「{check.source}」の行がありません。",
                          f"{check.file} の出典の列の文字を、空白や括弧も同じにそのまま写してください（行の出典を書き換えたなら、この記録も直します）。",
                          Severity.WARNING, code="W-SOURCE-CHECK-UNUSED")
        elif not check.covered_years:
            yield Finding("verifications", ("tables", index, "years"), "years に年が1つも書かれていないので、この記録はどの行も確かめたことになりません。",
                          "確かめた行の年を years に書いてください（例: [2015, 2020] や 2015-2022）。", Severity.WARNING,
                          code="W-SOURCE-CHECK-UNUSED")
        elif not check.covered_years & (years := {row_year(row, base_year) for row in rows if row.source == check.source}):
            yield Finding("verifications", ("tables", index, "years"),
                          f"{check.file} の出典「{check.source}」の行に、{years_text(check.covered_years)}の行がありません"
                          f"（この出典の行の年: {years_text(year for year in years if year is not None)}）。",
                          "確かめた行の年を years に書いてください（例: [2015, 2020] や 2015-2022）。", Severity.WARNING,
                          code="W-SOURCE-CHECK-UNUSED")


# --- Records of checks that cannot be true yet ------------------------------------------------------------
CHECK_FUTURE, CHECK_PLACEHOLDER, CHECK_PLACEHOLDER_PRODUCTION = ("E-SOURCE-CHECK-FUTURE", "W-SOURCE-CHECK-PLACEHOLDER",
                                                                 "E-PROD-CHECK-PLACEHOLDER")
# The marks of an example left in place: 〇〇課 〇〇, ××, xxx, TODO, 未定, and 例 written alone (「例」「例: 」, not 条例 or 事例).
_PLACEHOLDER = re.compile(r"[〇○◯]|××|xxx|todo|未定|記入例|記載例|入力例|(?<![\u3400-\u9fff])例(?![\u3400-\u9fff])")
_CHECK_FIELDS = {"by": "確かめた人（by）", "page": "確かめた場所（page）"}
# The YAML data (files, and the items of YAML folders) a record of a check may be written in, by Project field.
YAML_DATA = tuple(key for key, source in DATA_SOURCES.items()
                  if isinstance(source, DataFile) or (isinstance(source, DataFolder) and source.format == "yaml"))


def placeholder_mark(text: str) -> str | None:
    """The mark of an example left in a record (〇, ××, TODO…), or None."""
    found = _PLACEHOLDER.search(unicodedata.normalize("NFKC", text).lower())
    return found.group() if found else None


def _records(value: object, path: tuple) -> Iterator[tuple[tuple, Verification]]:
    if isinstance(value, Verification):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _records(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _records(item, path + (index,))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _records(item, path + (key,))


def check_records(items: Iterable[tuple[str, BaseModel]], today: datetime.date, production: bool = False) -> Iterator[Finding]:
    """Records of checks (verified:) dated after today (an error, always: nobody has checked yet) or with an example's
    marks in who or where (a warning; in production an error, and the dates are left to the preview's rule).

    `items`: (data key or folder item's file, model).
    """
    for data, model in items:
        for path, record in _records(model, ()):
            if record.date > today and not production:
                yield Finding(data, path + ("date",), f"確認記録の日付 {record.date.isoformat()} が今日（{today.isoformat()}）より後です。"
                              "まだ来ていない日に確かめることはできません。",
                              "出典の資料で実際に確かめた日を date に書いてください。まだ確かめていなければ、この確認記録（verified）を消します。",
                              code=CHECK_FUTURE)
            for name, label in _CHECK_FIELDS.items():
                if (mark := placeholder_mark(getattr(record, name))) is not None:
                    message = f"確認記録の{label}「{getattr(record, name)}」に、書き方の例の文字（{mark}）が残っています。"
                    yield Finding(data, path + (name,), ("本番公開できません: " if production else "") + message,
                                  "実際に確かめた人の所属と名前（by）と、資料の中で確かめた場所（page）を書いてください。"
                                  "まだ確かめていなければ、この確認記録（verified）を消します。",
                                  Severity.ERROR if production else Severity.WARNING,
                                  code=CHECK_PLACEHOLDER_PRODUCTION if production else CHECK_PLACEHOLDER)


def record_checks(today: datetime.date, *models: object) -> Iterator[Finding]:
    """`check_records` over the YAML data as the rules see it (`models` in the order of YAML_DATA; folders by file)."""
    items: list[tuple[str, BaseModel]] = []
    for key, value in zip(YAML_DATA, models, strict=True):
        if isinstance(value, Mapping):  # a folder's items, by file
            items += [(file, item) for file, item in value.items() if isinstance(item, BaseModel)]
        elif isinstance(value, BaseModel):
            items.append((key, value))
    yield from check_records(items, today)

