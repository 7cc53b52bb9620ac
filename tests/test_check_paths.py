from pathlib import Path

import pytest

from generator.check.paths import in_planners_words, parse_path, readable_field, readable_path
from generator.model.strategy import Kpi
from generator.pipeline import load_project
from generator.problems import Problem


@pytest.mark.parametrize(("field", "steps"), [
    ("actuals[1].value", ("actuals", 1, "value")),
    ("goals[0].measures[2].title", ("goals", 0, "measures", 2, "title")),
    ("scenarios[1].tfr_anchors.2030", ("scenarios", 1, "tfr_anchors", "2030")),
    ("better", ("better",)),
    ("", ()),
])
def test_a_reported_path_reads_back_into_its_steps(field, steps):
    assert parse_path(field) == steps


@pytest.mark.parametrize(("file", "field", "readable"), [
    ("kpis/a.yml", "actuals[1].value", "2番目の実績（actuals）の『実績値』（value）"),
    ("kpis/a.yml", "actuals[0]", "1番目の実績（actuals）"),
    ("kpis/a.yml", "target.year", "目標（target）の『目標の年または年度』（year）"),
    ("kpis/a.yml", "baseline.source.title", "基準値（baseline）の値の出典（source）の『出典の名称』（title）"),
    ("strategy/strategy.yml", "goals[0].measures[2].title", "1番目の目標（goals）の3番目の具体的な施策（measures）の『施策の名前』（title）"),
    ("strategy/reviews.yml", "reviews[0].comments[1].goal",
     "1番目の効果検証（reviews）の2番目の意見と市の対応（comments）の『対象の目標の id』（goal）"),
    ("population/vision.yml", "scenarios[1].tfr_anchors.2030", "2番目の推計のシナリオ（scenarios）の合計特殊出生率の目安（tfr_anchors）の「2030」"),
    ("strategy/reviews/2023.json", "rows[2].value", "3番目の審議会に示した指標の評価（rows）の『比べた実績の値』（value）"),
])
def test_paths_are_in_a_planners_words_counting_from_one(file, field, readable):
    assert readable_field(file, field) == readable


def test_csv_columns_are_named_by_their_japanese_names():
    assert readable_field("population/census.csv", "列「male」") == "列「男性」（male）"
    assert readable_field("population/census.csv", "rows[3].total").endswith("（total）")


@pytest.mark.parametrize(("file", "field"), [
    ("kpis/a.yml", "better"),  # its description starts with the words themselves (higher: …): the name says more
    ("kpis/a.yml", "unknown_field"),  # a typo names nothing of the model
    ("環境変数 SITE_URL", "SITE_URL"),  # not a data file
    ("kpis/a.yml", ""),
])
def test_nothing_better_than_the_raw_path_gives_no_readable_path(file, field):
    assert readable_field(file, field) == ""


def test_a_sentence_of_a_description_is_not_taken_for_a_name():
    # Kpi.evaluation's description is a sentence (…だけ書きます), so the evaluation model's own title names it.
    assert readable_path(Kpi, ("evaluation", "method")).startswith("評価方法（evaluation）の")


def test_a_problem_gets_its_readable_field_and_the_catalogs_fix_when_it_has_none():
    problem = in_planners_words(Problem("kpis/a.yml", 3, 1, "glossary[0]", "用語がありません。", code="E-REF-UNKNOWN"))
    assert problem.hint.startswith("直し方に出る id から選ぶか") and problem.field_label == ""
    problem = in_planners_words(Problem("kpis/a.yml", 3, 1, "actuals[0].year", "m", "自分の直し方", code="E-SCHEMA-INTEGER"))
    assert (problem.field_label, problem.hint) == ("1番目の実績（actuals）の『年または年度』（year）", "自分の直し方")


def test_the_pipeline_reports_every_problem_in_a_planners_words(project_copy: Path):
    path = project_copy / "kpis/kpi-1-employees.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 41200,", "value: 41200人,"), encoding="utf-8")
    _, report = load_project(project_copy)
    [problem] = report.problems
    assert problem.readable_field == "1番目の実績（actuals）の『実績値』（value）"
    assert "  項目: 1番目の実績（actuals）の『実績値』（value）［actuals[0].value］" in problem.format()
