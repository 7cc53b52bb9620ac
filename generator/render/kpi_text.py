"""A KPI's values in words: baseline, target and compared actual with their periods, dates and
status, for the KPI page and as a row of the KPI tables (dashboard, goal pages). Escaped Markdown."""

from __future__ import annotations

from markupsafe import Markup

from generator.charts.kpi import COMPARED_VALUE, year_text
from generator.compute.progress import Progress
from generator.model.strategy import NO_YEAR, Actual, IndicatorLogic, Kpi, ValueSource
from generator.render.links import page_link
from generator.text.eras import date_label
from generator.text.markdown import escape_markdown, table_cell
from generator.text.numbers import format_number

SAMPLE_BADGE = Markup('<span class="badge-sample">サンプル</span>')


def sample_badge(sample: bool) -> Markup:
    return SAMPLE_BADGE if sample else Markup("")


def grade_mark(progress: Progress) -> Markup:
    """The grade letter, styled by its value (data-grade)."""
    return grade_mark_of(progress.grade)


def grade_mark_of(grade: str) -> Markup:
    """A grade letter (computed or recorded), styled by its value (data-grade)."""
    attribute = grade.replace('"', "&quot;")
    return Markup(f'<strong class="grade" data-grade="{attribute}">{escape_markdown(grade)}</strong>')


def _amount(kpi: IndicatorLogic, value: float, digits: int | None = None) -> str:
    number = format_number(value, kpi.digits if digits is None else digits)
    return escape_markdown(number) + table_cell(kpi.unit_label)


def period_text(kpi: IndicatorLogic, value: ValueSource) -> str:
    """When a baseline or target applies: 令和6(2024)年度, 2015〜2019年度の累計, 目標年度の記載なし, or ""."""
    if value.over_period:
        first, last = value.period
        return f"{year_text(kpi, first)}〜{year_text(kpi, last)}の{value.type}"
    if value.year == NO_YEAR:
        return "目標年度の記載なし"
    return year_text(kpi, value.year) if value.year is not None else ""


def _in_brackets(parts: list[str]) -> str:
    """「（a、b）」 from the parts that are not empty; nothing at all when every part is."""
    shown = [part for part in parts if part]
    return f"（{'、'.join(shown)}）" if shown else ""


def target_amount(kpi: Kpi) -> Markup:
    """The target's amount, or what it asks when it is relative: 「基準値から10.0%減少（405人）」, 「現状維持（450人）」."""
    target = kpi.target
    absolute = kpi.target_value
    if target.type == "前年度比":
        return Markup(f"前{kpi.year_type}より" + ("増やす" if kpi.better == "higher" else "減らす"))
    if target.type == "維持":
        return Markup("現状維持" + (f"（{_amount(kpi, absolute)}）" if absolute is not None else ""))
    value = target.value
    assert value is not None  # the model requires a value for every other type
    if target.type == "変化率":
        change = f"基準値から{format_number(abs(value), 1)}%{'増加' if value > 0 else '減少'}"
        return Markup(escape_markdown(change) + (f"（{_amount(kpi, absolute)}）" if absolute is not None else ""))
    return Markup(_amount(kpi, value))


def value_text(kpi: Kpi, value: ValueSource) -> Markup:
    """A baseline or target as the KPI page shows it: amount, period, date, and the wording as printed."""
    as_of = f"{date_label(value.as_of.year, value.as_of.month, value.as_of.day)}時点" if value.as_of else ""
    amount = target_amount(kpi) if value is kpi.target else _amount(kpi, value.value)
    text = amount + table_cell(_in_brackets([period_text(kpi, value), as_of]))
    if value.original:
        text += f"［原文: {table_cell(value.original)}］"
    return Markup(text)


def compared_text(kpi: Kpi, progress: Progress) -> Markup:
    """The actual value graded: amount, up to which year, 速報値 and "as of" date when so."""
    if progress.value is None:
        return Markup("－")
    latest = progress.compared[-1] if progress.compared else None
    parts = [f"{year_text(kpi, progress.as_of)}まで" if progress.as_of is not None else "",
             "速報値を含む" if progress.preliminary else "",
             f"{date_label(latest.as_of.year, latest.as_of.month, latest.as_of.day)}時点" if latest and latest.as_of else ""]
    prefix = COMPARED_VALUE[kpi.target.type] if kpi.target.over_period else ""
    return Markup(escape_markdown(prefix) + _amount(kpi, progress.value) + table_cell(_in_brackets(parts)))


def _actual_cell(kpi: Kpi, progress: Progress) -> str:
    if progress.value is None:
        return "－"
    assert progress.as_of is not None  # a compared value always comes with its year
    when = table_cell(year_text(kpi, progress.as_of))
    status = "（速報値）" if progress.preliminary else ""
    if kpi.target.over_period:
        return f"{_amount(kpi, progress.value)}（{escape_markdown(kpi.target.type)}、〜{when}）{status}"
    return f"{_amount(kpi, progress.value)}{status}<br><small>{when}</small>"


def _target_cell(kpi: Kpi) -> str:
    target = kpi.target
    kind = f"（{escape_markdown(target.type)}）" if target.over_period else ""
    when = table_cell(year_text(kpi, target.period[1]) if target.over_period else period_text(kpi, target))
    return f"{target_amount(kpi)}{kind}" + (f"<br><small>{when}</small>" if when else "")


def kpi_cells(kpi: Kpi, progress: Progress, page_path: str) -> list[str]:
    """A KPI's row of the KPI tables, as finished HTML cells (render/html_table.py): name (linked), kind, baseline,
    actual, target, progress, grade."""
    cells = [
        # The name keeps a readable width beside its badge (extra.css .kpi-name); the other columns wrap instead.
        f'<span class="kpi-name">{page_link(page_path, f"kpis/{kpi.id}.md", escape_markdown(kpi.name))}'
        f'{sample_badge(kpi.sample or progress.sample)}</span>',
        table_cell(kpi.kind),
        _amount(kpi, kpi.baseline.value) if kpi.baseline else "－",
        _actual_cell(kpi, progress),
        _target_cell(kpi),
        f"{escape_markdown(format_number(progress.percent, 1))}%" if progress.percent is not None else "－",
        f"{grade_mark(progress)} {table_cell(progress.label)}",
    ]
    return cells


def result_text(indicator: IndicatorLogic, actual: Actual) -> Markup:
    """A final actual as published: amount, year, 速報値 and "as of" date when so."""
    as_of = f"{date_label(actual.as_of.year, actual.as_of.month, actual.as_of.day)}時点" if actual.as_of else ""
    parts = [year_text(indicator, actual.year), "速報値" if actual.status == "速報" else "", as_of]
    return Markup(_amount(indicator, actual.value) + table_cell(_in_brackets(parts)))
