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


def _declared_models() -> dict[str, type]:
    """Every model a data file, CSV table or folder item is made of, found from the declaration alone
    (DATA_SOURCES and the models' fields), not from the page's code."""
    import typing

    from pydantic import BaseModel

    from generator.model.project import DATA_SOURCES

    found: dict[str, type] = {}
    stack = [source.model for source in DATA_SOURCES.values()]
    while stack:
        model = stack.pop()
        if model.__name__ in found:
            continue
        found[model.__name__] = model
        for field in model.model_fields.values():
            annotations = [field.annotation]
            while annotations:
                annotation = annotations.pop()
                if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                    stack.append(annotation)
                annotations.extend(typing.get_args(annotation))
    return found


def test_the_built_page_documents_every_field_of_every_declared_file_table_and_folder(built_site):
    import html
    import re

    from generator.model.project import DATA_SOURCES, DataTable

    page = html.unescape((built_site / "reference/fields/index.html").read_text(encoding="utf-8"))
    sections = dict(re.findall(r'<h2 id="([^"]+)"(.*?)(?=<h2 id=|\Z)', page, re.S))
    models = _declared_models()
    assert {"censusrow", "vitalrow", "tfrrow", "agesexrow", "assumptionrow", "kpi", "actual"} <= {name.lower() for name in models}
    for name, model in models.items():
        section = sections[name.lower()]
        for field_name, field in model.model_fields.items():
            assert f"<code>{field_name}</code>" in section, (name, field_name)
            assert field.description.split("。")[0] in section, (name, field_name)
    for source in DATA_SOURCES.values():
        if isinstance(source, DataTable):  # each CSV table names its file and every column's Japanese name
            section = sections[source.model.__name__.lower()]
            assert f"<code>{source.path}</code>" in section
            assert all(f"<td>{field.title}</td>" in section for field in source.model.model_fields.values())
