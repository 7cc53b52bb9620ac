"""Rules of the population tables: rates that would make a cohort negative, and years off the base year's 5-year grid."""

from __future__ import annotations

import pytest
from tiny_vision import assumption_rows, base_rows, vision

from generator.check.rules.population import (
    assumption_tables,
    cohort_change_ratios,
    scenario_years_and_ages,
    vision_years,
)
from generator.problems import Severity


def test_survival_plus_migration_below_zero_is_an_error_on_the_row_and_sex():
    rows = assumption_rows(male_age_30_34=(0.998, -1.0), female_age_30_34=(0.9989, -0.03))
    [finding] = cohort_change_ratios(rows)
    assert (finding.data, finding.path, finding.severity, finding.code) == (
        "assumptions", ("rows", 6, "migration_male"), Severity.ERROR, "E-POP-NEGATIVE-COHORT")
    assert finding.message == ("2020年からの5年間、男性の30-34歳の生残率 0.998 と純移動率 -1 の和が -0.002 です。"
                               "この世代の5年後の人口が負になります。")
    assert "符号と桁" in finding.hint


def test_a_cohort_that_all_leaves_is_allowed():
    """s + m = 0 (everyone dies or moves away) is extreme but not negative."""
    assert list(cohort_change_ratios(assumption_rows(age_20_24=(0.5, -0.5)))) == []


@pytest.mark.parametrize("period", [2023, 2015])
def test_assumption_periods_off_the_grid_or_before_the_base_year_are_errors(period):
    rows = assumption_rows() + assumption_rows(period=period)
    found = [f for f in assumption_tables(vision([{"id": "a"}]), base_rows(), rows) if f.code == "E-POP-PERIOD"]
    assert [f.path for f in found] == [("rows", 11, "period")]
    assert str(period) in found[0].message


def test_fertility_entries_before_the_base_year_or_without_the_base_year_are_errors():
    plan = vision([{"id": "a"}])
    entry = plan.fertility[0]
    earlier = plan.model_copy(update={"fertility": [entry, entry.model_copy(update={"period": 2015})]})
    assert [(f.path, f.code) for f in vision_years(earlier)] == [(("fertility", 1, "period"), "E-POP-PERIOD")]
    later = plan.model_copy(update={"fertility": [entry.model_copy(update={"period": 2025})]})
    [finding] = vision_years(later)
    assert finding.code == "E-POP-PERIOD" and "基準年 2020 年から始まる期間の子ども女性比がありません" in finding.message
    off_grid = plan.model_copy(update={"fertility": [entry, entry.model_copy(update={"period": 2023})]})
    assert [f.path for f in vision_years(off_grid)] == [("fertility", 1, "period")]


@pytest.mark.parametrize(("scenario", "field"), [
    ({"id": "a", "tfr_anchors": {"2023": 1.8}}, ("tfr_anchors", "2023")),
    ({"id": "a", "tfr_anchors": {"2020": 1.8}}, ("tfr_anchors", "2020")),
    ({"id": "a", "tfr_anchors": {"2065": 1.8}}, ("tfr_anchors", "2065")),
    ({"id": "a", "zero_migration_from": 2027}, ("zero_migration_from",)),
    ({"id": "a", "zero_migration_from": 2015}, ("zero_migration_from",)),
])
def test_scenario_years_off_the_grid_are_errors(scenario, field):
    [finding] = scenario_years_and_ages(vision([scenario]), base_rows())
    assert (finding.path, finding.code) == (("scenarios", 0, *field), "E-VISION-SCENARIO-YEAR")


def test_scenario_years_on_the_grid_pass():
    plan = vision([{"id": "a", "tfr_anchors": {"2025": 1.5, "2060": 2.0}, "zero_migration_from": 2020}])
    assert list(scenario_years_and_ages(plan, base_rows())) == []
