"""One chart as finished HTML: the static SVG (made interactive on demand), summary, sources, date,
CSV link and the data table, in a fence that stays intact in any Markdown context (site/fences.py)."""

from __future__ import annotations

from markupsafe import Markup

from generator.charts.model import Chart
from generator.render.figures import DATA_DIR, FIGURE_DIR, chart_svg
from generator.render.kpi_text import SAMPLE_BADGE
from generator.render.links import size_label, source_text
from generator.text.eras import date_label
from generator.text.markdown import escape_markdown
from generator.text.memo import remembered

FENCE = "```chart"


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;")


def _sources(chart: Chart) -> str:
    parts = [str(source_text(source)) for source in chart.sources]
    if chart.source_note:
        parts.append(escape_markdown(chart.source_note))
    if not parts:
        parts.append("なし（サンプル値）" if chart.sample else "未登録")
    return "／".join(parts)


def _figure(chart: Chart, root: str) -> str:
    unit = f"（単位: {escape_markdown(chart.unit)}）" if chart.unit else ""
    badge = SAMPLE_BADGE if chart.sample else ""
    updated = date_label(chart.updated.year, chart.updated.month, chart.updated.day)
    csv = f"{root}{DATA_DIR}/{chart.id}.csv"
    return "\n".join((
        f'<figure class="chart" id="chart-{_attr(chart.id)}">',
        f'<figcaption class="chart__title">{escape_markdown(chart.title)}{unit}{badge}</figcaption>',
        '<div class="chart__frame">',
        f'<div class="chart__plot" data-figure="{_attr(root)}{FIGURE_DIR}/{_attr(chart.id)}.json" aria-hidden="true"></div>',
        str(chart_svg(chart)),
        "</div>",
        f'<p class="chart__summary">{escape_markdown(chart.shown_summary)}</p>',
        f'<p class="chart__meta">出典: {_sources(chart)}<br>データ更新日: {updated}　'
        f'<a href="{_attr(csv)}" download>CSVをダウンロード（{size_label(chart.table.to_csv())}）</a></p>',
        "</figure>",
    ))


def _table(chart: Chart) -> str:
    """The data shown, as an HTML table (numbers right-aligned, as the Markdown tables were)."""
    align = [' style="text-align: right;"' if column.kind == "number" else "" for column in chart.table.shown_columns]
    head = "".join(f"<th{a}>{escape_markdown(column.header)}{SAMPLE_BADGE if column.sample else ''}</th>"
                   for column, a in zip(chart.table.shown_columns, align))
    rows = "\n".join("<tr>" + "".join(f"<td{a}>{escape_markdown(cell)}</td>" for cell, a in zip(row, align)) + "</tr>"
                     for row in chart.table.display_rows())
    return f"<table>\n<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{rows}\n</tbody>\n</table>"


def chart_block(chart: Chart, root: str, table_open: bool = False) -> Markup:
    """The chart and its data table, fenced as finished HTML (in the preview, made again only when the chart changed)."""
    return remembered("chart_block", lambda: repr((chart, root, table_open)), lambda: _chart_block(chart, root, table_open))


def _chart_block(chart: Chart, root: str, table_open: bool) -> Markup:
    details = "\n".join((
        f'<details class="chart__data"{" open" if table_open else ""}>',
        f'<summary>{escape_markdown(chart.title)}のデータ（表）<span class="scroll-hint">（横にスクロールできます）</span></summary>',
        _table(chart),
        *(f'<p class="note">{escape_markdown(note)}</p>' for note in chart.notes),
        "</details>",
    ))
    return Markup(f"{FENCE}\n{_figure(chart, root)}\n{details}\n```")
