"""Rules about where the data comes from: a name that claims IPSS's projection, and the records of checked table rows."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.check.rules.finding import Finding
from generator.model.base import Source
from generator.model.population import AssumptionRow, PopulationVision, Scenario
from generator.model.project import DATA_TABLES
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


def table_checks_used(checks: TableChecks, *tables: list | None) -> Iterator[Finding]:
    """Each record of population/verifications.yml names a table in use and a source some of its rows cite.

    `tables` are the Project's tables in the order of DATA_TABLES (None when left out).
    """
    rows_of = {path: rows for (path, _model), rows in zip(DATA_TABLES.values(), tables, strict=True)}
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

