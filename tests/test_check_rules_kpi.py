from datetime import date

from generator.check.rules import kpi as checks
from generator.model.strategy import CityStrategy, Glossary, Kpi
from generator.problems import Severity

STRATEGY = CityStrategy.model_validate({
    "name": "戦略", "start_fy": 2021, "end_fy": 2025,
    "evaluation": {"method": "distance_to_target", "description": "d",
                   "grades": [{"grade": "A", "label": "a", "min_percent": 100}, {"grade": "B", "label": "b"}]},
    "goals": [{"id": "goal-1", "kind": "基本目標", "number": 1, "national_goal": "basic-1", "title": "t", "direction": ["d"],
               "measures": [{"id": "measure-1", "title": "m", "description": "d"}]}],
})
GLOSSARY = Glossary.model_validate({"terms": [{"id": "rate", "term": "率", "description": "d"}]})
TODAY = date(2026, 11, 28)


def kpi_data(**changes):
    data = {"id": "kpi-a", "name": "指標", "kind": "KPI", "goal": "goal-1", "measure": "measure-1", "definition": "d",
            "unit": "%", "better": "higher", "updated": "2026-11-28",
            "baseline": {"value": 10, "year": 2019, "source": {"title": "s"}},
            "target": {"value": 20, "year": 2025, "source": {"title": "s"}},
            "actuals": [{"year": 2022, "value": 12, "status": "確定", "source": {"title": "s"}}]}
    data.update(changes)
    return Kpi.model_validate(data)


def kpi_findings(kpi, file="kpis/kpi-a.yml"):
    return list(checks.kpi_consistency(file, kpi, STRATEGY, GLOSSARY, TODAY))


def test_a_consistent_kpi_has_no_findings():
    assert kpi_findings(kpi_data()) == []


def test_dangling_references_are_found():
    found = kpi_findings(kpi_data(goal="goal-9", glossary=["nothing"], name="指標※"))
    paths = [f.path for f in found]
    assert ("goal",) in paths and ("glossary", 0) in paths
    found = kpi_findings(kpi_data(measure="measure-9"))
    assert [f.path for f in found] == [("measure",)] and "measure-1" in found[0].hint


def test_kpi_needs_a_measure_and_id_must_match_the_file():
    found = kpi_findings(kpi_data(measure=None), file="kpis/other.yml")
    assert {f.path for f in found} == {("measure",), ("id",)}


def test_target_outside_the_plan_period():
    found = kpi_findings(kpi_data(target={"value": 20, "year": 2030, "source": {"title": "s"}}))
    assert [f.path for f in found] == [("target", "year")] and "計画期間" in found[0].message


def test_future_and_duplicate_actuals():
    actual = {"value": 12, "status": "確定", "source": {"title": "s"}}
    found = kpi_findings(kpi_data(actuals=[actual | {"year": 2026}, actual | {"year": 2022}, actual | {"year": 2022}]))
    messages = [f.message for f in found]
    assert not any("まだ来ていません" in m for m in messages)  # FY2026 is the current fiscal year
    assert any("2回書かれています" in m for m in messages)


def test_current_fiscal_year_is_not_future_but_next_is():
    actual = {"value": 12, "status": "確定", "source": {"title": "s"}}
    assert not [f for f in kpi_findings(kpi_data(actuals=[actual | {"year": 2026}])) if "まだ" in f.message]
    assert [f for f in kpi_findings(kpi_data(actuals=[actual | {"year": 2027}])) if "まだ" in f.message]


def test_unit_mismatch_and_missing_sources():
    found = kpi_findings(kpi_data(
        baseline={"value": 10, "year": 2019, "unit": "人", "source": {"title": "s"}},
        target={"value": 20, "year": 2025},
        actuals=[{"year": 2022, "value": 12, "status": "速報"}],
    ))
    paths = {f.path for f in found}
    assert ("baseline", "unit") in paths and ("target", "source") in paths and ("actuals", 0, "source") in paths


def test_sample_values_need_no_source():
    found = kpi_findings(kpi_data(target={"value": 20, "year": 2025, "sample": True},
                                  actuals=[{"year": 2022, "value": 12, "status": "sample"}]))
    assert found == []


def test_lower_is_better_with_target_above_baseline_warns():
    found = kpi_findings(kpi_data(better="lower"))
    assert [(f.path, f.severity) for f in found] == [(("target", "value"), Severity.WARNING)]


def test_a_kpi_rule_must_keep_the_strategy_grade_letters():
    own = {"method": "baseline_band", "description": "d", "grades": [
        {"grade": "S", "label": "s", "rule": "target_reached"}, {"grade": "A", "label": "a", "rule": "above_baseline"},
        {"grade": "B", "label": "b", "rule": "near_baseline"}, {"grade": "C", "label": "c", "rule": "below_baseline"}]}
    found = kpi_findings(kpi_data(evaluation=own))
    assert [f.path for f in found] == [("evaluation", "grades")] and "記号" in found[0].message


def test_measure_of_another_goal_names_its_goal():
    strategy = STRATEGY.model_copy(update={"goals": STRATEGY.goals + [STRATEGY.goals[0].model_copy(update={
        "id": "goal-2", "number": 2, "measures": [STRATEGY.goals[0].measures[0].model_copy(update={"id": "measure-2"})]})]})
    found = list(checks.kpi_consistency("kpis/kpi-a.yml", kpi_data(measure="measure-2"), strategy, GLOSSARY, TODAY))
    assert "goal-2" in found[0].hint


def test_cumulative_kpi_under_the_baseline_band_rule_warns():
    from generator.model.strategy import Evaluation

    band = STRATEGY.model_copy(update={"evaluation": Evaluation.model_validate({
        "method": "baseline_band", "description": "d", "grades": [
            {"grade": "A", "label": "a", "rule": "target_reached"}, {"grade": "B", "label": "b", "rule": "above_baseline"},
            {"grade": "C", "label": "c", "rule": "near_baseline"}, {"grade": "D", "label": "d", "rule": "below_baseline"}]})})
    kpi = kpi_data(baseline=None, target={"type": "累計", "value": 100, "from_year": 2021, "to_year": 2025, "source": {"title": "s"}})
    found = list(checks.kpi_consistency("kpis/kpi-a.yml", kpi, band, GLOSSARY, TODAY))
    assert [(f.path, f.severity) for f in found] == [(("target", "type"), Severity.WARNING)]


def test_a_relative_target_needs_a_baseline():
    kpi = kpi_data(baseline=None, target={"type": "変化率", "value": -10, "year": 2025, "source": {"title": "s"}})
    found = kpi_findings(kpi)
    assert [(f.path, "基準値（baseline）がありません" in f.message) for f in found] == [(("target", "type"), True)]


def test_a_strategy_level_indicator_with_a_goal_is_located_on_the_goal():
    found = kpi_findings(kpi_data(kind="全体目標", measure=None))
    assert [(f.path, "goal を書きません" in f.message) for f in found] == [(("goal",), True)]
