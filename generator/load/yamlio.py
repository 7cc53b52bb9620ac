"""Safe YAML reading that keeps the location of every value.

PyYAML's own loader silently keeps the last of two duplicate keys and applies
YAML 1.1 rules (`no` → false, `010` → 8, unquoted dates → date objects). Here
the document is only *composed* into nodes, and we turn nodes into plain Python
ourselves with YAML 1.2 core rules, reporting duplicate keys and the 1.1 words
that would have changed meaning, each with file, line and column.

A one-line list or mapping ([a, b], {value: 1}) splits at every half-width comma, so
a name or number with a comma in it silently becomes two values: such splits are
reported (and the pieces joined again), and a one-line list of texts is warned about.
Brackets that do not pair up in a text are warned about too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.load.decode import read_text
from generator.load.document import Document, Path_, format_path
from generator.problems import Problem, Severity
from generator.text.brackets import CLOSERS, bracket_slips, unclosed

_BaseLoader: type[yaml.CSafeLoader | yaml.SafeLoader]
try:  # the C parser is several times faster on large files
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


# A base chosen at run time, which mypy cannot check a class against.
class _NodeLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Composes nodes without resolving plain scalars: we resolve them below."""

    yaml_implicit_resolvers: dict = {}


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}
_TRUE_WORDS = {"true", "True", "TRUE"}
_FALSE_WORDS = {"false", "False", "FALSE"}
# Words YAML 1.1 reads as booleans; YAML 1.2 (and this loader) as text.
_YAML11_BOOL_WORDS = {
    w for base in ("yes", "no", "on", "off", "y", "n") for w in (base, base.capitalize(), base.upper())
}
_INT_RE = re.compile(r"[-+]?[0-9]+")
_LEADING_ZERO_RE = re.compile(r"[-+]?0[0-9]+")
_FLOAT_RE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _is_plain(node: yaml.Node) -> bool:
    """An unquoted text of the file (a comma splits those in [ ] and { })."""
    return isinstance(node, yaml.ScalarNode) and not node.style and node.tag == _STR


def _plain_run(nodes: list[yaml.Node]) -> list[yaml.Node]:
    """The plain values at the start of `nodes`."""
    run = []
    for node in nodes:
        if not _is_plain(node):
            break
        run.append(node)
    return run


def _may_be_split(node: yaml.Node) -> bool:
    """Whether a comma may have split this value from the next: 4 of 4,550人, 事業（相談 of 事業（相談, 講座）."""
    return _is_plain(node) and (bool(_NUMBER_START_RE.fullmatch(node.value)) or unclosed(node.value))


def _number_run(text: str, first: yaml.Node, followers: list[yaml.Node], unit_needed: bool) -> tuple[int, str]:
    """How many followers continue `first` as a number with thousands separators (4 and 550人 of 4,550人)."""
    count, end = 0, first.end_mark.index
    while (count < len(followers) and text[end:followers[count].start_mark.index] == ","
           and re.fullmatch(r"[-+]?[0-9]{1,3}(,[0-9]{3})*", text[first.start_mark.index:end])
           and re.match(r"[0-9]{3}(?![0-9])", followers[count].value)):
        end = followers[count].end_mark.index
        count += 1
    match = _SPLIT_NUMBER_RE.fullmatch(text[first.start_mark.index:end]) if count else None
    if match is None or (unit_needed and not match.group("unit")):
        return 0, ""
    return count, "number"


# Deeper nesting than any data file needs is a mistake; the limit also keeps recursion bounded.
MAX_DEPTH = 40


# A name or number split by commas into more pieces than this is not looked for (it keeps huge lists linear).
MAX_PIECES = 20
# Plain items that are no text a comma could split: ids, numbers, codes.
_NOT_TEXT_RE = re.compile(r"[A-Za-z0-9_.+:/-]*")
_NUMBER_START_RE = re.compile(r"[-+]?[0-9]{1,3}")
# A number written with thousands separators, maybe followed by a unit (4,550人), as a comma splits it.
_SPLIT_NUMBER_RE = re.compile(r"[-+]?[0-9]{1,3}(,[0-9]{3})+(?P<unit>[^0-9,].*)?")


class _Converter:
    def __init__(self, name: str, text: str = ""):
        self.name = name
        self.text = text  # the source, for the pieces a comma split
        self.problems: list[Problem] = []
        self.value_marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}
        self._open: set[int] = set()  # nodes being converted: an alias to one is a cycle
        self._seen: set[int] = set()  # every node converted: meeting one again means an alias (*)
        self._alias_reported = False

    def problem(self, node: yaml.Node, path: Path_, message: str, hint: str, code: str,
                severity: Severity = Severity.ERROR) -> None:
        line, column = _mark(node)
        self.problems.append(Problem(self.name, line, column, format_path(path), message, hint, severity, code=code))

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.value_marks.setdefault(path, _mark(node))
        if id(node) in self._open:
            self.problem(node, path, "別名（*）が自分自身を含んでいます。", "「&」と「*」を使わず、値をそのまま書いてください。",
                         code="E-YAML-ALIAS")
            return None
        if id(node) in self._seen:
            # An alias: expanding aliases of aliases grows exponentially ("billion laughs"),
            # and planners never need them, so each one is refused without being expanded.
            if not self._alias_reported:
                # The alias shares the anchored node (and its position): locate it by its key, else its container.
                line, column = self.key_marks.get(path) or self.value_marks.get(path[:-1], _mark(node))
                self.problems.append(Problem(self.name, line, column, format_path(path),
                                             "別名（「&」で名前を付けた値を「*」で使う書き方）は使えません。",
                                             "「&名前」と「*名前」を消し、値をそのまま書いてください。", code="E-YAML-ALIAS"))
                self._alias_reported = True
            return None
        if len(path) > MAX_DEPTH:
            self.problem(node, path, f"入れ子が深すぎます（{MAX_DEPTH}段まで）。", "字下げや括弧の数を確かめてください。",
                         code="E-YAML-TOO-DEEP")
            return None
        self._seen.add(id(node))
        self._open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            if isinstance(node, yaml.SequenceNode):
                if node.tag != _SEQ:
                    self._unsupported_tag(node, path)
                if node.flow_style:
                    return self._flow_sequence(node, path)
                return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
            assert isinstance(node, yaml.ScalarNode)  # the third kind of node
            return self._scalar(node, path)
        finally:
            self._open.discard(id(node))

    def _unsupported_tag(self, node: yaml.Node, path: Path_) -> None:
        self.problem(
            node, path,
            f"YAMLのタグ「{node.tag}」は使えません。",
            "「!」で始まるタグを消し、値だけを書いてください。", "E-YAML-TAG",
        )

    def _flow_sequence(self, node: yaml.SequenceNode, path: Path_) -> list:
        """A one-line list: pieces a comma split off a name or number are joined again (and reported);
        two or more texts are warned about, since the next comma typed in a name would split it silently."""
        items: list[yaml.Node] = []
        index = 0
        while index < len(node.value):
            first = node.value[index]
            followers = _plain_run(node.value[index + 1:index + 1 + MAX_PIECES]) if _may_be_split(first) else []
            count = self._comma_split(first, followers, path + (len(items),), unit_needed=True)
            items.append(self._joined(first, followers[count - 1]) if count else first)
            index += 1 + count
        texts = [item.value for item in items if _is_plain(item) and not _NOT_TEXT_RE.fullmatch(item.value)
                 and not _FLOAT_RE.fullmatch(item.value)]
        if len(texts) >= 2 and len(items) == len(node.value):
            name = f"{path[-1]}:" if path and isinstance(path[-1], str) else "項目名:"
            self.problem(node, path, f"1行の一覧 [ … ] に文が{len(texts)}つ、半角カンマ「,」で区切って書かれています"
                         f"（「{'」「'.join(texts[:3])}」{'…' if len(texts) > 3 else ''}）。"
                         "名前の中に「,」を書き足すと、黙って2つに分かれてしまいます。",
                         f"1行に1つずつ「- 」で始めて書いてください（例: 「{name}」の次の行から「  - {texts[0]}」）。",
                         "W-YAML-FLOW-LIST", Severity.WARNING)
        return [self.convert(item, path + (i,)) for i, item in enumerate(items)]

    def _flow_pairs(self, node: yaml.MappingNode, path: Path_) -> list[tuple[yaml.Node, yaml.Node]]:
        """The pairs of a one-line mapping, with a value a comma split (value: 4,550人 → 4 and a key 「550人」) joined again."""
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        index = 0
        while index < len(node.value):
            key_node, value_node = node.value[index]
            followers = []
            # `550人` of `value: 4,550人` is a key without a value
            for next_key, next_value in node.value[index + 1:index + 1 + MAX_PIECES] if _may_be_split(value_node) else ():
                if not (_is_plain(next_key) and _is_plain(next_value) and next_value.value == ""
                        and next_value.start_mark.index == next_value.end_mark.index):
                    break
                followers.append(next_key)
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            count = self._comma_split(value_node, followers, path + (key,), unit_needed=False)
            pairs.append((key_node, self._joined(value_node, followers[count - 1]) if count else value_node))
            index += 1 + count
        return pairs

    def _comma_split(self, first: yaml.Node, followers: list[yaml.Node], path: Path_, unit_needed: bool) -> int:
        """How many of `followers` (plain pieces after `first`) a half-width comma split off it; each split is reported."""
        if not _is_plain(first) or not followers:
            return 0
        count, kind = _number_run(self.text, first, followers, unit_needed)
        if not count and unclosed(first.value) and any(char in CLOSERS for piece in followers for char in piece.value):
            count = next((i for i, last in enumerate(followers, start=1)
                          if not bracket_slips(self.text[first.start_mark.index:last.end_mark.index])), 0)
            kind = "bracket"
        if not count:
            return 0
        joined = self.text[first.start_mark.index:followers[count - 1].end_mark.index]
        pieces = "と".join(f"「{piece.value}」" for piece in [first, *followers[:count]])
        if kind == "number":
            number = re.sub(r"[^0-9+-]", "", joined.split(",", 1)[0]) + "".join(
                piece.value[:3] for piece in followers[:count])
            self.problem(first, path, f"「{joined}」の半角カンマ「,」で、値が{pieces}に分かれています"
                         "（{ } や [ ] の中では、カンマが区切りになります）。",
                         f"数なら桁区切りのカンマなしで {number} と書いてください（単位は書きません）。"
                         f"文なら \"{joined}\" のように引用符で囲みます。", "E-YAML-COMMA-NUMBER")
        else:
            self.problem(first, path, f"名前「{joined}」が、半角カンマ「,」で{pieces}に分かれています"
                         "（[ ] の中では、カンマが区切りになります）。",
                         f"1行に1つずつ「- 」で始めて書いてください（例: 「  - {joined}」）。"
                         f"[ ] のまま書くなら \"{joined}\" のように引用符で囲みます。", "E-YAML-COMMA-SPLIT")
        return count

    def _joined(self, first: yaml.Node, last: yaml.Node) -> yaml.ScalarNode:
        """The text the planner meant, as one quoted value (not read again as a number)."""
        text = self.text[first.start_mark.index:last.end_mark.index]
        return yaml.ScalarNode(_STR, text, first.start_mark, last.end_mark, style='"')

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        if node.tag != _MAP:
            self._unsupported_tag(node, path)
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in (self._flow_pairs(node, path) if node.flow_style else node.value):
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, path, "項目名（キー）に一覧や入れ子は使えません。", "「項目名: 値」の形で書いてください。", "E-YAML-KEY")
                continue
            key = key_node.value
            if key != key.strip():
                self.problem(
                    key_node, path + (key,),
                    f"項目名「{key}」の前後に空白（全角スペースなど）があります。",
                    "行頭の字下げは半角スペースだけにし、項目名の前後の全角スペースを消してください。", "E-YAML-KEY",
                )
                key = key.strip()
            if key == "<<" and not key_node.style:
                self.problem(key_node, path + (key,), "マージキー「<<」は使えません。", "必要な項目をそのまま書き写してください。", "E-YAML-KEY")
                continue
            if key in first_seen:
                self.problem(
                    key_node, path + (key,),
                    f"項目「{key}」が同じ場所に2回書かれています（最初は{first_seen[key]}行目）。"
                    "後の値で前の値が黙って上書きされるため、エラーにしています。",
                    "どちらか一方を消すか、項目名の書き間違いを直してください。", "E-YAML-KEY-DUPLICATE",
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.key_marks[path + (key,)] = _mark(key_node)
            result[key] = self.convert(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        value = node.value
        if node.tag != _STR:
            self._unsupported_tag(node, path)
            return value
        if node.style:  # quoted or block scalar: always text (plain is None or "")
            return self._text(node, path, value)
        if value in _NULL_WORDS:
            return None
        if value in _TRUE_WORDS:
            return True
        if value in _FALSE_WORDS:
            return False
        if value in _YAML11_BOOL_WORDS:
            self.problem(
                node, path,
                f"「{value}」は古いYAMLの規則では真偽値（true/false）と読まれ、読み手によって意味が変わります。",
                f"文字として書くなら \"{value}\" のように引用符で囲み、真偽値なら true または false と書いてください。",
                "E-YAML-BOOL-WORD",
            )
            return value
        if _LEADING_ZERO_RE.fullmatch(value):
            self.problem(
                node, path,
                f"「{value}」のように0で始まる数は、古いYAMLの規則では8進数と読まれ、値が変わります。",
                f"数なら先頭の0を消し、番号などの文字なら \"{value}\" のように引用符で囲んでください。",
                "E-YAML-LEADING-ZERO",
            )
            return value
        if _INT_RE.fullmatch(value):
            return int(value)
        if _FLOAT_RE.fullmatch(value):
            return float(value)
        if value.lower() in _SPECIAL_FLOATS:
            return _SPECIAL_FLOATS[value.lower()]
        return self._text(node, path, value)

    def _text(self, node: yaml.ScalarNode, path: Path_, value: str) -> str:
        slips = bracket_slips(value)
        if slips:
            self.problem(node, path, f"括弧が対になっていません: {''.join(slips)}",
                         "括弧の組を確かめてください（「（」は「）」で、「(」は「)」で閉じます）。", "W-TEXT-BRACKET", Severity.WARNING)
        return value


def _tab_problems(text: str, name: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(
                name, number, indent.index("\t") + 1, "",
                "行頭の字下げにタブ文字が使われています。YAMLでは字下げにタブを使えません。",
                "タブを半角スペースに置き換えてください（1段につき2つ）。", code="E-YAML-TAB",
            ))
    return problems


_SYNTAX_HINTS = (
    ("could not find expected ':'", "「項目名: 値」の「:」（半角コロンと半角スペース）が抜けていないか確認してください。"),
    ("mapping values are not allowed", "値の中に「: 」が含まれている場合は、値全体を \"…\" で囲んでください。"),
    ("found character '\\t'", "タブ文字を半角スペースに置き換えてください。"),
    ("did not find expected key", "字下げ（行頭のスペースの数）が前後の行とそろっているか確認してください。"),
    ("did not find expected '-' indicator", "一覧の各行が同じ字下げの「- 」で始まっているか確認してください。"),
    ("found unexpected end of stream", "引用符（\" や '）が閉じられているか確認してください。"),
    ("while scanning a quoted scalar", "引用符（\" や '）が閉じられているか確認してください。"),
    ("found undefined alias", "「*」で始まる別名は使えません。値をそのまま書いてください。"),
    ("exceeded maximum nesting depth", "入れ子（括弧や字下げ）が深すぎます。括弧の数と字下げを確かめてください。"),
)


_KEY = r"^[ \u3000]*(?:- )?[^\s:#\"'：\u3000][^:#\"'：\u3000]*"
_FULL_WIDTH_MISTAKES = (
    (re.compile(r"^ *\u3000"), "字下げに全角スペースが使われています。", "行頭の全角スペースを半角スペースに置き換えてください。"),
    (re.compile(_KEY + "："), "項目名の後のコロンが全角の「：」になっています。", "「：」を半角の「: 」（コロンと半角スペース）に直してください。"),
    (re.compile(_KEY + r":\u3000"), "「:」の後が全角スペースになっています。", "「:」の後を半角スペースにしてください。"),
)


def _full_width_problems(text: str, name: str) -> list[Problem]:
    """Japanese-keyboard slips that break YAML, found where they are typed."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern, message, hint in _FULL_WIDTH_MISTAKES:
            if pattern.match(line):
                problems.append(Problem(name, number, None, "", message, hint, code="E-YAML-FULL-WIDTH"))
                break
    return problems


def _syntax_problem(exc: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if exc.context and "quoted scalar" in exc.context and exc.context_mark:
        mark = exc.context_mark  # where the unclosed quote opened, not the end of the file
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    detail = f"{exc.context or ''} {exc.problem or ''}".strip()
    hint = next((h for key, h in _SYNTAX_HINTS if key in detail), "")
    code = "E-YAML-TOO-DEEP" if "nesting depth" in detail else "E-YAML-SYNTAX"
    if not hint:
        hint = "この行とその直前の行の字下げ・引用符・「: 」を確認してください。"
    return Problem(
        name, line, column, "",
        f"YAMLの書き方に誤りがあるため、このファイルを読めません（{detail}）。",
        hint, code=code,
    )


def load_text(text: str, name: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text; returns the document (None if unreadable) and problems."""
    problems = _tab_problems(text, name)
    try:
        node = yaml.compose(text, Loader=_NodeLoader)
    except RecursionError:  # thousands of nested brackets: the parser itself recurses
        return None, problems + [Problem(name, None, None, "", f"入れ子が深すぎて読めません（{MAX_DEPTH}段まで）。",
                                         "字下げや括弧の数を確かめてください。", code="E-YAML-TOO-DEEP")]
    except yaml.MarkedYAMLError as exc:
        problems += _full_width_problems(text, name)
        if problems:  # these say more precisely what is wrong and where
            return None, problems
        return None, [_syntax_problem(exc, name)]
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        return None, [Problem(name, None, None, "", f"YAMLを読めません（{exc}）。", "", code="E-YAML-SYNTAX")]
    if node is None:
        return Document(name, None), problems
    converter = _Converter(name, text)
    data = converter.convert(node, ())
    return Document(name, data, converter.value_marks, converter.key_marks), problems + converter.problems


def load_file(path: Path, name: str) -> tuple[Document | None, list[Problem]]:
    """Read a file as UTF-8 (BOM accepted) and parse it; never raises on bad input."""
    text, problems = read_text(path, name)
    if text is None:
        return None, problems
    return load_text(text, name)
