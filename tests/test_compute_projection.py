"""Tests for generator.population.projection: the cohort-component engine and its scenarios."""

from __future__ import annotations

import math
import random
import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from projection_oracle import implied_assumptions

from generator.compute.projection import (
    AGE_GROUPS_85,
    AGE_GROUPS_90,
    PeriodAssumptions,
    Population,
    age_groups,
    cwr_for_tfr,
    decline_stage,
    extend_assumptions,
    parse_age_groups,
    project,
    step,
    tfr_path,
    with_fertility,
    with_zero_migration,
)

# --- helpers -------------------------------------------------------------------


def uniform(groups: tuple[str, ...], survival: float = 0.95, migration: float = 0.0,
            cwr: float = 0.2, sex_ratio: float = 105.0) -> PeriodAssumptions:
    """The same rates for every age group and both sexes."""
    n = len(groups)
    return PeriodAssumptions(
        groups, (survival,) * n, (survival,) * n, (migration,) * n, (migration,) * n, cwr, sex_ratio
    )


def random_population(rng: random.Random, groups: tuple[str, ...] = AGE_GROUPS_90) -> Population:
    """A small-town-sized table (a few hundred per cell)."""
    return Population(
        groups,
        tuple(rng.uniform(50, 900) for _ in groups),
        tuple(rng.uniform(50, 900) for _ in groups),
    )


def random_assumptions(
    rng: random.Random, groups: tuple[str, ...] = AGE_GROUPS_90
) -> PeriodAssumptions:
    """Plausible made-up rates: high survival young, lower old, moves in both directions."""
    n = len(groups)

    def survival() -> tuple[float, ...]:
        return tuple(max(0.05, min(1.0, 0.999 - 0.0006 * k**2.2 + rng.uniform(-0.002, 0.002)))
                     for k in range(n))

    def migration() -> tuple[float, ...]:
        return tuple(rng.uniform(-0.15, 0.12) for _ in range(n))

    return PeriodAssumptions(
        groups, survival(), survival(), migration(), migration(),
        rng.uniform(0.12, 0.25), rng.uniform(95, 115),
    )


def assert_same_population(
    actual: Population, expected: Population, rel: float = 1e-9, abs: float = 1e-9
) -> None:
    """Every cell equal to `rel` (abs only for cells that are 0 or nearly)."""
    assert actual.groups == expected.groups
    for got, want in zip(actual.male + actual.female, expected.male + expected.female):
        assert math.isclose(got, want, rel_tol=rel, abs_tol=abs)


def children_and_women(children: float, women: float) -> Population:
    """A table with exactly `children` aged 0-4 and `women` aged 15-49 (others arbitrary)."""
    groups = AGE_GROUPS_85
    female = [100.0] * len(groups)
    share = women / 7
    for i in range(3, 10):  # 15-19 … 45-49
        female[i] = share
    female[9] = women - share * 6  # the exact total, whatever the rounding of share
    boys = math.floor(children / 2)
    female[0] = children - boys
    female[12] = 300.0  # women 60-64 do not count
    male = [100.0] * len(groups)
    male[0] = boys
    return Population(groups, tuple(male), tuple(female))


# --- age groups ------------------------------------------------------------------


def test_standard_age_groups() -> None:
    assert len(AGE_GROUPS_85) == 18 and len(AGE_GROUPS_90) == 19
    assert AGE_GROUPS_85[:3] == ("0-4", "5-9", "10-14")
    assert AGE_GROUPS_85[-2:] == ("80-84", "85+")
    assert AGE_GROUPS_90[-3:] == ("80-84", "85-89", "90+")
    assert age_groups(95)[-2:] == ("90-94", "95+")
    assert parse_age_groups(AGE_GROUPS_85)[0] == (0, 4)
    assert parse_age_groups(AGE_GROUPS_85)[-1] == (85, None)
    assert parse_age_groups(["0-4", "5+"]) == [(0, 4), (5, None)]


@pytest.mark.parametrize(
    ("groups", "label"),
    [
        (("5-9", "10+"), "5-9"),                 # does not start at 0
        (("0-4", "5-9", "15-19", "20+"), "15-19"),  # gap
        (("0-4", "5-10", "11+"), "5-10"),        # not 5 years wide
        (("0-4", "5-9", "10-14"), "10-14"),      # no open group
        (("0-4", "5+", "10+"), "5+"),            # open group not last
        (("0-4", "5～9", "10+"), "5～9"),        # wrong separator
        (("0-4", "05-09", "10+"), "05-09"),      # not canonical
        (("0-4", "5-9", "15+"), "15+"),          # open group starts at the wrong age
    ],
)
def test_parse_age_groups_names_the_bad_label(groups: tuple[str, ...], label: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"年齢階級「{label}」")):
        parse_age_groups(groups)


def test_parse_age_groups_needs_two_groups() -> None:
    with pytest.raises(ValueError, match="2つ以上"):
        parse_age_groups(["0+"])


# --- Population --------------------------------------------------------------------


def test_population_totals_and_shares() -> None:
    groups = age_groups(20)  # 0-4, 5-9, 10-14, 15-19, 20+
    pop = Population(groups, [10, 20, 30, 40, 100], [5, 15, 25, 35, 120])
    assert pop.male == (10.0, 20.0, 30.0, 40.0, 100.0)  # lists become float tuples
    assert pop.total_male == 200 and pop.total_female == 200 and pop.total == 400
    assert pop.count(0, 14) == 105
    assert pop.count(15) == 295
    assert pop.share(0, 14) == pytest.approx(105 / 400)
    assert pop.share(20) == pytest.approx(220 / 400)


def test_broad_groups_and_women_15_49() -> None:
    groups = AGE_GROUPS_85
    male = tuple(float(10 * (i + 1)) for i in range(len(groups)))
    female = tuple(float(i + 1) for i in range(len(groups)))
    pop = Population(groups, male, female)
    assert pop.women_15_49 == sum(range(4, 11))  # groups 15-19 (4th) … 45-49 (10th)
    broad = pop.broad_groups()
    assert broad == {
        "0-14": 11 * 6, "15-64": 11 * sum(range(4, 14)), "65+": 11 * sum(range(14, 19))
    }
    assert sum(broad.values()) == pop.total
    assert pop.aging_rate == pytest.approx(broad["65+"] / pop.total)


def test_share_rejects_unaligned_ages_and_empty_population() -> None:
    pop = Population(AGE_GROUPS_85, [1.0] * 18, [1.0] * 18)
    with pytest.raises(ValueError, match="区切り"):
        pop.share(0, 12)
    with pytest.raises(ValueError, match="区切り"):
        pop.share(3)
    with pytest.raises(ValueError, match="区切り"):
        pop.share(80, 89)  # 85+ cannot be split
    empty = Population(AGE_GROUPS_85, [0.0] * 18, [0.0] * 18)
    with pytest.raises(ValueError, match="総人口が0人"):
        empty.share(65)


def test_population_validation() -> None:
    with pytest.raises(ValueError, match="男性の人口が17個"):
        Population(AGE_GROUPS_85, [1.0] * 17, [1.0] * 18)
    with pytest.raises(ValueError, match="女性の80-84の人口が -1"):
        Population(AGE_GROUPS_85, [1.0] * 18, [1.0] * 16 + [-1.0, 1.0])
    with pytest.raises(ValueError, match="男性の0-4の人口"):
        Population(AGE_GROUPS_85, [math.nan] + [1.0] * 17, [1.0] * 18)
    with pytest.raises(ValueError, match="数値ではありません"):
        Population(AGE_GROUPS_85, ["many"] + [1.0] * 17, [1.0] * 18)
    with pytest.raises(ValueError, match="年齢階級「85-89」"):
        Population(("0-4", "85-89"), [1.0, 1.0], [1.0, 1.0])


# --- CWR anchors from the reference ---------------------------------------------------


@pytest.mark.parametrize(
    ("children", "women", "expected"),
    [
        (207, 1_452, 0.1426),          # 長南町 2010
        (173, 1_246, 0.1388),          # 長南町 2015
        (257_711, 1_339_573, 0.1924),  # 千葉県 2010
    ],
)
def test_child_woman_ratio_anchors(children: int, women: int, expected: float) -> None:
    pop = children_and_women(children, women)
    assert pop.male[0] + pop.female[0] == children
    assert pop.women_15_49 == pytest.approx(women, rel=1e-12)
    assert round(pop.child_woman_ratio, 4) == expected


def test_implied_cwr_matches_the_anchor() -> None:
    before = children_and_women(207, 1_452)
    after = children_and_women(173, 1_246)
    implied = implied_assumptions({2010: before, 2015: after})
    assert round(implied[2010].child_woman_ratio, 4) == 0.1388


# --- PeriodAssumptions validation ------------------------------------------------------


def test_assumption_ranges_name_field_group_and_value() -> None:
    groups = AGE_GROUPS_85
    good = uniform(groups)
    with pytest.raises(ValueError, match=r"男性の生残率\(survival_male\)の 80-84→85\+ が 1.02"):
        replace(good, survival_male=(0.95,) * 16 + (1.02, 0.95))
    with pytest.raises(ValueError, match=r"女性の生残率\(survival_female\)の 0-4→5-9 が 0.0"):
        replace(good, survival_female=(0.0,) + (0.95,) * 17)
    with pytest.raises(ValueError, match=r"女性の純移動率\(migration_female\)の 85\+→85\+ が 5.5"):
        replace(good, migration_female=(0.0,) * 17 + (5.5,))
    with pytest.raises(ValueError, match=r"男性の純移動率\(migration_male\)の 10-14→15-19 が -1.5"):
        replace(good, migration_male=(0.0,) * 2 + (-1.5,) + (0.0,) * 15)
    with pytest.raises(ValueError, match=r"子ども女性比\(child_woman_ratio\)が 1.2"):
        replace(good, child_woman_ratio=1.2)
    with pytest.raises(ValueError, match=r"性比\(sex_ratio_0_4\)が 130"):
        replace(good, sex_ratio_0_4=130)
    with pytest.raises(ValueError, match=r"性比\(sex_ratio_0_4\)が 80"):
        replace(good, sex_ratio_0_4=80)


def test_assumptions_reject_negative_cohort_change_ratio() -> None:
    good = uniform(AGE_GROUPS_85, survival=0.5)
    with pytest.raises(ValueError, match=r"女性の 20-24→25-29 で生残率と純移動率の和が -0.3"):
        replace(good, migration_female=(0.0,) * 4 + (-0.8,) + (0.0,) * 13)


def test_assumption_lengths_must_match_groups() -> None:
    good = uniform(AGE_GROUPS_85)
    with pytest.raises(ValueError, match=r"男性の生残率\(survival_male\)が17個.*18個"):
        replace(good, survival_male=(0.95,) * 17)
    mismatch = r"仮定値の年齢階級（0-4、.*85\+）が人口の年齢階級（0-4、.*90\+）と一致しません"
    with pytest.raises(ValueError, match=mismatch):
        step(Population(AGE_GROUPS_90, [1.0] * 19, [1.0] * 19), good)


# --- projection mechanics ----------------------------------------------------------------


def test_step_by_hand() -> None:
    groups = age_groups(55)  # 0-4 … 50-54, 55+ (12 groups) so 15-49 are all closed
    n = len(groups)
    male = tuple(float(100 + i) for i in range(n))
    female = tuple(float(200 + i) for i in range(n))
    survival = tuple(0.9 + 0.005 * i for i in range(n))
    migration = tuple(0.01 * (i - 5) for i in range(n))
    period = PeriodAssumptions(groups, survival, survival, migration, migration, 0.2, 105.0)
    after = step(Population(groups, male, female), period)
    ratio = [s + m for s, m in zip(survival, migration)]
    for k in range(1, n - 1):
        assert after.male[k] == pytest.approx(male[k - 1] * ratio[k - 1])
        assert after.female[k] == pytest.approx(female[k - 1] * ratio[k - 1])
    assert after.female[-1] == pytest.approx(female[-2] * ratio[-2] + female[-1] * ratio[-1])
    women = sum(female[k - 1] * ratio[k - 1] for k in range(3, 10))
    assert after.male[0] + after.female[0] == pytest.approx(0.2 * women)
    assert after.male[0] == pytest.approx(0.2 * women * 105 / 205)
    assert after.female[0] == pytest.approx(0.2 * women * 100 / 205)


def test_project_holds_the_last_period() -> None:
    rng = random.Random(7)
    base = random_population(rng)
    first, last = random_assumptions(rng), random_assumptions(rng)
    result = project(2020, base, {2020: first, 2025: last}, until=2060)
    assert sorted(result) == list(range(2020, 2065, 5))
    assert result[2020] is base
    expected = step(step(base, first), last)
    assert result[2030] == expected
    for year in range(2035, 2065, 5):
        expected = step(expected, last)
        assert result[year] == expected


def test_project_until_base_year_returns_the_base() -> None:
    base = random_population(random.Random(1))
    assert project(2020, base, {2020: uniform(AGE_GROUPS_90)}, until=2020) == {2020: base}


def test_project_missing_years() -> None:
    base = random_population(random.Random(2))
    a = uniform(AGE_GROUPS_90)
    with pytest.raises(ValueError, match="2020〜2025年の仮定値がありません"):
        project(2020, base, {2025: a, 2030: a}, until=2060)
    with pytest.raises(ValueError, match="2025〜2030年の仮定値がありません"):
        project(2020, base, {2020: a, 2030: a}, until=2060)
    with pytest.raises(ValueError, match="1期間も"):
        project(2020, base, {}, until=2060)
    with pytest.raises(ValueError, match="2022年開始の仮定値は"):
        project(2020, base, {2020: a, 2022: a}, until=2060)
    with pytest.raises(ValueError, match="最終年 2058 年"):
        project(2020, base, {2020: a}, until=2058)
    with pytest.raises(ValueError, match="最終年 2015 年"):
        project(2020, base, {2020: a}, until=2015)


def test_extend_assumptions_copies_the_last_period() -> None:
    a, b = uniform(AGE_GROUPS_90, cwr=0.1), uniform(AGE_GROUPS_90, cwr=0.2)
    extended = extend_assumptions({2015: a, 2020: b}, until=2040)
    assert sorted(extended) == [2015, 2020, 2025, 2030, 2035]
    assert all(extended[year] is b for year in (2025, 2030, 2035))


# --- invariants (hypothesis) -----------------------------------------------------------------

# Head counts and rates are zero or clearly positive: subnormal floats would
# underflow to 0 in one sex only, which no finite sex ratio can reproduce.
counts = st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=1e6))


@st.composite
def populations(draw: st.DrawFn) -> Population:
    groups = age_groups(draw(st.integers(min_value=50, max_value=100).map(lambda a: a - a % 5)))
    n = len(groups)
    return Population(
        groups,
        tuple(draw(st.lists(counts, min_size=n, max_size=n))),
        tuple(draw(st.lists(counts, min_size=n, max_size=n))),
    )


@st.composite
def assumptions_for_groups(
    draw: st.DrawFn, groups: tuple[str, ...], max_cwr: float = 1.0
) -> PeriodAssumptions:
    n = len(groups)
    survival = st.floats(min_value=0.01, max_value=1.0)

    def rates() -> tuple[tuple[float, ...], tuple[float, ...]]:
        s = tuple(draw(st.lists(survival, min_size=n, max_size=n)))
        # The cohort change ratio s + m is 0 or at least 0.001 (m from -s to 2).
        ratios = [
            draw(st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=v + 2.0))) for v in s
        ]
        return s, tuple(r - v for r, v in zip(ratios, s))

    sm, mm = rates()
    sf, mf = rates()
    return PeriodAssumptions(
        groups, sm, sf, mm, mf,
        draw(st.one_of(st.just(0.0), st.floats(min_value=1e-4, max_value=max_cwr))),
        draw(st.floats(min_value=80.5, max_value=129.5)),
    )


@st.composite
def scenarios(
    draw: st.DrawFn, max_cwr: float = 1.0
) -> tuple[Population, dict[int, PeriodAssumptions]]:
    base = draw(populations())
    periods = draw(st.integers(min_value=1, max_value=3))
    return base, {
        2020 + 5 * i: draw(assumptions_for_groups(base.groups, max_cwr)) for i in range(periods)
    }


@given(scenarios())
def test_no_negative_population(case: tuple[Population, dict[int, PeriodAssumptions]]) -> None:
    base, assumptions = case
    for pop in project(2020, base, assumptions, until=2060).values():
        assert min(pop.male + pop.female) >= 0


@given(populations())
def test_without_deaths_moves_or_births_cohorts_only_age(base: Population) -> None:
    frozen = uniform(base.groups, survival=1.0, migration=0.0, cwr=0.0)
    result = project(2020, base, {2020: frozen}, until=2030)
    for before, after in ((result[2020], result[2025]), (result[2025], result[2030])):
        assert after.male[0] == after.female[0] == 0
        assert after.male[1:-1] == before.male[:-2]
        assert after.female[1:-1] == before.female[:-2]
        assert after.male[-1] == before.male[-2] + before.male[-1]
        assert after.female[-1] == before.female[-2] + before.female[-1]
        assert math.isclose(after.total, before.total, rel_tol=1e-12, abs_tol=1e-6)


@given(scenarios(), st.floats(min_value=0.01, max_value=100))
def test_projection_is_linear_in_the_base(
    case: tuple[Population, dict[int, PeriodAssumptions]], factor: float
) -> None:
    base, assumptions = case
    scaled_base = Population(
        base.groups, tuple(v * factor for v in base.male), tuple(v * factor for v in base.female)
    )
    plain = project(2020, base, assumptions, until=2045)
    scaled = project(2020, scaled_base, assumptions, until=2045)
    for year, pop in plain.items():
        for got, want in zip(scaled[year].male + scaled[year].female, pop.male + pop.female):
            assert math.isclose(got, want * factor, rel_tol=1e-9, abs_tol=1e-6)
        assert math.isclose(scaled[year].total, pop.total * factor, rel_tol=1e-9, abs_tol=1e-6)


@given(scenarios())
def test_sex_split_of_children_matches_the_sex_ratio(
    case: tuple[Population, dict[int, PeriodAssumptions]]
) -> None:
    base, assumptions = case
    after = step(base, assumptions[2020])
    children = after.male[0] + after.female[0]
    assert math.isclose(children, assumptions[2020].child_woman_ratio * after.women_15_49,
                        rel_tol=1e-12, abs_tol=1e-9)
    if after.female[0] > 1e-6:
        assert math.isclose(after.sex_ratio_0_4, assumptions[2020].sex_ratio_0_4, rel_tol=1e-9)


# --- implied assumptions (round trip) ----------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_implied_assumptions_round_trip(seed: int) -> None:
    rng = random.Random(seed)
    base = random_population(rng)
    made_up = {2010: random_assumptions(rng), 2015: random_assumptions(rng)}
    tables = project(2010, base, made_up, until=2020)
    implied = implied_assumptions(tables)
    assert sorted(implied) == [2010, 2015]
    assert all(s == 1.0 for p in implied.values() for s in p.survival_male + p.survival_female)
    replayed = project(2010, tables[2010], implied, until=2020)
    for year in (2015, 2020):
        assert_same_population(replayed[year], tables[year])
    # The closed cohorts give back the made-up cohort change ratios exactly.
    for start in (2010, 2015):
        for got, want in zip(implied[start].ratios_female[:-2], made_up[start].ratios_female[:-2]):
            assert got == pytest.approx(want, rel=1e-12)
        assert implied[start].child_woman_ratio == pytest.approx(made_up[start].child_woman_ratio)
        assert implied[start].sex_ratio_0_4 == pytest.approx(made_up[start].sex_ratio_0_4)


def test_implied_assumptions_with_known_survival_put_the_residual_into_migration() -> None:
    rng = random.Random(11)
    base = random_population(rng)
    made_up = {2015: random_assumptions(rng)}
    tables = project(2015, base, made_up, until=2020)
    known = {2015: (made_up[2015].survival_male, made_up[2015].survival_female)}
    implied = implied_assumptions(tables, survival=known)[2015]
    assert implied.survival_male == made_up[2015].survival_male
    # Below the open group the residual is the made-up net migration rate.
    for got, want in zip(implied.migration_male[:-2], made_up[2015].migration_male[:-2]):
        assert got == pytest.approx(want, abs=1e-12)
    assert_same_population(project(2015, base, {2015: implied}, until=2020)[2020], tables[2020])


@given(scenarios(max_cwr=0.9))  # a CWR of exactly 1 may come back as 1 + 1 ulp
def test_implied_round_trip_property(case: tuple[Population, dict[int, PeriodAssumptions]]) -> None:
    base, made_up = case
    tables = project(2020, base, made_up, until=2020 + 5 * len(made_up))
    implied = implied_assumptions(tables)
    replayed = project(2020, base, implied, until=max(tables))
    for year, table in tables.items():
        assert_same_population(replayed[year], table, rel=1e-9, abs=1e-6)


def test_implied_assumptions_errors() -> None:
    pop = Population(AGE_GROUPS_85, [10.0] * 18, [10.0] * 18)
    with pytest.raises(ValueError, match="2時点以上"):
        implied_assumptions({2015: pop})
    with pytest.raises(ValueError, match="2010年と2020年の間が5年ではありません"):
        implied_assumptions({2010: pop, 2020: pop})
    with pytest.raises(ValueError, match="年齢階級が2010年と一致しません"):
        implied_assumptions({2010: pop, 2015: Population(AGE_GROUPS_90, [10.0] * 19, [10.0] * 19)})
    emptied = Population(AGE_GROUPS_85, [10.0] * 18, [10.0] * 5 + [0.0] + [10.0] * 12)
    with pytest.raises(ValueError, match="女性の 25-29→30-34: 2010年に0人"):
        implied_assumptions({2010: emptied, 2015: pop})
    with pytest.raises(ValueError, match="2010〜2015年の生残率がありません"):
        implied_assumptions({2010: pop, 2015: pop}, survival={2015: ((1.0,) * 18, (1.0,) * 18)})
    boys = Population(AGE_GROUPS_85, [30.0] + [10.0] * 17, [10.0] * 18)
    with pytest.raises(ValueError, match=r"2010〜2015年の逆算結果: .*性比\(sex_ratio_0_4\)が 300"):
        implied_assumptions({2010: pop, 2015: boys})


def test_implied_assumptions_of_empty_cohorts() -> None:
    groups = age_groups(55)
    before = Population(groups, [0.0] * 12, [0.0] * 12)
    after = Population(groups, [0.0] * 12, [0.0] * 12)
    period = implied_assumptions({2015: before, 2020: after})[2015]
    assert period.migration_male == (0.0,) * 12
    assert period.child_woman_ratio == 0.0
    assert period.sex_ratio_0_4 == 105.0


# --- fertility and migration scenarios ----------------------------------------------------------


def test_tfr_path_interpolates_and_holds() -> None:
    path = tfr_path({2030: 1.8, 2020: 1.6, 2040: 2.07}, range(2015, 2065, 5))
    assert path[2015] == path[2020] == 1.6
    assert path[2025] == pytest.approx(1.7)
    assert path[2030] == 1.8
    assert path[2035] == pytest.approx(1.935)
    assert path[2040] == path[2045] == path[2060] == 2.07
    assert tfr_path({2020: 1.4}, [2000, 2100]) == {2000: 1.4, 2100: 1.4}
    assert tfr_path({2020: 1.0, 2030: 2.0}, [2023]) == {2023: pytest.approx(1.3)}
    with pytest.raises(ValueError, match="基準年が1つも"):
        tfr_path({}, [2020])
    with pytest.raises(ValueError, match="2030年の合計特殊出生率が 0"):
        tfr_path({2020: 1.4, 2030: 0}, [2020])


def test_cwr_for_tfr() -> None:
    assert cwr_for_tfr(0.18, 1.35, 1.35) == pytest.approx(0.18)
    assert cwr_for_tfr(0.18, 1.2, 1.8) == pytest.approx(0.27)
    assert cwr_for_tfr(0.0, 1.2, 1.8) == 0.0
    with pytest.raises(ValueError, match="基準の合計特殊出生率が 0"):
        cwr_for_tfr(0.18, 0, 1.8)
    with pytest.raises(ValueError, match="基準の子ども女性比が -0.1"):
        cwr_for_tfr(-0.1, 1.2, 1.8)


def test_with_fertility_uses_the_tfr_at_the_end_of_each_period() -> None:
    groups = AGE_GROUPS_90
    assumptions = {2020: uniform(groups, cwr=0.18), 2025: uniform(groups, cwr=0.17)}
    base_path = {2025: 1.3, 2030: 1.35}
    scenario = {2025: 1.6, 2030: 1.8}
    result = with_fertility(assumptions, base_path, scenario)
    assert result[2020].child_woman_ratio == pytest.approx(0.18 * 1.6 / 1.3)
    assert result[2025].child_woman_ratio == pytest.approx(0.17 * 1.8 / 1.35)
    assert result[2020].migration_male == assumptions[2020].migration_male
    assert assumptions[2020].child_woman_ratio == 0.18  # the input is not changed
    with pytest.raises(ValueError, match="2030年のシナリオの合計特殊出生率がありません"):
        with_fertility(assumptions, base_path, {2025: 1.6})
    with pytest.raises(ValueError, match="子ども女性比"):
        with_fertility(assumptions, base_path, {2025: 10.0, 2030: 10.0})


def test_with_zero_migration_for_given_ages_only() -> None:
    groups = AGE_GROUPS_85
    assumptions = {year: uniform(groups, migration=0.05) for year in (2020, 2025, 2030)}
    result = with_zero_migration(assumptions, from_year=2025, ages=("20-24", "85+"))
    assert result[2020] == assumptions[2020]
    for year in (2025, 2030):
        for rates in (result[year].migration_male, result[year].migration_female):
            zero = {k for k, m in enumerate(rates) if m == 0.0}
            assert zero == {3, 16, 17}  # 15-19→20-24, 80-84→85+ and 85+→85+
            assert all(m == 0.05 for k, m in enumerate(rates) if k not in zero)
        assert result[year].survival_male == assumptions[year].survival_male
    everything = with_zero_migration(assumptions, from_year=2020)
    assert all(m == 0.0 for p in everything.values() for m in p.migration_male + p.migration_female)


def test_with_zero_migration_after_the_last_period_keeps_the_held_rates_until_then() -> None:
    groups = AGE_GROUPS_85
    a = uniform(groups, migration=0.05)
    result = with_zero_migration({2020: a}, from_year=2035)
    assert sorted(result) == [2020, 2025, 2030, 2035]
    assert result[2030] == a
    assert result[2035].migration_female == (0.0,) * 18
    base = random_population(random.Random(3), groups)
    held = project(2020, base, {2020: a}, until=2035)
    zeroed = project(2020, base, result, until=2060)
    assert zeroed[2035] == held[2035]
    still = replace(a, migration_male=(0.0,) * 18, migration_female=(0.0,) * 18)
    expected = step(held[2035], still)
    assert zeroed[2040] == expected


def test_with_zero_migration_errors() -> None:
    assumptions = {2020: uniform(AGE_GROUPS_85)}
    with pytest.raises(ValueError, match="0-4歳は子ども女性比で推計する"):
        with_zero_migration(assumptions, 2020, ages=("0-4",))
    with pytest.raises(ValueError, match=r"年齢階級「90\+」は仮定値の年齢階級"):
        with_zero_migration(assumptions, 2020, ages=("90+",))
    with pytest.raises(ValueError, match="開始年 2023 年"):
        with_zero_migration(assumptions, 2023)


def test_scenarios_end_to_end() -> None:
    """パターン1, シミュレーション1 and 2 from one implied base, four projections to 2060."""
    rng = random.Random(5)
    tables = project(2010, random_population(rng), {2010: random_assumptions(rng)}, until=2020)
    baseline = implied_assumptions(tables)  # {2010, 2015}
    extended = extend_assumptions(baseline, 2060)
    years = range(2015, 2065, 5)
    base_tfr = tfr_path({2015: 1.3}, years)
    rising = tfr_path({2020: 1.6, 2030: 1.8, 2040: 2.07}, years)
    sim1 = with_fertility(extended, base_tfr, rising)
    sim2 = with_zero_migration(sim1, 2020)
    runs = {
        name: project(2020, tables[2020], a, until=2060)
        for name, a in {"p1": baseline, "p1x": extended, "sim1": sim1, "sim2": sim2}.items()
    }
    assert all(sorted(run) == list(range(2020, 2065, 5)) for run in runs.values())
    for year in runs["p1"]:
        assert runs["p1x"][year] == runs["p1"][year]
    # More births than the baseline from 2025 on; the elderly are the same people until 2060.
    for year in range(2025, 2065, 5):
        assert runs["sim1"][year].count(0, 4) > runs["p1"][year].count(0, 4)
        assert runs["sim1"][year].count(65) == runs["p1"][year].count(65)


# --- decline stages ------------------------------------------------------------------------------


def _with_old(old: float) -> Population:
    """A table whose 65+ population is `old` (spread over the five oldest groups)."""
    groups = AGE_GROUPS_85
    male = [100.0] * 13 + [old / 10] * 5
    return Population(groups, male, male)


def test_decline_stages() -> None:
    base = _with_old(1000)
    assert decline_stage(base, _with_old(1200)) == 1
    assert decline_stage(base, _with_old(1050)) == 2
    assert decline_stage(base, _with_old(1000)) == 2
    assert decline_stage(base, _with_old(920)) == 2
    assert decline_stage(base, _with_old(850)) == 3
    # The band is a parameter.
    assert decline_stage(base, _with_old(1050), band=0.02) == 1
    assert decline_stage(base, _with_old(960), band=0.02) == 3
    assert decline_stage(base, _with_old(850), band=0.2) == 2
    with pytest.raises(ValueError, match="65歳以上人口が0人"):
        decline_stage(_with_old(0), base)
    with pytest.raises(ValueError, match="band が 1"):
        decline_stage(base, base, band=1)


def test_decline_stage_bounds_belong_to_the_second_stage() -> None:
    """「基準の±10%以内」 includes both bounds: exactly 90 % and 110 % of the base are 第2段階."""
    base = _with_old(1000)
    assert base.count(65) * (1 - 0.10) == 900 and base.count(65) * (1 + 0.10) == 1100
    assert decline_stage(base, _with_old(900)) == 2
    assert decline_stage(base, _with_old(1100)) == 2
