"""Careful YAML edits: only the edited place changes; comments, order and quoting stay byte for byte."""

from __future__ import annotations

from generator.load.yamledit import YamlText, flow_mapping, scalar_text
from generator.load.yamlio import load_text

TEXT = """\
# 指標のコメント
id: kpi-a
updated: 2026-11-28  # 更新日
actuals:
  - {year: 2021, value: 1, status: sample}   # 行のコメント
  - year: 2022
    value: 2.5
    status: 確定
    source:
      title: 調査
      url: https://example.jp/

  # 最後のコメント
notes: ["a, b"]
"""


def test_a_value_replaced_and_a_key_added_in_flow_and_block_items():
    text = YamlText(TEXT)
    text.set_key(("actuals", 0), "value", "3")
    text.set_key(("actuals", 0), "source", flow_mapping([("title", scalar_text("新しい, 出典"))]))
    text.set_key(("actuals", 1), "note", scalar_text("yes"))
    text.set_key((), "updated", "2027-01-15")
    assert text.text == TEXT.replace(
        "  - {year: 2021, value: 1, status: sample}   #", '  - {year: 2021, value: 3, status: sample, source: {title: "新しい, 出典"}}   #').replace(
        "      url: https://example.jp/\n", '      url: https://example.jp/\n    note: "yes"\n').replace("2026-11-28", "2027-01-15")


def test_a_block_value_replaced_by_a_flow_one_after_its_key():
    text = YamlText(TEXT)
    text.replace(("actuals", 1, "source"), flow_mapping([("title", "別の調査")]))
    assert "    status: 確定\n    source: {title: 別の調査}\n\n  # 最後のコメント\n" in text.text


def test_items_inserted_in_order_and_removed_with_their_lines():
    text = YamlText(TEXT)
    text.insert_item(("actuals",), 0, "{year: 2020, value: 0, status: sample}")
    text.insert_item(("actuals",), 3, "{year: 2023, value: 4, status: sample}")
    assert text.text.count("\n") == TEXT.count("\n") + 2
    assert "actuals:\n  - {year: 2020, value: 0, status: sample}\n  - {year: 2021," in text.text
    assert "      url: https://example.jp/\n  - {year: 2023, value: 4, status: sample}\n\n  # 最後のコメント\n" in text.text
    text.remove_item(("actuals",), 2)
    assert "year: 2022" not in text.text and "    value: 2.5" not in text.text and "  # 最後のコメント" in text.text
    assert load_text(text.text, "k.yml")[0].data["actuals"] == [
        {"year": 2020, "value": 0, "status": "sample"}, {"year": 2021, "value": 1, "status": "sample"},
        {"year": 2023, "value": 4, "status": "sample"}]


def test_an_empty_list_becomes_a_block_list_and_back():
    text = YamlText("id: a\nactuals: []  # なし\nunit: 人\n")
    text.insert_item(("actuals",), 0, "{year: 2024, value: 1, status: 確定}")
    assert text.text == "id: a\nactuals:\n  - {year: 2024, value: 1, status: 確定}  # なし\nunit: 人\n"
    text.remove_item(("actuals",), 0)
    assert text.text == "id: a\nactuals: []  # なし\nunit: 人\n"


def test_a_missing_key_is_added_after_the_last_one_and_flow_lists_stay_flow():
    text = YamlText("id: a  # 名前\nname: 指標")
    text.set_key((), "actuals", "[]")
    text.insert_item(("actuals",), 0, "{year: 2024, value: 1, status: 確定}")
    assert text.text == "id: a  # 名前\nname: 指標\nactuals:\n  - {year: 2024, value: 1, status: 確定}"
    flow = YamlText("notes: [a, b]\n")
    flow.insert_item(("notes",), 1, "c")
    flow.remove_item(("notes",), 0)
    assert flow.text == "notes: [c, b]\n"


def test_scalars_read_back_as_written():
    for value in ("確定", "yes", "no", "1.5", "010", "a: b", "- x", "#x", " 先頭の空白", "null", "", "[括弧]", "「引用」, 読点"):
        written = scalar_text(value)
        assert load_text("{k: " + written + "}", "t")[0].data == {"k": value}, (value, written)
    assert (scalar_text(42100.0), scalar_text(36.5), scalar_text(7)) == ("42100", "36.5", "7")
    assert scalar_text("確定") == "確定" and scalar_text("yes") == '"yes"'
