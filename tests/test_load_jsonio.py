import json
from pathlib import Path

from generator.load.jsonio import load_json, load_json_text


def test_json_values_are_located_like_yaml_values():
    text = json.dumps({"fiscal_year": 2023, "rows": [{"grade": "C"}]}, indent=1) + "\n"
    document, problems = load_json_text(text, "strategy/reviews/2023.json")
    assert problems == []
    assert document.data == {"fiscal_year": 2023, "rows": [{"grade": "C"}]}
    assert document.locate(("rows", 0, "grade")) == (5, 13)  # `   "grade": "C"`
    assert document.locate(("fiscal_year",), key=True) == (2, 2)


def test_a_syntax_error_is_located():
    document, problems = load_json_text('{\n "a": 1,\n}\n', "x.json")
    assert document is None
    [problem] = problems
    assert (problem.line, problem.column) == (3, 1)
    assert problem.message.startswith("JSON として読めません")


def test_what_yaml_accepts_but_json_does_not_is_refused():
    for text in ("a: 1\n", '{"a": NaN}', "[1, 2,]", '{"a": 1} // note'):
        document, problems = load_json_text(text, "x.json")
        assert document is None and problems, text


def test_a_duplicate_key_is_located_at_its_second_place():
    document, problems = load_json_text('{\n "a": 1,\n "a": 2\n}\n', "x.json")
    assert document is None
    [problem] = problems
    assert (problem.line, problem.field) == (3, "a") and "2回" in problem.message


def test_a_file_that_is_not_utf8_is_reported(tmp_path: Path):
    path = tmp_path / "2023.json"
    path.write_bytes('{"a": "審議会"}'.encode("cp932"))
    document, problems = load_json(path, "strategy/reviews/2023.json")
    assert document is None and "UTF-8" in problems[0].message
