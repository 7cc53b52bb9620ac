"""Open data over the whole built fixture site: every download says each row's status, the data package validates
with the frictionless library against the built files, the zip holds every file, and the data page lists them all."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import frictionless
import pytest
import yaml
from openpyxl import load_workbook
from support import FIXTURE

from generator.compute.provenance import STATUSES, is_sample

DATA = "assets/data"


def _rows(path: Path) -> list[dict]:
    """A download's rows as {column name: cell}, whatever its format."""
    if path.suffix == ".csv":
        return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    sheets = load_workbook(path).worksheets
    assert len(sheets) == 1, f"{path.name}: one table per file"
    header, *rows = [[cell.value for cell in row] for row in sheets[0].iter_rows()]
    return [dict(zip(header, row)) for row in rows]


@pytest.fixture(scope="module")
def downloads(built_site: Path) -> dict[str, list[dict]]:
    folder = built_site / DATA
    found = {p.relative_to(folder).as_posix(): _rows(p) for p in sorted(folder.rglob("*")) if p.suffix in (".csv", ".json", ".xlsx")
             and p.name != "datapackage.json"}
    assert len(found) > 40
    return found


@pytest.fixture(scope="module")
def package(built_site: Path) -> dict:
    return json.loads((built_site / DATA / "datapackage.json").read_text(encoding="utf-8"))


def test_every_row_of_every_download_has_a_known_status(downloads):
    for name, rows in downloads.items():
        assert rows, f"{name} has no rows"
        assert list(rows[0])[-1] == "状態", f"{name}: the status is not its last column"
        unknown = {row["状態"] for row in rows} - set(STATUSES)
        assert not unknown, f"{name}: unknown statuses {unknown}"


def test_rows_computed_from_samples_say_so(downloads):
    # The fixture's projection inputs are samples: every projected row is computed from them.
    for name in ("population-scenarios.csv", "population-target.csv", "population-age-structure.csv", "population-pyramid-2060.csv"):
        assert {row["状態"] for row in downloads[name]} == {"算出（見本を含む）"}, name
    history = downloads["population-history.csv"]
    assert {row["状態"] for row in history if row["区分"] == "推計"} == {"算出（見本を含む）"}
    assert all(not is_sample(row["状態"]) for row in history if row["区分"] == "実績（国勢調査）")  # census rows are not samples
    # A year's evaluation counts sample actuals: its rows and its grade counts say so, and the サンプルを含む column
    # agrees with the status both ways (a grade from sample bands is sample-derived: はい and 算出（見本を含む）).
    for name in ("review-2023.csv", "review-2024.csv", "review-2024.xlsx"):
        assert all(is_sample(row["状態"]) == (row["サンプルを含む"] == "はい") for row in downloads[name]), name


def test_values_read_from_the_data_keep_their_rows_status(downloads):
    """A download that copies rows of the data (not computed) says each row's own status: the base year's pyramid is
    population/base_population.csv as read (the audit found it labelled 算出（見本を含む））."""
    base_year = yaml.safe_load((FIXTURE / "population/vision.yml").read_text(encoding="utf-8"))["base_year"]
    text = (FIXTURE / "population/base_population.csv").read_bytes().decode("utf-8-sig")
    base = list(csv.DictReader(io.StringIO(text, newline="")))
    words = {"sample": "見本"}
    for name in (f"population-pyramid-{base_year}.csv", f"population-pyramid-{base_year}.json"):
        rows = downloads.get(name)
        if rows is None:
            continue  # only the CSV is published for a chart's table
        assert [(row["年齢"], int(row["男性"]), int(row["女性"])) for row in rows] == [
            (f"{row['age']}歳", int(row["male"]), int(row["female"])) for row in base], name
        assert [row["状態"] for row in rows] == [words.get(row["status"], row["status"]) for row in base], name
    assert f"population-pyramid-{base_year}.csv" in downloads
    # Rows copied from the census, vital and fertility tables keep their status too (never a derived one).
    for name in ("population-births-deaths.csv", "population-migration.csv", "population-tfr.csv"):
        assert not any(row["状態"].startswith("算出") for row in downloads[name]), name
    assert not any(row["状態"].startswith("算出") for row in downloads["population-history.csv"] if row["区分"] == "実績（国勢調査）")


def test_a_kpis_own_data_has_every_actual_with_the_status_of_its_data(downloads):
    for path in sorted((FIXTURE / "kpis").glob("*.yml")):
        kpi = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows, table = downloads[f"kpis/{kpi['id']}.json"], downloads[f"kpis/{kpi['id']}.csv"]
        assert [list(row) for row in rows] == [list(row) for row in table]  # the same columns and rows in both formats
        assert [row["状態"] for row in rows] == [row["状態"] for row in table]
        actuals = {row["年"]: row for row in rows if row["区分"] == "実績"}
        assert len(actuals) == len(kpi.get("actuals", [])), kpi["id"]
        for actual in kpi.get("actuals", []):
            row = actuals[actual["year"]]
            assert row["値"] == pytest.approx(actual["value"]) and row["単位"] == (kpi.get("unit") or "")
            if actual["status"] == "sample" or kpi.get("sample"):
                assert row["状態"] == "見本", (kpi["id"], actual)
        assert [row["区分"] for row in rows][-1] == "目標値" and all(row["指標ID"] == kpi["id"] for row in rows)


def test_the_data_package_validates_against_the_built_files(built_site, package):
    report = frictionless.validate(built_site / DATA / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    read = {task.name: task.stats.get("rows") for task in report.tasks}
    assert set(read) == {r["name"] for r in package["resources"]} and all(read.values()), read  # every file was read, row by row


def test_every_data_file_is_described_and_every_status_field_has_the_vocabulary(built_site, package, downloads):
    described = {r["path"] for r in package["resources"]}
    assert described == set(downloads)  # nothing downloadable goes undescribed
    for resource in package["resources"]:
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        assert fields["状態"]["constraints"]["enum"] == list(STATUSES), resource["name"]
        assert all(f["type"] in ("integer", "number") for f in fields.values() if "unit" in f)
    assert package["licenses"][0]["title"] == "政府標準利用規約（第2.0版）"


def test_the_zip_holds_every_resource_and_the_package(built_site, package):
    archive = zipfile.ZipFile(built_site / DATA / "all-data.zip")
    names = set(archive.namelist())
    assert names == {r["path"] for r in package["resources"]} | {"datapackage.json"}
    for name in names:
        assert archive.read(name) == (built_site / DATA / name).read_bytes(), name


def test_the_data_page_lists_every_resource_and_links_the_package_and_the_zip(built_site, package):
    page = (built_site / "data/index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="\.\./assets/data/([^"]+)"', page))
    assert {r["path"] for r in package["resources"]} | {"datapackage.json", "all-data.zip"} == links
    assert "政府標準利用規約（第2.0版）" in page and "算出（見本を含む）" in page  # the licence and the meaning of each status
    kpi_page = (built_site / "kpis/kpi-1-startups/index.html").read_text(encoding="utf-8")
    assert 'href="../../assets/data/kpis/kpi-1-startups.csv"' in kpi_page and 'href="../../assets/data/kpis/kpi-1-startups.json"' in kpi_page
