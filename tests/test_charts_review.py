from pathlib import Path

from generator.charts.review import distribution, grade_order, review_chart
from generator.compute.computed import compute
from generator.pipeline import load_project

REPO = Path(__file__).resolve().parent / "fixtures" / "project"  # frozen sample data


def test_distribution_counts_every_kpi_once_and_table_matches():
    project, _ = load_project(REPO)
    computed = compute(project.strategy, project.kpis)
    progress = computed.reviews[2024]
    counts = distribution(project.strategy, computed.kpis_by_goal, progress)
    assert sum(sum(c.values()) for c in counts) == len(project.kpis)
    chart = review_chart(2024, project.strategy, computed.kpis_by_goal, progress, project.plan_periods.updated)
    assert [row[-1] for row in chart.table.rows] == [sum(c.values()) for c in counts]
    # Stacked bars: each grade's bars start where the previous grade's ended.
    traces = chart.figure["data"]
    for before, after in zip(traces, traces[1:]):
        assert after["base"] == [b + x for b, x in zip(before["base"], before["x"])]
    assert grade_order(project.strategy)[-1] == project.strategy.evaluation.not_measurable


def test_strategy_level_indicators_are_counted_in_their_own_row():
    project, _ = load_project(Path(__file__).resolve().parent / "fixtures" / "city2")
    computed = compute(project.strategy, project.kpis)
    progress = computed.reviews[2024]
    chart = review_chart(2024, project.strategy, computed.kpis_by_goal, progress, project.plan_periods.updated, computed.overall)
    assert chart.table.rows[0][0] == "戦略全体" and chart.table.rows[0][-1] == len(computed.overall) == 1
    assert sum(row[-1] for row in chart.table.rows) == len(project.kpis)


def test_a_finalised_year_counts_the_grades_the_council_was_shown():
    from generator.charts.review import frozen_review_chart

    project, _ = load_project(REPO)
    record = project.review_snapshots[2023]
    grades = [record.rows[0].grade, "Z"] + [row.grade for row in record.rows[2:]]  # a grade no longer on the scale
    record = record.model_copy(update={"rows": [row.model_copy(update={"grade": g}) for row, g in zip(record.rows, grades)]})
    chart = frozen_review_chart(record, project.strategy)
    assert chart.table.columns[-2].header == "評価 Z（件）" and chart.updated == record.date
    assert sum(row[-1] for row in chart.table.rows) == len(record.rows)
    assert chart.table.rows[0][0] == record.rows[0].group_title and chart.table.rows[0][-2] == 1
    assert "審議会に示した" in chart.summary


def test_each_goals_count_of_grades_is_computed_and_says_from_what():
    from generator.compute.provenance import is_sample

    for fixture in ("project", "city2"):
        project, _ = load_project(Path(__file__).resolve().parent / "fixtures" / fixture)
        computed = compute(project.strategy, project.kpis)
        chart = review_chart(2024, project.strategy, computed.kpis_by_goal, computed.reviews[2024], project.plan_periods.updated,
                             computed.overall)
        assert len(chart.table.status) == len(chart.table.rows) and all(s.startswith("算出") for s in chart.table.status)
        # A count that takes in a sample evaluation says so, row by row (the badge says it for the whole chart).
        assert any(is_sample(s) for s in chart.table.status) == chart.sample
