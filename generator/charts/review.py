"""Grade distribution of a yearly effect verification, per goal (stacked bars)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from generator.charts import (
    FONT_FAMILY,
    ON_PALETTE,
    PALETTE,
    PLOTLY_CONFIG,
    plotly_text,
)
from generator.charts.kpi import progress_status
from generator.charts.model import Chart, Column, Table
from generator.compute.progress import Progress
from generator.compute.provenance import PRELIMINARY, SAMPLE, derived
from generator.model.strategy import CityStrategy, FrozenReview, Kpi
from generator.text.eras import fiscal_year_label


def grade_order(strategy: CityStrategy) -> list[str]:
    return [band.grade for band in strategy.evaluation.grades] + [strategy.evaluation.not_measurable]


def groups(strategy: CityStrategy, kpis_by_goal: dict[str, list[Kpi]], overall: Sequence[Kpi] = ()) -> list[tuple[str, str, list[Kpi]]]:
    """(short label, long label, KPIs): the strategy-level indicators first (when any), then each goal."""
    found = [("戦略全体", "戦略全体", list(overall))] if overall else []
    return found + [(goal.label, f"{goal.label} {goal.title}", kpis_by_goal[goal.id]) for goal in strategy.goals]


def distribution(strategy: CityStrategy, kpis_by_goal: dict[str, list[Kpi]], progress: dict[str, Progress],
                 overall: Sequence[Kpi] = ()) -> list[Counter]:
    """The grades counted per group (see `groups`)."""
    return [Counter(progress[k.id].grade for k in kpis) for _, _, kpis in groups(strategy, kpis_by_goal, overall)]


def review_chart(fiscal_year: int, strategy: CityStrategy, kpis_by_goal: dict[str, list[Kpi]],
                 progress: dict[str, Progress], updated: date, overall: Sequence[Kpi] = ()) -> Chart:
    found = [(short, long) for short, long, _ in groups(strategy, kpis_by_goal, overall)]
    counts = distribution(strategy, kpis_by_goal, progress, overall)
    sample = any(p.sample for p in progress.values()) or strategy.evaluation.sample
    summary = f"{fiscal_year_label(fiscal_year)}までの実績による、目標ごとの指標の評価の件数です。"
    # A count of grades is computed from every evaluation it counts (and from the scale, when that is a sample).
    status = [derived([progress_status(k, progress[k.id]) for k in kpis]
                      + ([SAMPLE] if strategy.evaluation.sample else [])) for _, _, kpis in groups(strategy, kpis_by_goal, overall)]
    return grade_chart(fiscal_year, grade_order(strategy), found, counts, updated, sample, summary, status)


def frozen_review_chart(record: FrozenReview, strategy: CityStrategy) -> Chart:
    """The grade distribution of a finalised year, from the grades the council was shown."""
    counts: dict[tuple[str, str], Counter] = {}
    for row in record.rows:
        counts.setdefault((row.group, row.group_title), Counter())[row.grade] += 1
    grades = grade_order(strategy)
    grades += sorted({row.grade for row in record.rows} - set(grades))  # a grade of a scale changed since
    sample = any(row.sample for row in record.rows) or strategy.evaluation.sample
    summary = f"{fiscal_year_label(record.fiscal_year)}の効果検証で審議会に示した、目標ごとの指標の評価の件数です。"
    status = [derived([recorded_status(row.sample, row.preliminary) for row in record.rows if (row.group, row.group_title) == group]
                      + ([SAMPLE] if strategy.evaluation.sample else [])) for group in counts]
    return grade_chart(record.fiscal_year, grades, list(counts), list(counts.values()), record.date, sample, summary, status)


def recorded_status(sample: bool, preliminary: bool) -> str:
    """The status of a recorded evaluation (a finalised year's row keeps only whether it held a sample or a 速報 value)."""
    return derived([SAMPLE] * sample + [PRELIMINARY] * preliminary)


def grade_chart(fiscal_year: int, grades: list[str], found: list[tuple[str, str]], counts: list[Counter],
                updated: date, sample: bool, summary: str, status: list[str]) -> Chart:
    """Stacked bars: per group (short label, long label), how many indicators got each grade; `status`: each group's."""
    labels = [short for short, _ in found]
    data = []
    bases = [0] * len(found)
    for index, grade in enumerate(grades):
        values = [count[grade] for count in counts]
        if not any(values):
            continue
        data.append({
            "type": "bar", "orientation": "h", "name": plotly_text(grade), "y": labels, "x": values, "base": list(bases),
            "text": [plotly_text(grade) if v else "" for v in values], "textposition": "inside", "insidetextanchor": "middle",
            "textfont": {"color": ON_PALETTE},
            "marker": {"color": PALETTE[index % len(PALETTE)], "line": {"color": "var(--md-default-bg-color)", "width": 1}},
            "hovertemplate": f"%{{y}}: {plotly_text(grade)} %{{x}}件<extra></extra>",
        })
        bases = [b + v for b, v in zip(bases, values)]
    total = max(bases, default=1) or 1
    figure = {
        "data": data,
        "layout": {
            "barmode": "overlay", "font": {"family": FONT_FAMILY, "size": 13}, "height": 80 + 44 * len(labels),
            "margin": {"l": 10, "r": 10, "t": 36, "b": 40}, "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
            "legend": {"orientation": "h", "x": 0, "y": 1.12}, "showlegend": True,
            "xaxis": {"range": [0, total], "tickvals": list(range(0, total + 1)), "ticktext": [str(i) for i in range(0, total + 1)],
                      "title": {"text": "指標の数"}, "fixedrange": True},
            "yaxis": {"autorange": "reversed", "automargin": True, "fixedrange": True},
        },
        "config": dict(PLOTLY_CONFIG),
    }
    columns = (Column("goal", "目標"), *(Column(g, f"評価 {g}", kind="number", unit="件", description=f"評価が「{g}」の指標の数（このサイトで集計）。")
                                        for g in grades),
               Column("total", "合計", kind="number", unit="件", description="この目標の指標の数。"))
    rows = tuple((long, *(count[grade] for grade in grades), sum(count.values())) for (_, long), count in zip(found, counts))
    return Chart(
        id=f"review-{fiscal_year}-grades",
        title=f"{fiscal_year_label(fiscal_year)}の評価の分布",
        summary=summary,
        sources=(),
        updated=updated,
        table=Table(columns, rows, status=tuple(status), key=("goal",)),
        figure=figure,
        unit="件",
        sample=sample,
        source_note="各指標のページの出典から、このサイトで集計",
    )
