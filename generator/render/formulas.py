"""How a KPI's grade was computed, in the words and numbers a page shows."""

from __future__ import annotations

from generator.charts.kpi import COMPARED_VALUE, year_text
from generator.compute.progress import Basis, Progress
from generator.model.strategy import Kpi
from generator.text.numbers import format_number

# Reasons a KPI cannot be graded, by Basis.rule.
NOT_MEASURABLE = {
    "no_actual": "目標の対象となる実績がまだありません。",
    "no_baseline": "基準値がないため、基準値から目標値までの進み具合を計算できません。",
    "band_no_baseline": "基準値がないため判定できません。",
    "band_zero_baseline": "基準値が0のため、基準値からの変化率を計算できません。",
    "nonpositive_target": "目標値が0以下のため、達成率では判定できません（distance_to_target などを使ってください）。",
    "not_started": "まだ期待される進み具合が0のため、比べられません。",
    "no_target_year": "目標年度の記載がないため、経過に応じた期待値を計算できません。",
    "no_previous_year": "前の年（度）の実績がないため、比べられません。",
}


def formula_text(kpi: Kpi, progress: Progress) -> str:
    """The calculation of `progress` in one line, e.g. 「実績 74.1 ÷ 目標値 80.0 × 100 = 92.6%」."""
    basis = progress.basis
    if basis.rule in NOT_MEASURABLE:
        return NOT_MEASURABLE[basis.rule]
    text = _base_formula(kpi, basis)
    if basis.expected is not None:
        text += (f"。経過に応じた期待値 {basis.expected:.1f}%（{basis.start}→{basis.end} のうち {basis.year} まで）に対して "
                 f"{basis.percent:.1f} ÷ {basis.expected:.1f} × 100 = {progress.percent:.1f}%")
    return text


def _base_formula(kpi: Kpi, basis: Basis) -> str:
    def fmt(value: float | None) -> str:
        return format_number(value, kpi.digits)

    shown = COMPARED_VALUE.get(kpi.target.type, "実績")
    value, target, baseline = fmt(basis.value), fmt(basis.target), fmt(basis.baseline)
    if basis.rule == "year_on_year":
        direction = "上回って" if kpi.better == "higher" else "下回って"
        result = f"{direction}います（100%）" if basis.percent == 100 else f"{direction}いません（0%）"
        before = f"前{kpi.year_type}"
        assert basis.year is not None  # a year_on_year basis names the year compared
        return f"目標は{before}より良くすること。{shown} {value} は{before}（{year_text(kpi, basis.year)}）の {target} を{result}。"
    if basis.rule == "band_reached":
        return f"判定: {shown} {value} は目標値 {target} に到達しています。"
    if basis.rule == "band":
        return f"判定: 基準値 {baseline} からの改善率 {basis.change:+.1f}%（±{basis.band:g}% 以内は横ばい）。"
    if basis.rule == "reached":
        return f"{shown} {value} は目標値 {target} に到達しています（100%とみなします）。"
    if basis.rule == "ratio":
        return f"{shown} {value} ÷ 目標値 {target} × 100 = {basis.percent:.1f}%"
    if basis.rule == "ratio_lower":
        return f"目標値 {target} ÷ {shown} {value} × 100 = {basis.percent:.1f}%（低いほど良い指標）"
    if basis.rule == "keep":
        kept = "維持できています（100%）" if basis.percent == 100 else "維持できていません（0%）"
        return f"目標は基準値 {baseline} の維持。{shown} {value} は{kept}。"
    if basis.rule == "floor":
        if basis.percent == 100:
            return f"目標は{shown}を目標値 {target} 以上に保つこと。{shown} {value} は目標値以上です（100%）。"
        return (f"目標は{shown}を目標値 {target} 以上に保つこと。{shown} {value} は目標値を下回っています"
                f"（{shown} {value} ÷ 目標値 {target} × 100 = {basis.percent:.1f}%）。")
    if basis.rule == "cap":
        if basis.percent == 100:
            return f"目標は{shown}を目標値 {target} 以下に保つこと。{shown} {value} は目標値以下です（100%）。"
        return (f"目標は{shown}を目標値 {target} 以下に保つこと。{shown} {value} は目標値を超えています"
                f"（目標値 {target} ÷ {shown} {value} × 100 = {basis.percent:.1f}%）。")
    if basis.rule == "distance":
        return f"（{shown} {value} − 基準値 {baseline}）÷（目標値 {target} − 基準値 {baseline}）× 100 = {basis.percent:.1f}%"
    raise ValueError(f"unknown basis rule {basis.rule!r}")
