import dataclasses
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


def test_decline_stages_carry_their_projections_status_and_use_the_datas_band():
    from generator.compute.computed import compute_project
    from generator.compute.projection import DECLINE_BAND
    from generator.model.population import DeclineBand

    project, _ = load_project(REPO)
    computed = compute_project(project)
    assert computed.decline_band == DECLINE_BAND  # no band in the data: the site's own default
    assert [(name, status) for name, status, _ in computed.decline_stages] == [
        (s.name, "算出（見本を含む）") for s in project.vision.scenarios]
    # A band with its source in vision.yml decides the stages: ±95 % makes every step 第2段階 here (65+ grows < 95 %).
    band = DeclineBand(percent=95, source={"title": "市の人口ビジョン"})
    wide = compute_project(dataclasses.replace(project, vision=project.vision.model_copy(update={"decline_band": band})))
    assert wide.decline_band == 0.95
    assert {stage for _, _, steps in wide.decline_stages for _, stage, _ in steps} == {2}
    assert {stage for _, _, steps in computed.decline_stages for _, stage, _ in steps} == {1}
