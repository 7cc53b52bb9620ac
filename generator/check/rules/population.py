"""Rules of the population tables and the vision against each other."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from generator.check.rules.finding import Finding
from generator.model.population import (
    AgeSexRow,
    AssumptionRow,
    CensusRow,
    PopulationVision,
    parse_age_groups,
)
from generator.problems import Severity


def census_years_unique(census: list[CensusRow]) -> Iterator[Finding]:
    years = Counter(row.year for row in census)
    for index, row in enumerate(census):
        if years[row.year] > 1:
            yield Finding("census", ("rows", index, "year"), f"{row.year}年の行が複数あります。", code="E-DUPLICATE-ENTRY")


def base_age_groups(base_population: list[AgeSexRow]) -> Iterator[Finding]:
    try:
        parse_age_groups(tuple(row.age for row in base_population))
    except ValueError as exc:
        yield Finding("base_population", ("rows", 0, "age"), f"年齢階級の並びが正しくありません: {exc}",
                      "0-4、5-9、…と5歳刻みで並べ、最後を 85+ のような「以上」の階級にしてください。", code="E-POP-AGE-GROUPS")


def _valid_groups(base_population: list[AgeSexRow]) -> tuple[str, ...] | None:
    """The base table's age groups, or None when they are malformed (base_age_groups says why)."""
    groups = tuple(row.age for row in base_population)
    try:
        parse_age_groups(groups)
    except ValueError:
        return None
    return groups


def assumption_tables(vision: PopulationVision, base_population: list[AgeSexRow], assumptions: list[AssumptionRow]) -> Iterator[Finding]:
    """Every period of assumptions covers the base table's age groups once, in 5-year steps from the base year."""
    groups = _valid_groups(base_population)
    if groups is None:
        return
    periods: dict[int, list[int]] = {}
    for index, row in enumerate(assumptions):
        periods.setdefault(row.period, []).append(index)
        if row.age not in groups:
            yield Finding("assumptions", ("rows", index, "age"), f"年齢階級「{row.age}」が基準人口（base_population.csv）にありません。",
                          code="E-POP-ASSUMPTION-AGE")
    for period, indexes in periods.items():
        ages = Counter(assumptions[i].age for i in indexes)
        missing = [g for g in groups if g not in ages]
        if missing:
            yield Finding("assumptions", ("rows", indexes[0], "age"), f"{period}年の期間に年齢階級 {', '.join(missing)} の行がありません。",
                          "基準人口と同じ年齢階級の行を、期間ごとにすべて書いてください。", code="E-POP-ASSUMPTION-AGE")
        for i in indexes:
            if ages[assumptions[i].age] > 1:
                yield Finding("assumptions", ("rows", i, "age"), f"{period}年の期間に「{assumptions[i].age}」の行が複数あります。", code="E-DUPLICATE-ENTRY")
        if (period - vision.base_year) % 5:
            yield Finding("assumptions", ("rows", indexes[0], "period"), f"期間の始まり {period} 年が基準年 {vision.base_year} 年から5年刻みになっていません。",
                          code="E-POP-PERIOD")
    for period, indexes in periods.items():
        if period < vision.base_year:
            yield Finding("assumptions", ("rows", indexes[0], "period"), f"期間の始まり {period} 年が基準年 {vision.base_year} 年より前です。",
                          f"仮定値は基準年（{vision.base_year}年）からの期間について書きます。", code="E-POP-PERIOD")
    if periods and min(periods) > vision.base_year:
        yield Finding("assumptions", ("rows", 0, "period"), f"基準年 {vision.base_year} 年から始まる期間の仮定値がありません。", code="E-POP-PERIOD")


def cohort_change_ratios(assumptions: list[AssumptionRow]) -> Iterator[Finding]:
    """Survival + net migration below 0 would make the cohort negative five years later: an error on the row that says so
    (the engine refuses such rates too, but could only name the scenario)."""
    for index, row in enumerate(assumptions):
        for sex, label in (("male", "男性"), ("female", "女性")):
            survival, migration = getattr(row, f"survival_{sex}"), getattr(row, f"migration_{sex}")
            if survival + migration < 0:
                yield Finding("assumptions", ("rows", index, f"migration_{sex}"),
                              f"{row.period}年からの5年間、{label}の{row.age}歳の生残率 {survival:g} と純移動率 {migration:g} の和が "
                              f"{survival + migration:.3g} です。この世代の5年後の人口が負になります。",
                              "純移動率のマイナス（転出超過）は生残率を超えられません（和が0なら全員が転出）。符号と桁を確かめてください。",
                              code="E-POP-NEGATIVE-COHORT")


def base_matches_census(vision: PopulationVision, census: list[CensusRow], base_population: list[AgeSexRow]) -> Iterator[Finding]:
    census_base = [row for row in census if row.year == vision.base_year]
    base_total = sum(row.male + row.female for row in base_population)
    if census_base and abs(census_base[0].total - base_total) > 0.5:
        yield Finding("base_population", ("rows", 0, "male"),
                      f"基準人口の合計 {base_total:,.0f} 人が、{vision.base_year}年の国勢調査の総人口 {census_base[0].total:,.0f} 人と合いません。",
                      "年齢不詳を按分したかなど、census.csv と base_population.csv の値を確かめてください。", Severity.WARNING, code="W-POP-BASE-TOTAL")


def vision_years(vision: PopulationVision) -> Iterator[Finding]:
    fertility_periods = Counter(f.period for f in vision.fertility)
    for index, entry in enumerate(vision.fertility):
        if (entry.period - vision.base_year) % 5 or fertility_periods[entry.period] > 1:
            yield Finding("vision", ("fertility", index, "period"), f"期間 {entry.period} 年が重複しているか、基準年から5年刻みになっていません。",
                          code="E-POP-PERIOD")
        elif entry.period < vision.base_year:  # it would silently stand for the base period
            yield Finding("vision", ("fertility", index, "period"), f"期間 {entry.period} 年が基準年 {vision.base_year} 年より前です。",
                          f"子ども女性比は基準年（{vision.base_year}年）からの期間について書きます。", code="E-POP-PERIOD")
    if fertility_periods and min(fertility_periods) > vision.base_year:  # the first entry would silently stand for it
        yield Finding("vision", ("fertility", 0, "period"), f"基準年 {vision.base_year} 年から始まる期間の子ども女性比がありません。",
                      f"period: {vision.base_year} の子ども女性比・性比・出生率を書いてください。", code="E-POP-PERIOD")
    if vision.horizon_year <= vision.base_year or (vision.horizon_year - vision.base_year) % 5:
        yield Finding("vision", ("horizon_year",), "推計の最終年は基準年より後で、5年刻みの年にしてください。", code="E-VISION-HORIZON")


def _based_on_cycle(vision: PopulationVision, start_id: str) -> bool:
    by_id = {s.id: s for s in vision.scenarios}
    seen, current = {start_id}, by_id[start_id]
    while current.based_on in by_id:
        if current.based_on in seen:
            return True
        seen.add(current.based_on)
        current = by_id[current.based_on]
    return False


def scenario_references(vision: PopulationVision) -> Iterator[Finding]:
    """Scenario ids are unique, `based_on` and `target_scenario` name a scenario, and no chain loops."""
    ids = Counter(s.id for s in vision.scenarios)
    known = set(ids)
    for index, scenario in enumerate(vision.scenarios):
        path = ("scenarios", index)
        if ids[scenario.id] > 1:
            yield Finding("vision", path + ("id",), f"シナリオ id「{scenario.id}」が複数あります。", code="E-ID-DUPLICATE")
        if scenario.based_on is not None and scenario.based_on not in known:
            yield Finding("vision", path + ("based_on",), f"シナリオ id「{scenario.based_on}」がありません。",
                          f"次から選んでください: {', '.join(sorted(known))}", code="E-REF-UNKNOWN")
        if _based_on_cycle(vision, scenario.id):
            yield Finding("vision", path + ("based_on",), "based_on がたどると元のシナリオに戻ってしまいます（循環）。", code="E-VISION-SCENARIO-CYCLE")
    if vision.target_scenario not in known:
        yield Finding("vision", ("target_scenario",), f"シナリオ id「{vision.target_scenario}」がありません。",
                      f"scenarios の id から選んでください: {', '.join(s.id for s in vision.scenarios)}", code="E-REF-UNKNOWN")


def scenario_years_and_ages(vision: PopulationVision, base_population: list[AgeSexRow]) -> Iterator[Finding]:
    """Each scenario's anchor years, zero-migration year and age groups fit the projection."""
    groups = _valid_groups(base_population)
    if groups is None:
        return
    for index, scenario in enumerate(vision.scenarios):
        path = ("scenarios", index)
        for year in scenario.tfr_anchors:
            if not year.isdigit() or not vision.base_year < int(year) <= vision.horizon_year or (int(year) - vision.base_year) % 5:
                yield Finding("vision", path + ("tfr_anchors", year), f"出生率の目安の年「{year}」は、基準年 {vision.base_year} 年より後、"
                              f"推計の最終年 {vision.horizon_year} 年以前の、基準年から5年刻みの西暦にしてください。",
                              code="E-VISION-SCENARIO-YEAR")
        if scenario.zero_migration_from is not None and (
                (scenario.zero_migration_from - vision.base_year) % 5 or scenario.zero_migration_from < vision.base_year):
            yield Finding("vision", path + ("zero_migration_from",), "移動均衡の開始年は基準年以後の、基準年から5年刻みの年にしてください。",
                          code="E-VISION-SCENARIO-YEAR")
        for a, age in enumerate(scenario.zero_migration_ages):
            if age not in groups or age == groups[0]:
                yield Finding("vision", path + ("zero_migration_ages", a), f"年齢階級「{age}」は使えません（{groups[1]}〜{groups[-1]} から選びます）。",
                              code="E-VISION-SCENARIO-AGE")
