"""One KPI as a row of the KPI tables (dashboard, goal pages): escaped Markdown cells."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from generator.charts.kpi import year_text
from generator.compute.progress import Progress
from generator.model.strategy import Kpi
from generator.text.markdown import escape_markdown, table_cell
from generator.text.numbers import format_number

SAMPLE_BADGE = Markup('<span class="badge-sample">サンプル</span>')


def sample_badge(sample: bool) -> Markup:
    return SAMPLE_BADGE if sample else Markup("")


def grade_mark(progress: Progress) -> Markup:
    """The grade letter, styled by its value (data-grade)."""
    attribute = progress.grade.replace('"', "&quot;")
    return Markup(f'<strong class="grade" data-grade="{attribute}">{escape_markdown(progress.grade)}</strong>')


def _amount(kpi: Kpi, value: float, digits: int | None = None) -> str:
    number = format_number(value, kpi.digits if digits is None else digits)
    return escape_markdown(number) + table_cell(kpi.unit)


def _actual_cell(kpi: Kpi, progress: Progress) -> str:
    if progress.value is None:
        return "－"
    when = table_cell(year_text(kpi, progress.as_of))
    if kpi.target.type != "時点":
        return f"{_amount(kpi, progress.value)}（{escape_markdown(kpi.target.type)}、〜{when}）"
    return f"{_amount(kpi, progress.value)}<br><small>{when}</small>"


def _target_cell(kpi: Kpi) -> str:
    kind = f"（{escape_markdown(kpi.target.type)}）" if kpi.target.type != "時点" else ""
    return f"{_amount(kpi, kpi.target.value)}{kind}<br><small>{table_cell(year_text(kpi, kpi.target.last_year))}</small>"


def kpi_row(kpi: Kpi, progress: Progress, link: Callable[[str], str]) -> Markup:
    """| name (linked) | kind | baseline | actual | target | progress | grade |, as one Markdown table row."""
    cells = [
        f"[{escape_markdown(kpi.name)}]({link('kpis/' + kpi.id + '.md')}){sample_badge(kpi.sample or progress.sample)}",
        table_cell(kpi.kind),
        _amount(kpi, kpi.baseline.value) if kpi.baseline else "－",
        _actual_cell(kpi, progress),
        _target_cell(kpi),
        f"{escape_markdown(format_number(progress.percent, 1))}%" if progress.percent is not None else "－",
        f"{grade_mark(progress)} {table_cell(progress.label)}",
    ]
    return Markup("| " + " | ".join(cells) + " |")
