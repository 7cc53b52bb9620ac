from datetime import date
from pathlib import Path

import pytest

from generator.charts import population as charts
from generator.charts.svg import render_svg
from generator.compute.scenarios import run_scenarios
from generator.pipeline import load_project

REPO = Path(__file__).resolve().parent / "fixtures" / "project"  # frozen sample data
UPDATED = date(2026, 11, 28)


@pytest.fixture(scope="module")
def data():
    project, _ = load_project(REPO)
    return project, run_scenarios(project.vision, project.base_population, project.assumptions)


def test_history_marks_where_projection_starts_and_keeps_census_status(data):
    project, results = data
    chart = charts.history_chart(project.census, results["baseline"], UPDATED, True)
    shape = chart.figure["layout"]["shapes"][0]
    assert shape["x0"] == shape["x1"] == 2020
    assert [r[1] for r in chart.table.rows].count("実績（国勢調査）") == len(project.census)
    assert all(s.needs_check for s in chart.sources)  # third-party transcriptions
    assert chart.notes and "e-Stat" in chart.notes[0]


def test_pyramid_men_left_women_right_and_table_positive(data):
    project, results = data
    population = results["baseline"].populations[2060]
    chart = charts.pyramid_chart(population, 2060, "パターン1", UPDATED, True, "p")
    men, women = chart.figure["data"]
    assert all(v <= 0 for v in men["x"]) and all(v >= 0 for v in women["x"])
    assert all(row[1] >= 0 and row[2] >= 0 for row in chart.table.rows)
    assert sum(r[1] + r[2] for r in chart.table.rows) == pytest.approx(population.total, abs=len(population.groups))
    render_svg(chart.figure, title=chart.title, description=chart.summary, chart_id="p")  # negative bars draw


def test_target_gap_is_in_summary_table_and_annotation(data):
    _, results = data
    chart = charts.target_chart(results["baseline"], results["target"], UPDATED, True)
    gap = round(results["target"].populations[2060].total - results["baseline"].populations[2060].total)
    assert chart.table.rows[-1][-1] == gap
    assert f"{abs(gap):,}" in chart.figure["layout"]["annotations"][0]["text"]


def test_tfr_chart_has_one_series_per_area(data):
    project, _ = data
    chart = charts.tfr_chart(project.tfr, UPDATED, project.site.city)
    assert [t["name"] for t in chart.figure["data"]] == ["朝霞市", "埼玉県", "全国"]
    assert chart.sample  # 全国 values are samples


def test_tfr_chart_puts_the_city_first_whatever_its_name(data):
    project, _ = data
    rows = [row.model_copy(update={"area": "架空市"}) if row.area == project.site.city else row for row in project.tfr]
    chart = charts.tfr_chart(list(reversed(rows)), UPDATED, "架空市")
    assert [t["name"] for t in chart.figure["data"]][0] == "架空市"
    assert chart.title.startswith("合計特殊出生率（架空市・") and "架空市" in chart.summary


def test_every_series_is_downloadable(data):
    project, results = data
    chart = charts.scenario_chart(results, UPDATED, True)
    assert len(chart.table.columns) == 1 + len(results)
    assert chart.table.to_csv().startswith(b"\xef\xbb\xbf")


def test_flow_charts_balance_is_in_minus_out(data):
    project, _ = data
    births = charts.vital_chart(project.vital, UPDATED)
    moves = charts.migration_chart(project.vital, UPDATED)
    for row, vital in zip(births.table.rows, sorted(project.vital, key=lambda r: r.year)):
        assert row == (vital.year, vital.births, vital.deaths, vital.births - vital.deaths)
    assert [c.label for c in moves.table.columns] == ["年", "転入数", "転出数", "社会増減"]


def test_sample_projection_says_so_in_words(data):
    _, results = data
    chart = charts.scenario_chart(results, UPDATED, True)
    assert chart.shown_summary.startswith("（サンプル値を含む）")
    assert not charts.scenario_chart(results, UPDATED, False).shown_summary.startswith("（サンプル")
