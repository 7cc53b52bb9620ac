from generator.model.project import DATA_COLLECTIONS, DATA_FILES
from generator.render.reference import field_reference, type_name


def test_every_field_of_every_data_model_is_in_the_reference():
    docs = {doc.anchor: doc for doc in field_reference()}
    for _, model in list(DATA_FILES.values()) + list(DATA_COLLECTIONS.values()):
        doc = docs[model.__name__.lower()]
        assert [f.name for f in doc.fields] == list(model.model_fields)
        assert all(f.description for f in doc.fields)
    assert "kpis/<id>.yml" in docs["kpi"].files


def test_type_names_are_planner_words():
    from generator.model.strategy import Kpi

    assert type_name(Kpi.model_fields["actuals"].annotation).startswith("一覧（項目の組（[Actual](#actual)）")
    assert type_name(Kpi.model_fields["better"].annotation) == "次のどれか: higher、lower"
    assert type_name(Kpi.model_fields["digits"].annotation) == "整数"
