import pytest

from generator.compute.progress import evaluate
from generator.model.strategy import Evaluation, Kpi

THRESHOLDS = Evaluation(
    method="distance_to_target",
    description="距離",
    grades=[
        {"grade": "A", "label": "達成", "min_percent": 100},
        {"grade": "B", "label": "順調", "min_percent": 60},
        {"grade": "C", "label": "遅れ", "min_percent": 0},
        {"grade": "D", "label": "後退"},
    ],
)
NAGAYO = Evaluation(
    method="baseline_band",
    description="長与町方式",
    grades=[
        {"grade": "S", "label": "目標達成", "rule": "target_reached"},
        {"grade": "A", "label": "改善", "rule": "above_baseline"},
        {"grade": "B", "label": "横ばい", "rule": "near_baseline"},
        {"grade": "C", "label": "悪化", "rule": "below_baseline"},
    ],
)


def kpi(actuals, baseline=(70.0, 2019), target=(80.0, 2025), better="higher", target_type="時点", **extra):
    data = {
        "id": "k", "name": "指標", "kind": "KPI", "goal": "g", "measure": "m", "definition": "d", "unit": "%",
        "digits": 1, "better": better, "updated": "2026-11-28",
        "target": {"value": target[0], "year": target[1], "type": target_type, "sample": True},
        "actuals": [{"year": y, "value": v, "status": "sample"} for y, v in actuals],
    }
    if target_type != "時点":
        data["target"].update({"year": None, "from_year": target[1] - 4, "to_year": target[1]})
    if baseline is not None:
        data["baseline"] = {"value": baseline[0], "year": baseline[1], "sample": True}
    data.update(extra)
    return Kpi.model_validate(data)


@pytest.mark.parametrize(("actual", "grade", "percent"), [(80, "A", 100), (76, "B", 60), (71, "C", 10), (65, "D", -50)])
def test_distance_to_target_grades(actual, grade, percent):
    progress = evaluate(kpi([(2022, actual)]), THRESHOLDS, 2021)
    assert progress.grade == grade and progress.percent == pytest.approx(percent)
    assert progress.as_of == 2022 and progress.value == actual
    assert (progress.basis.rule, progress.basis.baseline, progress.basis.target) == ("distance", 70.0, 80.0)


def test_lower_is_better_distance_works_with_the_same_formula():
    progress = evaluate(kpi([(2022, 15)], baseline=(20, 2019), target=(10, 2025), better="lower"), THRESHOLDS, 2021)
    assert progress.percent == pytest.approx(50) and progress.grade == "C"


def test_achievement_rate_both_directions():
    method = THRESHOLDS.model_copy(update={"method": "achievement_rate"})
    assert evaluate(kpi([(2022, 60)]), method, 2021).percent == pytest.approx(75)
    lower = evaluate(kpi([(2022, 20)], baseline=None, target=(10, 2025), better="lower"), method, 2021)
    assert lower.percent == pytest.approx(50) and lower.basis.rule == "ratio_lower"


def test_no_baseline_is_not_measurable_for_distance_but_fine_for_achievement():
    progress = evaluate(kpi([(2022, 75)], baseline=None), THRESHOLDS, 2021)
    assert not progress.measurable and progress.grade == "－" and progress.basis.rule == "no_baseline"
    assert evaluate(kpi([(2022, 75)], baseline=None), THRESHOLDS.model_copy(update={"method": "achievement_rate"}), 2021).measurable


def test_no_actuals_yet():
    progress = evaluate(kpi([]), THRESHOLDS, 2021)
    assert not progress.measurable and progress.as_of is None


def test_as_of_uses_only_actuals_known_then():
    k = kpi([(2021, 72), (2022, 76), (2023, 80)])
    assert evaluate(k, THRESHOLDS, 2021, as_of=2022).value == 76
    assert evaluate(k, THRESHOLDS, 2021).value == 80


def test_pro_rated_compares_with_elapsed_share():
    # baseline 2019, target 2025: by 2022 half of the way (3/6) is expected.
    progress = evaluate(kpi([(2022, 75)]), THRESHOLDS.model_copy(update={"method": "pro_rated"}), 2021)
    assert progress.expected_percent == pytest.approx(50)
    assert progress.percent == pytest.approx(100) and progress.grade == "A"


def test_cumulative_target_sums_the_window():
    k = kpi([(2021, 10), (2022, 15), (2026, 99)], baseline=None, target=(100, 2025), target_type="累計")
    progress = evaluate(k, THRESHOLDS, 2021)
    assert progress.value == 25 and progress.percent == pytest.approx(25)
    prorated = evaluate(k, THRESHOLDS.model_copy(update={"method": "pro_rated"}), 2021)
    assert prorated.expected_percent == pytest.approx(40)  # 2 of 5 years


def test_average_target():
    k = kpi([(2021, 10), (2022, 20)], baseline=(5, 2020), target=(25, 2025), target_type="平均")
    progress = evaluate(k, THRESHOLDS, 2021)
    assert progress.value == 15 and progress.percent == pytest.approx(50) and progress.grade == "C"


@pytest.mark.parametrize(("actual", "grade"), [(81, "S"), (78, "A"), (75, "B"), (72, "B"), (68, "B"), (60, "C")])
def test_nagayo_baseline_band(actual, grade):
    assert evaluate(kpi([(2022, actual)]), NAGAYO, 2021).grade == grade


def test_kpi_evaluation_overrides_the_strategy_rule():
    k = kpi([(2022, 81)], evaluation=NAGAYO.model_dump())
    assert evaluate(k, THRESHOLDS, 2021).grade == "S"


def test_sample_inputs_are_flagged_and_real_ones_are_not():
    assert evaluate(kpi([(2022, 75)]), THRESHOLDS, 2021).sample
    real = kpi([(2022, 75)]).model_copy(update={
        "target": kpi([]).target.model_copy(update={"sample": False}),
        "baseline": kpi([]).baseline.model_copy(update={"sample": False}),
        "actuals": [a.model_copy(update={"status": "確定"}) for a in kpi([(2022, 75)]).actuals],
    })
    assert not evaluate(real, THRESHOLDS, 2021).sample
    # Real values graded by sample bands: the grade rests on a sample, so the evaluation is flagged.
    assert evaluate(real, THRESHOLDS.model_copy(update={"sample": True}), 2021).sample


def test_lower_is_better_towards_zero_with_achievement_rate():
    method = THRESHOLDS.model_copy(update={"method": "achievement_rate"})
    reached = evaluate(kpi([(2022, 0)], baseline=(50, 2020), target=(0, 2025), better="lower"), method, 2021)
    assert reached.percent == 100 and reached.grade == "A"
    missed = evaluate(kpi([(2022, 12)], baseline=(50, 2020), target=(0, 2025), better="lower"), method, 2021)
    assert not missed.measurable and missed.basis.rule == "nonpositive_target"


def test_keeping_the_level_is_reached_or_not():
    kept = evaluate(kpi([(2022, 71)], baseline=(70, 2019), target=(70, 2025)), THRESHOLDS, 2021)
    lost = evaluate(kpi([(2022, 69)], baseline=(70, 2019), target=(70, 2025)), THRESHOLDS, 2021)
    assert (kept.percent, kept.grade) == (100, "A") and (lost.percent, lost.grade) == (0, "C")


def test_actuals_outside_baseline_to_target_years_are_not_compared():
    k = kpi([(2018, 90), (2022, 75), (2027, 95)], baseline=(70, 2019), target=(80, 2025))
    progress = evaluate(k, THRESHOLDS, 2021)
    assert progress.value == 75 and progress.as_of == 2022


def test_average_is_not_pro_rated():
    k = kpi([(2021, 10), (2022, 20)], baseline=(5, 2020), target=(25, 2025), target_type="平均")
    progress = evaluate(k, THRESHOLDS.model_copy(update={"method": "pro_rated"}), 2021)
    assert progress.expected_percent is None and progress.percent == pytest.approx(50) and progress.grade == "C"


def test_cumulative_progress_does_not_invent_a_baseline():
    k = kpi([(2021, 10), (2022, 15)], baseline=None, target=(100, 2025), target_type="累計")
    basis = evaluate(k, THRESHOLDS, 2021).basis
    assert basis.rule == "ratio" and basis.baseline is None and basis.percent == pytest.approx(25)


def test_cumulative_lower_is_better_is_a_cap_not_an_achievement():
    over = kpi([(2021, 700), (2022, 600)], baseline=None, target=(1200, 2025), better="lower", target_type="累計")
    progress = evaluate(over, THRESHOLDS, 2021)
    assert progress.basis.rule == "cap" and progress.percent == pytest.approx(1200 / 1300 * 100) and progress.grade == "B"
    under = kpi([(2021, 500)], baseline=None, target=(1200, 2025), better="lower", target_type="累計")
    assert evaluate(under, THRESHOLDS, 2021).percent == 100 and evaluate(under, THRESHOLDS, 2021).grade == "A"
    pro_rated = evaluate(over, THRESHOLDS.model_copy(update={"method": "pro_rated"}), 2021)
    assert pro_rated.expected_percent is None and pro_rated.grade == "B"  # a cap is not pro-rated


def test_binary_fractions_do_not_cost_a_grade():
    k = kpi([(2024, 1.40)], baseline=(1.30, 2020), target=(1.50, 2025))
    halves = Evaluation(method="distance_to_target", description="d", grades=[
        {"grade": "A", "label": "a", "min_percent": 100}, {"grade": "B", "label": "b", "min_percent": 50}, {"grade": "C", "label": "c"}])
    progress = evaluate(k, halves, 2021)
    assert (1.40 - 1.30) / (1.50 - 1.30) * 100 < 50  # the float arithmetic itself falls short
    assert progress.grade == "B"


def relative(target: dict, actuals, baseline=(50.0, 2021), better="lower"):
    data = {"id": "k", "name": "指標", "kind": "KPI", "goal": "g", "measure": "m", "definition": "d", "unit": "分",
            "better": better, "updated": "2026-11-28", "target": target,
            "actuals": [{"year": y, "value": v, "status": "確定", "source": {"title": "s"}} for y, v in actuals]}
    if baseline is not None:
        data["baseline"] = {"value": baseline[0], "year": baseline[1], "sample": True}
    return Kpi.model_validate(data)


def test_a_percent_change_target_is_worked_out_from_the_baseline():
    k = relative({"type": "変化率", "value": -10, "year": 2026, "sample": True}, [(2024, 47)])
    assert k.target_value == pytest.approx(45)
    assert evaluate(k, THRESHOLDS, 2021).percent == pytest.approx(60)


def test_keep_the_level_target_is_the_baseline():
    k = relative({"type": "維持", "year": 2026, "sample": True}, [(2024, 49)])
    assert k.target_value == 50 and evaluate(k, THRESHOLDS, 2021).percent == 100  # lower is better: 49 keeps it


def test_year_on_year_compares_with_the_year_before_only():
    k = relative({"type": "前年度比", "sample": True}, [(2022, 120), (2023, 100), (2024, 90)], baseline=None, better="higher")
    assert evaluate(k, THRESHOLDS, 2021).percent == 0  # 90 < 100
    assert evaluate(k, THRESHOLDS, 2021, as_of=2023).percent == 0  # 100 < 120
    alone = relative({"type": "前年度比", "sample": True}, [(2024, 90)], baseline=None, better="higher")
    assert evaluate(alone, THRESHOLDS, 2021).basis.rule == "no_previous_year"


def test_relative_targets_ask_for_the_right_fields():
    with pytest.raises(Exception, match="value を書きません"):
        relative({"type": "維持", "value": 50, "year": 2026}, [])
    with pytest.raises(Exception, match="value（目標値）を書いてください"):
        relative({"type": "変化率", "year": 2026}, [])


def test_a_target_below_the_baseline_of_a_higher_is_better_kpi_is_a_floor():
    """「19,500人以上を保つ」 while the population falls from 20,000: above the target is on track."""
    on_track = kpi([(2026, 19800)], baseline=(20000, 2024), target=(19500, 2029))
    progress = evaluate(on_track, THRESHOLDS, 2025)
    assert progress.basis.rule == "floor" and progress.percent == 100 and progress.grade == "A"
    below = evaluate(kpi([(2026, 19400)], baseline=(20000, 2024), target=(19500, 2029)), THRESHOLDS, 2025)
    assert below.percent == pytest.approx(19400 / 19500 * 100) and below.grade == "B"


def test_year_on_year_takes_the_baseline_as_the_year_before():
    k = relative({"type": "前年度比", "sample": True}, [(2025, 85)], baseline=(80, 2024), better="higher")
    progress = evaluate(k, THRESHOLDS, 2025)
    assert (progress.basis.rule, progress.basis.target, progress.percent) == ("year_on_year", 80, 100)
