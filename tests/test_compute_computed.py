from pathlib import Path

from generator.compute.computed import compute, order_kpis, review_years
from generator.pipeline import load_project

REPO = Path(__file__).resolve().parent / "fixtures" / "project"  # frozen sample data


def test_review_years_are_the_plan_years_with_actuals():
    project, _ = load_project(REPO)
    years = review_years(project.strategy, project.kpis)
    assert years == [2021, 2022, 2023, 2024]


def test_kpis_are_grouped_by_goal_with_numerical_targets_first():
    project, _ = load_project(REPO)
    ordered = order_kpis(project.strategy, project.kpis)
    assert list(ordered) == [g.id for g in project.strategy.goals]
    assert [k.kind for k in ordered["goal-1"]][0] == "数値目標"
    assert sum(len(v) for v in ordered.values()) == len(project.kpis)


def test_reviews_use_only_actuals_known_by_that_year():
    project, _ = load_project(REPO)
    computed = compute(project.strategy, project.kpis)
    assert computed.reviews[2022]["kpi-x2-online"].value == 55
    assert computed.latest["kpi-x2-online"].value == 104


def test_a_finalised_year_of_the_plan_keeps_its_review_without_actuals_that_far():
    project, _ = load_project(REPO)
    computed = compute(project.strategy, project.kpis, frozen_years=[2025, 2019])
    assert list(computed.reviews) == [2021, 2022, 2023, 2024, 2025]  # 2019 is before the plan: no page of it
    assert computed.reviews[2025]["kpi-x2-online"].value == 104
