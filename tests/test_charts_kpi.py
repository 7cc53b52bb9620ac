from generator.charts.kpi import kpi_chart, kpi_figure, kpi_table
from generator.compute.progress import evaluate
from generator.model.strategy import Evaluation, Kpi

RULE = Evaluation(method="distance_to_target", description="d",
                  grades=[{"grade": "A", "label": "a", "min_percent": 100}, {"grade": "B", "label": "b"}])


def make(**changes):
    data = {"id": "kpi-a", "name": "指標<b>", "kind": "KPI", "goal": "g", "measure": "m", "definition": "d", "unit": "%",
            "digits": 1, "better": "higher", "updated": "2026-11-28",
            "baseline": {"value": 70, "year": 2019, "sample": True},
            "target": {"value": 80, "year": 2025, "sample": True},
            "actuals": [{"year": 2022, "value": 74, "status": "sample"}, {"year": 2021, "value": 72, "status": "sample"}]}
    data.update(changes)
    return Kpi.model_validate(data)


def test_table_includes_baseline_actuals_in_order_and_target():
    table = kpi_table(make())
    assert [r[0] for r in table.rows] == ["基準値", "実績", "実績", "目標値"]
    assert [r[1] for r in table.rows] == [2019, 2021, 2022, 2025]
    assert table.display_rows()[1] == ["実績", "令和3(2021)年度", "72.0", "見本"]  # the status, in the vocabulary of every table


def test_each_row_has_its_status_and_a_value_computed_from_others_says_so():
    real = {"title": "市の統計"}
    kpi = make(baseline={"value": 70, "year": 2019, "source": real},
               target={"type": "変化率", "value": 10, "year": 2025, "source": real},  # computed from the baseline
               actuals=[{"year": 2021, "value": 72, "status": "速報", "source": real},
                        {"year": 2022, "value": 74, "status": "確定", "source": {"title": "二次資料", "needs_check": True}}])
    assert kpi_table(kpi).status == ("確定", "速報", "未確認", "算出（確定値から）")
    cumulative = make(baseline=None, target={"type": "累計", "value": 100, "from_year": 2021, "to_year": 2025, "source": real},
                      actuals=[{"year": 2021, "value": 72, "status": "確定", "source": real}, {"year": 2022, "value": 74, "status": "sample"}])
    # A running total is computed from the earlier actuals: from a sample once one is summed in.
    assert kpi_table(cumulative).status == ("算出（確定値から）", "算出（見本を含む）", "確定")
    assert set(kpi_table(make(sample=True)).status) == {"見本"}  # an indicator that is itself a sample: every value is one


def test_figure_has_actuals_path_baseline_and_target():
    traces = {t["name"]: t for t in kpi_figure(make())["data"]}
    assert traces["実績"]["x"] == [2021, 2022]
    assert traces["目標への道筋"]["x"] == [2019, 2025] and traces["目標への道筋"]["line"]["dash"] == "dash"
    assert traces["基準値"]["y"] == [70] and traces["目標値"]["y"] == [80]


def test_cumulative_kpi_plots_running_totals_against_a_path_from_zero():
    kpi = make(baseline=None, target={"type": "累計", "value": 100, "from_year": 2021, "to_year": 2025, "sample": True})
    traces = {t["name"]: t for t in kpi_figure(kpi)["data"]}
    assert traces["実績の累計"]["y"] == [72, 146]
    assert traces["目標への道筋"]["x"] == [2020, 2025] and traces["目標への道筋"]["y"] == [0, 100]
    assert kpi_table(kpi).rows[-1][2] == 100 and kpi_table(kpi).columns[2].label == "累計"


def test_chart_is_marked_sample_and_summarises_in_words():
    kpi = make()
    chart = kpi_chart(kpi, evaluate(kpi, RULE, 2021))
    assert chart.sample and chart.id == "kpi-a"
    assert "基準値は70.0%（令和元(2019)年度）" in chart.summary
    assert "目標は令和7(2025)年度に80.0%" in chart.summary


def test_kpi_name_is_plotly_safe_in_hover_and_legend():
    figure = kpi_figure(make(unit="<i>"))
    assert all("<i>" not in t["hovertemplate"] for t in figure["data"])
