"""Brackets that do not pair up in a planner's text: an unclosed 「」（）『』 or a full-width bracket closed by a
half-width one. Both are typing slips that show on the page as they are, so the loader warns about them."""

from __future__ import annotations

import re

# Opening bracket → its closing bracket.
PAIRS = {"「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "［": "］", "〔": "〕", "｛": "｝"}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
# The same bracket in the other width: （ and ( , ） and ) …
OTHER_WIDTH = {"（": "(", "(": "（", "）": ")", ")": "）", "［": "[", "］": "]"}
# List markers such as 1) ２） ア） a) ① stand alone at the start of a text or after a space or punctuation.
_MARKER = re.compile(r"(?:^|(?<=[\s、。：:]))[0-9０-９a-zA-Zａ-ｚア-ンｱ-ﾝ]{1,2}[)）]")


def bracket_slips(text: str) -> list[str]:
    """What is wrong with the brackets of `text`, in Japanese (empty when they pair up)."""
    slips: list[str] = []
    stack: list[str] = []
    markers = {match.end() - 1 for match in _MARKER.finditer(text)}
    for index, char in enumerate(text):
        if char in PAIRS:
            stack.append(char)
        elif char in CLOSERS:
            if stack and PAIRS[stack[-1]] == char:
                stack.pop()
            elif stack and OTHER_WIDTH.get(PAIRS[stack[-1]]) == char:
                slips.append(f"「{stack.pop()}」を「{char}」で閉じています（全角と半角の括弧が混ざっています）。")
            elif CLOSERS[char] in stack:  # 「引用と『原文」: the inner bracket was left open
                while stack[-1] != CLOSERS[char]:
                    opened = stack.pop()
                    slips.append(f"「{opened}」が閉じられていません（「{PAIRS[opened]}」がありません）。")
                stack.pop()
            elif index not in markers:  # a list marker closes nothing: 1） ア）
                slips.append(f"閉じ括弧「{char}」に対応する「{CLOSERS[char]}」がありません。")
    slips += [f"「{char}」が閉じられていません（「{PAIRS[char]}」がありません）。" for char in stack]
    return slips


def unclosed(text: str) -> bool:
    """Whether `text` opens a bracket it does not close (the first part of a name split at a comma)."""
    return any(slip.endswith("がありません）。") for slip in bracket_slips(text))

