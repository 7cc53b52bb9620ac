"""The process models read as planners write them: a missing opinion or date is a located Japanese error."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import load_project


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def the_error(root: Path, file: str):
    _, report = load_project(root)
    errors = [p for p in report.errors if p.file == file]
    assert len(errors) == 1, report.format()
    return errors[0]


def test_a_response_without_its_opinion_is_located(project_copy: Path):
    edit(project_copy / "strategy/public_comments.yml", "      - summary: （サンプル）市内の公共交通の充実を求める。\n        response:",
         "      - response:")
    error = the_error(project_copy, "strategy/public_comments.yml")
    assert error.field == "rounds[0].answers[2].summary" and error.line is not None
    assert error.message == "必須の項目「summary」がありません。"


def test_a_council_opinion_without_its_text_is_located(project_copy: Path):
    edit(project_copy / "strategy/process.yml", "      - text: （サンプル）待機児童数の減少は評価できる。\n        kpi:", "      - kpi:")
    error = the_error(project_copy, "strategy/process.yml")
    assert error.field == "events[5].opinions[0].text"


def test_a_notice_without_a_date_is_located(project_copy: Path):
    edit(project_copy / "strategy/news.yml", "    date: 2021-03-31\n", "")
    error = the_error(project_copy, "strategy/news.yml")
    assert error.field == "entries[1].date" and error.message == "必須の項目「date」がありません。"
