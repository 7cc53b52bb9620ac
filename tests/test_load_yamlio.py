from pathlib import Path

import pytest

from generator.load.document import format_path
from generator.load.yamlio import load_file, load_text


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
