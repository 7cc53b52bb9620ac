from pathlib import Path

from generator.model.project import DATA_FILES
from generator.pipeline import load_project

REPO = Path(__file__).resolve().parent.parent


def test_the_repository_data_is_valid():
    project, report = load_project(REPO)
    assert report.ok, report.format()
    assert project is not None and project.policy.sections


def test_problems_of_every_file_come_in_one_report(project_copy: Path):
    policy = project_copy / "strategy/policy.yml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("title: 策定の主旨", "titel: 策定の主旨"), encoding="utf-8")
    periods = project_copy / "strategy/plan_periods.yml"
    periods.write_text(periods.read_text(encoding="utf-8").replace("first_fy: 2015", "first_fy: 2015\nfirst_fy: 2016"), encoding="utf-8")
    site = project_copy / "strategy/site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("short_name: 総合戦略", "short_name: [総合戦略]"), encoding="utf-8")
    project, report = load_project(project_copy)
    assert project is None
    files = {p.file for p in report.errors}
    assert files == {"strategy/policy.yml", "strategy/plan_periods.yml", "strategy/site.yml"}
    assert all(p.line for p in report.errors)


def test_cross_file_reference_error_is_located(project_copy: Path):
    site = project_copy / "strategy/site.yml"
    text = site.read_text(encoding="utf-8").replace("period_in: period-strategy", "period_in: period-strategi")
    site.write_text(text, encoding="utf-8")
    _, report = load_project(project_copy)
    [problem] = report.errors
    line = text.splitlines().index("    period_in: period-strategi") + 1
    assert (problem.file, problem.line, problem.field) == ("strategy/site.yml", line, "documents[0].period_in")


def test_missing_and_stray_files_are_reported(project_copy: Path):
    (project_copy / "strategy/national_framework.yml").rename(project_copy / "strategy/national-framework.yml")
    _, report = load_project(project_copy)
    messages = {(p.file, p.message) for p in report.errors}
    assert ("strategy/national_framework.yml", "必要なファイルがありません。") in messages
    assert any(f == "strategy/national-framework.yml" for f, _ in messages)


def test_data_files_live_in_the_data_folders():
    assert all(path.split("/")[0] in ("strategy", "population", "kpis") for path, _ in DATA_FILES.values())


def test_population_problems_are_located_in_their_csv_or_yaml(project_copy: Path):
    assumptions = project_copy / "population/assumptions.csv"
    lines = assumptions.read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if not line.startswith("2020,40-44,")]  # a missing age group
    assumptions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    vision = project_copy / "population/vision.yml"
    vision.write_text(vision.read_text(encoding="utf-8").replace("target_scenario: target", "target_scenario: goal"), encoding="utf-8")
    _, report = load_project(project_copy)
    found = {(p.file, p.message.split("。")[0]) for p in report.errors}
    assert any(f == "population/assumptions.csv" and "40-44" in m for f, m in found)
    assert any(f == "population/vision.yml" and "goal" in m for f, m in found)


def test_engine_errors_reach_the_report(project_copy: Path):
    vision = project_copy / "population/vision.yml"
    vision.write_text(vision.read_text(encoding="utf-8").replace("zero_migration_ages", "zero_migration_ages").replace(
        "    zero_migration_from: 2025\n", "    zero_migration_from: 2025\n    zero_migration_ages: [0-4]\n"), encoding="utf-8")
    _, report = load_project(project_copy)
    assert any(p.file == "population/vision.yml" and "0-4" in p.message for p in report.errors)


def test_a_typo_in_one_file_does_not_hide_cross_checks_of_the_others(project_copy: Path):
    kpi = project_copy / "kpis/kpi-4-crime.yml"
    kpi.write_text(kpi.read_text(encoding="utf-8").replace("better: lower", "beter: lower"), encoding="utf-8")
    other = project_copy / "kpis/kpi-x2-online.yml"
    other.write_text(other.read_text(encoding="utf-8").replace("goal: cross-cutting-2", "goal: cross-cutting-9"), encoding="utf-8")
    _, report = load_project(project_copy)
    found = {(p.file, p.field) for p in report.errors}
    assert ("kpis/kpi-4-crime.yml", "beter") in found
    assert ("kpis/kpi-x2-online.yml", "goal") in found  # checked although another file failed


def test_a_billion_laughs_in_a_data_file_is_reported_at_once(project_copy: Path):
    import time

    from test_load_yamlio import billion_laughs

    site = project_copy / "strategy/site.yml"
    site.write_text(site.read_text(encoding="utf-8") + billion_laughs(), encoding="utf-8")
    start = time.perf_counter()
    project, report = load_project(project_copy)
    assert time.perf_counter() - start < 10  # generous: the refusal takes milliseconds
    assert project is None and any("別名" in p.message and p.file == "strategy/site.yml" for p in report.errors)


def test_an_absurd_projection_is_a_located_warning(project_copy: Path):
    """Net migration +5.0 at every age passes the rate bounds but multiplies the town many times over."""
    from generator.pipeline import validate

    table = project_copy / "population/assumptions.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:]]
    for row in rows:
        for column in ("migration_male", "migration_female"):
            row[header.index(column)] = "5"
    table.write_text("\n".join([lines[0], *(",".join(row) for row in rows)]) + "\n", encoding="utf-8")
    report = validate(project_copy).report
    warnings = [p for p in report.warnings if p.file == "population/vision.yml" and "倍です" in p.message]
    assert warnings and all(p.line and p.field.startswith("scenarios[") for p in warnings)
    assert "純移動率" in warnings[0].hint


def test_assumptions_before_the_base_year_are_an_error(project_copy: Path):
    from generator.pipeline import validate

    table = project_copy / "population/assumptions.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("\n2020,", "\n2015,", 1), encoding="utf-8")
    errors = validate(project_copy).report.errors
    assert any(p.file == "population/assumptions.csv" and "基準年 2020 年より前" in p.message for p in errors)


def test_nan_and_infinity_are_located_errors_not_silent_numbers(project_copy: Path):
    """A KPI actual of .nan and an inf cell of the population tables used to pass validate (NaN and ∞ pass every bound)."""
    from generator.pipeline import validate

    kpi = project_copy / "kpis/kpi-1-employees.yml"
    kpi.write_text(kpi.read_text(encoding="utf-8").replace("value: 41200,", "value: .nan,"), encoding="utf-8")
    base = project_copy / "population/base_population.csv"
    base.write_text(base.read_text(encoding="utf-8").replace("\n0-4,4146,", "\n0-4,inf,"), encoding="utf-8")
    result = validate(project_copy)
    assert result.project is None
    found = {(p.code, p.file, p.line, p.field) for p in result.report.errors}
    assert found == {("E-SCHEMA-NOT-FINITE", "kpis/kpi-1-employees.yml", 15, "actuals[0].value"),
                     ("E-SCHEMA-NOT-FINITE", "population/base_population.csv", 2, "列「male」")}
    assert all("無限大か非数" in p.message and p.hint for p in result.report.errors)


def test_a_negative_cohort_is_an_error_on_its_assumptions_row_and_a_cohort_typo_a_warning_on_its_row(project_copy: Path):
    """s + m < 0 stops the build with the row named (the engine's refusal named only the scenarios); one row's migration
    written as 5 instead of 0.05 leaves the totals within ×3 but sextuples the cohort: a warning on that row."""
    from generator.pipeline import validate

    table = project_copy / "population/assumptions.csv"
    original = table.read_text(encoding="utf-8")
    table.write_text(original.replace("2020,30-34,0.998,0.9989,-0.03,", "2020,30-34,0.998,0.9989,-1,"), encoding="utf-8")
    report = validate(project_copy).report
    assert [(p.code, p.file, p.line, p.field) for p in report.errors] == [
        ("E-POP-NEGATIVE-COHORT", "population/assumptions.csv", 8, "rows[6].migration_male")]
    assert "男性の30-34歳" in report.errors[0].message
    table.write_text(original.replace("2020,20-24,0.9988,0.9994,0.08,", "2020,20-24,0.9988,0.9994,5,"), encoding="utf-8")
    result = validate(project_copy)
    assert result.project is not None and not result.report.errors
    assert [(p.code, p.file, p.line, p.field) for p in result.report.warnings] == [
        ("W-PROJECTION-COHORT", "population/assumptions.csv", 6, "rows[4].migration_male")]
    assert "20-24歳の行" in result.report.warnings[0].message
