"""Plan-period timeline: one bar per period, one row per plan."""

from __future__ import annotations

from ..eras import fiscal_year_label
from ..models import PlanSchedule
from . import FONT_FAMILY, PALETTE, plotly_text


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
            "textfont": {"color": "#ffffff"},
            "marker": {"color": colors, "line": {"color": "#ffffff", "width": 2}},
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
        "config": {"displayModeBar": False, "responsive": True, "showSendToCloud": False},
    }
