import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from generator.compute.computed import compute_project
from generator.model.strategy import FrozenReview
from generator.pipeline import load_project
from generator.render.review_rows import correction, frozen_notice, record_json, review_rows, shown_rows

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "project"  # 2023 is finalised, its record committed
UPDATED = date(2026, 11, 28)
COUNCIL = date(2024, 11, 20)


def fixture():
    project, report = load_project(FIXTURE)
    assert project is not None, report.format()
    return project, compute_project(project)


def test_rows_of_a_year_in_progress_are_todays_figures():
    project, computed = fixture()
    assert 2024 not in project.review_snapshots
    shown = shown_rows(project, computed, 2024)
    assert [s.row for s in shown] == review_rows(project, computed, 2024)
    assert all(s.linked and s.correction is None for s in shown)
    online = next(s.row for s in shown if s.row.kpi == "kpi-x2-online")
    assert (online.value, online.value_text, online.year_text, online.percent_text, online.grade) == (
        104, "104件", "令和6(2024)年度", "105.0%", computed.reviews[2024]["kpi-x2-online"].grade)


def test_a_finalised_year_shows_its_record_not_a_recomputation():
    project, computed = fixture()
    record = project.review_snapshots[2023]
    changed = project.kpis["kpi-x2-online"].model_copy(update={"actuals": [
        a.model_copy(update={"value": 90.0}) if a.year == 2023 else a for a in project.kpis["kpi-x2-online"].actuals]})
    project = replace(project, kpis=dict(project.kpis, **{"kpi-x2-online": changed}))
    computed = compute_project(project)
    shown = shown_rows(project, computed, 2023)
    assert [s.row for s in shown] == record.rows
    online = next(s for s in shown if s.row.kpi == "kpi-x2-online")
    assert online.row.value_text == "81件"
    assert online.correction.startswith("訂正: 実績値 81件 → 90件、")
    assert online.correction.endswith("（データ更新日 令和8(2026)年11月28日）")
    assert [s.row.kpi for s in shown if s.correction] == ["kpi-x2-online"]


def test_a_kpi_removed_since_keeps_its_recorded_row_without_a_link():
    project, _ = fixture()
    project = replace(project, kpis={k: v for k, v in project.kpis.items() if k != "kpi-4-crime"})
    shown = shown_rows(project, compute_project(project), 2023)
    crime = next(s for s in shown if s.row.kpi == "kpi-4-crime")
    assert not crime.linked and crime.correction is None and crime.row.value_text == "830件"


def test_a_correction_names_each_changed_figure_old_to_new():
    project, computed = fixture()
    row = next(r for r in review_rows(project, computed, 2023) if r.kpi == "kpi-1-employees")
    assert correction(row, row, UPDATED, COUNCIL) is None
    later = row.model_copy(update={"value": 41500.0, "value_text": "41,500人"})
    assert correction(row, later, UPDATED, COUNCIL) == "訂正: 実績値 41,200人 → 41,500人（データ更新日 令和8(2026)年11月28日）"
    graded = row.model_copy(update={"grade": "B", "percent_text": "60.0%"})
    assert correction(row, graded, UPDATED, COUNCIL) == "訂正: 進捗率 40.0% → 60.0%、評価 C → B（データ更新日 令和8(2026)年11月28日）"
    newer_year = row.model_copy(update={"year": 2022, "year_text": "令和4(2022)年"})
    assert correction(row, newer_year, UPDATED, COUNCIL).startswith("訂正: 実績値 41,200人（令和3(2021)年） → 41,200人（令和4(2022)年）")
    confirmed = row.model_copy(update={"preliminary": True})
    assert "41,200人（速報値） → 41,200人" in correction(confirmed, row, UPDATED, COUNCIL)
    # An update date before the council cannot be when the correction was made: it is left out.
    assert correction(row, later, date(2024, 1, 1), COUNCIL) == "訂正: 実績値 41,200人 → 41,500人"


def test_the_record_is_deterministic_json_of_the_rows_the_page_shows():
    project, computed = fixture()
    text = record_json(project, computed, 2023, date(2024, 11, 20))
    assert text.endswith("}\n") and text == record_json(project, computed, 2023, date(2024, 11, 20))
    data = json.loads(text)
    assert list(data) == sorted(data) and data["format_version"] == 1 and data["date"] == "2024-11-20"
    assert FrozenReview.model_validate(data).rows == review_rows(project, computed, 2023)
    # The committed fixture record is exactly what freezing today's fixture data writes.
    assert text == (FIXTURE / "strategy/reviews/2023.json").read_text(encoding="utf-8")


def test_the_notice_gives_the_council_date_in_the_era():
    project, _ = fixture()
    assert frozen_notice(project.review_snapshots[2023]) == "この表は令和6年11月20日の審議会に示した時点の数値です（確定）。"
