"""Projections a planner's typo makes absurd: warnings located on the assumption that drives them.

A projection can be arithmetically valid and still absurd (net migration +5.0 at every age
gives hundreds of billions of people by the horizon): such results are warned about, never
published silently. Two checks:

- the total of a scenario at the horizon against the base year (beyond ×3 or below ×0.2),
  located on the scenario in vision.yml;
- each 5-year cohort (the same people, followed along the diagonal of the table) against its
  size at the base year, or at birth for a cohort born later: beyond ×5 it is located on the
  assumptions.csv row with the largest survival + net migration along that diagonal.
  (Negative cohorts cannot arise: a row whose survival + migration is below 0 is an error of
  the check stage, E-POP-NEGATIVE-COHORT.)
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.check.rules.finding import Finding
from generator.compute.projection import STEP, Population
from generator.compute.scenarios import ScenarioResult
from generator.model.population import AssumptionRow, PopulationVision
from generator.problems import Severity

# Growth over the whole horizon beyond these factors is far outside any municipal projection.
MAX_GROWTH, MIN_GROWTH = 3.0, 0.2
# A cohort growing beyond this factor from its size at the base year (or at birth) is outside municipal experience:
# the strongest real inflows (students, new towns) rarely double a cohort, while one row's net migration written
# as 5 instead of 0.05 multiplies it by about 6 in a single period.
MAX_COHORT_GROWTH = 5.0

_SEXES = (("male", "男性"), ("female", "女性"))


def _times(factor: float) -> str:
    """A growth factor in words: 6.94倍, 4,876倍 (no exponent a planner would have to decode)."""
    return f"{factor:,.0f}倍" if factor >= 100 else f"{factor:.3g}倍"


def _age(label: str) -> str:
    """An age group in words: 20-24歳, 85歳以上."""
    return f"{label[:-1]}歳以上" if label.endswith("+") else f"{label}歳"


def implausible_projections(vision: PopulationVision, results: dict[str, ScenarioResult],
                            assumptions: Sequence[AssumptionRow] = ()) -> Iterator[Finding]:
    yield from _implausible_totals(vision, results)
    yield from _implausible_cohorts(vision, results, assumptions)


def _implausible_totals(vision: PopulationVision, results: dict[str, ScenarioResult]) -> Iterator[Finding]:
    for index, scenario in enumerate(vision.scenarios):
        result = results.get(scenario.id)
        if result is None:
            continue
        base, last = result.populations[vision.base_year].total, result.populations[vision.horizon_year].total
        if base <= 0:
            continue
        growth = last / base
        if growth > MAX_GROWTH or growth < MIN_GROWTH:
            yield Finding(
                "vision", ("scenarios", index),
                f"シナリオ「{scenario.name}」の{vision.horizon_year}年の総人口 {last:,.0f} 人は、基準年 {base:,.0f} 人の"
                f"{_times(growth)}です（{MIN_GROWTH:g}〜{MAX_GROWTH:g}倍の外）。",
                "assumptions.csv の純移動率・生残率（桁や符号の誤り）と、vision.yml の出生率・子ども女性比を確かめてください。",
                Severity.WARNING, code="W-PROJECTION-IMPLAUSIBLE",
            )


@dataclass(frozen=True)
class _Cohort:
    """Where a cohort of one sex started, in words, and the rate entries it went through (start year, entry)."""

    origin: float
    origin_text: str
    entries: tuple[tuple[int, int], ...]


def _cohort(populations: dict[int, Population], base_year: int, year: int, group: int, sex: str) -> _Cohort | None:
    """The cohort in `group` at `year`, traced back to the base year or to its birth (None: the open group holds births)."""
    table = populations[base_year]
    groups, last, steps = table.groups, len(table.groups) - 1, (year - base_year) // STEP
    counts = getattr(table, sex)
    if group < last and group - steps >= 0:
        start = group - steps
        return _Cohort(counts[start], f"{base_year}年の{_age(groups[start])}",
                       tuple((base_year + k * STEP, start + k) for k in range(steps)))
    if group < last:  # born after the base year: its first table is its 0-4 group
        birth = year - group * STEP
        return _Cohort(getattr(populations[birth], sex)[0], f"生まれた{birth}年の{_age(groups[0])}",
                       tuple((birth + k * STEP, k) for k in range(group)))
    start = last - steps
    if start < 0:
        return None
    return _Cohort(math.fsum(counts[start:]), f"{base_year}年の{groups[start].rstrip('+').split('-')[0]}歳以上",
                   tuple((base_year + k * STEP, entry) for k in range(steps) for entry in range(start + k, last + 1)))


def _driving_row(cohort: _Cohort, populations: dict[int, Population], assumptions: Sequence[AssumptionRow],
                 sex: str) -> tuple[int, float] | None:
    """The assumptions row (index, survival + migration) with the largest ratio along the cohort's way (the first of
    equals), among the groups that held some of it (the open group gathers several)."""
    rows = {(row.period, row.age): index for index, row in enumerate(assumptions)}
    periods = sorted({row.period for row in assumptions})
    best: tuple[int, float] | None = None
    for start, entry in cohort.entries:
        table = populations[start]
        in_force = [period for period in periods if period <= start]  # after the last period it is held
        index = rows.get((in_force[-1], table.groups[entry])) if in_force and getattr(table, sex)[entry] > 0 else None
        if index is None:
            continue
        row = assumptions[index]
        ratio = getattr(row, f"survival_{sex}") + getattr(row, f"migration_{sex}")
        if best is None or ratio > best[1]:
            best = (index, ratio)
    return best


def _implausible_cohorts(vision: PopulationVision, results: dict[str, ScenarioResult],
                         assumptions: Sequence[AssumptionRow]) -> Iterator[Finding]:
    """One warning per driving row: the cohort that grew most through it."""
    worst: dict[int, tuple[float, Finding]] = {}
    for scenario in vision.scenarios:
        result = results.get(scenario.id)
        if result is None:
            continue
        for year, table in sorted(result.populations.items()):
            if year == vision.base_year:
                continue
            for sex, label in _SEXES:
                for group in range(1, len(table.groups)):
                    cohort = _cohort(result.populations, vision.base_year, year, group, sex)
                    count = getattr(table, sex)[group]
                    if cohort is None or cohort.origin <= 0 or count / cohort.origin <= MAX_COHORT_GROWTH:
                        continue
                    growth = count / cohort.origin
                    driver = _driving_row(cohort, result.populations, assumptions, sex)
                    if driver is not None and growth > worst.get(driver[0], (0.0,))[0]:
                        where = f"シナリオ「{scenario.name}」の{year}年の{label}{_age(table.groups[group])}"
                        worst[driver[0]] = (growth, _cohort_finding(where, count, cohort, growth, assumptions, driver, sex))
    for index in sorted(worst):
        yield worst[index][1]


def _cohort_finding(where: str, count: float, cohort: _Cohort, growth: float, assumptions: Sequence[AssumptionRow],
                    driver: tuple[int, float], sex: str) -> Finding:
    index, ratio = driver
    row = assumptions[index]
    return Finding(
        "assumptions", ("rows", index, f"migration_{sex}"),
        f"{where} {count:,.0f} 人は、同じ世代の{cohort.origin_text} {cohort.origin:,.0f} 人の{_times(growth)}です"
        f"（{MAX_COHORT_GROWTH:g}倍を超えています）。この世代を最も増やしているのは、{row.period}年からの5年間の{_age(row.age)}の行"
        f"（生残率＋純移動率 = {ratio:.3g}）です。",
        "この行の純移動率（転入超過の率）の桁を確かめてください（0.05 を 5 と書くと、5年で約6倍になります）。",
        Severity.WARNING, code="W-PROJECTION-COHORT",
    )
