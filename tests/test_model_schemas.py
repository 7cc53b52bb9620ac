"""The editors' JSON Schemas: current with the models, Japanese, strict, and accepting every fixture file."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from support import FIRST_REVISION, FIXTURE, REPO, copy_project

from generator.load.yamlio import load_file, load_text
from generator.model.schemas import (
    DRAFT,
    SCHEMA_FOLDER,
    json_schemas,
    schema_comment,
    schema_targets,
    schema_text,
    target_of,
    vscode_schema_map,
    with_schema_comment,
)
from generator.pipeline import load_project

FIXTURES = (FIXTURE, FIXTURE.parent / "city2")
RUN = "python -m generator schema"


def validator(name: str) -> Draft7Validator:
    return Draft7Validator(json_schemas()[f"{name}.schema.json"], format_checker=Draft7Validator.FORMAT_CHECKER)


def fixture_files() -> list[tuple[Path, str]]:
    """Every YAML data file of the fixture projects that has a schema, with its path in its project."""
    found = []
    for root in FIXTURES:
        for target in schema_targets().values():
            found += [(path, path.relative_to(root).as_posix()) for pattern in target.patterns for path in sorted(root.glob(pattern))]
    return found


def test_committed_schemas_are_what_the_models_define():
    committed = {path.name: path.read_text(encoding="utf-8") for path in (REPO / SCHEMA_FOLDER).glob("*.schema.json")}
    expected = {name: schema_text(schema) for name, schema in json_schemas().items()}
    stale = sorted(name for name in committed.keys() | expected.keys() if committed.get(name) != expected.get(name))
    assert not stale, f"{SCHEMA_FOLDER}/ differs from the models in {stale}: run `{RUN}` and commit the result"


def test_vscode_maps_every_schema_to_its_files_and_recommends_the_yaml_extension():
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings.get("yaml.schemas") == vscode_schema_map(), f".vscode/settings.json is out of date: run `{RUN}`"
    assert vscode_schema_map()["./schemas/kpis.schema.json"] == ["kpis/*.yml", "kpis/*.yaml"]
    assert vscode_schema_map()["./schemas/periods.schema.json"] == ["strategy/periods/*.yml", "strategy/periods/*.yaml"]
    assert "redhat.vscode-yaml" in json.loads((REPO / ".vscode/extensions.json").read_text(encoding="utf-8"))["recommendations"]


def test_one_schema_per_yaml_family_planners_write_and_none_for_records():
    assert sorted(json_schemas()) == sorted(f"{name}.schema.json" for name in (
        "site", "policy", "plan_periods", "national_framework", "strategy", "glossary", "reviews", "vision", "kpis", "periods",
        "revisions", "organization", "process", "public_comments", "materials", "news", "verifications"))
    assert target_of("strategy/revisions/2021-03.yml") is None  # written by new-revision
    assert target_of("strategy/reviews/2023.json") is None  # written by freeze-review
    assert target_of("population/census.csv") is None  # a spreadsheet's table
    assert target_of("kpis/kpi-1-1.yml").name == "kpis"


def test_schema_text_is_deterministic_json():
    text = schema_text(json_schemas()["site.schema.json"])
    assert text.endswith("}\n") and "\n \"$schema\": " in text and "自治体名" in text  # indent=1, Japanese as it is
    assert text == schema_text(json.loads(text))  # keys sorted


def _walk(value, path=()):
    if isinstance(value, dict):
        yield path, value
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))


def _has_japanese(text: str) -> bool:
    return any(ord(char) > 0x3000 for char in text)


@pytest.mark.parametrize("name", sorted(json_schemas()))
def test_schemas_are_draft7_japanese_and_closed(name: str):
    schema = json_schemas()[name]
    Draft7Validator.check_schema(schema)
    assert schema["$schema"] == DRAFT and "$defs" not in json.dumps(schema)
    for path, node in _walk(schema):
        if "title" in node and isinstance(node["title"], str):
            assert _has_japanese(node["title"]), (name, path, node["title"])  # no English titles made from field names
        if isinstance(node.get("description"), str):
            assert _has_japanese(node["description"]), (name, path, node["description"])  # no English docstrings
        if node.get("type") == "object" and "properties" in node:
            assert node.get("additionalProperties") is False, (name, path)  # a typo'd key is underlined


def test_kpi_schema_has_enums_examples_and_dates():
    schema = json_schemas()["kpis.schema.json"]
    assert schema["title"] == "指標（数値目標・KPI）"
    properties = schema["properties"]
    assert properties["kind"]["enum"] == ["数値目標", "KPI", "全体目標"]
    assert properties["better"]["enum"] == ["higher", "lower"]
    assert properties["id"]["examples"] == ["kpi-1-1"] and properties["id"]["pattern"] == "^[a-z0-9]+(-[a-z0-9]+)*$"
    assert properties["updated"] == {"description": properties["updated"]["description"], "format": "date", "type": "string"}
    assert "実績を追加したら書き換えます" in properties["updated"]["description"]
    actual = schema["definitions"]["Actual"]
    assert actual["title"] == "実績" and actual["properties"]["status"]["enum"] == ["確定", "速報", "sample"]
    assert set(schema["required"]) == {"id", "name", "kind", "definition", "better", "target", "updated"}


def test_every_fixture_yaml_file_matches_its_schema():
    files = fixture_files()
    covered = set()
    for path, relative in files:
        document, _ = load_file(path, relative)
        assert document is not None, relative
        target = target_of(relative)
        errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(target.name).iter_errors(document.data)]
        assert not errors, (relative, errors)
        covered.add(target.name)
    revisions, _ = load_text(FIRST_REVISION, "strategy/revisions.yml")  # the fixtures' list of revisions (tests/support.py)
    assert not list(validator("revisions").iter_errors(revisions.data))
    assert covered | {"revisions"} == {target.name for target in schema_targets().values()}


def kpi_data() -> dict:
    document, _ = load_file(FIXTURE / "kpis/kpi-1-startups.yml", "kpis/kpi-1-startups.yml")
    return document.data


def messages(name: str, data: dict) -> list[str]:
    return [error.message for error in validator(name).iter_errors(data)]


def test_a_typo_in_a_key_is_rejected_where_it_stands():
    data = kpi_data()
    data["nmae"] = data.pop("name")
    found = messages("kpis", data)
    assert any("'nmae' was unexpected" in m for m in found) and any("'name' is a required property" in m for m in found)
    data = kpi_data()
    data["actuals"][0]["sorce"] = {"title": "x"}  # inside a list item too
    assert any("'sorce' was unexpected" in m for m in messages("kpis", data))


def test_a_wrong_choice_a_bad_date_and_a_bad_id_are_rejected():
    data = kpi_data()
    data["kind"] = "ＫＰＩ"
    data["actuals"][0]["status"] = "確認済"
    found = messages("kpis", data)
    assert any("'ＫＰＩ' is not one of ['数値目標', 'KPI', '全体目標']" in m for m in found)
    assert any("'確認済' is not one of ['確定', '速報', 'sample']" in m for m in found)
    data = kpi_data()
    data["updated"] = "2024-13-01"
    data["id"] = "KPI 1"
    found = messages("kpis", data)
    assert any("'2024-13-01' is not a 'date'" in m for m in found) and any("'KPI 1' does not match" in m for m in found)
    data["updated"] = "2024-12-01"  # a date as YAML 1.2 gives it: text written 2024-12-01
    data["id"] = "kpi-1-startups"
    assert messages("kpis", data) == []


def test_the_schema_line_points_to_the_schema_from_each_folder():
    assert schema_comment("kpis/kpi-1-1.yml") == "# yaml-language-server: $schema=../schemas/kpis.schema.json"
    assert schema_comment("strategy/periods/period-1.yml") == "# yaml-language-server: $schema=../../schemas/periods.schema.json"
    assert schema_comment("population/vision.yml") == "# yaml-language-server: $schema=../schemas/vision.schema.json"
    for target in schema_targets().values():
        for pattern in target.patterns:
            file = pattern.replace("*", "example")
            relative = schema_comment(file).split("$schema=", 1)[1]
            assert (REPO / posixpath.dirname(file) / relative).resolve() == (REPO / target.path).resolve()
    assert with_schema_comment("kpis/a.yml", "id: a\n") == "# yaml-language-server: $schema=../schemas/kpis.schema.json\nid: a\n"
    once = with_schema_comment("kpis/a.yml", "id: a\n")
    assert with_schema_comment("kpis/a.yml", once) == once
    assert with_schema_comment("population/census.csv", "year\n") == "year\n"


def test_the_schema_line_changes_nothing_the_generator_reads(tmp_path: Path):
    plain = copy_project(tmp_path / "plain", FIXTURE.parent / "city2")
    marked = copy_project(tmp_path / "marked", FIXTURE.parent / "city2")
    for path, relative in [(p, p.relative_to(marked).as_posix()) for p in sorted(marked.rglob("*.yml"))]:
        path.write_text(with_schema_comment(relative, path.read_text(encoding="utf-8")), encoding="utf-8")
    assert (marked / "strategy/periods/period-1.yml").read_text(encoding="utf-8").startswith("# yaml-language-server: ")
    before, report = load_project(plain)
    after, marked_report = load_project(marked)
    assert report.ok and marked_report.ok, marked_report.format()
    assert after == before  # the same models: the same pages
    assert [(p.file, p.message) for p in marked_report.problems] == [(p.file, p.message) for p in report.problems]
