import pytest

from generator.check.schema import build_model
from generator.load.yamlio import load_text
from generator.model.policy import PlanSchedule, Policy

POLICY_OK = """title: 策定方針
source:
  title: 出典
sections:
  - number: "１"
    title: 策定の主旨
"""


def validate(model, text, name="strategy/policy.yml"):
    document, problems = load_text(text, name)
    assert problems == []
    return build_model(model, document)


def test_valid_document_gives_a_model():
    instance, problems = validate(Policy, POLICY_OK)
    assert problems == [] and instance.sections[0].title == "策定の主旨"


def test_unknown_field_suggests_the_right_name_at_its_line():
    instance, problems = validate(Policy, POLICY_OK + "    paragraps:\n      - 本文\n")
    assert instance is None and len(problems) == 1
    problem = problems[0]
    assert (problem.line, problem.column, problem.field) == (7, 5, "sections[0].paragraps")
    assert "paragraphs" in problem.hint and "書き間違い" in problem.message


def test_wrong_type_names_the_value_line_and_the_fix():
    _, problems = validate(Policy, POLICY_OK.replace('number: "１"', "number: 1"))
    assert len(problems) == 1
    assert (problems[0].line, problems[0].field) == (5, "sections[0].number")
    assert "文字で書いてください" in problems[0].message and '"1"' in problems[0].hint


def test_missing_field_points_at_the_parent():
    _, problems = validate(Policy, POLICY_OK.replace("    title: 策定の主旨\n", ""))
    assert len(problems) == 1
    assert problems[0].field == "sections[0].title" and problems[0].line == 5
    assert "必須の項目「title」" in problems[0].message


def test_all_errors_of_a_file_are_collected():
    text = POLICY_OK.replace('number: "１"', "number: 1").replace("title: 出典", "titel: 出典")
    _, problems = validate(Policy, text)
    assert {p.field for p in problems} == {"sections[0].number", "source.titel"}


def test_number_written_as_text_is_refused():
    text = """title: 計画期間
first_fy: "2015"
last_fy: 2025
updated: 2026-11-28
source: {title: 出典}
rows:
  - id: a
    name: 計画
    periods:
      - {label: 第１期, start_fy: 2015, end_fy: 二〇二〇}
"""
    _, problems = validate(PlanSchedule, text, "strategy/plan_periods.yml")
    fields = {p.field: p for p in problems}
    assert "整数で書いてください" in fields["first_fy"].message and fields["first_fy"].line == 2
    assert fields["rows[0].periods[0].end_fy"].line == 10


def test_bad_identifier_and_date_are_explained():
    text = """title: 計画期間
first_fy: 2015
last_fy: 2025
updated: 令和8年11月28日
source: {title: 出典}
rows:
  - id: Asaka Strategy
    name: 計画
    periods: [{label: 第１期, start_fy: 2015, end_fy: 2020}]
"""
    _, problems = validate(PlanSchedule, text, "strategy/plan_periods.yml")
    fields = {p.field: p for p in problems}
    assert "年-月-日" in fields["updated"].hint
    assert "英小文字" in fields["rows[0].id"].hint


def test_empty_file_is_reported():
    document, _ = load_text("", "strategy/policy.yml")
    instance, problems = build_model(Policy, document)
    assert instance is None and "空" in problems[0].message


def _periods_with(value: str):
    text = f"""title: 計画期間
first_fy: {value}
last_fy: 2025
updated: 2026-11-28
source: {{title: 出典}}
rows: [{{id: a, name: 計画, periods: [{{label: 第１期, start_fy: 2015, end_fy: 2020}}]}}]
"""
    _, problems = validate(PlanSchedule, text, "strategy/plan_periods.yml")
    [problem] = problems
    return problem


def test_full_width_digits_get_the_half_width_number():
    assert "(2015)" in _periods_with("２０１５").hint.replace("（", "(").replace("）", ")")
    assert "2021" in _periods_with('"2,021"').hint


def test_impossible_era_year_explains_why():
    hint = _periods_with("平成33年度").hint
    assert "平成" in hint and "西暦" in hint


def test_blank_text_is_refused_even_when_full_width():
    _, problems = validate(Policy, POLICY_OK.replace("title: 策定の主旨", 'title: "　"'))
    assert [p.field for p in problems] == ["sections[0].title"] and "空" in problems[0].message


def test_a_two_digit_year_gets_the_era_conversion():
    hint = _periods_with("6").hint
    assert "2024" in hint and "令和6年度" in hint


def test_allowed_values_are_listed_in_japanese():
    from generator.model.policy import NationalGoal

    document, _ = load_text("id: basic-1\nkind: 基本\nnumber: 1\ntitle: t\n", "strategy/national_framework.yml")
    _, problems = build_model(NationalGoal, document)
    assert problems[0].hint == "次のどれかを書いてください: 基本目標、横断的な目標"
    document, _ = load_text("id: basic-1\nnumber: 1\ntitle: t\n", "strategy/national_framework.yml")
    _, problems = build_model(NationalGoal, document)
    assert "基本目標、横断的な目標" in problems[0].hint


def test_comma_in_a_csv_number_gets_the_plain_number():
    from generator.model.population import TfrRow

    document, _ = load_text('rows:\n  - {year: 2015, area: 全国, tfr: "1,45", status: sample, source: s}\n', "population/tfr.csv")

    from generator.model.base import Model

    class Rows(Model):
        rows: list[TfrRow]

    _, problems = build_model(Rows, document)
    assert "145" in problems[0].hint and "カンマ" in problems[0].hint


def test_a_union_field_gets_one_message_named_by_the_planners_field():
    from generator.check.schema import build_model
    from generator.load.yamlio import load_text
    from generator.model.strategy import Kpi

    document, _ = load_text("id: k\nname: n\nkind: KPI\ngoal: g\nmeasure: m\ndefinition: d\nbetter: higher\n"
                            "updated: 2026-01-01\ntarget: {value: 1, year: 令和11}\n", "kpis/k.yml")
    _, problems = build_model(Kpi, document)
    assert [(p.field, p.line) for p in problems] == [("target.year", 9)]
    assert "2029" in problems[0].hint


# --- One explanation per field, with valid suggestions (the reader's and the model's problems merged)

KPI_TEXT = ("id: k\nname: 指標\nkind: 数値目標\ngoal: goal-1\ndefinition: d\nbetter: higher\nupdated: 2026-01-01\n"
            "target: {value: 1, year: 2025}\n")


def kpi_problems(text: str):
    from generator.check.schema import merge_problems
    from generator.model.strategy import Kpi

    document, load_problems = load_text(text, "kpis/k.yml")
    _, model_problems = build_model(Kpi, document)
    return merge_problems(load_problems, model_problems)


def test_a_yaml_1_1_word_in_a_field_of_choices_suggests_the_choices_not_the_quoted_word():
    [problem] = kpi_problems(KPI_TEXT.replace("better: higher", "better: yes"))
    assert (problem.code, problem.field, problem.line) == ("E-SCHEMA-CHOICE", "better", 6)
    assert problem.hint == "次のどれかを書いてください: higher、lower" and '"yes"' not in problem.hint


def test_a_yaml_1_1_word_in_a_true_false_field_suggests_true_or_false():
    [problem] = kpi_problems(KPI_TEXT + "sample: yes\n")
    assert (problem.code, problem.hint) == ("E-SCHEMA-BOOL", "true（はい）か false（いいえ）と書いてください。")


def test_a_yaml_1_1_word_in_a_text_field_keeps_the_quoting_hint():
    [problem] = kpi_problems(KPI_TEXT.replace("definition: d", "definition: no"))
    assert problem.code == "E-YAML-BOOL-WORD" and '"no"' in problem.hint


def test_a_number_split_by_its_comma_is_one_problem_naming_the_comma():
    problems = kpi_problems(KPI_TEXT + "baseline: {value: 4,550人, year: 2020}\n")
    assert [(p.code, p.field) for p in problems] == [("E-YAML-COMMA-NUMBER", "baseline.value")]
    assert "550人」という項目" not in problems[0].message and "4550" in problems[0].hint


def test_a_list_or_mapping_written_where_text_goes_gets_a_hint_that_fits():
    problems = kpi_problems(KPI_TEXT.replace("definition: d", "definition: [a, b]"))
    assert [p.code for p in problems] == ["E-SCHEMA-TEXT"] and problems[0].hint == "一覧（「- 」や [ ]）にせず、1つの文で書いてください。"


def test_every_pydantic_error_type_of_the_messages_has_a_code_of_the_catalog():
    from generator.check.schema import MESSAGES
    from generator.problems_catalog import CATALOG

    assert {code for code, _ in MESSAGES.values()} <= set(CATALOG)


@pytest.mark.parametrize("written", [".nan", ".inf", "-.inf"])
def test_an_infinite_or_nan_kpi_value_is_a_located_error(written):
    """YAML's .nan / .inf pass every bound (nan >= 0 is not False for pydantic's check) and would poison the progress."""
    problems = kpi_problems(KPI_TEXT + f"actuals:\n  - {{year: 2021, value: {written}, status: sample}}\n")
    assert [(p.code, p.field, p.line) for p in problems] == [("E-SCHEMA-NOT-FINITE", "actuals[0].value", 10)]
    assert f"「{written}」" in problems[0].message and "半角数字" in problems[0].hint


@pytest.mark.parametrize("cell", ["nan", "inf", "-inf", "Infinity", "NaN"])
def test_an_infinite_or_nan_csv_cell_is_a_located_error(cell):
    from generator.model.base import Model
    from generator.model.population import AgeSexRow

    class Rows(Model):
        rows: list[AgeSexRow]

    document, _ = load_text(f'rows:\n  - {{age: 0-4, male: "{cell}", female: "1", status: sample, source: s}}\n', "population/base_population.csv")
    instance, problems = build_model(Rows, document)
    assert instance is None
    assert [(p.code, p.field) for p in problems] == [("E-SCHEMA-NOT-FINITE", "rows[0].male")]
    assert f"「{cell}」" in problems[0].message
