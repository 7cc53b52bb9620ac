"""Cohort-component projection as IPSS (社人研) applies it to a municipality.

Pure functions, standard library only. Conventions (see
/work/shared/reference/population-method.md):

- Populations are 5-year age groups by sex, "0-4", "5-9", ..., ending with an
  open group "N+"; the projection moves in 5-year steps (census years).
- Ages 5+: P(x+5, t+5) = P(x, t) · (s + m), with s the survival rate and m the
  net migration rate by the residual method (denominator = start population);
  s + m is the cohort change ratio. The open group collects two cohorts:
  P(open, t+5) = P(last−1, t)·r(last−1) + P(open, t)·r(open).
- Ages 0-4: child-woman ratio (0-4 of both sexes ÷ women 15-49) × women 15-49
  at t+5, split by the 0-4 sex ratio SR (males per 100 females).

Rate tuples in PeriodAssumptions have one entry per age group (len(groups)):
entry k < len−1 is the ratio of the cohort moving from groups[k] into
groups[k+1]; the last entry is the open group's own ratio (people already in
the open group who stay there). Messages a planner may see are in Japanese.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from generator.model.population import (
    AGE_GROUPS_85,
    AGE_GROUPS_90,
    CWR_RANGE,
    MIGRATION_RANGE,
    SEX_RATIO_RANGE,
    STEP,
    SURVIVAL_RANGE,
    age_groups,
    parse_age_groups,
)


class ProjectionError(ValueError):
    """The data cannot be projected; the message names the field, age group and value."""


__all__ = [
    "ProjectionError",
    "AGE_GROUPS_85",
    "AGE_GROUPS_90",
    "CWR_RANGE",
    "DECLINE_BAND",
    "MIGRATION_RANGE",
    "SEX_RATIO_RANGE",
    "STEP",
    "SURVIVAL_RANGE",
    "PeriodAssumptions",
    "Population",
    "age_groups",
    "assumptions_for",
    "cwr_for_tfr",
    "decline_stage",
    "extend_assumptions",
    "parse_age_groups",
    "project",
    "step",
    "tfr_path",
    "with_fertility",
    "with_zero_migration",
]

#: 第2段階 = 65+ within ±10 % of the base (decline_stage's default band).
DECLINE_BAND = 0.10

_FIELD_NAMES = {
    "survival_male": "男性の生残率",
    "survival_female": "女性の生残率",
    "migration_male": "男性の純移動率",
    "migration_female": "女性の純移動率",
    "child_woman_ratio": "子ども女性比",
    "sex_ratio_0_4": "0-4歳の性比",
}



# --- age groups ---------------------------------------------------------------


@lru_cache(maxsize=64)
def _bounds(groups: tuple[str, ...]) -> tuple[tuple[int, int | None], ...]:
    """Parsed groups, cached because every Population re-validates its labels."""
    return tuple(parse_age_groups(groups))


def _span(groups: tuple[str, ...], lo: int, hi: int | None) -> range:
    """Indices of the groups covering ages lo..hi exactly (hi None = open end)."""
    bounds = _bounds(groups)
    starts = [start for start, _ in bounds]
    ends = [end for _, end in bounds[:-1]]
    span_text = f"{lo}歳以上" if hi is None else f"{lo}〜{hi}歳"
    if lo not in starts or (hi is not None and (hi not in ends or hi < lo)):
        raise ProjectionError(
            f"{span_text}は年齢階級の区切り（{'、'.join(groups)}）に合わないため集計できません"
        )
    first = starts.index(lo)
    return range(first, len(bounds) if hi is None else ends.index(hi) + 1)


def _transition(groups: Sequence[str], index: int) -> str:
    """Label of rate entry `index`: origin group → destination group."""
    if index == len(groups) - 1:
        return f"{groups[-1]}→{groups[-1]}"
    return f"{groups[index]}→{groups[index + 1]}"


# --- populations ----------------------------------------------------------------


def _counts(sex: str, groups: tuple[str, ...], values: Iterable[float]) -> tuple[float, ...]:
    """Validated head counts of one sex (a negative or NaN count is a data error)."""
    counts = tuple(values)
    if len(counts) != len(groups):
        raise ProjectionError(
            f"{sex}の人口が{len(counts)}個あり、年齢階級の数（{len(groups)}）と一致しません"
        )
    result = []
    for group, value in zip(groups, counts):
        number = _as_float(value, f"{sex}の{group}の人口")
        if not (math.isfinite(number) and number >= 0):
            raise ProjectionError(f"{sex}の{group}の人口が {value} です（0以上の数にしてください）")
        result.append(number)
    return tuple(result)


def _as_float(value: object, what: str) -> float:
    """float(value), with a Japanese message instead of a bare TypeError."""
    if isinstance(value, bool):
        raise ProjectionError(f"{what}が数値ではありません（{value!r}）")
    try:
        return float(value)  # type: ignore[arg-type]  # any value is tried: float()'s TypeError is caught below
    except (TypeError, ValueError):
        raise ProjectionError(f"{what}が数値ではありません（{value!r}）") from None


@dataclass(frozen=True)
class Population:
    """Head counts by age group and sex at one reference date (1 October)."""

    groups: tuple[str, ...]
    male: tuple[float, ...]
    female: tuple[float, ...]

    def __post_init__(self) -> None:
        groups = tuple(self.groups)
        _bounds(groups)
        object.__setattr__(self, "groups", groups)
        object.__setattr__(self, "male", _counts("男性", groups, self.male))
        object.__setattr__(self, "female", _counts("女性", groups, self.female))

    def shown(self) -> Population:
        """The population as the site shows it: each cell (age group × sex) rounded to a whole person. Every count,
        total and rate the site shows of a projection is taken from these cells, so the numbers shown add up: a
        pyramid's cells make its 総人口, the age groups make the scenario's total of the same year."""
        return Population(self.groups, tuple(float(round(v)) for v in self.male), tuple(float(round(v)) for v in self.female))

    @property
    def total_male(self) -> float:
        return math.fsum(self.male)

    @property
    def total_female(self) -> float:
        return math.fsum(self.female)

    @property
    def total(self) -> float:
        return math.fsum(self.male) + math.fsum(self.female)

    def count(self, lo: int, hi: int | None = None) -> float:
        """Both sexes aged lo..hi inclusive (hi None = to the open end)."""
        span = _span(self.groups, lo, hi)
        return math.fsum(self.male[i] + self.female[i] for i in span)

    @property
    def women_15_49(self) -> float:
        """Denominator of the child-woman ratio."""
        return math.fsum(self.female[i] for i in _span(self.groups, 15, 49))

    def share(self, lo: int, hi: int | None = None) -> float:
        """Share of the total aged lo..hi (0-14, 15-64, 65+ = 高齢化率)."""
        total = self.total
        if total == 0:
            raise ProjectionError("総人口が0人のため割合を計算できません")
        return self.count(lo, hi) / total

    @property
    def aging_rate(self) -> float:
        """高齢化率: share aged 65 and over."""
        return self.share(65)

    def broad_groups(self) -> dict[str, float]:
        """The three age groups 人口ビジョン charts show."""
        return {"0-14": self.count(0, 14), "15-64": self.count(15, 64), "65+": self.count(65)}

    @property
    def child_woman_ratio(self) -> float:
        """子ども女性比: 0-4 of both sexes ÷ women 15-49."""
        women = self.women_15_49
        if women == 0:
            raise ProjectionError("15〜49歳の女性が0人のため子ども女性比を計算できません")
        return (self.male[0] + self.female[0]) / women

    @property
    def sex_ratio_0_4(self) -> float:
        """Males per 100 females aged 0-4."""
        if self.female[0] == 0:
            raise ProjectionError(f"{self.groups[0]}歳の女性が0人のため性比を計算できません")
        return 100.0 * self.male[0] / self.female[0]


# --- assumptions ------------------------------------------------------------------


def _rates(name: str, groups: tuple[str, ...], values: Iterable[float]) -> tuple[float, ...]:
    """One validated rate tuple; survival in (0, 1], migration in [-1, 5]."""
    rates = tuple(values)
    label = f"{_FIELD_NAMES[name]}({name})"
    if len(rates) != len(groups):
        raise ProjectionError(
            f"{label}が{len(rates)}個あります。年齢階級の数と同じ{len(groups)}個"
            f"（{_transition(groups, 0)} 〜 {_transition(groups, len(groups) - 1)}）にしてください"
        )
    low, high = SURVIVAL_RANGE if name.startswith("survival") else MIGRATION_RANGE
    result = []
    for index, value in enumerate(rates):
        number = _as_float(value, f"{label}の{_transition(groups, index)}")
        if name.startswith("survival"):
            ok = low < number <= high
            allowed = f"{low:g} より大きく {high:g} 以下"
        else:
            ok = low <= number <= high
            allowed = f"{low:g} 以上 {high:g} 以下"
        if not ok:
            raise ProjectionError(
                f"{label}の {_transition(groups, index)} が {value} です（{allowed}にしてください）"
            )
        result.append(number)
    return tuple(result)


def _ratios(survival: Sequence[float], migration: Sequence[float]) -> tuple[float, ...]:
    """Cohort change ratios s + m."""
    return tuple(s + m for s, m in zip(survival, migration))


@dataclass(frozen=True)
class PeriodAssumptions:
    """Rates for the 5-year step t → t+5 (keyed by t in a mapping).

    `groups` is carried so that lengths can be checked and messages can name
    the age group. Rate tuples have len(groups) entries: entry k < len−1 is for
    the cohort groups[k] → groups[k+1]; the last entry is the open group's own
    ratio, so P(open, t+5) = P(last−1, t)·r[−2] + P(open, t)·r[−1].
    `child_woman_ratio` is 0-4 (both sexes) ÷ women 15-49 at t+5;
    `sex_ratio_0_4` is males per 100 females aged 0-4 at t+5.
    """

    groups: tuple[str, ...]
    survival_male: tuple[float, ...]
    survival_female: tuple[float, ...]
    migration_male: tuple[float, ...]
    migration_female: tuple[float, ...]
    child_woman_ratio: float
    sex_ratio_0_4: float

    def __post_init__(self) -> None:
        groups = tuple(self.groups)
        _bounds(groups)
        object.__setattr__(self, "groups", groups)
        for name in ("survival_male", "survival_female", "migration_male", "migration_female"):
            object.__setattr__(self, name, _rates(name, groups, getattr(self, name)))
        for sex, survival, migration in (
            ("男性", self.survival_male, self.migration_male),
            ("女性", self.survival_female, self.migration_female),
        ):
            for index, ratio in enumerate(_ratios(survival, migration)):
                if ratio < 0:
                    raise ProjectionError(
                        f"{sex}の {_transition(groups, index)} で生残率と純移動率の和が {ratio:g} です"
                        "（負の人口になるため、和を0以上にしてください）"
                    )
        cwr = _as_float(self.child_woman_ratio, _FIELD_NAMES["child_woman_ratio"])
        if not CWR_RANGE[0] <= cwr <= CWR_RANGE[1]:
            raise ProjectionError(
                f"子ども女性比(child_woman_ratio)が {self.child_woman_ratio} です"
                f"（{CWR_RANGE[0]:g} 以上 {CWR_RANGE[1]:g} 以下にしてください）"
            )
        ratio = _as_float(self.sex_ratio_0_4, _FIELD_NAMES["sex_ratio_0_4"])
        if not SEX_RATIO_RANGE[0] < ratio < SEX_RATIO_RANGE[1]:
            raise ProjectionError(
                f"{groups[0]}歳の性比(sex_ratio_0_4)が {self.sex_ratio_0_4} です"
                f"（女性100人あたりの男性数として {SEX_RATIO_RANGE[0]:g} より大きく"
                f" {SEX_RATIO_RANGE[1]:g} 未満にしてください）"
            )
        object.__setattr__(self, "child_woman_ratio", cwr)
        object.__setattr__(self, "sex_ratio_0_4", ratio)

    @property
    def ratios_male(self) -> tuple[float, ...]:
        """Male cohort change ratios s + m."""
        return _ratios(self.survival_male, self.migration_male)

    @property
    def ratios_female(self) -> tuple[float, ...]:
        """Female cohort change ratios s + m."""
        return _ratios(self.survival_female, self.migration_female)


# --- projection ------------------------------------------------------------------


def _age_cohorts(counts: Sequence[float], ratios: Sequence[float]) -> tuple[float, ...]:
    """Groups 5-9 … open at t+5 from all groups at t (the open group collects two)."""
    last = len(counts) - 1
    moved = [counts[k - 1] * ratios[k - 1] for k in range(1, last)]
    moved.append(counts[last - 1] * ratios[last - 1] + counts[last] * ratios[last])
    return tuple(moved)


def step(population: Population, period: PeriodAssumptions) -> Population:
    """The population 5 years later: ages 5+ first, then 0-4 from the new women 15-49."""
    if period.groups != population.groups:
        raise ProjectionError(
            f"仮定値の年齢階級（{'、'.join(period.groups)}）が"
            f"人口の年齢階級（{'、'.join(population.groups)}）と一致しません"
        )
    male = _age_cohorts(population.male, period.ratios_male)
    female = _age_cohorts(population.female, period.ratios_female)
    # female[i - 1] is group i at t+5 (group 0 is not projected yet).
    women = math.fsum(female[i - 1] for i in _span(population.groups, 15, 49))
    children = period.child_woman_ratio * women
    ratio = period.sex_ratio_0_4
    boys = children * ratio / (100.0 + ratio)
    girls = children * 100.0 / (100.0 + ratio)
    return Population(population.groups, (boys, *male), (girls, *female))


def assumptions_for(assumptions: Mapping[int, PeriodAssumptions], year: int) -> PeriodAssumptions:
    """Assumptions for the step starting at `year`.

    After the last given period the last one is held (IPSS practice beyond its
    horizon); a year before the first or in a gap is an error, not a guess.
    """
    if year in assumptions:
        return assumptions[year]
    if not assumptions:
        raise ProjectionError("仮定値が1期間もありません")
    last = max(assumptions)
    if year > last:
        return assumptions[last]
    starts = "、".join(str(start) for start in sorted(assumptions))
    raise ProjectionError(
        f"{year}〜{year + STEP}年の仮定値がありません（仮定値のある期間の開始年: {starts}年。"
        "最終期間より後の期間だけは最終期間の仮定値を据え置きます）"
    )


def extend_assumptions(
    assumptions: Mapping[int, PeriodAssumptions], until: int
) -> dict[int, PeriodAssumptions]:
    """Explicit copies of the held last period for every step ending by `until`.

    Lets scenario functions change the held periods year by year (e.g. a TFR
    path that still moves after the IPSS horizon).
    """
    if not assumptions:
        raise ProjectionError("仮定値が1期間もありません")
    extended = dict(sorted(assumptions.items()))
    last = max(extended)
    for start in range(last + STEP, until - STEP + 1, STEP):
        extended[start] = extended[last]
    return extended


def _check_years(base_year: int, until: int, assumptions: Mapping[int, PeriodAssumptions]) -> None:
    """Years must fall on the 5-year grid of the base year."""
    if until < base_year or (until - base_year) % STEP:
        raise ProjectionError(
            f"推計の最終年 {until} 年は基準年 {base_year} 年以降で、5年刻みの年にしてください"
        )
    for start in assumptions:
        if (start - base_year) % STEP:
            raise ProjectionError(
                f"{start}年開始の仮定値は基準年 {base_year} 年から5年刻みの年ではありません"
            )


def project(
    base_year: int,
    base: Population,
    assumptions: Mapping[int, PeriodAssumptions],
    until: int,
) -> dict[int, Population]:
    """Populations every 5 years from base_year (included) to until.

    assumptions[t] drives the step t → t+5; after the last given period it is
    held (see assumptions_for). Negative cohorts cannot arise: PeriodAssumptions
    rejects s + m < 0 instead of clipping.
    """
    _check_years(base_year, until, assumptions)
    result = {base_year: base}
    current = base
    for year in range(base_year, until, STEP):
        current = step(current, assumptions_for(assumptions, year))
        result[year + STEP] = current
    return result


# --- scenarios ----------------------------------------------------------------------


def _check_tfr(value: float, what: str) -> float:
    """A TFR must be a positive finite number (it divides or scales a CWR)."""
    number = _as_float(value, what)
    if not (math.isfinite(number) and number > 0):
        raise ProjectionError(f"{what}が {value} です（0より大きい数にしてください）")
    return number


def tfr_path(anchors: Mapping[int, float], years: Iterable[int]) -> dict[int, float]:
    """TFR per year, linear between anchor years, held before the first and after the last.

    Scenario documents give TFR only at a few years (1.6 in 2020, 1.8 in 2030,
    2.07 in 2040); the years between follow a straight line.
    """
    points = sorted(
        (year, _check_tfr(value, f"{year}年の合計特殊出生率")) for year, value in anchors.items()
    )
    if not points:
        raise ProjectionError("合計特殊出生率の基準年が1つもありません")
    anchor_years = [year for year, _ in points]
    path = {}
    for year in years:
        if year <= anchor_years[0]:
            path[year] = points[0][1]
        elif year >= anchor_years[-1]:
            path[year] = points[-1][1]
        else:
            right = bisect.bisect_left(anchor_years, year)
            (y0, v0), (y1, v1) = points[right - 1], points[right]
            path[year] = v0 + (v1 - v0) * (year - y0) / (y1 - y0)
    return path


def cwr_for_tfr(base_cwr: float, base_tfr: float, scenario_tfr: float) -> float:
    """Child-woman ratio under a scenario TFR: CWR_base × TFR_scn / TFR_base.

    This proportional scaling is the documented assumption of this module, as
    commonly described for 人口ビジョン simulations; it has not been verified
    against a specific Cabinet Office or municipal worksheet.
    """
    cwr = _as_float(base_cwr, "基準の子ども女性比")
    if not (math.isfinite(cwr) and cwr >= 0):
        raise ProjectionError(f"基準の子ども女性比が {base_cwr} です（0以上にしてください）")
    return cwr * _check_tfr(scenario_tfr, "シナリオの合計特殊出生率") / _check_tfr(
        base_tfr, "基準の合計特殊出生率"
    )


def with_fertility(
    assumptions: Mapping[int, PeriodAssumptions],
    base_tfr_path: Mapping[int, float],
    scenario_tfr_path: Mapping[int, float],
) -> dict[int, PeriodAssumptions]:
    """Assumptions with each period's CWR scaled to the scenario TFR.

    The period t → t+5 uses the TFRs of its end year t+5, because its CWR
    describes the children aged 0-4 at t+5. Periods held after the last key
    keep the last period's scaled CWR; call extend_assumptions first when the
    TFR paths still move after that.
    """
    result = {}
    for start, period in sorted(assumptions.items()):
        end = start + STEP
        missing = [
            name
            for name, path in (("基準", base_tfr_path), ("シナリオ", scenario_tfr_path))
            if end not in path
        ]
        if missing:
            raise ProjectionError(f"{end}年の{'・'.join(missing)}の合計特殊出生率がありません")
        cwr = cwr_for_tfr(period.child_woman_ratio, base_tfr_path[end], scenario_tfr_path[end])
        result[start] = replace(period, child_woman_ratio=cwr)
    return result


def _migration_entries(groups: tuple[str, ...], ages: tuple[str, ...] | None) -> set[int]:
    """Rate entries whose destination is one of `ages` (the open group has two)."""
    last = len(groups) - 1
    if ages is None:
        return set(range(last + 1))
    entries = set()
    for label in ages:
        if label == groups[0]:
            raise ProjectionError(
                f"{label}歳は子ども女性比で推計するため純移動率がありません（5-9歳以上を指定してください）"
            )
        if label not in groups:
            raise ProjectionError(f"年齢階級「{label}」は仮定値の年齢階級（{'、'.join(groups)}）にありません")
        index = groups.index(label)
        entries.add(index - 1)
        if index == last:
            entries.add(last)
    return entries


def _zeroed(rates: Sequence[float], entries: set[int]) -> tuple[float, ...]:
    """The rates with the listed entries set to 0."""
    return tuple(0.0 if k in entries else rate for k, rate in enumerate(rates))


def with_zero_migration(
    assumptions: Mapping[int, PeriodAssumptions],
    from_year: int,
    ages: tuple[str, ...] | None = None,
) -> dict[int, PeriodAssumptions]:
    """Net migration 0 (移動均衡) for every step starting at or after from_year.

    `ages` lists destination groups (the group a cohort reaches at t+5; "85+"
    covers both of its entries); None = all ages. If from_year lies after the
    last given period, the held period is first copied up to from_year so that
    the change is not lost in the holding.
    """
    if not assumptions:
        raise ProjectionError("仮定値が1期間もありません")
    first = min(assumptions)
    if (from_year - first) % STEP:
        raise ProjectionError(
            f"移動均衡の開始年 {from_year} 年は仮定値の期間（{first}年から5年刻み）に合っていません"
        )
    extended = extend_assumptions(assumptions, from_year + STEP)
    result = {}
    for start, period in extended.items():
        if start < from_year:
            result[start] = period
            continue
        entries = _migration_entries(period.groups, ages)
        result[start] = replace(
            period,
            migration_male=_zeroed(period.migration_male, entries),
            migration_female=_zeroed(period.migration_female, entries),
        )
    return result


# --- decline stages -----------------------------------------------------------------


def decline_stage(base: Population, later: Population, band: float = DECLINE_BAND) -> int:
    """人口減少段階 (1, 2 or 3) of `later` against `base`, judged on the 65+ population.

    第1段階: 65+ above base × (1 + band); 第2段階: within base × (1 ± band)
    (bounds included, stable or slight decline); 第3段階: below base × (1 − band).
    """
    if not 0 <= band < 1:
        raise ProjectionError(f"人口減少段階の幅 band が {band} です（0以上1未満にしてください）")
    old_base = base.count(65)
    if old_base == 0:
        raise ProjectionError("基準時点の65歳以上人口が0人のため人口減少段階を判定できません")
    old_later = later.count(65)
    if old_later > old_base * (1 + band):
        return 1
    if old_later >= old_base * (1 - band):
        return 2
    return 3
