from pathlib import Path

import pytest
from tiny_vision import assumption_rows, base_rows, vision

from generator.compute.scenarios import (
    base_assumptions,
    base_table,
    run_scenarios,
    scenario_assumptions,
)
from generator.pipeline import load_project

REPO = Path(__file__).resolve().parent / "fixtures" / "project"  # frozen sample data


@pytest.fixture(scope="module")
def project():
    loaded, report = load_project(REPO)
    assert loaded is not None, report.format()
    return loaded


def test_every_scenario_projects_from_the_base_year_to_the_horizon(project):
    results = run_scenarios(project.vision, project.base_population, project.assumptions)
    assert list(results) == [s.id for s in project.vision.scenarios]
    for result in results.values():
        assert list(result.populations) == list(range(2020, 2061, 5))
        assert result.populations[2020].total == pytest.approx(sum(r.male + r.female for r in project.base_population))


def test_fertility_scenario_has_more_children_than_baseline(project):
    results = run_scenarios(project.vision, project.base_population, project.assumptions)
    base, up = results["baseline"].populations[2060], results["fertility-up"].populations[2060]
    assert up.count(0, 14) > base.count(0, 14)
    assert results["fertility-up"].tfr[2030] == pytest.approx(1.8) and results["fertility-up"].tfr[2040] == pytest.approx(2.07)
    assert results["fertility-up"].tfr[2025] == pytest.approx((1.4 + 1.8) / 2)  # interpolated from the base year


def test_migration_balance_applies_on_top_of_its_parent(project):
    vision = project.vision
    base = base_assumptions(vision, project.assumptions, base_table(project.base_population).groups)
    scenario = next(s for s in vision.scenarios if s.id == "fertility-up-no-migration")
    rules, path = scenario_assumptions(vision, scenario, base)
    assert all(m == 0 for m in rules[2025].migration_male) and any(m != 0 for m in rules[2020].migration_male)
    assert path[2040] == pytest.approx(2.07)  # inherited fertility path


def test_a_later_fertility_entry_changes_cwr_and_the_scaling_base(project):
    vision = project.vision
    later = vision.fertility[0].model_copy(update={"period": 2030, "child_woman_ratio": 0.15, "base_tfr": 1.2})
    changed = vision.model_copy(update={"fertility": [vision.fertility[0], later]})
    base = base_assumptions(changed, project.assumptions, base_table(project.base_population).groups)
    baseline = next(s for s in changed.scenarios if s.id == "baseline")
    rules, _ = scenario_assumptions(changed, baseline, base)
    assert rules[2025].child_woman_ratio == pytest.approx(0.2) and rules[2030].child_woman_ratio == pytest.approx(0.15)
    assert rules[2055].child_woman_ratio == pytest.approx(0.15)  # held
    up = next(s for s in changed.scenarios if s.id == "fertility-up")
    rules_up, path = scenario_assumptions(changed, up, base)
    # CWR_scn = CWR_base × TFR_scn / TFR_base, with the base TFR of the period's end year.
    assert rules_up[2035].child_woman_ratio == pytest.approx(0.15 * path[2040] / 1.2)
    assert rules_up[2020].child_woman_ratio == pytest.approx(0.2 * path[2025] / 1.4)


def rules_of(project, vision, scenario_id):
    base = base_assumptions(vision, project.assumptions, base_table(project.base_population).groups)
    scenario = next(s for s in vision.scenarios if s.id == scenario_id)
    return scenario_assumptions(vision, scenario, base)


def test_a_zero_migration_child_keeps_its_parents_fertility(project):
    """fertility-up-no-migration = fertility-up's births with no moves from 2025: both halves inherited."""
    vision = project.vision
    parent, parent_path = rules_of(project, vision, "fertility-up")
    child, child_path = rules_of(project, vision, "fertility-up-no-migration")
    assert child_path == parent_path
    assert {s: p.child_woman_ratio for s, p in child.items()} == {s: p.child_woman_ratio for s, p in parent.items()}
    assert child[2020].migration_male == parent[2020].migration_male  # before zero_migration_from
    assert all(rate == 0 for start, p in child.items() if start >= 2025 for rate in p.migration_male + p.migration_female)


def test_each_period_scales_its_own_entrys_cwr_by_its_own_entrys_base_tfr(project):
    """Hand calculation from the method (CWR_scn = CWR_base × TFR_scn ÷ TFR_base, the TFRs of the period's
    end year, the base pair from the fertility entry in force for the period), with two entries."""
    from generator.model.population import PopulationVision

    data = project.vision.model_dump(mode="json")
    data["fertility"] = [
        {"period": 2020, "child_woman_ratio": 0.2, "sex_ratio_0_4": 105, "base_tfr": 1.4},
        {"period": 2030, "child_woman_ratio": 0.25, "sex_ratio_0_4": 105, "base_tfr": 1.6},
    ]
    data["scenarios"] = [{"id": "baseline", "name": "b", "description": "d"},
                         {"id": "up", "name": "u", "description": "d", "tfr_anchors": {"2040": 2.0}}]
    data["target_scenario"] = "up"
    vision = PopulationVision.model_validate(data)
    rules, path = rules_of(project, vision, "up")
    # The TFR rises in a straight line from 1.4 (2020) to 2.0 (2040), then holds.
    assert [round(path[y], 10) for y in (2025, 2030, 2035, 2040, 2045)] == [1.55, 1.7, 1.85, 2.0, 2.0]
    by_hand = {2020: 0.2 * 1.55 / 1.4, 2025: 0.2 * 1.7 / 1.4, 2030: 0.25 * 1.85 / 1.6, 2035: 0.25 * 2.0 / 1.6,
               2040: 0.25 * 2.0 / 1.6, 2055: 0.25 * 2.0 / 1.6}
    assert {start: pytest.approx(rules[start].child_woman_ratio, rel=1e-12) for start in by_hand} == by_hand


# --- Hand calculations (written from the method description, /work/shared/reference/population-method.md, not from the
# code): ages 5+ P(x+5, t+5) = P(x, t)·(s + m); the open group P(open, t+5) = P(last−1, t)·r(last−1) + P(open, t)·r(open);
# 0-4 at t+5 = CWR × women 15-49 at t+5, split by the sex ratio; a scenario's CWR = CWR_base × TFR_scn ÷ TFR_base, with the
# TFRs of the period's end year; 移動均衡 sets m = 0 from its start year; the last period is held to the horizon.


def test_one_step_of_the_fixture_by_hand(project):
    """パターン1, 2020 → 2025, with the fixture's numbers written out (base_population.csv, assumptions.csv, vision.yml)."""
    after = run_scenarios(project.vision, project.base_population, project.assumptions)["baseline"].populations[2025]
    groups = after.groups
    # Women 20-24 in 2020 (4,146) × (survival 0.9994 + net migration 0.08) are the women 25-29 of 2025.
    assert after.female[groups.index("25-29")] == pytest.approx(4146 * (0.9994 + 0.08)) == pytest.approx(4475.1924)
    # The open group collects two cohorts: women 80-84 (2,261) × (0.89 + 0) and women 85+ (2,512) × (0.66 + 0).
    assert after.female[groups.index("85+")] == pytest.approx(2261 * 0.89 + 2512 * 0.66) == pytest.approx(3670.21)
    assert after.male[groups.index("85+")] == pytest.approx(1759 * 0.8 + 1256 * 0.55) == pytest.approx(2098.0)
    # Women 15-49 in 2025: those aged 10-14 … 40-44 in 2020, each times its own s + m.
    women = (3643 * (0.9996 + 0.02) + 3518 * (0.9995 + 0.12) + 4146 * (0.9994 + 0.08) + 4774 * (0.9992 - 0.01)
             + 5025 * (0.9989 - 0.03) + 5151 * (0.9984 - 0.02) + 5402 * (0.9976 - 0.01))
    assert women == pytest.approx(32093.9131)
    # Children 0-4 = child-woman ratio 0.2 × women; 105 boys per 100 girls.
    assert after.male[0] == pytest.approx(0.2 * 32093.9131 * 105 / 205) == pytest.approx(3287.66915)
    assert after.female[0] == pytest.approx(0.2 * 32093.9131 * 100 / 205) == pytest.approx(3131.11347)


HAND = dict(
    # 45-49 → 50+: survival 0.8, net migration +0.1; the open group 50+ keeps half (0.5 + 0); all other ratios 1 + 0.
    assumptions=assumption_rows(age_45_49=(0.8, 0.1), age_50=(0.5, 0.0)),
    # 1,000 women aged 20-24 and 400 men aged 50+; nobody else.
    base=base_rows(male={"50+": 400}, female={"20-24": 1000}),
    # CWR 0.2 at the base TFR 1.0; 100 boys per 100 girls, so girls are half of the births.
    vision=vision([{"id": "baseline"},
                   {"id": "up", "tfr_anchors": {"2030": 1.5}},
                   {"id": "up-still", "based_on": "up", "zero_migration_from": 2045}]),
)


def test_three_scenarios_to_2060_by_hand():
    """Every cohort born after 2020 is still under 50 in 2060 (ratio 1), so each year's births stay whole: the total of
    2060 is the births of 2025 … 2060, plus the first women (in 50+ from 2050) and the men of 50+ (halved each period)."""
    results = run_scenarios(HAND["vision"], HAND["base"], HAND["assumptions"])
    men = 400 * 0.5 ** 8  # 1.5625
    # パターン1 (baseline), CWR 0.2: births = 0.2 × women 15-49 (W), girls = births ÷ 2, a girl is 15-19 fifteen years on.
    #   W2025 = W2030 = W2035 = 1000 (the first women)             births 200, 200, 200 (girls 100 each)
    #   W2040 = 1000 + 100 (girls of 2025)                         births 220 (girls 110)
    #   W2045 = 1000 + 100 + 100                                   births 240 (girls 120)
    #   W2050 = 100 + 100 + 100 (the first women are 50+ now)      births  60
    #   W2055 = 300 + 110 = 410                                    births  82
    #   W2060 = 410 + 120 = 530                                    births 106
    # The first women: 1000 × (0.8 + 0.1) = 900 in 2050, × 0.5 = 450 in 2055, × 0.5 = 225 in 2060.
    baseline = results["baseline"].populations
    assert 200 + 200 + 200 + 220 + 240 + 60 + 82 + 106 == 1308
    assert baseline[2060].total == pytest.approx(1308 + 225 + men) == pytest.approx(1534.5625)
    assert baseline[2060].male[0] == pytest.approx(106 / 2) and baseline[2060].female[-1] == pytest.approx(225)
    # シミュレーション1 (up): TFR 1.0 in 2020 rising in a line to 1.5 in 2030, then held; the TFR at the end of each period
    # scales the CWR: 0.2 × 1.25 = 0.25 for births by 2025, 0.2 × 1.5 = 0.3 after.
    #   W2025..2035 = 1000                                         births 250, 300, 300 (girls 125, 150, 150)
    #   W2040 = 1000 + 125 = 1125                                  births 337.5 (girls 168.75)
    #   W2045 = 1000 + 125 + 150 = 1275                            births 382.5 (girls 191.25)
    #   W2050 = 125 + 150 + 150 = 425                              births 127.5
    #   W2055 = 425 + 168.75 = 593.75                              births 178.125
    #   W2060 = 593.75 + 191.25 = 785                              births 235.5
    up = results["up"].populations
    births = 250 + 300 + 300 + 337.5 + 382.5 + 127.5 + 178.125 + 235.5
    assert births == 2111.125
    assert up[2060].total == pytest.approx(births + 225 + men) == pytest.approx(2337.6875)
    assert up[2060].male[0] + up[2060].female[0] == pytest.approx(235.5)
    # シミュレーション2 (up-still = up + 移動均衡 from 2045): the same births (the parent's fertility), but the first women
    # enter 50+ in 2050 without the +0.1 moving in: 1000 × 0.8 = 800, then 400, then 200.
    still = results["up-still"].populations
    assert still[2045].total == pytest.approx(up[2045].total)
    assert still[2050].female[-1] == pytest.approx(800) and up[2050].female[-1] == pytest.approx(900)
    assert still[2060].total == pytest.approx(births + 200 + men) == pytest.approx(2312.6875)
    assert still[2060].female[-1] == pytest.approx(200) and still[2060].male[-1] == pytest.approx(men)


# --- How far a projection can be trusted (compute/provenance.py) ---------------------------------------------------


def _real(rows):
    return [row.model_copy(update={"status": "確定"}) for row in rows]


def _vision_without_samples(vision):
    fertility = [entry.model_copy(update={"sample": False}) for entry in vision.fertility]
    scenarios = [s.model_copy(update={"sample": False, "source": None}) for s in vision.scenarios]
    return vision.model_copy(update={"fertility": fertility, "scenarios": scenarios})


def test_a_projection_from_sample_inputs_says_so(project):
    """The fixture's base table and assumptions are samples: every scenario's projection is computed from them."""
    results = run_scenarios(project.vision, project.base_population, project.assumptions)
    assert {r.status for r in results.values()} == {"算出（見本を含む）"}
    assert all(r.sample for r in results.values())


def test_a_projection_takes_the_weakest_status_of_its_inputs_its_scenario_and_its_parents(project):
    vision = _vision_without_samples(project.vision)
    base, assumptions = _real(project.base_population), _real(project.assumptions)
    results = run_scenarios(vision, base, assumptions)
    assert {r.status for r in results.values()} == {"算出（確定値から）"} and not any(r.sample for r in results.values())
    # One unchecked row of the assumptions: every projection includes an unchecked value.
    unchecked = [assumptions[0].model_copy(update={"status": "未確認"}), *assumptions[1:]]
    assert {r.status for r in run_scenarios(vision, base, unchecked).values()} == {"算出（未確認の値を含む）"}
    # A sample scenario marks itself and the scenarios built on it (based_on), not the others.
    scenarios = [s.model_copy(update={"sample": s.id == "fertility-up"}) for s in vision.scenarios]
    marked = run_scenarios(vision.model_copy(update={"scenarios": scenarios}), base, assumptions)
    assert {i for i, r in marked.items() if r.sample} == {"fertility-up", "fertility-up-no-migration"}
    # A scenario whose source needs a check: its projection includes an unchecked value.
    checked = project.vision.scenarios[1].source.model_copy(update={"needs_check": True})
    scenarios = [s.model_copy(update={"source": checked}) if s.id == "fertility-up" else s for s in vision.scenarios]
    result = run_scenarios(vision.model_copy(update={"scenarios": scenarios}), base, assumptions)["fertility-up"]
    assert result.status == "算出（未確認の値を含む）" and not result.sample
