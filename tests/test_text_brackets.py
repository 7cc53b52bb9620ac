import pytest

from generator.text.brackets import bracket_slips, unclosed


@pytest.mark.parametrize("text", ["市の「計画」（案）", "『原文』の「引用」", "（1）説明", "1）最初 2）次", "ア）項目", "(1) x", "【重要】", ""])
def test_paired_brackets_and_list_markers_are_fine(text):
    assert bracket_slips(text) == []


@pytest.mark.parametrize(("text", "slips"), [
    ("事業（相談", ["「（」が閉じられていません（「）」がありません）。"]),
    ("講座）の実施", ["閉じ括弧「）」に対応する「（」がありません。"]),
    ("計画（案)", ["「（」を「)」で閉じています（全角と半角の括弧が混ざっています）。"]),
    ("計画(案）", ["「(」を「）」で閉じています（全角と半角の括弧が混ざっています）。"]),
    ("「引用と『原文」", ["「『」が閉じられていません（「』」がありません）。"]),
])
def test_slips_are_named(text, slips):
    assert bracket_slips(text) == slips


def test_unclosed_is_the_first_part_of_a_split_name():
    assert unclosed("創業支援事業（相談") and not unclosed("講座）") and not unclosed("（1）")
