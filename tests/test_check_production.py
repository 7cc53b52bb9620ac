from pathlib import Path

from generator.check.production import SITE_URL_FILE, production_problems, site_url_problems
from generator.pipeline import load_project, validate

REPO = Path(__file__).resolve().parent / "fixtures" / "project"  # frozen sample data


def test_every_sample_and_unchecked_source_is_listed_with_its_line():
    project, _ = load_project(REPO)
    problems = production_problems(project)
    files = {p.file for p in problems}
    assert "strategy/strategy.yml" in files and "kpis/kpi-1-startups.yml" in files
    assert "strategy/plan_periods.yml" in files  # needs_check sources
    assert all(p.line and p.message.startswith("本番公開できません") for p in problems)
    startups = [p for p in problems if p.file == "kpis/kpi-1-startups.yml"]
    assert {p.field for p in startups} >= {"sample", "target.sample", "actuals[0].status", "actuals[3].status"}


# A record of a check, as a test writes it (a test's own name: data never gets an invented one).
CHECKED = "verified: {by: テスト担当, date: 2025-06-02, page: 表1}"


def test_real_values_pass_the_gate(project_copy: Path):
    kpi = project_copy / "kpis/kpi-x2-online.yml"
    source = f"source: {{title: 市の統計, {CHECKED}}}"
    text = kpi.read_text(encoding="utf-8").replace("sample: true\n", f"{source}\n").replace(", sample: true}", f", {source}}}")
    text = text.replace("status: sample}", f"status: 確定, {source}}}")
    kpi.write_text(text, encoding="utf-8")
    project, report = load_project(project_copy)
    assert report.ok, report.format()
    assert not [p for p in production_problems(project) if p.file == "kpis/kpi-x2-online.yml"]


def test_a_production_build_needs_a_public_site_url():
    assert site_url_problems("https://www.city.example.lg.jp/sousei/") == []
    missing, = site_url_problems(None)
    assert missing.field == "SITE_URL" and "設定されていません" in missing.message and "Variables" in missing.hint
    assert site_url_problems("  ")[0].message == missing.message
    for wrong in ("http://127.0.0.1:8000/", "www.city.example.lg.jp", "ftp://example.jp/"):
        problem, = site_url_problems(wrong)
        assert f"「{wrong}」は公開先のアドレスではありません" in problem.message


def test_validate_production_reports_the_missing_site_url_with_the_data_problems(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    report = validate(REPO, production=True).report
    assert SITE_URL_FILE in {p.file for p in report.errors}
    monkeypatch.setenv("SITE_URL", "https://www.city.example.lg.jp/sousei/")
    report = validate(REPO, production=True).report
    assert SITE_URL_FILE not in {p.file for p in report.errors} and not report.ok  # the samples remain
    assert SITE_URL_FILE not in {p.file for p in validate(REPO).report.problems}  # only production needs it
