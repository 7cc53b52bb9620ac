"""Open data: datasets from the same tables as the downloads, the data package's schema, and the zip."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
import yaml
from support import FIXTURE

from generator.charts.model import STATUS_COLUMN, Column, Table
from generator.compute.provenance import STATUSES
from generator.pipeline import validate
from generator.render.figures import charts
from generator.render.opendata import PACKAGE, ZIP, field, schema, site_open_data, zipped


@pytest.fixture(scope="module")
def validated():
    validated = validate(FIXTURE)
    assert validated.project is not None, validated.report.format()
    return validated


@pytest.fixture(scope="module")
def data(validated):
    return site_open_data(validated.project, validated.computed, charts(validated.project, validated.computed))


def test_fields_say_type_unit_and_the_status_vocabulary():
    # In the files the unit has a column of its own: the header is the label, the field still names its unit.
    assert field(Column("n", "総人口", kind="number", unit="人", unit_column=True)) == {
        "name": "総人口", "title": "総人口", "type": "integer", "unit": "人"}
    assert field(Column("p", "進捗率", kind="number", digits=1))["type"] == "number"
    assert field(Column("y", "年", kind="year"))["type"] == "string"  # 令和2(2020)年: the era with the Western year
    assert "令和2(2020)年" in field(Column("y", "年", kind="year"))["description"]
    assert field(Column("y", "年", kind="integer", description="西暦"))["description"] == "西暦"
    status = field(STATUS_COLUMN)
    assert status["constraints"] == {"required": True, "enum": list(STATUSES)} and status["name"] == "状態"


def test_the_schema_has_the_files_columns_and_names_the_key_by_its_header():
    table = Table((Column("age", "年齢"), Column("m", "男性", kind="number", unit="人")), (("0-4歳", 1),), status=("見本",), key=("age",))
    found = schema(table)
    assert [f["name"] for f in found["fields"]] == ["年齢", "男性", "単位", "状態"] == [c.header for c in table.download_columns()]
    assert found["primaryKey"] == ["年齢"] and found["missingValues"] == [""]
    assert "primaryKey" not in schema(Table((Column("a", "A"),), (("x",),), status=("確定",)))


def test_every_download_is_a_dataset_whose_table_gives_each_row_its_status(validated, data):
    project = validated.project
    names = [d.name for d in data.datasets]
    assert len(names) == len(set(names))
    assert {f"{kpi_id}-data" for kpi_id in project.kpis} <= set(names) and set(project.kpis) <= set(names)
    for dataset in data.datasets:
        assert len(dataset.table.status) == len(dataset.table.rows) > 0, dataset.name
        for path in dataset.paths:  # each file is written from the dataset's table
            if path.endswith(".csv"):
                assert data.files[path] == dataset.table.to_csv()
    assert [d.group for d in data.datasets] == sorted((d.group for d in data.datasets), key=["総合戦略", "指標", "効果検証", "人口ビジョン"].index)


def test_the_package_describes_every_file_with_its_size_hash_and_the_licence(validated, data):
    package = json.loads(data.files[PACKAGE])
    paths = {f"assets/data/{r['path']}" for r in package["resources"]}
    assert paths == {path for d in data.datasets for path in d.paths} == set(data.files) - {PACKAGE, ZIP}
    assert package["licenses"] == [{"title": "政府標準利用規約（第2.0版）", "path": "https://www.digital.go.jp/resources/open_data/"}]
    for resource in package["resources"]:
        body = data.files[f"assets/data/{resource['path']}"]
        if resource["format"] != "json":
            assert resource["bytes"] == len(body) and resource["hash"].startswith("sha256:")
        if resource["format"] == "csv":
            header = next(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
            assert header == [f["name"] for f in resource["schema"]["fields"]]
    assert all(" " not in r["name"] and r["name"] == r["name"].lower() for r in package["resources"])
    assert "見本の値を含む値から計算した値" in package["description"]  # the status meanings travel with the data


def test_the_licence_comes_from_site_yml(project_copy):
    site = project_copy / "strategy/site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text + "data_license:\n  title: クリエイティブ・コモンズ 表示 4.0 国際\n"
                    "  url: https://creativecommons.org/licenses/by/4.0/deed.ja\n", encoding="utf-8")
    validated = validate(project_copy)
    assert validated.project is not None, validated.report.format()
    found = site_open_data(validated.project, validated.computed, charts(validated.project, validated.computed))
    assert json.loads(found.files[PACKAGE])["licenses"] == [
        {"title": "クリエイティブ・コモンズ 表示 4.0 国際", "path": "https://creativecommons.org/licenses/by/4.0/deed.ja"}]
    assert yaml.safe_load(site.read_text(encoding="utf-8"))["data_license"]["title"] == "クリエイティブ・コモンズ 表示 4.0 国際"


def test_the_zip_holds_every_file_and_the_package_the_same_way_every_time(data):
    archive = zipfile.ZipFile(io.BytesIO(data.files[ZIP]))
    names = archive.namelist()
    assert names == sorted(names) and "datapackage.json" in names
    assert {f"assets/data/{name}" for name in names} == set(data.files) - {ZIP}
    assert all(archive.read(name) == data.files[f"assets/data/{name}"] for name in names)
    assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    files = {"b.csv": b"1", "a/c.json": b"[]"}
    assert zipped(files) == zipped(dict(reversed(files.items())))


def test_a_dataset_of_sample_rows_is_marked(data):
    by_name = {d.name: d for d in data.datasets}
    assert by_name["population-scenarios"].sample  # projections from the fixture's sample inputs
    assert not by_name["plan-periods"].sample
