"""Charts of the population vision: history, structure, vital events, fertility,
scenarios, pyramids and the target. Pure functions: data in, `Chart` out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from generator.charts import FONT_FAMILY, PALETTE, PLOTLY_CONFIG, plotly_text
from generator.charts.model import Chart, Column, Table
from generator.charts.svg import nice_ticks
from generator.compute.projection import Population
from generator.compute.provenance import SAMPLE, derived, status_of
from generator.compute.scenarios import ScenarioResult
from generator.model.base import Source
from generator.model.population import AgeSexRow, CensusRow, TfrRow, VitalRow
from generator.text.eras import year_label
from generator.text.numbers import format_number

DASHES = ("solid", "dash", "dot", "dashdot", "longdash")
SYMBOLS = ("circle", "square", "diamond", "triangle-up")


def _layout(height: int = 360, x_title: str = "年", y_title: str = "人", **extra) -> dict:
    layout = {
        "font": {"family": FONT_FAMILY, "size": 13}, "height": height,
        "margin": {"l": 64, "r": 16, "t": 40, "b": 50},
        "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
        "legend": {"orientation": "h", "x": 0, "y": 1.15}, "separators": ".,",
        "xaxis": {"title": {"text": x_title}, "fixedrange": True, "tickformat": "d" if x_title == "年" else ","},
        # Counts start at zero, so that a small gap does not look like a steep one.
        "yaxis": {"title": {"text": y_title}, "tickformat": ",", "fixedrange": True, "rangemode": "tozero"},
    }
    for key, value in extra.items():
        layout[key] = layout[key] | value if isinstance(layout.get(key), dict) else value
    return layout


def _line(name: str, x: list, y: list, index: int, *, mode: str = "lines+markers", unit: str = "人", digits: int = 0) -> dict:
    return {
        "type": "scatter", "mode": mode, "name": plotly_text(name), "x": x, "y": y,
        "line": {"color": PALETTE[index % len(PALETTE)], "dash": DASHES[index % len(DASHES)], "width": 2.5},
        "marker": {"symbol": SYMBOLS[index % len(SYMBOLS)], "size": 8, "color": PALETTE[index % len(PALETTE)]},
        "hovertemplate": f"%{{x}}年: %{{y:,.{digits}f}}{plotly_text(unit)}<extra>{plotly_text(name)}</extra>",
    }


# Beside a scenario's name where no badge can go (legends, in Plotly and the SVG alike) when its projection is
# computed from values that include a sample (ScenarioResult.status); tables show the badge (Column.sample).
SAMPLE_NAME_MARK = "（サンプル）"


def scenario_label(result: ScenarioResult, name: str | None = None) -> str:
    """A scenario's name (or `name`, a label made from it) as a legend shows it: marked when computed from samples."""
    return (name or result.scenario.name) + (SAMPLE_NAME_MARK if result.sample else "")


def _sources(*groups) -> tuple[Source, ...]:
    """One Source per distinct source text of the rows (CSV rows name their source)."""
    seen: list[Source] = []
    for rows in groups:
        for row in rows:
            source = Source(title=row.source, needs_check=row.status == "未確認")
            if source not in seen:
                seen.append(source)
    return tuple(seen)


def _is_sample(*groups) -> bool:
    return any(row.status == "sample" for rows in groups for row in rows)


def history_chart(census: list[CensusRow], baseline: ScenarioResult, updated: date, sample_projection: bool) -> Chart:
    """Census totals, then the baseline projection; a line marks where projection begins."""
    rows = sorted(census, key=lambda r: r.year)
    base_year = min(baseline.populations)
    projected = [(y, int(p.total)) for y, p in sorted(baseline.shown.items())]  # as shown: the sum of the cells shown
    figure = {
        "data": [
            _line("国勢調査の人口（実績）", [r.year for r in rows], [r.total for r in rows], 0),
            _line(scenario_label(baseline, f"推計（{baseline.scenario.name}）"), [y for y, _ in projected], [v for _, v in projected], 1),
        ],
        "layout": _layout(shapes=[{"type": "line", "xref": "x", "yref": "paper", "x0": base_year, "x1": base_year,
                                   "y0": 0, "y1": 1, "line": {"dash": "dot", "color": "currentColor"}}],
                          annotations=[{"x": base_year, "y": 1, "xref": "x", "yref": "paper", "text": "← 実績 ｜ 推計 →",
                                        "showarrow": False, "yanchor": "bottom"}]),
        "config": PLOTLY_CONFIG,
    }
    table_rows = [(r.year, "実績（国勢調査）", r.total) for r in rows]
    table_rows += [(y, "推計", v) for y, v in projected if y > base_year]
    status = [status_of(r.status) for r in rows] + [baseline.status for y, _ in projected if y > base_year]
    return Chart(
        id="population-history", title="総人口の推移と推計", unit="人",
        summary=(f"国勢調査の総人口は{year_label(rows[0].year)}の{format_number(rows[0].total)}人から"
                 f"{year_label(rows[-1].year)}の{format_number(rows[-1].total)}人まで増えました。"
                 f"{baseline.scenario.name}の推計では{year_label(projected[-1][0])}に{format_number(projected[-1][1])}人です。"),
        sources=_sources(rows), updated=updated,
        table=Table((Column("year", "年", kind="year"), Column("kind", "区分"), Column("total", "総人口", kind="number", unit="人")),
                    tuple(table_rows), status=tuple(status), key=("year",)),
        figure=figure, sample=sample_projection or _is_sample(rows),
        notes=("実績の値は二次資料から写したもので、e-Stat（国勢調査）で確認中です。",) if any(r.status == "未確認" for r in rows) else (),
    )


def age_structure_chart(result: ScenarioResult, updated: date, sample: bool) -> Chart:
    """Three age groups (stacked) and the aging rate, for every projected year (of the cells shown: they add up to
    the scenario's total)."""
    shown = result.shown
    years = sorted(shown)
    groups = [("0-14", "0〜14歳", 0, 14), ("15-64", "15〜64歳", 15, 64), ("65+", "65歳以上", 65, None)]
    data, bases = [], [0.0] * len(years)
    for index, (_, label, lo, hi) in enumerate(groups):
        values = [int(shown[y].count(lo, hi)) for y in years]
        data.append({"type": "bar", "name": label, "x": years, "y": values, "base": list(bases),
                     "marker": {"color": PALETTE[index]},
                     "hovertemplate": f"%{{x}}年: %{{y:,}}人<extra>{label}</extra>"})
        bases = [b + v for b, v in zip(bases, values)]
    rows = tuple((y, *(int(shown[y].count(lo, hi)) for _, _, lo, hi in groups), shown[y].aging_rate * 100) for y in years)
    return Chart(
        id="population-age-structure", title="年齢3区分別の人口と高齢化率", unit="人",
        summary=(f"{result.scenario.name}による年齢3区分別の人口です。高齢化率（65歳以上の割合）は{year_label(years[0])}の"
                 f"{format_number(rows[0][-1], 1)}%から{year_label(years[-1])}に{format_number(rows[-1][-1], 1)}%になります。"),
        sources=(), updated=updated,
        table=Table((Column("year", "年", kind="year"), *(Column(k, label, kind="number", unit="人") for k, label, _, _ in groups),
                     Column("aging", "高齢化率", kind="number", unit="%", digits=1, description="65歳以上の人口の割合。")),
                    rows, status=(result.status,) * len(rows), key=("year",)),
        figure={"data": data, "layout": _layout(barmode="overlay"), "config": PLOTLY_CONFIG},
        sample=sample, source_note="基準人口と仮定値からこのサイトで推計",
    )


def _flow_chart(rows: list[VitalRow], updated: date, *, chart_id: str, title: str, what: str,
                series: tuple[tuple[str, str], tuple[str, str]], balance: str) -> Chart:
    """Two yearly counts (in and out of the population) and their balance."""
    rows = sorted(rows, key=lambda r: r.year)
    years = [r.year for r in rows]
    (first_key, first_label), (second_key, second_label) = series
    first = [getattr(r, first_key) for r in rows]
    second = [getattr(r, second_key) for r in rows]
    return Chart(
        id=chart_id, title=title, unit="人",
        summary=f"{year_label(years[0])}から{year_label(years[-1])}までの{first_label}と{second_label}（{what}）です。",
        sources=_sources(rows), updated=updated,
        table=Table((Column("year", "年", kind="year"), Column(first_key, first_label, kind="number", unit="人"),
                     Column(second_key, second_label, kind="number", unit="人"),
                     Column("balance", balance, kind="number", unit="人", description=f"{first_label}−{second_label}（この行の値から計算）。")),
                    tuple((y, a, b, a - b) for y, a, b in zip(years, first, second)), status=tuple(status_of(r.status) for r in rows), key=("year",)),
        figure={"data": [_line(first_label, years, first, 0), _line(second_label, years, second, 1)], "layout": _layout(), "config": PLOTLY_CONFIG},
        sample=_is_sample(rows),
    )


def vital_chart(rows: list[VitalRow], updated: date) -> Chart:
    return _flow_chart(rows, updated, chart_id="population-births-deaths", title="出生数と死亡数", what="自然増減",
                       series=(("births", "出生数"), ("deaths", "死亡数")), balance="自然増減")


def migration_chart(rows: list[VitalRow], updated: date) -> Chart:
    return _flow_chart(rows, updated, chart_id="population-migration", title="転入数と転出数", what="社会増減",
                       series=(("in_migration", "転入数"), ("out_migration", "転出数")), balance="社会増減")


def natural_social_chart(rows: list[VitalRow], updated: date) -> Chart:
    rows = sorted(rows, key=lambda r: r.year)
    natural = [r.births - r.deaths for r in rows]
    social = [r.in_migration - r.out_migration for r in rows]
    trace = _line("各年", natural, social, 0, mode="lines+markers")
    trace["text"] = [str(r.year) for r in rows]
    trace["hovertemplate"] = "%{text}年: 自然増減 %{x:,}人、社会増減 %{y:,}人<extra></extra>"
    return Chart(
        id="population-natural-social", title="自然増減と社会増減", unit="人",
        summary="横軸が自然増減（出生数−死亡数）、縦軸が社会増減（転入数−転出数）で、各年の点を年の順に結んでいます。",
        sources=_sources(rows), updated=updated,
        table=Table((Column("year", "年", kind="year"),
                     Column("natural", "自然増減", kind="number", unit="人", description="出生数−死亡数（その年の値から計算）。"),
                     Column("social", "社会増減", kind="number", unit="人", description="転入数−転出数（その年の値から計算）。")),
                    tuple(zip((r.year for r in rows), natural, social)), status=tuple(status_of(r.status) for r in rows), key=("year",)),
        figure={"data": [trace], "layout": _layout(x_title="自然増減（人）", y_title="社会増減（人）",
                                                      xaxis={"tickformat": ","}), "config": PLOTLY_CONFIG},
        sample=_is_sample(rows),
    )


def tfr_chart(rows: list[TfrRow], updated: date, city: str) -> Chart:
    """The city's rate first, then the other areas in the order the table names them."""
    areas = list(dict.fromkeys([city, *(r.area for r in rows)]))
    data = []
    for index, area in enumerate(areas):
        points = sorted((r.year, r.tfr) for r in rows if r.area == area)
        if points:
            data.append(_line(area, [y for y, _ in points], [v for _, v in points], index, unit="", digits=2))
    ordered = sorted(rows, key=lambda r: (r.year, areas.index(r.area)))
    shown = [area for area in areas if any(r.area == area for r in rows)]
    return Chart(
        id="population-tfr", title=f"合計特殊出生率（{'・'.join(shown)}）", unit="",
        summary=f"{'、'.join(shown)}の合計特殊出生率です。" + "、".join(
            f"{r.area}{format_number(r.tfr, 2)}（{year_label(r.year)}）" for r in ordered if r.area == city) + "。",
        sources=_sources(rows), updated=updated,
        table=Table((Column("year", "年", kind="year"), Column("area", "地域"), Column("tfr", "合計特殊出生率", kind="number", digits=2)),
                    tuple((r.year, r.area, r.tfr) for r in ordered), status=tuple(status_of(r.status) for r in ordered), key=("year", "area")),
        figure={"data": data, "layout": _layout(y_title="", yaxis={"tickformat": ".2f", "rangemode": "normal"}), "config": PLOTLY_CONFIG},
        sample=_is_sample(rows),
    )


def scenario_chart(results: dict[str, ScenarioResult], updated: date, sample: bool) -> Chart:
    years = sorted(next(iter(results.values())).populations)
    names = list(results.values())
    totals = {r.scenario.id: {y: int(p.total) for y, p in r.shown.items()} for r in names}  # the sums of the cells shown
    data = [_line(scenario_label(r), years, [totals[r.scenario.id][y] for y in years], i) for i, r in enumerate(names)]
    return Chart(
        id="population-scenarios", title="シナリオ別の総人口の推計", unit="人",
        summary=f"{len(names)}つのシナリオによる{year_label(years[-1])}までの総人口です。" + "、".join(
            f"{r.scenario.name}は{format_number(totals[r.scenario.id][years[-1]])}人" for r in names) + f"（{year_label(years[-1])}）。",
        sources=tuple(r.scenario.source for r in names if r.scenario.source), updated=updated,
        table=Table((Column("year", "年", kind="year"),
                     *(Column(r.scenario.id, r.scenario.name, kind="number", unit="人", sample=r.sample) for r in names)),
                    tuple((y, *(totals[r.scenario.id][y] for r in names)) for y in years),
                    status=(derived(r.status for r in names),) * len(years), key=("year",)),
        figure={"data": data, "layout": _layout(), "config": PLOTLY_CONFIG},
        sample=sample, source_note="基準人口と仮定値からこのサイトで推計",
    )


def pyramid_chart(population: Population, year: int, scenario_name: str, updated: date, sample: bool, chart_id: str,
                  status: str | None = None) -> Chart:
    """Men to the left, women to the right; oldest at the top. `status`: of the projection (else from `sample`)."""
    status = status or derived([SAMPLE] if sample else [])
    population = population.shown()  # whole people: the 総人口 below is the sum of the cells shown
    ages = list(population.groups)
    peak = max(max(population.male), max(population.female)) or 1
    step = nice_ticks(0, peak, 2)[1] if peak > 0 else 1  # round tick values, e.g. 2,500
    ticks = [v * step for v in range(-int(peak // step), int(peak // step) + 1)]
    figure = {
        "data": [
            {"type": "bar", "orientation": "h", "name": "男性", "y": ages, "x": [-round(v) for v in population.male], "base": [0] * len(ages),
             "marker": {"color": PALETTE[0]}, "customdata": [round(v) for v in population.male],
             "hovertemplate": "%{y}歳 男性 %{customdata:,}人<extra></extra>"},
            {"type": "bar", "orientation": "h", "name": "女性", "y": ages, "x": [round(v) for v in population.female], "base": [0] * len(ages),
             "marker": {"color": PALETTE[1]}, "hovertemplate": "%{y}歳 女性 %{x:,}人<extra></extra>"},
        ],
        "layout": _layout(height=460, x_title="人（左: 男性、右: 女性）", y_title="", barmode="overlay", bargap=0.1,
                          xaxis={"range": [-peak * 1.05, peak * 1.05], "tickvals": ticks,
                                 "ticktext": [format_number(abs(v)) for v in ticks]},
                          # The first group (0-4) at the bottom, the oldest on top, in Plotly and the SVG alike.
                          yaxis={"categoryorder": "array", "categoryarray": ages}),
        "config": PLOTLY_CONFIG,
    }
    return Chart(
        id=chart_id, title=f"{year_label(year)}の人口ピラミッド", unit="人",
        summary=(f"{year_label(year)}の5歳階級別の人口（{scenario_name}）です。総人口{format_number(population.total)}人、"
                 f"高齢化率{format_number(population.aging_rate * 100, 1)}%。"),
        sources=(), updated=updated,
        table=Table((Column("age", "年齢"), Column("male", "男性", kind="number", unit="人"), Column("female", "女性", kind="number", unit="人")),
                    tuple((f"{age}歳", round(m), round(f)) for age, m, f in zip(ages, population.male, population.female)),
                    status=(status,) * len(ages), key=("age",)),
        figure=figure, sample=sample, source_note="基準人口と仮定値からこのサイトで推計",
    )


def base_pyramid_chart(rows: list[AgeSexRow], population: Population, year: int, updated: date, chart_id: str) -> Chart:
    """The base year's pyramid: the base population as read (population/base_population.csv), not a projection, so
    each row keeps its own status (見本, 確定 …) and the table's sources are the rows' own."""
    if [row.age for row in rows] != list(population.groups):
        raise ValueError("the base population's rows and groups differ")
    chart = pyramid_chart(population, year, "基準人口", updated, _is_sample(rows), chart_id)
    assert chart.table is not None  # a pyramid has its table
    return replace(chart, sources=_sources(rows), source_note="",
                   table=replace(chart.table, status=tuple(status_of(row.status) for row in rows)))


def target_chart(baseline: ScenarioResult, target: ScenarioResult, updated: date, sample: bool) -> Chart:
    """The target against the baseline. Every number is shown rounded to a person, and every gap shown is the
    difference of the two numbers shown beside it (so that the printed figures add up)."""
    years = sorted(baseline.populations)
    last = years[-1]
    targets, baselines = target.shown, baseline.shown
    shown = {y: (int(targets[y].total), int(baselines[y].total)) for y in years}
    gap = shown[last][0] - shown[last][1]
    data = [
        _line(scenario_label(target), years, [shown[y][0] for y in years], 0),
        _line(scenario_label(baseline), years, [shown[y][1] for y in years], 1),
    ]
    layout = _layout(
        shapes=[{"type": "line", "xref": "x", "yref": "y", "x0": last, "x1": last,
                 "y0": shown[last][1], "y1": shown[last][0], "line": {"dash": "dot", "color": "currentColor"}}],
        annotations=[{"x": last, "y": shown[last][0], "xref": "x", "yref": "y", "showarrow": False, "xanchor": "right",
                      "text": f"差 {'+' if gap >= 0 else '−'}{format_number(abs(gap))}人"}],
    )
    return Chart(
        id="population-target", title=f"将来展望と{baseline.scenario.name}の比較", unit="人",
        summary=(f"{year_label(last)}の将来展望は{format_number(shown[last][0])}人で、"
                 f"{baseline.scenario.name}の{format_number(shown[last][1])}人より{format_number(abs(gap))}人"
                 f"{'多く' if gap >= 0 else '少なく'}なります。"),
        sources=tuple(s for s in (target.scenario.source, baseline.scenario.source) if s), updated=updated,
        table=Table((Column("year", "年", kind="year"), Column("target", "将来展望", kind="number", unit="人", sample=target.sample),
                     Column("baseline", baseline.scenario.name, kind="number", unit="人", sample=baseline.sample),
                     Column("gap", "差", kind="number", unit="人", sample=target.sample or baseline.sample,
                            description=f"将来展望−{baseline.scenario.name}（この行の値から計算）。")),
                    tuple((y, shown[y][0], shown[y][1], shown[y][0] - shown[y][1]) for y in years),
                    status=(derived([target.status, baseline.status]),) * len(years), key=("year",)),
        figure={"data": data, "layout": layout, "config": PLOTLY_CONFIG},
        sample=sample, source_note="基準人口と仮定値からこのサイトで推計",
    )
