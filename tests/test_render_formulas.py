"""The calculation behind a grade, worded for the KPI page."""

import pytest
from test_compute_progress import NAGAYO, THRESHOLDS, kpi

from generator.compute.progress import Basis, evaluate
from generator.render.formulas import NOT_MEASURABLE, formula_text


def test_distance_names_baseline_target_and_value_with_the_kpis_digits():
    k = kpi([(2022, 76)])
    assert formula_text(k, evaluate(k, THRESHOLDS, 2021)) == "（実績 76.0 − 基準値 70.0）÷（目標値 80.0 − 基準値 70.0）× 100 = 60.0%"


def test_lower_is_better_ratio_says_so():
    k = kpi([(2022, 20)], baseline=None, target=(10, 2025), better="lower")
    text = formula_text(k, evaluate(k, THRESHOLDS.model_copy(update={"method": "achievement_rate"}), 2021))
    assert text == "目標値 10.0 ÷ 実績 20.0 × 100 = 50.0%（低いほど良い指標）"


def test_cumulative_names_the_total_and_no_baseline():
    k = kpi([(2021, 10), (2022, 15)], baseline=None, target=(100, 2025), target_type="累計")
    assert formula_text(k, evaluate(k, THRESHOLDS, 2021)) == "実績の累計 25.0 ÷ 目標値 100.0 × 100 = 25.0%"


def test_pro_rated_adds_the_expected_progress():
    k = kpi([(2022, 75)], baseline=(70, 2019), target=(80, 2025))
    text = formula_text(k, evaluate(k, THRESHOLDS.model_copy(update={"method": "pro_rated"}), 2021))
    assert text.endswith("。経過に応じた期待値 50.0%（2019→2025 のうち 2022 まで）に対して 50.0 ÷ 50.0 × 100 = 100.0%")


def test_band_names_the_change_and_the_band():
    k = kpi([(2022, 77)], baseline=(70, 2019), target=(80, 2025))
    assert formula_text(k, evaluate(k, NAGAYO, 2021)) == "判定: 基準値 70.0 からの改善率 +10.0%（±10% 以内は横ばい）。"


def test_keeping_the_level_says_whether_it_was_kept():
    k = kpi([(2022, 69)], baseline=(70, 2019), target=(70, 2025))
    assert formula_text(k, evaluate(k, THRESHOLDS, 2021)) == "目標は基準値 70.0 の維持。実績 69.0 は維持できていません（0%）。"


@pytest.mark.parametrize("rule", sorted(NOT_MEASURABLE))
def test_every_reason_for_no_grade_has_words(rule):
    k = kpi([(2022, 75)])
    progress = evaluate(k, THRESHOLDS, 2021)
    text = formula_text(k, type(progress)(None, None, None, "－", "判定できません", Basis(rule), measurable=False))
    assert text == NOT_MEASURABLE[rule] and text.endswith("。")


def test_no_actual_yet_is_explained():
    k = kpi([])
    assert formula_text(k, evaluate(k, THRESHOLDS, 2021)) == "目標の対象となる実績がまだありません。"


def test_a_cap_says_whether_the_total_stayed_under_it():
    k = kpi([(2021, 700), (2022, 600)], baseline=None, target=(1200, 2025), better="lower", target_type="累計")
    assert formula_text(k, evaluate(k, THRESHOLDS, 2021)) == (
        "目標は実績の累計を目標値 1,200.0 以下に保つこと。実績の累計 1,300.0 は目標値を超えています"
        "（目標値 1,200.0 ÷ 実績の累計 1,300.0 × 100 = 92.3%）。")


def test_calendar_year_kpis_say_the_year_before_not_the_fiscal_year():
    from test_compute_progress import relative

    k = relative({"type": "前年度比", "sample": True}, [(2024, 90), (2025, 95)], baseline=None, better="higher")
    k = k.model_copy(update={"year_type": "年"})
    text = formula_text(k, evaluate(k, THRESHOLDS, 2021))
    assert text.startswith("目標は前年より良くすること。") and "前年（令和6(2024)年）の 90" in text


def test_a_floor_says_whether_the_value_stayed_over_it():
    k = kpi([(2026, 19400)], baseline=(20000, 2024), target=(19500, 2029))
    assert formula_text(k, evaluate(k, THRESHOLDS, 2025)).startswith("目標は実績を目標値 19,500.0 以上に保つこと。")
