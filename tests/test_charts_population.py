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
    # The 総人口 shown is the sum of the cells shown (whole people), not the rounded exact total.
    assert f"総人口{sum(r[1] + r[2] for r in chart.table.rows):,}人" in chart.summary
    render_svg(chart.figure, title=chart.title, description=chart.summary, chart_id="p")  # negative bars draw


def test_target_gap_is_in_summary_table_and_annotation(data):
    _, results = data
    chart = charts.target_chart(results["baseline"], results["target"], UPDATED, True)
    def shown_total(result):  # the sum of the cells shown (each age group and sex rounded to a person)
        population = result.populations[2060]
        return sum(round(v) for v in population.male + population.female)

    gap = shown_total(results["target"]) - shown_total(results["baseline"])
    assert chart.table.rows[-1][-1] == gap
    assert f"{abs(gap):,}" in chart.figure["layout"]["annotations"][0]["text"]
    assert f"{abs(gap):,}人多く" in chart.summary


def test_every_gap_shown_is_the_difference_of_the_numbers_shown(data):
    """Rounded to a person, the gap is taken from the numbers shown (the fixture's 2025 and 2035 differed by one
    once: 145,349 − 144,890 was shown as 458, the unrounded difference). Each total shown is the sum of its cells
    shown (Population.shown), so 2025 is 145,348 − 144,889 = 459 and 2035 is 151,683 − 149,016 = 2,667."""
    _, results = data
    chart = charts.target_chart(results["baseline"], results["target"], UPDATED, True)
    shown = chart.table.display_rows()
    for year, target, baseline, gap, *_ in shown:
        assert int(gap.replace(",", "").replace("−", "-")) == int(target.replace(",", "")) - int(baseline.replace(",", "")), year
    assert ["令和7(2025)年", "145,348", "144,889", "459"] in [row[:4] for row in shown]
    assert ["令和17(2035)年", "151,683", "149,016", "2,667"] in [row[:4] for row in shown]
    target_line, baseline_line = chart.figure["data"]
    assert [row[1] for row in chart.table.rows] == target_line["y"] and [row[2] for row in chart.table.rows] == baseline_line["y"]


def test_tfr_chart_has_one_series_per_area(data):
    project, _ = data
    chart = charts.tfr_chart(project.tfr, UPDATED, project.site.city)
    assert [t["name"] for t in chart.figure["data"]] == ["朝霞市", "埼玉県", "全国"]
    # Every rate is real but copied from a secondary source: not a sample, its source shown as to be checked.
    assert not chart.sample
    assert any(s.title.startswith("人口動態統計") and s.needs_check for s in chart.sources)
    assert all(status == "未確認" for row, status in zip(chart.table.rows, chart.table.status) if row[1] == "全国")


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


def test_age_structure_static_chart_has_year_axis_and_visible_bars(data):
    """Issue 13: the printed age-structure chart had zero-width bars on an x axis of 0–100000 labelled 年."""
    import xml.etree.ElementTree as ET

    _, results = data
    chart = charts.age_structure_chart(results["baseline"], UPDATED, True)
    root = ET.fromstring(render_svg(chart.figure, title=chart.title, description=chart.summary, chart_id="a"))
    ns = "{http://www.w3.org/2000/svg}"
    years = sorted(results["baseline"].populations)
    x_ticks = [g for g in root.iter(f"{ns}g") if g.get("data-axis") == "x"]
    assert x_ticks and all(years[0] - 5 <= float(g.get("data-value")) <= years[-1] + 5 for g in x_ticks)
    assert {"".join(t.itertext()) for g in x_ticks for t in g.iter(f"{ns}text")} >= {str(years[0]), str(years[-1])}
    bars = [r for r in root.iter(f"{ns}rect") if r.get("data-series")]
    assert len(bars) == 3 * len(years) and all(float(r.get("width")) > 10 and float(r.get("height")) > 0 for r in bars)


def test_names_of_projections_computed_from_samples_are_marked_in_legends_and_tables(data):
    """「パターン1（社人研推計準拠）」 built from sample assumptions says so wherever a chart names it."""
    import dataclasses

    from generator.compute.provenance import derived

    _, results = data
    chart = charts.scenario_chart(results, UPDATED, True)
    assert all(t["name"] == r.scenario.name + "（サンプル）" for t, r in zip(chart.figure["data"], results.values()))
    assert all(column.sample for column in chart.table.columns[1:]) and not chart.table.columns[0].sample
    assert "サンプル".encode() not in chart.table.to_csv()  # the headers of the download keep the plain names
    target = charts.target_chart(results["baseline"], results["target"], UPDATED, True)
    assert [t["name"] for t in target.figure["data"]] == ["将来展望（市の目標）（サンプル）", "パターン1（社人研推計準拠）（サンプル）"]
    history = charts.history_chart(data[0].census, results["baseline"], UPDATED, True)
    assert history.figure["data"][1]["name"] == "推計（パターン1（社人研推計準拠））（サンプル）"
    # From real inputs only: the names stand as they are.
    real = {key: dataclasses.replace(r, status=derived(["確定"])) for key, r in results.items()}
    plain = charts.scenario_chart(real, UPDATED, False)
    assert [t["name"] for t in plain.figure["data"]] == [r.scenario.name for r in real.values()]
    assert not any(column.sample for column in plain.table.columns)


def test_every_table_row_has_its_status_read_rows_as_written_projections_as_computed(data):
    """Census rows keep the status of their CSV row; projected rows are computed from the (sample) inputs and say so."""
    from generator.compute.provenance import status_of

    project, results = data
    baseline = results["baseline"]
    history = charts.history_chart(project.census, baseline, UPDATED, True)
    census = sorted(project.census, key=lambda r: r.year)
    assert history.table.status[: len(census)] == tuple(status_of(r.status) for r in census)
    assert set(history.table.status[len(census):]) == {baseline.status} == {"算出（見本を含む）"}
    births = charts.vital_chart(project.vital, UPDATED)  # the balance is the row's own difference: the row's status
    assert births.table.status == tuple(status_of(r.status) for r in sorted(project.vital, key=lambda r: r.year))
    tfr = charts.tfr_chart(project.tfr, UPDATED, project.site.city)
    assert len(tfr.table.status) == len(project.tfr) and tfr.table.key == ("year", "area")
    for chart in (charts.age_structure_chart(baseline, UPDATED, True), charts.scenario_chart(results, UPDATED, True),
                  charts.target_chart(baseline, results["target"], UPDATED, True),
                  charts.pyramid_chart(baseline.populations[2060], 2060, "パターン1", UPDATED, True, "p", status=baseline.status)):
        assert set(chart.table.status) == {"算出（見本を含む）"} and len(chart.table.status) == len(chart.table.rows)


def test_the_base_years_pyramid_keeps_each_rows_own_status_and_source(data):
    # Regression: the base year's pyramid, a copy of base_population.csv, was labelled 算出（見本を含む）.
    project, results = data
    rows = [row.model_copy(update={"status": "確定" if index % 2 else "sample", "source": "令和2年国勢調査"})
            for index, row in enumerate(project.base_population)]
    chart = charts.base_pyramid_chart(rows, results["baseline"].populations[2020], 2020, UPDATED, "p")
    assert chart.table.status == tuple("確定" if index % 2 else "見本" for index in range(len(rows)))
    assert [(r[0], r[1], r[2]) for r in chart.table.rows] == [(f"{row.age}歳", row.male, row.female) for row in rows]
    assert [s.title for s in chart.sources] == ["令和2年国勢調査"] and not chart.source_note  # read, not projected
    real = [row.model_copy(update={"status": "確定"}) for row in rows]
    assert not charts.base_pyramid_chart(real, results["baseline"].populations[2020], 2020, UPDATED, "p").sample


def test_every_total_shown_of_a_projection_is_the_sum_of_its_cells_shown(data):
    """Pyramids, age groups, scenario totals, the history's projected rows and the target: the same whole numbers."""
    project, results = data
    baseline, target = results["baseline"], results["target"]
    scenarios = charts.scenario_chart(results, UPDATED, True).table
    columns = {column.key: index for index, column in enumerate(scenarios.columns)}
    totals = {(row[0], key): row[columns[key]] for row in scenarios.rows for key in results}
    for year in baseline.populations:
        pyramid = charts.pyramid_chart(baseline.populations[year], year, "パターン1", UPDATED, True, "p")
        assert f"総人口{totals[year, 'baseline']:,}人" in pyramid.summary, year
        assert sum(r[1] + r[2] for r in pyramid.table.rows) == totals[year, "baseline"], year
        own = charts.pyramid_chart(target.populations[year], year, "将来展望", UPDATED, True, "p")
        assert sum(r[1] + r[2] for r in own.table.rows) == totals[year, "target"], year
    for row in charts.age_structure_chart(baseline, UPDATED, True).table.rows:
        assert sum(row[1:4]) == totals[row[0], "baseline"], row
    history = charts.history_chart(project.census, baseline, UPDATED, True).table.rows
    assert all(total == totals[year, "baseline"] for year, kind, total in history if kind == "推計")
    for year, shown_target, shown_baseline, _ in charts.target_chart(baseline, target, UPDATED, True).table.rows:
        assert (shown_target, shown_baseline) == (totals[year, "target"], totals[year, "baseline"])
