"""Names like 「社人研推計準拠」 only for projections made from IPSS's values; records of checks that name real rows."""

from __future__ import annotations

import re
from pathlib import Path

from generator.check.rules.sources import IPSS_NAME_PREVIEW, IPSS_NAME_PRODUCTION, ipss_names
from generator.compute import provenance
from generator.pipeline import load_project, validate
from generator.problems import Severity

VISION = "population/vision.yml"
ASSUMPTIONS = "population/assumptions.csv"
FLAGGED = "    sample: true\n  - id: fertility-up\n"  # the baseline scenario's sample flag
IPSS = "国立社会保障・人口問題研究所「日本の地域別将来推計人口（平成30(2018)年推計）」"


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def ipss_sourced(root: Path) -> None:
    """Every input of the baseline said to be IPSS's (a test's stand-in: the values stay the fixture's); its flag is the caller's."""
    path = root / ASSUMPTIONS
    path.write_text(re.sub(r",sample,[^\r\n]*", f",確定,{IPSS}", path.read_text(encoding="utf-8")), encoding="utf-8")
    edit(root, VISION, "    base_tfr: 1.4\n    sample: true\n", f"    base_tfr: 1.4\n    source: {{title: {IPSS}}}\n")


def naming(root: Path, production: bool) -> list:
    report = validate(root, production=production).report
    return [p for p in report.problems if p.code in (IPSS_NAME_PREVIEW, IPSS_NAME_PRODUCTION)]


def test_a_scenario_claiming_ipss_with_sample_inputs_is_a_located_warning_in_preview(project_copy: Path):
    edit(project_copy, VISION, FLAGGED, "  - id: fertility-up\n")  # the flag removed, the assumptions still samples
    [problem] = naming(project_copy, production=False)
    assert (problem.code, problem.severity, problem.field, problem.line) == (IPSS_NAME_PREVIEW, Severity.WARNING, "scenarios[0].name", 23)
    assert "パターン1（社人研推計準拠）" in problem.message and "18 行が見本" in problem.message
    assert "見本を含む値から算出" in problem.message
    assert "名前から社人研を外して" in problem.hint


def test_the_same_claim_is_an_error_in_production_and_replaces_the_warning(project_copy: Path):
    edit(project_copy, VISION, FLAGGED, "  - id: fertility-up\n")
    [problem] = naming(project_copy, production=True)
    assert (problem.code, problem.severity, problem.line) == (IPSS_NAME_PRODUCTION, Severity.ERROR, 23)
    assert problem.message.startswith("本番公開できません: ")


def test_a_sample_scenario_is_quiet_in_preview_but_refused_in_production(project_copy: Path):
    assert naming(project_copy, production=False) == []  # its name is shown with the sample badge
    [problem] = naming(project_copy, production=True)
    assert problem.field == "scenarios[0].name" and "シナリオが見本" in problem.message


def test_ipss_inputs_bear_the_name_out(project_copy: Path):
    ipss_sourced(project_copy)
    edit(project_copy, VISION, FLAGGED, "  - id: fertility-up\n")
    assert naming(project_copy, production=False) == []
    assert naming(project_copy, production=True) == []


def test_inputs_from_another_source_do_not_bear_the_name(project_copy: Path):
    ipss_sourced(project_copy)
    edit(project_copy, VISION, FLAGGED, "  - id: fertility-up\n")
    path = project_copy / ASSUMPTIONS
    path.write_text(path.read_text(encoding="utf-8").replace(IPSS, "市の独自推計", 1), encoding="utf-8")
    [problem] = naming(project_copy, production=False)
    assert "1 行の出典の列が社人研の資料ではありません" in problem.message


def test_renaming_the_scenario_ends_the_claim(project_copy: Path):
    edit(project_copy, VISION, "パターン1（社人研推計準拠）", "パターン1（基準推計）")
    edit(project_copy, VISION, FLAGGED, "  - id: fertility-up\n")
    assert naming(project_copy, production=True) == []


def test_the_rule_marks_exactly_the_projections_derived_from_samples(project_copy: Path):
    """The claim fails whenever the projection's status, by compute/provenance, is 算出（見本を含む）."""
    edit(project_copy, VISION, FLAGGED, "  - id: fertility-up\n")
    project, _ = load_project(project_copy)
    vision, rows = project.vision, project.assumptions
    inputs = [provenance.status_of(row.status) for row in rows] + [provenance.status_of(sample=f.sample) for f in vision.fertility]
    assert provenance.derived(inputs) == "算出（見本を含む）"
    assert [f.path for f in ipss_names(vision, rows)] == [("scenarios", 0, "name")]
    ipss_sourced(project_copy)
    project, _ = load_project(project_copy)
    inputs = [provenance.status_of(row.status) for row in project.assumptions]
    assert not provenance.is_sample(provenance.derived(inputs))
    assert list(ipss_names(project.vision, project.assumptions, production=True)) == []


def test_a_record_naming_no_row_is_a_located_warning(project_copy: Path):
    checks = project_copy / "population/verifications.yml"
    checks.write_text("tables:\n  - file: population/census.csv\n    source: 国勢調査\n    years: 2020\n"
                      "    verified: {by: テスト担当, date: 2025-06-02, page: 表1}\n"
                      "  - file: population/unknown.csv\n    source: 国勢調査\n    years: 2020\n"
                      "    verified: {by: テスト担当, date: 2025-06-02, page: 表1}\n", encoding="utf-8")
    report = validate(project_copy).report
    found = [(p.code, p.line, p.field) for p in report.warnings]
    assert found == [("W-SOURCE-CHECK-UNUSED", 3, "tables[0].source"), ("W-SOURCE-CHECK-UNUSED", 6, "tables[1].file")]
    assert report.ok


def test_a_record_of_years_without_rows_of_its_source_is_a_located_warning(project_copy: Path):
    source = "chiiki-chienowa.net（11227）による国勢調査の値。e-Stat で要確認"  # the census rows of 1985 to 2010
    checks = project_copy / "population/verifications.yml"
    checks.write_text(f"tables:\n  - file: population/census.csv\n    source: {source}\n    years: [2015, 2020]\n"
                      "    verified: {by: テスト担当, date: 2025-06-02, page: 表1}\n", encoding="utf-8")
    [warning] = validate(project_copy).report.warnings
    assert (warning.code, warning.line, warning.field) == ("W-SOURCE-CHECK-UNUSED", 4, "tables[0].years")
    assert "2015年・2020年の行がありません（この出典の行の年: 1985年・1990年・1995年・2000年・2005年・2010年）" in warning.message
    checks.write_text(checks.read_text(encoding="utf-8").replace("[2015, 2020]", "2005-2020"), encoding="utf-8")
    assert validate(project_copy).report.warnings == []  # one row of the span is enough: censuses are five years apart


def test_a_record_with_no_years_says_so(project_copy: Path):
    source = "chiiki-chienowa.net（11227）による国勢調査の値。e-Stat で要確認"
    checks = project_copy / "population/verifications.yml"
    checks.write_text(f"tables:\n  - file: population/census.csv\n    source: {source}\n    years: []\n"
                      "    verified: {by: テスト担当, date: 2025-06-02, page: 表1}\n", encoding="utf-8")
    [warning] = validate(project_copy).report.warnings
    assert (warning.code, warning.line, warning.field) == ("W-SOURCE-CHECK-UNUSED", 4, "tables[0].years")
    assert "years に年が1つも書かれていない" in warning.message
