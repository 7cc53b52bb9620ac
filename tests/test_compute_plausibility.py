"""Absurd projections become located warnings: a scenario's total (vision.yml) and a cohort's growth (the assumptions row)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tiny_vision import assumption_rows, base_rows, vision

from generator.compute.plausibility import MAX_COHORT_GROWTH, implausible_projections
from generator.compute.scenarios import run_scenarios
from generator.pipeline import load_project
from generator.problems import Severity

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "project"
SCENARIOS = [{"id": "baseline"}, {"id": "still", "zero_migration_from": 2020}]  # 移動均衡 from the start


def findings(rows, base, cwr=0.0, code="W-PROJECTION-COHORT"):
    """The warnings of one kind; no births unless a CWR is given, so that only the cohorts of the table count."""
    plan = vision(SCENARIOS, cwr=cwr)
    return [f for f in implausible_projections(plan, run_scenarios(plan, base, rows), rows) if f.code == code]


def test_the_fixtures_projections_are_plausible():
    """The thresholds are conservative: the sample data (migration up to +0.12 a period) is far from them."""
    project, report = load_project(FIXTURE)
    assert project is not None, report.format()
    results = run_scenarios(project.vision, project.base_population, project.assumptions)
    assert list(implausible_projections(project.vision, results, project.assumptions)) == []


def test_a_cohort_multiplied_by_one_rows_migration_typo_is_a_warning_on_that_row():
    # Men 20-24 → 25-29: survival 1 + net migration 5 (0.05 written as 5) multiplies the cohort by 6 in one period.
    rows = assumption_rows(male_age_20_24=(1.0, 5.0))
    [finding] = findings(rows, base_rows(male={"15-19": 100, "20-24": 100}, female={"20-24": 100}))
    assert (finding.data, finding.path, finding.severity, finding.code) == (
        "assumptions", ("rows", 4, "migration_male"), Severity.WARNING, "W-PROJECTION-COHORT")
    # The first of the worst: the men 20-24 of 2020 are 25-29 in 2025, 600 of them (the 15-19 of 2020 are as many in 2030);
    # the 移動均衡 scenario has no such growth.
    assert finding.message.startswith("シナリオ「baseline」の2025年の男性25-29歳 600 人は、同じ世代の2020年の20-24歳 100 人の6倍です")
    assert "2020年からの5年間の20-24歳の行（生残率＋純移動率 = 6）" in finding.message
    assert "0.05 を 5" in finding.hint


def test_a_cohort_born_after_the_base_year_is_measured_from_its_birth():
    # Nobody aged 0-19 in 2020: only children born later pass through 0-4 → 5-9 (× 6 for girls).
    rows = assumption_rows(female_age_0_4=(1.0, 5.0))
    [finding] = findings(rows, base_rows(female={"25-29": 1000}), cwr=0.2)
    assert finding.path == ("rows", 0, "migration_female")
    assert "女性5-9歳" in finding.message and "同じ世代の生まれた2025年の0-4歳" in finding.message and "の6倍です" in finding.message


def test_the_open_group_is_measured_against_everyone_who_can_reach_it():
    # 50+ keeps its people and gains 4.5 times as many each period: 3,000 people aged 40+ in 2020 become far more.
    rows = assumption_rows(age_50=(1.0, 4.5))
    [finding] = findings(rows, base_rows(male={"40-44": 1000, "45-49": 1000, "50+": 1000}))
    assert finding.path == ("rows", 10, "migration_male")
    assert "男性50歳以上" in finding.message and "歳以上 " in finding.message and "50歳以上の行" in finding.message


@pytest.mark.parametrize(("migration", "warned"), [(MAX_COHORT_GROWTH - 1, False), (MAX_COHORT_GROWTH - 1 + 0.01, True)])
def test_a_cohort_is_warned_about_only_beyond_the_threshold(migration, warned):
    """Growth of exactly ×5 along the cohort is the largest allowed (survival 1, every other ratio 1)."""
    rows = assumption_rows(female_age_30_34=(1.0, migration))
    assert bool(findings(rows, base_rows(female={"30-34": 1000}))) is warned


def test_a_cohort_that_only_shrinks_is_not_warned_about():
    rows = assumption_rows(age_20_24=(0.9, -0.5), age_50=(0.5, 0.0))
    assert findings(rows, base_rows(male={"20-24": 1000}, female={"20-24": 1000})) == []


def test_an_absurd_total_is_a_warning_on_each_scenario_that_shows_it():
    # Net migration +1 at every age: each cohort doubles every period (×2⁸ by 2060), the 移動均衡 scenario stays put.
    rates = {f"age_{g}": (1.0, 1.0) for g in ("0_4", "5_9", "10_14", "15_19", "20_24", "25_29", "30_34", "35_39", "40_44",
                                             "45_49", "50")}
    rows, base = assumption_rows(**rates), base_rows(male={"50+": 1000}, female={"50+": 1000})
    totals = findings(rows, base, code="W-PROJECTION-IMPLAUSIBLE")
    assert [(f.data, f.path) for f in totals] == [("vision", ("scenarios", 0))]
    assert "基準年 2,000 人の256倍です（0.2〜3倍の外）" in totals[0].message
    # The open group is the only cohort: one warning, on its row.
    assert [f.path for f in findings(rows, base)] == [("rows", 10, "migration_male")]
