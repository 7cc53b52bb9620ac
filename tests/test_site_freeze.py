"""freeze-review and finalised reviews: the figures a council saw stay on the site as they were."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import FIXTURE

from generator.cli import EXIT_INVALID, EXIT_OK, main
from generator.pipeline import validate
from generator.site.build import build
from generator.site.freeze import record_path

RECORD = record_path(2023)
NOTICE = "この表は令和6年11月20日の審議会に示した時点の数値です（確定）。"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def correct_online_actuals(root: Path) -> None:
    """A later correction of 2023's actual (81 → 90) and of 2024's (104 → 110)."""
    kpi = root / "kpis/kpi-x2-online.yml"
    edit(kpi, "{year: 2023, value: 81,", "{year: 2023, value: 90,")
    edit(kpi, "{year: 2024, value: 104,", "{year: 2024, value: 110,")


def page_text(site: Path, path: str) -> str:
    html = (site / path).read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def row_of(text: str, name: str) -> str:
    """The text from the last mention of the KPI (its row in the table of every KPI) on."""
    return text[text.rindex(name):][:300]


def test_finalised_without_its_record_is_a_located_error_naming_the_command(project_copy: Path):
    (project_copy / RECORD).unlink()
    report = validate(project_copy).report
    [problem] = report.errors
    assert (problem.file, problem.field) == ("strategy/reviews.yml", "reviews[0].status")
    line = (project_copy / "strategy/reviews.yml").read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert line.strip() == "status: 確定"
    assert problem.hint.startswith("python -m generator freeze-review 2023 を実行して")


def test_freeze_review_writes_the_record_of_todays_figures(project_copy: Path, capsys):
    (project_copy / RECORD).unlink()
    assert main(["--root", str(project_copy), "freeze-review", "2023"]) == EXIT_OK
    assert RECORD in capsys.readouterr().out
    assert (project_copy / RECORD).read_bytes() == (FIXTURE / RECORD).read_bytes()
    assert validate(project_copy).report.ok


def test_freeze_review_refuses_a_review_in_progress(project_copy: Path, capsys):
    reviews = project_copy / "strategy/reviews.yml"
    reviews.write_text(reviews.read_text(encoding="utf-8") + "  - fiscal_year: 2024\n    date: 2025-11-20\n", encoding="utf-8")
    assert main(["--root", str(project_copy), "freeze-review", "2024"]) == EXIT_INVALID
    assert "令和6(2024)年度の効果検証は確定していません（status: 作業中）" in capsys.readouterr().err
    assert not (project_copy / record_path(2024)).exists()
    assert main(["--root", str(project_copy), "freeze-review", "2022"]) == EXIT_INVALID  # no review at all
    assert "効果検証がありません" in capsys.readouterr().err


def test_freeze_review_keeps_an_existing_record_unless_forced(project_copy: Path, capsys):
    before = (project_copy / RECORD).read_bytes()
    correct_online_actuals(project_copy)
    assert main(["--root", str(project_copy), "freeze-review", "2023"]) == EXIT_INVALID
    assert "--force" in capsys.readouterr().err
    assert (project_copy / RECORD).read_bytes() == before
    assert main(["--root", str(project_copy), "freeze-review", "2023", "--force"]) == EXIT_OK
    after = (project_copy / RECORD).read_text(encoding="utf-8")
    assert '"value_text": "90件"' in after and '"value_text": "81件"' not in after


def test_freeze_review_writes_nothing_when_the_data_has_errors(project_copy: Path, capsys):
    (project_copy / RECORD).unlink()
    edit(project_copy / "strategy/reviews.yml", "    date: 2024-11-20\n", "")
    assert main(["--root", str(project_copy), "freeze-review", "2023"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "審議会の日（date）が必要です" in err and "記録しませんでした" in err
    assert "freeze-review 2023 を実行して" not in err  # the missing record is what the command would write
    assert not (project_copy / RECORD).exists()


def test_a_malformed_record_is_a_located_error(project_copy: Path):
    edit(project_copy / RECORD, '"grade": "C"', '"grade": 3')
    report = validate(project_copy).report
    [problem] = report.errors
    assert problem.file == RECORD and problem.field == "rows[0].grade" and (problem.line, problem.column) == (7, 13)
    edit(project_copy / RECORD, "\"grade\": 3", "\"grade\": \"C\",")  # two commas: not JSON
    [problem] = validate(project_copy).report.errors
    assert problem.file == RECORD and problem.line == 7 and "JSON として読めません" in problem.message


def test_a_record_without_a_finalised_review_is_an_error(project_copy: Path):
    edit(project_copy / "strategy/reviews.yml", "    status: 確定\n", "")
    [problem] = validate(project_copy).report.errors
    assert (problem.file, problem.field) == (RECORD, "fiscal_year") and "確定" in problem.message


def test_the_finalised_year_shows_its_record_and_the_index_marks_it(built_site: Path):
    review = page_text(built_site, "reviews/2023/index.html")
    assert NOTICE in review and "訂正" not in review
    assert NOTICE not in page_text(built_site, "reviews/2024/index.html")
    index = page_text(built_site, "reviews/index.html")
    assert "令和5(2023)年度の効果検証 — 確定（令和6年11月20日の審議会に示した数値）" in index
    assert "令和6(2024)年度の効果検証 — 確定" not in index


def test_a_corrected_actual_leaves_the_frozen_row_and_adds_a_correction(project_copy: Path):
    correct_online_actuals(project_copy)
    build(project_copy)
    site = project_copy / "site"
    review = page_text(site, "reviews/2023/index.html")
    assert NOTICE in review
    online = row_of(review, "（サンプル）オンラインでできる行政手続の数")
    assert "81件（令和5(2023)年度） 100件 76.2% B" in online  # what the council saw, unchanged
    assert "訂正: 実績値 81件 → 90件、進捗率 76.2% → 87.5%" in online
    assert "（データ更新日 令和8(2026)年11月28日）" in online
    assert review.count("訂正: ") == 1  # graded B: not among the indicators needing attention; no other row changed
    csv = (site / "assets/data/review-2023.csv").read_bytes().decode("utf-8-sig")
    assert "kpi-x2-online,（サンプル）オンラインでできる行政手続の数,件,81," in csv and "81件 → 90件" in csv
    # A year in progress follows the data.
    unfrozen = row_of(page_text(site, "reviews/2024/index.html"), "（サンプル）オンラインでできる行政手続の数")
    assert unfrozen.startswith("（サンプル）オンラインでできる行政手続の数 110件（令和6(2024)年度）") and "訂正" not in unfrozen


def test_a_year_not_written_in_four_western_digits_gets_a_japanese_answer(project_copy: Path, capsys):
    assert main(["--root", str(project_copy), "freeze-review", "23"]) == EXIT_INVALID
    assert "西暦の4桁で書いてください" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["--root", str(project_copy), "freeze-review", "令和5"])
    assert exit_info.value.code == 2
    assert "「令和5」は年度として読めません" in capsys.readouterr().err
