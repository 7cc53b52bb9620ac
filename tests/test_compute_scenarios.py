from pathlib import Path

import pytest

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
