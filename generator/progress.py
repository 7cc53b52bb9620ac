"""Progress of a KPI towards its target, and its grade.

Pure functions: a KPI and an evaluation rule in, a `Progress` out, carrying the
inputs and the formula with its numbers, so each page can show how a grade
was computed (as the municipalities that publish their method do).
"""

from __future__ import annotations

from dataclasses import dataclass

from .charts.model import format_number
from .strategy_models import Actual, Evaluation, Kpi


@dataclass(frozen=True)
class Progress:
    as_of: int | None  # year (or fiscal year) of the latest actual used
    value: float | None  # what is compared with the target: latest value, total or average
    percent: float | None
    grade: str
    label: str
    formula: str  # how the percent was computed, with the numbers
    expected_percent: float | None = None  # pro_rated: where the KPI should be by now
    sample: bool = False  # an input is a sample value
    measurable: bool = True


def used_actuals(kpi: Kpi, as_of: int | None = None) -> list[Actual]:
    """Actuals up to `as_of` (all when None), oldest first."""
    return sorted((a for a in kpi.actuals if as_of is None or a.year <= as_of), key=lambda a: a.year)


def compared_value(kpi: Kpi, actuals: list[Actual]) -> tuple[float | None, list[Actual]]:
    """The value compared with the target, and the actuals it was made of."""
    target = kpi.target
    if target.type == "時点":
        # Only years between the baseline and the target year measure progress towards it.
        first = kpi.baseline.year if kpi.baseline and kpi.baseline.year else None
        inside = [a for a in actuals if a.year <= target.last_year and (first is None or a.year > first)]
        return (inside[-1].value, inside[-1:]) if inside else (None, [])
    window = [a for a in actuals if target.from_year <= a.year <= target.to_year]  # type: ignore[operator]
    if not window:
        return None, []
    total = sum(a.value for a in window)
    return (total if target.type == "累計" else total / len(window)), window


def _grade_by_percent(evaluation: Evaluation, percent: float) -> tuple[str, str]:
    for band in evaluation.grades:
        if band.min_percent is None or percent >= band.min_percent:
            return band.grade, band.label
    last = evaluation.grades[-1]
    return last.grade, last.label


def _grade_by_rule(evaluation: Evaluation, rule: str) -> tuple[str, str]:
    band = next(g for g in evaluation.grades if g.rule == rule)
    return band.grade, band.label


def evaluate(kpi: Kpi, evaluation: Evaluation, plan_start: int, as_of: int | None = None) -> Progress:
    """Grade a KPI with the actuals known up to `as_of` (a year; None = all)."""
    evaluation = kpi.evaluation or evaluation
    fmt = lambda v: format_number(v, kpi.digits)  # noqa: E731 - a local shorthand
    actuals = used_actuals(kpi, as_of)
    value, parts = compared_value(kpi, actuals)
    sample = kpi.sample or kpi.target.sample or bool(kpi.baseline and kpi.baseline.sample) or any(a.status == "sample" for a in parts)

    def not_measurable(reason: str) -> Progress:
        return Progress(parts[-1].year if parts else None, value, None, evaluation.not_measurable, "判定できません", reason,
                        sample=sample, measurable=False)

    if value is None:
        return not_measurable("目標の対象となる実績がまだありません。")
    year = parts[-1].year
    target = kpi.target.value
    cumulative = kpi.target.type == "累計"
    baseline = 0.0 if cumulative else (kpi.baseline.value if kpi.baseline else None)
    shown = {"累計": "実績の累計", "平均": "実績の平均"}.get(kpi.target.type, "実績")

    if evaluation.method == "baseline_band":
        if baseline is None:
            return not_measurable("基準値がないため判定できません。")
        sign = 1 if kpi.better == "higher" else -1
        if sign * (value - target) >= 0:
            grade, label = _grade_by_rule(evaluation, "target_reached")
            return Progress(year, value, None, grade, label, f"判定: {shown} {fmt(value)} は目標値 {fmt(target)} に到達しています。", sample=sample)
        if baseline == 0:
            return not_measurable("基準値が0のため、基準値からの変化率を計算できません。")
        change = sign * (value - baseline) / abs(baseline) * 100
        rule = "near_baseline" if abs(change) <= evaluation.band_percent else ("above_baseline" if change > 0 else "below_baseline")
        grade, label = _grade_by_rule(evaluation, rule)
        return Progress(year, value, None, grade, label,
                        f"判定: 基準値 {fmt(baseline)} からの改善率 {change:+.1f}%（±{evaluation.band_percent:g}% 以内は横ばい）。", sample=sample)

    if evaluation.method == "achievement_rate":
        reached = value >= target if kpi.better == "higher" else value <= target
        if target <= 0 or value < 0:
            # A ratio of a zero or negative target says nothing (0 ÷ 12 = 0 %, −100 ÷ −50 = 200 %).
            if reached:
                percent, formula = 100.0, f"{shown} {fmt(value)} は目標値 {fmt(target)} に到達しています（100%とみなします）。"
            else:
                return not_measurable("目標値が0以下のため、達成率では判定できません（distance_to_target などを使ってください）。")
        elif kpi.better == "higher":
            percent = value / target * 100
            formula = f"{shown} {fmt(value)} ÷ 目標値 {fmt(target)} × 100 = {percent:.1f}%"
        elif value == 0:
            percent, formula = 100.0, f"{shown} {fmt(value)} は目標値 {fmt(target)} に到達しています（100%とみなします）。"
        else:
            percent = target / value * 100
            formula = f"目標値 {fmt(target)} ÷ {shown} {fmt(value)} × 100 = {percent:.1f}%（低いほど良い指標）"
    else:
        if baseline is None:
            return not_measurable("基準値がないため、基準値から目標値までの進み具合を計算できません。")
        if target == baseline:  # "keep the level": reached or not
            kept = value >= target if kpi.better == "higher" else value <= target
            percent = 100.0 if kept else 0.0
            formula = (f"目標は基準値 {fmt(baseline)} の維持。{shown} {fmt(value)} は"
                       f"{'維持できています（100%）' if kept else '維持できていません（0%）'}。")
            grade, label = _grade_by_percent(evaluation, percent)
            return Progress(year, value, percent, grade, label, formula, sample=sample)
        percent = (value - baseline) / (target - baseline) * 100
        if cumulative:
            formula = f"{shown} {fmt(value)} ÷ 目標値 {fmt(target)} × 100 = {percent:.1f}%"
        else:
            formula = f"（{shown} {fmt(value)} − 基準値 {fmt(baseline)}）÷（目標値 {fmt(target)} − 基準値 {fmt(baseline)}）× 100 = {percent:.1f}%"
        if evaluation.method == "pro_rated" and kpi.target.type != "平均":  # an average is not expected to build up
            if cumulative:
                start, end = kpi.target.from_year - 1, kpi.target.to_year  # type: ignore[operator]
            else:
                start = kpi.baseline.year if kpi.baseline and kpi.baseline.year else plan_start - 1  # type: ignore[union-attr]
                end = kpi.target.last_year
            expected = min(max((year - start) / (end - start), 0), 1) * 100 if end > start else 100.0
            if expected == 0:
                return not_measurable("まだ期待される進み具合が0のため、比べられません。")
            distance = percent
            percent = distance / expected * 100
            formula += f"。経過に応じた期待値 {expected:.1f}%（{start}→{end} のうち {year} まで）に対して {distance:.1f} ÷ {expected:.1f} × 100 = {percent:.1f}%"
            grade, label = _grade_by_percent(evaluation, percent)
            return Progress(year, value, percent, grade, label, formula, expected_percent=expected, sample=sample)
    grade, label = _grade_by_percent(evaluation, percent)
    return Progress(year, value, percent, grade, label, formula, sample=sample)
