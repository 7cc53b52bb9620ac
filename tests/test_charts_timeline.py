import json

from generator.charts import figure_json, plotly_text
from generator.charts.timeline import plan_period_figure, wrap_label
from generator.model.base import Source
from generator.model.policy import PlanPeriod, PlanRow, PlanSchedule


def schedule():
    return PlanSchedule(
        title="計画期間", first_fy=2015, last_fy=2025, source=Source(title="出典"), updated="2026-11-28",
        rows=[
            PlanRow(id="asaka", name="朝霞市まち・ひと・しごと創生総合戦略", periods=[
                PlanPeriod(label="第１期（改訂版）", start_fy=2015, end_fy=2020),
                PlanPeriod(label="第２期", start_fy=2021, end_fy=2025),
            ]),
            PlanRow(id="plan", name="<b>総合計画</b>", periods=[PlanPeriod(label="後期", start_fy=2021, end_fy=2025)]),
        ],
    )


def test_bars_span_whole_fiscal_years():
    trace = plan_period_figure(schedule())["data"][0]
    assert trace["base"] == [2015, 2021, 2021]
    assert trace["x"] == [6, 5, 5]  # FY2015–2020 is six years
    assert trace["text"] == ["第１期（改訂版）", "第２期", "後期"]


def test_axis_shows_western_years_and_hover_shows_eras():
    figure = plan_period_figure(schedule())
    assert figure["layout"]["xaxis"]["ticktext"][0] == "2015"
    assert figure["layout"]["xaxis"]["range"] == [2015, 2026]
    assert "平成27(2015)年度〜令和2(2020)年度" in figure["data"][0]["hovertext"][0]


def test_yaml_text_cannot_become_plotly_markup():
    trace = plan_period_figure(schedule())["data"][0]
    assert all("<b>" not in label for label in trace["y"])
    assert trace["y"][2] == "&lt;b&gt;総合計画&lt;/b&gt;"
    assert plotly_text("a<br>b") == "a&lt;br&gt;b"


def test_no_send_to_cloud_and_no_mode_bar():
    config = plan_period_figure(schedule())["config"]
    assert config["showSendToCloud"] is False and config["displayModeBar"] is False


def test_same_data_gives_identical_json():
    assert figure_json(plan_period_figure(schedule())) == figure_json(plan_period_figure(schedule()))
    json.loads(figure_json(plan_period_figure(schedule())))


def test_wrap_label_breaks_lines_and_escapes_each():
    assert wrap_label("あ" * 30, 14) == "あ" * 14 + "<br>" + "あ" * 14 + "<br>" + "ああ"
    assert wrap_label("<" * 3, 2) == "&lt;&lt;<br>&lt;"


def test_chart_carries_table_sources_summary_and_date():
    from generator.charts.timeline import plan_period_chart

    chart = plan_period_chart(schedule())
    assert chart.id == "plan-periods" and chart.updated.isoformat() == "2026-11-28"
    assert [c.header for c in chart.table.columns] == ["計画", "期間", "開始年度", "終了年度", "年数（年）"]
    assert chart.table.rows[0] == ("朝霞市まち・ひと・しごと創生総合戦略", "第１期（改訂版）", 2015, 2020, 6)
    assert "平成27(2015)年度から令和7(2025)年度" in chart.summary
    assert chart.sources[0].title == "出典"


def test_table_rows_match_figure_bars():
    from generator.charts.timeline import plan_period_chart

    chart = plan_period_chart(schedule())
    trace = chart.figure["data"][0]
    assert [(r[2], r[4]) for r in chart.table.rows] == list(zip(trace["base"], trace["x"]))


def test_each_period_has_the_status_of_its_source():
    from generator.charts.timeline import plan_period_table

    table = schedule()
    unchecked = PlanPeriod(label="第１期", start_fy=2015, end_fy=2019, source=Source(title="二次資料", needs_check=True))
    table = table.model_copy(update={"rows": [*table.rows, PlanRow(id="national", name="国の総合戦略", periods=[unchecked])]})
    assert plan_period_table(table).status == ("確定", "確定", "確定", "未確認")
    assert plan_period_table(table).key == ("plan", "period")
