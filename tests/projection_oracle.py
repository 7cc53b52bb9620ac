"""The projection run backwards: the assumptions that turn one population table into the next.

A test oracle, not part of the generator: projecting a table with the implied
assumptions must give back the next table exactly (round-trip tests in
test_compute_projection.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise

from generator.compute.projection import (
    STEP,
    PeriodAssumptions,
    Population,
    ProjectionError,
    _as_float,
    _transition,
)

#: Sex ratio used when an implied table has no children at all (any ratio fits).
DEFAULT_SEX_RATIO = 105.0


def _implied_ratio(
    what: str, start: int, origin: float, destination: float
) -> float | None:
    """Cohort change ratio; None when the cohort is empty at both dates (any ratio fits)."""
    if origin > 0:
        return destination / origin
    if destination == 0:
        return None
    raise ProjectionError(
        f"{what}: {start}年に0人のコーホートが{start + STEP}年に {destination:g} 人いるため、"
        "コーホート変化率で再現できません"
    )


def _implied_ratios(
    sex: str, start: int, before: Sequence[float], after: Sequence[float], groups: Sequence[str]
) -> list[float | None]:
    """Ratios per rate entry; the open group gets one ratio for both of its cohorts (as IPSS)."""
    last = len(groups) - 1
    ratios = [
        _implied_ratio(f"{sex}の {_transition(groups, k)}", start, before[k], after[k + 1])
        for k in range(last - 1)
    ]
    open_ratio = _implied_ratio(
        f"{sex}の {groups[last - 1]}・{groups[last]}→{groups[last]}",
        start,
        before[last - 1] + before[last],
        after[last],
    )
    return ratios + [open_ratio, open_ratio]


def _implied_cwr(population: Population) -> float:
    """CWR of a table; 0 when it has neither children nor women 15-49."""
    if population.women_15_49 == 0 and population.male[0] + population.female[0] == 0:
        return 0.0
    return population.child_woman_ratio


def _implied_sex_ratio(population: Population) -> float:
    """0-4 sex ratio of a table; DEFAULT_SEX_RATIO when it has no children."""
    if population.male[0] == 0 and population.female[0] == 0:
        return DEFAULT_SEX_RATIO
    return population.sex_ratio_0_4


def _residual_migration(
    sex: str, ratios: Sequence[float | None], survival: Sequence[float]
) -> tuple[float, ...]:
    """m = r − s per entry; 0 where the cohort was empty (no information)."""
    return tuple(
        0.0 if r is None else r - _as_float(s, f"{sex}の生残率") for r, s in zip(ratios, survival)
    )


def _check_tables(tables: Mapping[int, Population]) -> list[int]:
    """Sorted years, at least two, 5 years apart, all with the same age groups."""
    years = sorted(tables)
    if len(years) < 2:
        raise ProjectionError("仮定値を逆算するには5年おきの人口表が2時点以上必要です")
    for before, after in pairwise(years):
        if after - before != STEP:
            raise ProjectionError(f"人口表の{before}年と{after}年の間が5年ではありません")
    groups = tables[years[0]].groups
    for year in years[1:]:
        if tables[year].groups != groups:
            raise ProjectionError(f"{year}年の人口表の年齢階級が{years[0]}年と一致しません")
    return years


def implied_assumptions(
    tables: Mapping[int, Population],
    survival: Mapping[int, tuple[Sequence[float], Sequence[float]]] | None = None,
) -> dict[int, PeriodAssumptions]:
    """Assumptions that re-project the given tables exactly (the round trip).

    For each step t → t+5 the cohort change ratio r = P(x+5, t+5) / P(x, t) is
    split as s + m: with `survival` ({t: (male, female)}, len(groups) entries
    each) m = r − s is the residual net migration; without it s = 1 and the
    whole change goes into m = r − 1 (survival must stay ≤ 1 while r may
    exceed it). The open group gets the single ratio
    P(open, t+5) / (P(last−1, t) + P(open, t)) for both of its entries, as IPSS
    does. A cohort empty at both dates gets m = 0; an empty table gets CWR 0 and
    the default sex ratio, since any value reproduces it.
    """
    years = _check_tables(tables)
    groups = tables[years[0]].groups
    result = {}
    for start, end in pairwise(years):
        before, after = tables[start], tables[end]
        if survival is None:
            known_male = known_female = (1.0,) * len(groups)
        elif start not in survival:
            raise ProjectionError(f"{start}〜{end}年の生残率がありません")
        else:
            known_male, known_female = (tuple(values) for values in survival[start])
        migration = []
        for sex, known, old, new in (
            ("男性", known_male, before.male, after.male),
            ("女性", known_female, before.female, after.female),
        ):
            ratios = _implied_ratios(sex, start, old, new, groups)
            if len(known) != len(ratios):
                raise ProjectionError(
                    f"{start}〜{end}年の{sex}の生残率が{len(known)}個あります"
                    f"（年齢階級の数と同じ{len(ratios)}個にしてください）"
                )
            migration.append(_residual_migration(sex, ratios, known))
        try:
            result[start] = PeriodAssumptions(
                groups=groups,
                survival_male=known_male,
                survival_female=known_female,
                migration_male=migration[0],
                migration_female=migration[1],
                child_woman_ratio=_implied_cwr(after),
                sex_ratio_0_4=_implied_sex_ratio(after),
            )
        except ValueError as error:
            raise ProjectionError(f"{start}〜{end}年の逆算結果: {error}") from None
    return result
