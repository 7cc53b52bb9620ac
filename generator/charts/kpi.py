"""KPI chart: actuals against the path from baseline to target."""

from __future__ import annotations

from itertools import accumulate

from generator.charts import FONT_FAMILY, PALETTE, PLOTLY_CONFIG, plotly_text
from generator.charts.model import Chart, Column, Table
from generator.compute.progress import Progress
from generator.compute.provenance import SAMPLE, derived, status_of
from generator.model.base import Source
from generator.model.strategy import Actual, IndicatorLogic, Kpi, ValueSource
from generator.text.eras import fiscal_year_label, year_label
from generator.text.numbers import format_number

# What is compared with the target, by target type: the latest value, the total or the average.
COMPARED_VALUE = {"時点": "実績", "累計": "実績の累計", "平均": "実績の平均"}


def year_text(kpi: IndicatorLogic, year: int) -> str:
    return fiscal_year_label(year) if kpi.year_type == "年度" else year_label(year)


def _needs_check(source: Source | None) -> bool:
    return source is not None and source.needs_check


def value_status(kpi: Kpi, value: ValueSource) -> str:
    """A baseline or target as written (compute/provenance.py): 見本 (it or the indicator is a sample), 未確認 (its source
    is still to be checked) or 確定."""
    return status_of(sample=value.sample or kpi.sample, needs_check=_needs_check(value.source))


def actual_status(kpi: Kpi, actual: Actual) -> str:
    """An actual as written: its status (確定, 速報, sample), 未確認 while its source is to be checked."""
    return status_of(actual.status, sample=kpi.sample, needs_check=_needs_check(actual.source))


def target_status(kpi: Kpi) -> str:
    """The target's status: as written, or computed from the baseline (変化率, 維持: 算出（…）)."""
    own = value_status(kpi, kpi.target)
    if kpi.target.type in ("変化率", "維持"):
        return derived([own, *([value_status(kpi, kpi.baseline)] if kpi.baseline else [])])
    return own


def progress_status(kpi: Kpi, progress: Progress) -> str:
    """The status of a KPI's evaluation (the value compared, its progress and grade): computed from the baseline,
    the target and the actuals compared, and from a sample when `progress.sample` says one went in (a sample
    evaluation rule included), so that the status and the サンプル badge/column never disagree."""
    inputs = [target_status(kpi), *(actual_status(kpi, a) for a in progress.compared)]
    inputs += [value_status(kpi, kpi.baseline)] if kpi.baseline else []
    return derived(inputs + ([SAMPLE] if progress.sample else []))


def kpi_table(kpi: Kpi) -> Table:
    """Baseline, every actual and the target, in one table (as readers ask for), each row with its status."""
    cumulative = kpi.target.type == "累計"
    columns = [Column("row", "区分"), Column("year", kpi.year_type, kind="fiscal_year" if kpi.year_type == "年度" else "year")]
    if cumulative:  # the running total is what meets the target: show it first
        columns.append(Column("total", "累計", kind="number", unit=kpi.unit_label, digits=kpi.digits,
                              description="目標の期間の初めからその年（度）までの実績の合計（このサイトで計算）。"))
    columns.append(Column("value", "値", kind="number", unit=kpi.unit_label, digits=kpi.digits))
    rows: list[tuple] = []
    status: list[str] = []
    if kpi.baseline is not None:
        rows.append(("基準値", kpi.baseline.year, *([None] if cumulative else []), kpi.baseline.value))
        status.append(value_status(kpi, kpi.baseline))
    actuals = sorted(kpi.actuals, key=lambda a: a.year)
    first, last = kpi.target.period if cumulative else (0, 0)  # (0, 0): unused when not cumulative
    totals = list(accumulate(a.value for a in actuals if not cumulative or first <= a.year <= last))
    window = iter(totals)
    for index, actual in enumerate(actuals):
        inside = cumulative and first <= actual.year <= last
        rows.append(("実績", actual.year, *([next(window) if inside else None] if cumulative else []), actual.value))
        # A running total is computed from this and the earlier actuals of the window.
        summed = [actual_status(kpi, a) for a in actuals[: index + 1] if first <= a.year <= last]
        status.append(derived(summed) if inside else actual_status(kpi, actual))
    target = kpi.target
    label = f"目標値（{target.from_year}〜{target.to_year}の{target.type}）" if target.over_period else "目標値"
    if cumulative:
        rows.append((label, target.to_year, kpi.target_value, None))
        status.append(target_status(kpi))
    elif kpi.target_value is not None:  # 前年度比 has no level to show
        rows.append((label, target.last_year, kpi.target_value))
        status.append(target_status(kpi))
    return Table(tuple(columns), tuple(rows), status=tuple(status))


def _hover(kpi: Kpi, name: str) -> str:
    return f"%{{x}}: %{{y:,.{kpi.digits}f}}{plotly_text(kpi.unit_label)}<extra>{name}</extra>"


def _actuals_trace(kpi: Kpi) -> dict:
    """Actuals; for a cumulative target, their running total over the target window (what meets it)."""
    actuals = sorted(kpi.actuals, key=lambda a: a.year)
    target = kpi.target
    if target.type == "累計":
        name = "実績の累計"
        first, last = target.period
        window = [a for a in actuals if first <= a.year <= last]
        x, y = [a.year for a in window], list(accumulate(a.value for a in window))
    else:
        name = "実績"
        x, y = [a.year for a in actuals], [a.value for a in actuals]
    return {
        "type": "scatter", "mode": "lines+markers", "name": name, "x": x, "y": y,
        "line": {"color": PALETTE[0], "width": 3}, "marker": {"symbol": "circle", "size": 9, "color": PALETTE[0]},
        "hovertemplate": _hover(kpi, name),
    }


def _target_path(kpi: Kpi) -> tuple[list, list] | None:
    """The dashed line actuals should follow: from zero (cumulative), flat (average) or from the baseline."""
    target = kpi.target
    if target.type == "累計":
        first, last = target.period
        return [first - 1, last], [0, target.value]
    if target.type == "平均":
        return [target.from_year, target.to_year], [target.value, target.value]
    if kpi.target_value is None:
        return None
    if kpi.baseline is not None and kpi.baseline.year is not None and target.last_year is not None:
        return [kpi.baseline.year, target.last_year], [kpi.baseline.value, kpi.target_value]
    return None  # no baseline year or no target year: no path to draw


def _reference_traces(kpi: Kpi) -> list[dict]:
    """Path to the target, the baseline point (not for cumulative targets) and the target point."""
    target = kpi.target
    data: list[dict] = []
    path = _target_path(kpi)
    if path is not None:
        name = "目標（平均）" if target.type == "平均" else "目標への道筋"
        data.append({
            "type": "scatter", "mode": "lines", "name": name, "x": path[0], "y": path[1],
            "line": {"color": PALETTE[1], "dash": "dash", "width": 2},
            "hovertemplate": _hover(kpi, name),
        })
    if kpi.baseline is not None and kpi.baseline.year is not None and target.type != "累計":
        data.append({
            "type": "scatter", "mode": "markers", "name": "基準値", "x": [kpi.baseline.year], "y": [kpi.baseline.value],
            "marker": {"symbol": "diamond", "size": 12, "color": PALETTE[2]},
            "hovertemplate": _hover(kpi, "基準値"),
        })
    if kpi.target_value is None:  # 前年度比: compared with the year before, no level to draw
        return data
    if target.last_year is None:  # no target year stated: the level across the years shown, never a made-up year
        years = sorted({a.year for a in kpi.actuals} | ({kpi.baseline.year} if kpi.baseline and kpi.baseline.year else set()))
        if years:
            name = "目標値（目標年度の記載なし）"
            data.append({
                "type": "scatter", "mode": "lines", "name": name, "x": [years[0], years[-1]], "y": [kpi.target_value, kpi.target_value],
                "line": {"color": PALETTE[1], "dash": "dot", "width": 2}, "hovertemplate": _hover(kpi, name),
            })
        return data
    data.append({
        "type": "scatter", "mode": "markers", "name": "目標値", "x": [target.last_year], "y": [kpi.target_value],
        "marker": {"symbol": "square", "size": 12, "color": PALETTE[1]},
        "hovertemplate": _hover(kpi, "目標値"),
    })
    return data


def kpi_figure(kpi: Kpi) -> dict:
    data = [_actuals_trace(kpi), *_reference_traces(kpi)]
    unit = plotly_text(kpi.unit_label)
    # One tick per year with data: automatic ticks could fall between years.
    years = sorted({x for trace in data for x in trace["x"]})
    return {
        "data": data,
        "layout": {
            "font": {"family": FONT_FAMILY, "size": 13},
            "height": 340,
            "margin": {"l": 60, "r": 16, "t": 40, "b": 50},
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
            "legend": {"orientation": "h", "x": 0, "y": 1.15},
            "separators": ".,",
            "xaxis": {"tickvals": years, "ticktext": [str(y) for y in years], "title": {"text": kpi.year_type},
                      **({"range": [years[0] - 0.5, years[-1] + 0.5]} if years else {}), "fixedrange": True},
            "yaxis": {"title": {"text": unit}, "tickformat": ",", "fixedrange": True, "rangemode": "tozero"},
        },
        "config": dict(PLOTLY_CONFIG),
    }


def kpi_chart(kpi: Kpi, progress: Progress) -> Chart:
    sources: list[Source] = []
    for source in [kpi.source, kpi.baseline.source if kpi.baseline else None, kpi.target.source,
                   *(a.source for a in kpi.actuals)]:
        if source is not None and source not in sources:
            sources.append(source)
    target = kpi.target
    fmt = lambda v: f"{format_number(v, kpi.digits)}{kpi.unit_label}"  # noqa: E731
    if progress.as_of is not None and progress.value is not None:
        latest = COMPARED_VALUE[target.type] if target.over_period else "最新の実績"
        now = f"{latest}は{fmt(progress.value)}（{year_text(kpi, progress.as_of)}まで）"
    else:
        now = "実績はまだありません"
    if target.over_period:
        cap = "以下" if target.type == "累計" and kpi.better == "lower" else ""
        first, last = target.period
        goal = f"{year_text(kpi, first)}〜{year_text(kpi, last)}の{target.type}で{fmt(target.value)}{cap}"
    elif kpi.target_value is None:
        goal = "前年度より良くすること" if target.type == "前年度比" else "基準値から計算する値（基準値がありません）"
    elif target.last_year is None:
        goal = f"{fmt(kpi.target_value)}（目標年度の記載なし）"
    else:
        goal = f"{year_text(kpi, target.last_year)}に{fmt(kpi.target_value)}"
    baseline = kpi.baseline
    if baseline is not None and baseline.over_period:
        first, last = baseline.period
        base = f"基準値は{fmt(baseline.value)}（{year_text(kpi, first)}〜{year_text(kpi, last)}の{baseline.type}）、"
    elif baseline is not None and baseline.year:
        base = f"基準値は{fmt(baseline.value)}（{year_text(kpi, baseline.year)}）、"
    else:
        base = "基準値はなく、" if baseline is None else f"基準値は{fmt(baseline.value)}、"
    summary = f"{kpi.name}の推移です。{base}{now}、目標は{goal}です。"
    return Chart(
        id=kpi.id,
        title=kpi.name,
        summary=summary,
        sources=tuple(sources),
        updated=kpi.updated,
        table=kpi_table(kpi),
        figure=kpi_figure(kpi),
        unit=kpi.unit_label,
        sample=progress.sample or kpi.sample,
        notes=tuple(kpi.notes),
    )
