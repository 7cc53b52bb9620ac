import pytest
from pydantic import ValidationError

from generator.model.strategy import Evaluation, Kpi, Target

GRADES = [{"grade": "A", "label": "a", "min_percent": 100}, {"grade": "B", "label": "b", "min_percent": 50}, {"grade": "C", "label": "c"}]


def test_percent_scales_need_descending_limits():
    Evaluation(method="distance_to_target", description="d", grades=GRADES)
    with pytest.raises(ValidationError, match="大きい順"):
        Evaluation(method="distance_to_target", description="d", grades=[GRADES[1], GRADES[0], GRADES[2]])
    with pytest.raises(ValidationError, match="min_percent"):
        Evaluation(method="achievement_rate", description="d", grades=[GRADES[0], {"grade": "B", "label": "b"}, GRADES[2]])


def test_baseline_band_needs_each_rule_once():
    with pytest.raises(ValidationError, match="rule"):
        Evaluation(method="baseline_band", description="d", grades=GRADES)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"type": "時点", "value": 1}, "year"),
        ({"type": "累計", "value": 1, "from_year": 2021}, "from_year"),
        ({"type": "平均", "value": 1, "from_year": 2025, "to_year": 2021}, "to_year"),
    ],
)
def test_target_shapes(data, message):
    with pytest.raises(ValidationError, match=message):
        Target.model_validate(data)


def test_target_last_year():
    assert Target(type="累計", value=1, from_year=2021, to_year=2025).last_year == 2025
    assert Target(type="時点", value=1, year=2024).last_year == 2024


def test_actual_status_is_one_of_three():
    base = {"id": "k", "name": "n", "kind": "KPI", "goal": "g", "measure": "m", "definition": "d", "unit": "%",
            "better": "higher", "target": {"value": 1, "year": 2025}, "updated": "2026-11-28"}
    Kpi.model_validate(base | {"actuals": [{"year": 2022, "value": 1, "status": "速報", "source": {"title": "s"}}]})
    with pytest.raises(ValidationError):
        Kpi.model_validate(base | {"actuals": [{"year": 2022, "value": 1, "status": "仮"}]})


def test_a_glossary_quotation_needs_its_source():
    from generator.model.strategy import GlossaryTerm

    source = {"title": "策定方針（案）"}
    assert GlossaryTerm(id="kpi", term="ＫＰＩ", description="引用した文。", quote=True, source=source).quote
    assert not GlossaryTerm(id="kpi", term="ＫＰＩ", description="要約した文。", source=source).quote  # a summary unless said
    with pytest.raises(ValidationError, match="引用"):
        GlossaryTerm(id="kpi", term="ＫＰＩ", description="出典のない引用。", quote=True)
