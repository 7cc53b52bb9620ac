"""Plan-period timeline: one bar per period, one row per plan."""

from __future__ import annotations

from generator.charts import (
    FONT_FAMILY,
    ON_PALETTE,
    PALETTE,
    PLOTLY_CONFIG,
    plotly_text,
)
from generator.charts.model import Chart, Column, Table
from generator.compute.provenance import status_of
from generator.model.base import Source
from generator.model.policy import PlanSchedule
from generator.text.eras import fiscal_year_label


def wrap_label(text: str, width: int = 14) -> str:
    """Break a long Japanese plan name into escaped lines for the y axis."""
    return "<br>".join(plotly_text(text[i : i + width]) for i in range(0, len(text), width))


def plan_period_figure(schedule: PlanSchedule) -> dict:
    """A Gantt-like figure: x = fiscal years (Western), bars span whole years."""
    y, base, length, text, hover, colors = [], [], [], [], [], []
    for row in schedule.rows:
        name = wrap_label(row.name)
        for index, period in enumerate(row.periods):
            y.append(name)
            base.append(period.start_fy)
            length.append(period.end_fy - period.start_fy + 1)
            text.append(plotly_text(period.label))
            hover.append(
                f"{plotly_text(row.name)}<br>{plotly_text(period.label)}: "
                f"{fiscal_year_label(period.start_fy)}〜{fiscal_year_label(period.end_fy)}"
            )
            colors.append(PALETTE[index % len(PALETTE)])
    years = list(range(schedule.first_fy, schedule.last_fy + 1))
    return {
        "data": [{
            "type": "bar",
            "orientation": "h",
            "y": y,
            "x": length,
            "base": base,
            "text": text,
            "textposition": "inside",
            "insidetextanchor": "middle",
            "textfont": {"color": ON_PALETTE},
            "marker": {"color": colors, "line": {"color": "var(--md-default-bg-color)", "width": 2}},
            "hovertext": hover,
            "hoverinfo": "text",
            "showlegend": False,
        }],
        "layout": {
            "barmode": "overlay",
            "font": {"family": FONT_FAMILY, "size": 13},
            "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
            "height": 80 + 70 * len(schedule.rows),
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
            "xaxis": {
                "range": [schedule.first_fy, schedule.last_fy + 1],
                # Ticks sit in the middle of each fiscal year's band.
                "tickvals": [year + 0.5 for year in years],
                "ticktext": [str(year) for year in years],
                "title": {"text": "年度"},
                "showgrid": True,
                "fixedrange": True,
            },
            "yaxis": {"autorange": "reversed", "automargin": True, "fixedrange": True},
        },
        "config": dict(PLOTLY_CONFIG),
    }


def plan_period_table(schedule: PlanSchedule) -> Table:
    columns = (
        Column("plan", "計画"),
        Column("period", "期間"),
        Column("start", "開始年度", kind="fiscal_year"),
        Column("end", "終了年度", kind="fiscal_year"),
        Column("years", "年数", kind="number", unit="年", description="開始年度から終了年度までの年数（この行の年度から計算）。"),
    )
    periods = [(row, period) for row in schedule.rows for period in row.periods]
    rows = tuple((row.name, period.label, period.start_fy, period.end_fy, period.end_fy - period.start_fy + 1) for row, period in periods)
    # As written in the table (its own source or the table's): 未確認 while that source is to be checked.
    status = tuple(status_of(needs_check=(period.source or schedule.source).needs_check) for _, period in periods)
    return Table(columns, rows, status=status, key=("plan", "period"))


def plan_period_chart(schedule: PlanSchedule) -> Chart:
    sources: list[Source] = [schedule.source]
    for row in schedule.rows:
        for period in row.periods:
            if period.source and period.source not in sources:
                sources.append(period.source)
    names = "、".join(row.name for row in schedule.rows)
    summary = (
        f"{names}の期間を、{fiscal_year_label(schedule.first_fy)}から"
        f"{fiscal_year_label(schedule.last_fy)}までの年度の帯で示した図です。"
    )
    return Chart(
        id="plan-periods",
        title=schedule.title,
        summary=summary,
        sources=tuple(sources),
        updated=schedule.updated,
        table=plan_period_table(schedule),
        figure=plan_period_figure(schedule),
        notes=(schedule.note,) if schedule.note else (),
    )
