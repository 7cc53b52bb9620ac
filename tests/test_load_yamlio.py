from pathlib import Path

import pytest

from generator.load.document import format_path
from generator.load.yamlio import load_file, load_text
from generator.problems import Severity


def messages(problems):
    return [p.message for p in problems]


def test_plain_scalars_follow_yaml_1_2_core():
    document, problems = load_text("a: 1\nb: 1.5\nc: true\nd: ~\ne: text\nf: 2021-04-01\ng: 1_000\n", "x.yml")
    assert problems == []
    assert document.data == {"a": 1, "b": 1.5, "c": True, "d": None, "e": "text", "f": "2021-04-01", "g": "1_000"}


def test_quoted_and_block_scalars_stay_text():
    document, problems = load_text('a: "010"\nb: \'no\'\nc: |\n  1\n', "x.yml")
    assert problems == []
    assert document.data == {"a": "010", "b": "no", "c": "1\n"}


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "No", "YES", "y", "n"])
def test_yaml_1_1_booleans_are_reported_with_location(word):
    document, problems = load_text(f"title: ok\nflag: {word}\n", "strategy/x.yml")
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.line, problem.column, problem.field) == ("strategy/x.yml", 2, 7, "flag")
    assert "真偽値" in problem.message and "引用符" in problem.hint
    assert document.data["flag"] == word  # kept as the text it looks like, never False


def test_leading_zero_numbers_are_reported():
    _, problems = load_text("code: 010\n", "x.yml")
    assert len(problems) == 1 and "8進数" in problems[0].message and problems[0].line == 1


def test_duplicate_key_is_an_error_naming_both_lines():
    _, problems = load_text("title: a\nbody: b\ntitle: c\n", "x.yml")
    assert len(problems) == 1
    assert problems[0].line == 3 and problems[0].field == "title"
    assert "1行目" in problems[0].message


def test_duplicate_key_in_nested_list_item():
    _, problems = load_text("rows:\n  - id: a\n    id: b\n", "x.yml")
    assert [(p.line, p.field) for p in problems] == [(3, "rows[0].id")]


def test_tab_indentation_is_reported_per_line():
    _, problems = load_text("a:\n\tb: 1\n\tc: 2\n", "x.yml")
    assert [p.line for p in problems] == [2, 3]
    assert all("タブ" in p.message for p in problems)


def test_syntax_error_is_located_and_explained_in_japanese():
    _, problems = load_text('a: "open\nb: 2\n', "x.yml")
    assert len(problems) == 1
    assert problems[0].line is not None and "YAMLの書き方" in problems[0].message
    assert "引用符" in problems[0].hint


def test_unquoted_colon_value_gets_a_hint():
    _, problems = load_text("title: 期間: 5年\n", "x.yml")
    assert len(problems) == 1 and problems[0].line == 1 and '"' in problems[0].hint


def test_merge_keys_and_foreign_tags_are_refused():
    _, problems = load_text("base: &b {x: 1}\nuse:\n  <<: *b\nobj: !!python/object:os.system x\n", "x.yml")
    assert any("マージキー" in m for m in messages(problems))
    assert any("タグ" in m for m in messages(problems))


def test_locations_of_nested_values():
    document, _ = load_text("sections:\n  - title: a\n    items:\n      - x\n      - y\n", "x.yml")
    assert document.locate(("sections", 0, "items", 1)) == (5, 9)
    assert document.locate(("sections", 0, "missing")) == (2, 5)  # nearest located parent
    assert document.locate(("sections", 0, "title"), key=True) == (2, 5)


def test_format_path():
    assert format_path(("sections", 2, "items", 0)) == "sections[2].items[0]"
    assert format_path(()) == ""


def test_bom_is_accepted(tmp_path: Path):
    path = tmp_path / "a.yml"
    path.write_bytes("\ufeffタイトル: 朝霞\n".encode())
    document, problems = load_file(path, "a.yml")
    assert problems == [] and document.data == {"タイトル": "朝霞"}


def test_shift_jis_is_reported_with_hint(tmp_path: Path):
    path = tmp_path / "a.yml"
    path.write_bytes("a: 1\nタイトル: 朝霞\n".encode("cp932"))
    document, problems = load_file(path, "a.yml")
    assert document is None
    assert len(problems) == 1 and problems[0].line == 2
    assert "Shift_JIS" in problems[0].message and "UTF-8" in problems[0].hint


def test_utf16_is_reported(tmp_path: Path):
    path = tmp_path / "a.yml"
    path.write_bytes("a: 1\n".encode("utf-16"))
    document, problems = load_file(path, "a.yml")
    assert document is None and "UTF-16" in problems[0].message


def test_empty_document_has_no_data():
    document, problems = load_text("# only a comment\n", "x.yml")
    assert problems == [] and document.data is None


def test_self_referencing_alias_is_reported_not_a_crash():
    document, problems = load_text("a: &x [1, *x]\n", "x.yml")
    assert any("自分自身" in p.message for p in problems)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a: 1\ncity：朝霞市\nb: 2\n", 2, "全角の「：」"),
        ("a: 1\ncity:\u3000朝霞市\nb: 2\n", 2, "全角スペース"),
        ("a:\n  x: 1\n\u3000 y: 2\n", 3, "全角スペース"),
        ("a: 1\nb: \"open\nc: 2\nd: 3\n", 2, "引用符"),
    ],
)
def test_japanese_keyboard_slips_are_located_on_their_line(text, line, words):
    _, problems = load_text(text, "x.yml")
    assert problems and problems[0].line == line
    assert words in problems[0].message + problems[0].hint


def test_full_width_colon_inside_a_value_is_fine():
    document, problems = load_text("title: 期間：5年\n", "x.yml")
    assert problems == [] and document.data == {"title": "期間：5年"}


def billion_laughs(levels: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def test_aliases_are_refused_without_being_expanded():
    import time

    start = time.perf_counter()
    document, problems = load_text(billion_laughs(), "strategy/site.yml")
    assert time.perf_counter() - start < 10  # generous: it takes milliseconds; expanding would take hours
    [problem] = problems
    assert "別名" in problem.message and problem.line == 2 and problem.field == "a1[0]"


def test_deep_nesting_is_a_located_problem_not_a_crash():
    _, problems = load_text("a: " + "[" * 60 + "]" * 60 + "\n", "x.yml")
    assert [p.message for p in problems] == ["入れ子が深すぎます（40段まで）。"]
    _, problems = load_text("a: " + "[" * 20000 + "]" * 20000 + "\n", "x.yml")
    assert len(problems) == 1 and "入れ子" in problems[0].message + problems[0].hint


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    from generator.load.decode import MAX_FILE_BYTES

    path = tmp_path / "big.yml"
    path.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES + 1))
    document, problems = load_file(path, "strategy/big.yml")
    assert document is None and "大きすぎます" in problems[0].message


# --- One-line lists and mappings: a half-width comma splits them (issue: 「創業支援事業（相談, 講座）」 became two projects)


def test_a_one_line_list_of_texts_is_warned_about_with_the_block_form():
    document, problems = load_text("projects: [創業支援, 事業承継, 中小企業, 商工会]\n", "strategy/strategy.yml")
    assert document.data == {"projects": ["創業支援", "事業承継", "中小企業", "商工会"]}
    [problem] = problems
    assert (problem.code, problem.severity, problem.line, problem.column, problem.field) == (
        "W-YAML-FLOW-LIST", Severity.WARNING, 1, 11, "projects")
    assert "「創業支援」「事業承継」「中小企業」…" in problem.message and "黙って2つに分かれて" in problem.message
    assert problem.hint == "1行に1つずつ「- 」で始めて書いてください（例: 「projects:」の次の行から「  - 創業支援」）。"


@pytest.mark.parametrize("text", [
    "sdgs: [8, 9]\n", "sdgs: [8,9]\n", "glossary: [employment-rate, kpi]\n", 'projects: ["相談, 講座", 事業承継]\n',
    "departments: [産業振興課]\n", "projects:\n  - 創業支援事業（相談, 講座）\n  - 事業承継\n",
])
def test_numbers_ids_quoted_texts_one_text_and_block_lists_are_fine(text):
    _, problems = load_text(text, "x.yml")
    assert problems == []


def test_a_name_split_inside_its_brackets_is_an_error_and_joined_again():
    document, problems = load_text("projects: [創業支援事業（相談, 講座）, 事業承継]\n", "strategy/strategy.yml")
    assert document.data == {"projects": ["創業支援事業（相談, 講座）", "事業承継"]}
    [problem] = problems
    assert (problem.code, problem.severity, problem.line, problem.column, problem.field) == (
        "E-YAML-COMMA-SPLIT", Severity.ERROR, 1, 12, "projects[0]")
    assert problem.message == ("名前「創業支援事業（相談, 講座）」が、半角カンマ「,」で「創業支援事業（相談」と「講座）」に分かれています"
                               "（[ ] の中では、カンマが区切りになります）。")
    assert "「  - 創業支援事業（相談, 講座）」" in problem.hint and '"創業支援事業（相談, 講座）"' in problem.hint


def test_a_number_with_a_thousands_comma_in_a_one_line_mapping_is_named_not_an_unknown_field():
    document, problems = load_text("baseline: {value: 4,550人, year: 2020}\n", "kpis/a.yml")
    assert document.data == {"baseline": {"value": "4,550人", "year": 2020}}  # no field 「550人」
    [problem] = problems
    assert (problem.code, problem.line, problem.column, problem.field) == ("E-YAML-COMMA-NUMBER", 1, 19, "baseline.value")
    assert problem.message.startswith("「4,550人」の半角カンマ「,」で、値が「4」と「550人」に分かれています")
    assert problem.hint == "数なら桁区切りのカンマなしで 4550 と書いてください（単位は書きません）。文なら \"4,550人\" のように引用符で囲みます。"


def test_longer_numbers_and_numbers_in_lists_are_joined_too():
    document, problems = load_text("a: {value: 1,234,567}\nb: [4,550人, 3人]\n", "x.yml")
    assert document.data == {"a": {"value": "1,234,567"}, "b": ["4,550人", "3人"]}
    assert [(p.code, p.line, p.field) for p in problems] == [("E-YAML-COMMA-NUMBER", 1, "a.value"), ("E-YAML-COMMA-NUMBER", 2, "b[0]")]
    assert "1234567" in problems[0].hint


@pytest.mark.parametrize(("text", "words"), [
    ("name: 市内事業所の従業者数（人\n", "「（」が閉じられていません"),
    ("name: 「計画」の（案)\n", "「（」を「)」で閉じています"),
    ("name: 計画の案）\n", "閉じ括弧「）」に対応する「（」がありません"),
    ('note: "『原文』の「引用"\n', "「「」が閉じられていません"),
])
def test_brackets_that_do_not_pair_up_are_a_located_warning(text, words):
    _, problems = load_text("id: a\n" + text, "kpis/a.yml")
    [problem] = problems
    assert (problem.code, problem.severity, problem.line, problem.column) == ("W-TEXT-BRACKET", Severity.WARNING, 2, 7)
    assert words in problem.message


def test_list_markers_and_paired_brackets_are_not_slips():
    _, problems = load_text("a: （1）説明 1）最初 ア）次\nb: 市の「計画」（案）\n", "x.yml")
    assert problems == []


def test_every_problem_of_the_reader_names_its_code():
    _, problems = load_text("a: no\nb: 010\na: 1\nc: !!float 1\n", "x.yml")
    assert [p.code for p in problems] == ["E-YAML-BOOL-WORD", "E-YAML-LEADING-ZERO", "E-YAML-KEY-DUPLICATE", "E-YAML-TAG"]
