"""Progress of a KPI towards its target, and its grade.

Pure functions: a KPI and an evaluation rule in, a `Progress` out, carrying the
numbers of the calculation (`Basis`), so each page can show how a grade was
computed (as the municipalities that publish their method do); `render.formulas`
words them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.model.strategy import Actual, Evaluation, Kpi


@dataclass(frozen=True)
class Basis:
    """The calculation behind a grade, as numbers; `rule` names its shape.

    Rules: no_actual, no_baseline, band_no_baseline, band_reached, cap / floor (kept at or under / over a bound), band_zero_baseline, band,
    reached (counted as 100 %), nonpositive_target, no_target_year,
    year_on_year (target = the previous year's actual, `year` its year), no_previous_year, ratio, ratio_lower, keep,
    distance, not_started. `expected` is set when the percent was pro-rated.
    """

    rule: str
    value: float | None = None
    target: float | None = None
    baseline: float | None = None
    percent: float | None = None  # the ratio or distance before pro-rating
    change: float | None = None  # band: improvement over the baseline, in %
    band: float | None = None  # band: ± range counted as "no change", in %
    expected: float | None = None  # pro_rated: expected progress by now, in %
    start: int | None = None  # pro_rated: year progress is counted from
    end: int | None = None  # pro_rated: year it should be complete
    year: int | None = None  # the year of the value compared


@dataclass(frozen=True)
class Progress:
    as_of: int | None  # year (or fiscal year) of the latest actual used
    value: float | None  # what is compared with the target: latest value, total or average
    percent: float | None
    grade: str
    label: str
    basis: Basis  # how the percent was computed, with the numbers
    expected_percent: float | None = None  # pro_rated: where the KPI should be by now
    sample: bool = False  # an input is a sample value, or the evaluation rule that gave the grade is a sample
    measurable: bool = True
    compared: tuple[Actual, ...] = ()  # the actuals the value was made of (their status and "as of" dates)

    @property
    def preliminary(self) -> bool:
        """Whether the graded value rests on a preliminary (速報) actual."""
        return any(actual.status == "速報" for actual in self.compared)


def used_actuals(kpi: Kpi, as_of: int | None = None) -> list[Actual]:
    """Actuals up to `as_of` (all when None), oldest first."""
    return sorted((a for a in kpi.actuals if as_of is None or a.year <= as_of), key=lambda a: a.year)


def compared_value(kpi: Kpi, actuals: list[Actual]) -> tuple[float | None, list[Actual]]:
    """The value compared with the target, and the actuals it was made of."""
    target = kpi.target
    if not target.over_period:
        # Only years between the baseline and the target year measure progress towards it.
        first = kpi.baseline.last_year if kpi.baseline else None
        last = target.last_year  # None: the strategy states no target year, so no upper bound
        inside = [a for a in actuals if (last is None or a.year <= last) and (first is None or a.year > first)]
        return (inside[-1].value, inside[-1:]) if inside else (None, [])
    assert target.from_year is not None and target.to_year is not None  # the model requires both over a period
    window = [a for a in actuals if target.from_year <= a.year <= target.to_year]
    if not window:
        return None, []
    total = sum(a.value for a in window)
    return (total if target.type == "累計" else total / len(window)), window


def _grade_by_percent(evaluation: Evaluation, percent: float) -> tuple[str, str]:
    # Binary fractions must not cost a grade: (1.40 − 1.30) ÷ (1.50 − 1.30) is 49.999…, not below 50 %.
    percent = round(percent, 9)
    for band in evaluation.grades:
        if band.min_percent is None or percent >= band.min_percent:
            return band.grade, band.label
    last = evaluation.grades[-1]
    return last.grade, last.label


def _grade_by_rule(evaluation: Evaluation, rule: str) -> tuple[str, str]:
    band = next(g for g in evaluation.grades if g.rule == rule)
    return band.grade, band.label


def _band(kpi: Kpi, evaluation: Evaluation, value: float, year: int, baseline: float, sample: bool) -> Progress:
    """長与町-style grading: reached, or above / near / below the baseline."""
    target = kpi.target_value
    assert target is not None  # evaluate() grades only a KPI whose target is a number
    sign = 1 if kpi.better == "higher" else -1
    if sign * (value - target) >= 0:
        grade, label = _grade_by_rule(evaluation, "target_reached")
        return Progress(year, value, None, grade, label, Basis("band_reached", value, target), sample=sample)
    if baseline == 0:
        return _not_measurable(evaluation, year, value, Basis("band_zero_baseline"), sample)
    change = sign * (value - baseline) / abs(baseline) * 100
    rule = "near_baseline" if abs(change) <= evaluation.band_percent else ("above_baseline" if change > 0 else "below_baseline")
    grade, label = _grade_by_rule(evaluation, rule)
    return Progress(year, value, None, grade, label, Basis("band", value, target, baseline, change=change, band=evaluation.band_percent), sample=sample)


def _achievement(kpi: Kpi, value: float) -> Basis:
    """Value against target as a ratio (a zero or negative target makes no ratio)."""
    target = kpi.target_value
    assert target is not None  # evaluate() grades only a KPI whose target is a number
    reached = value >= target if kpi.better == "higher" else value <= target
    if target <= 0 or value < 0:
        # A ratio of a zero or negative target says nothing (0 ÷ 12 = 0 %, −100 ÷ −50 = 200 %).
        return Basis("reached", value, target, percent=100.0) if reached else Basis("nonpositive_target", value, target)
    if kpi.better == "higher":
        return Basis("ratio", value, target, percent=value / target * 100)
    if value == 0:
        return Basis("reached", value, target, percent=100.0)
    return Basis("ratio_lower", value, target, percent=target / value * 100)


def _distance(kpi: Kpi, value: float, baseline: float) -> Basis:
    """How far from the baseline towards the target the value has come."""
    target = kpi.target_value
    assert target is not None  # evaluate() grades only a KPI whose target is a number
    if target == baseline:  # "keep the level": reached or not
        kept = value >= target if kpi.better == "higher" else value <= target
        return Basis("keep", value, target, baseline, percent=100.0 if kept else 0.0)
    if kpi.target.type == "累計" and kpi.better == "lower":  # "keep the total at or under the target"
        return _bound(kpi, value, target)
    if not kpi.target.over_period and (target < baseline if kpi.better == "higher" else target > baseline):
        # A target on the worse side of the baseline is a bound ("keep 19,500 or more" while the
        # population falls from 20,000): distance towards it would grade an actual above it as behind.
        return _bound(kpi, value, target)
    percent = (value - baseline) / (target - baseline) * 100
    if kpi.target.type == "累計":
        return Basis("ratio", value, target, percent=percent)
    return Basis("distance", value, target, baseline, percent=percent)


def _bound(kpi: Kpi, value: float, target: float) -> Basis:
    """Stay at or under (lower is better: cap) or at or over (higher is better: floor) the target."""
    if kpi.better == "lower":
        return Basis("cap", value, target, percent=100.0 if value <= target else (target / value * 100 if value else 100.0))
    return Basis("floor", value, target, percent=100.0 if value >= target else (value / target * 100 if target else 0.0))


def _pro_rated(kpi: Kpi, basis: Basis, year: int, plan_start: int) -> Basis:
    """The distance against where the KPI should be by `year`."""
    if kpi.target.type == "累計":
        assert kpi.target.from_year is not None and kpi.target.to_year is not None  # the model requires both for 累計
        start, end = kpi.target.from_year - 1, kpi.target.to_year
    else:
        first = kpi.baseline.last_year if kpi.baseline else None
        start = first if first else plan_start - 1
        last = kpi.target.last_year
        if last is None:  # no target year stated: nothing to pro-rate against
            return replace(basis, rule="no_target_year")
        end = last
    expected = min(max((year - start) / (end - start), 0), 1) * 100 if end > start else 100.0
    return replace(basis, expected=expected, start=start, end=end, year=year)


def _not_measurable(evaluation: Evaluation, year: int | None, value: float | None, basis: Basis, sample: bool) -> Progress:
    return Progress(year, value, None, evaluation.not_measurable, "判定できません", basis, sample=sample, measurable=False)


def evaluate(kpi: Kpi, evaluation: Evaluation, plan_start: int, as_of: int | None = None) -> Progress:
    """Grade a KPI with the actuals known up to `as_of` (a year; None = all)."""
    evaluation = kpi.evaluation or evaluation
    actuals = used_actuals(kpi, as_of)
    value, parts = compared_value(kpi, actuals)
    # A grade given by sample bands (an evaluation rule still a sample) is derived from a sample too.
    sample = (evaluation.sample or kpi.sample or kpi.target.sample or bool(kpi.baseline and kpi.baseline.sample)
              or any(a.status == "sample" for a in parts))
    if kpi.target.type == "前年度比" and parts:
        previous = [a for a in actuals if a.year == parts[-1].year - 1]
        parts = previous + parts
        sample = sample or any(a.status == "sample" for a in previous)
        return replace(_year_on_year(kpi, evaluation, parts, sample), compared=tuple(parts))
    if value is not None and kpi.target_value is None:  # 変化率 or 維持 without a baseline (a rule reports it)
        return replace(_not_measurable(evaluation, parts[-1].year, value, Basis("no_baseline"), sample), compared=tuple(parts))
    return replace(_grade(kpi, evaluation, plan_start, value, parts, sample), compared=tuple(parts))


def _year_on_year(kpi: Kpi, evaluation: Evaluation, parts: list[Actual], sample: bool) -> Progress:
    """「前年度比増」: the latest actual against the one a year before; reached (100 %) or not (0 %)."""
    latest = parts[-1]
    if len(parts) >= 2:
        previous_year, previous_value = parts[0].year, parts[0].value
    elif kpi.baseline is not None and not kpi.baseline.over_period and kpi.baseline.year == latest.year - 1:
        previous_year, previous_value = latest.year - 1, kpi.baseline.value  # the baseline is the year before
    else:
        return _not_measurable(evaluation, latest.year, latest.value, Basis("no_previous_year", latest.value), sample)
    better = latest.value > previous_value if kpi.better == "higher" else latest.value < previous_value
    percent = 100.0 if better else 0.0
    basis = Basis("year_on_year", latest.value, previous_value, percent=percent, year=previous_year)
    grade, label = _grade_by_percent(evaluation, percent)
    return Progress(latest.year, latest.value, percent, grade, label, basis, sample=sample)


def _grade(kpi: Kpi, evaluation: Evaluation, plan_start: int, value: float | None, parts: list[Actual], sample: bool) -> Progress:
    if value is None:
        return _not_measurable(evaluation, None, None, Basis("no_actual"), sample)
    year = parts[-1].year
    baseline = 0.0 if kpi.target.type == "累計" else (kpi.baseline.value if kpi.baseline else None)
    if evaluation.method == "baseline_band":
        if baseline is None:
            return _not_measurable(evaluation, year, value, Basis("band_no_baseline"), sample)
        return _band(kpi, evaluation, value, year, baseline, sample)
    if evaluation.method == "achievement_rate":
        basis = _achievement(kpi, value)
    elif baseline is None:
        return _not_measurable(evaluation, year, value, Basis("no_baseline"), sample)
    else:
        basis = _distance(kpi, value, baseline)
        # Pro-rating: not for keeping a level or staying under a cap, nor for an average (it does not build up).
        if evaluation.method == "pro_rated" and basis.rule not in ("keep", "cap", "floor") and kpi.target.type != "平均":
            basis = _pro_rated(kpi, basis, year, plan_start)
            if basis.rule == "no_target_year":
                return _not_measurable(evaluation, year, value, basis, sample)
            if basis.expected == 0:
                return _not_measurable(evaluation, year, value, replace(basis, rule="not_started"), sample)
    if basis.percent is None:
        return _not_measurable(evaluation, year, value, basis, sample)
    percent = basis.percent if basis.expected is None else basis.percent / basis.expected * 100
    grade, label = _grade_by_percent(evaluation, percent)
    return Progress(year, value, percent, grade, label, basis, expected_percent=basis.expected, sample=sample)
