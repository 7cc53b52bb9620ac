"""Turning data into models, with every problem located and explained in Japanese."""

from __future__ import annotations

import builtins
import difflib
import math
import re
import types
import typing
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.load.document import Document, format_path
from generator.model.base import Model
from generator.problems import Problem, Severity
from generator.text.eras import parse_era_year

_ERA_START = re.compile(r"^(明治|大正|昭和|平成|令和|[MTSHRmtshr]\d)")
_TYPE_NAMES = {bool: "真偽値（true/false）", int: "整数", float: "小数", str: "文字", list: "一覧", dict: "項目の組", type(None): "空の値"}


def _kind(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that owns the last step of `loc` (for typo suggestions)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        current = _unwrap(current.model_fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """list[X] / X | None / Annotated[X, …] → X, when X is a model."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated or origin in (list, tuple):
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return None
            annotation = members[0]
        else:
            return annotation


def _unwrap_literal(annotation: Any) -> list[str]:
    """The allowed values of a Literal field (through Annotated/Optional), else []."""
    while typing.get_origin(annotation) in (typing.Annotated, typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = args[0]
    return [str(a) for a in typing.get_args(annotation)] if typing.get_origin(annotation) is typing.Literal else []


@dataclass(frozen=True)
class _Error:
    """One pydantic error, with the model it was raised for."""

    type: str
    loc: tuple
    value: Any
    ctx: dict
    msg: str
    model: builtins.type[BaseModel]  # builtins: `type` above is the field

    @property
    def name(self) -> str:
        return self.loc[-1] if self.loc else ""


Explanation = tuple[str, ...]  # (message, hint) in Japanese, and the code when it is not the error type's
_DIGITS_ONLY = "数字だけを書き、引用符・単位・桁区切りのカンマは付けないでください。"


def _missing(e: _Error) -> Explanation:
    owner = _model_at(e.model, e.loc[:-1])
    choices = ""
    if owner is not None and e.name in owner.model_fields:
        allowed = _unwrap_literal(owner.model_fields[e.name].annotation)
        if allowed:
            choices = f"（{'、'.join(allowed)} のどれか）"
    return f"必須の項目「{e.name}」がありません。", f"「{e.name}: …」{choices}を書き足してください。"


def _unknown_field(e: _Error) -> Explanation:
    owner = _model_at(e.model, e.loc[:-1])
    known = sorted(owner.model_fields) if owner else []
    close = difflib.get_close_matches(str(e.name), known, n=1, cutoff=0.6)
    hint = f"「{close[0]}」の書き間違いではありませんか。" if close else ""
    if known:
        hint += f"ここで使える項目: {', '.join(known)}"
    return f"「{e.name}」という項目はありません（書き間違いの可能性があります）。", hint


def _integer(e: _Error) -> Explanation:
    message = f"整数で書いてください（今は{_kind(e.value)}「{e.value}」です）。"
    if isinstance(e.value, str):
        half_width = unicodedata.normalize("NFKC", e.value).replace(",", "")
        if half_width.isdigit():
            return message, f"数字は半角で、桁区切りのカンマなしで書いてください（{int(half_width)}）。"
        if _ERA_START.match(half_width):
            try:  # a planner wrote an era year where a Western year is expected
                return message, f"年・年度は西暦で書きます。「{e.value}」なら {parse_era_year(e.value)} と書いてください。"
            except ValueError as reason:
                return message, f"{reason} 年・年度は西暦で書いてください。"
    return message, _DIGITS_ONLY


def _number(e: _Error) -> Explanation:
    message = f"数値で書いてください（今は{_kind(e.value)}「{e.value}」です）。"
    if isinstance(e.value, str):
        plain = unicodedata.normalize("NFKC", e.value).replace(",", "")
        try:
            return message, f"数字は半角で、桁区切りのカンマなしで書いてください（{float(plain):g}）。"
        except ValueError:
            pass
    return message, _DIGITS_ONLY


def _not_finite(e: _Error) -> Explanation:
    """.inf / .nan in YAML (a float here) or inf / nan / Infinity in a CSV cell (text)."""
    written = e.value
    if isinstance(e.value, float):
        written = ".nan" if math.isnan(e.value) else (".inf" if e.value > 0 else "-.inf")
    return (f"「{written}」は無限大か非数（NaN）で、数として計算できません。",
            "実際の値を半角数字で書いてください。値が分からないなら、その年・その行を書かずにおきます。")


# Patterns that are not ids, by the field's pattern: (message, fix, code). Anything else is an id.
_PATTERNS: dict[str, tuple[str, str, str]] = {
    r"^https?://[^\s<>\"]+$": ("URLの形になっていません（「{value}」）。", "http:// または https:// で始まるURLを書いてください。", "E-SCHEMA-URL"),
    r"^[A-Za-z0-9][A-Za-z0-9._/-]*$": (
        "「{value}」はファイル名に使えない文字を含んでいます。",
        "documents/ の中のファイル名は、半角の英数字・ハイフン・ドット・下線とフォルダの / で付けてください"
        "（例: council/2025-1-shiryo.pdf）。日本語のファイル名は、ファイルの名前を変えてから書きます。", "E-SCHEMA-FILENAME"),
    r"^([a-z0-9][a-z0-9/_-]*/?|https?://[^\s<>\"]+)$": (
        "「{value}」はサイトのページでも http(s):// のアドレスでもありません。",
        "サイトの中のページは reviews/2024/ のように（先頭の / なし、英小文字）、外のページは https:// から書いてください。",
        "E-SCHEMA-PAGE-LINK"),
}


def _pattern(e: _Error) -> Explanation:
    message, fix, code = _PATTERNS.get(str(e.ctx.get("pattern", "")), (
        "「{value}」は名前（id）として使えません。", "英小文字・数字と、間に挟むハイフン（-）だけで書いてください（例: basic-1）。", ""))
    return (message.format(value=e.value), fix, code) if code else (message.format(value=e.value), fix)


def _at_least(e: _Error) -> Explanation:
    hint = ""
    if e.ctx.get("ge") == 1900 and isinstance(e.value, int) and 0 < e.value < 100:
        hint = f"年・年度は西暦で書きます（令和{e.value}年度なら {e.value + 2018}、平成{e.value}年度なら {e.value + 1988}）。"
    return f"{e.ctx.get('ge', e.ctx.get('gt'))} 以上の値にしてください（今は {e.value}）。", hint


def _choices(e: _Error) -> Explanation:
    expected = re.sub(r"'([^']*)'", r"\1", str(e.ctx.get("expected", ""))).replace(" or ", "、")
    return f"「{e.value}」はここでは使えません。", f"次のどれかを書いてください: {expected}"


def _text(e: _Error) -> Explanation:
    message = f"文字で書いてください（今は{_kind(e.value)}です）。"
    if isinstance(e.value, list):
        return message, "一覧（「- 」や [ ]）にせず、1つの文で書いてください。"
    if isinstance(e.value, dict):
        return message, "1つの文で書いてください。文の中に「: 」があるなら、文全体を \"…\" で囲みます。"
    return message, f"文字として扱うには \"{e.value}\" のように引用符で囲んでください。"


_AS_MAPPING: Callable[[_Error], Explanation] = lambda e: (  # noqa: E731 - a table entry
    f"「項目名: 値」の組で書いてください（今は{_kind(e.value)}です）。", "一段深く字下げして、項目を1行ずつ書いてください。")
_AT_MOST: Callable[[_Error], Explanation] = lambda e: (  # noqa: E731 - a table entry
    f"{e.ctx.get('le', e.ctx.get('lt'))} 以下の値にしてください（今は {e.value}）。", "")

# Code of the message catalog, message and hint for each pydantic error type (pydantic's CUSTOM_MESSAGES idea,
# with a hint and a stable code). A hint left empty is the catalog's fix for the code.
MESSAGES: dict[str, tuple[str, Callable[[_Error], Explanation]]] = {
    "missing": ("E-SCHEMA-MISSING", _missing),
    "extra_forbidden": ("E-SCHEMA-UNKNOWN-FIELD", _unknown_field),
    "string_type": ("E-SCHEMA-TEXT", _text),
    "int_type": ("E-SCHEMA-INTEGER", _integer),
    "int_parsing": ("E-SCHEMA-INTEGER", _integer),
    "int_from_float": ("E-SCHEMA-INTEGER", _integer),
    "float_type": ("E-SCHEMA-NUMBER", _number),
    "float_parsing": ("E-SCHEMA-NUMBER", _number),
    "finite_number": ("E-SCHEMA-NOT-FINITE", _not_finite),
    "bool_type": ("E-SCHEMA-BOOL", lambda e: (f"true または false で書いてください（今は「{e.value}」です）。",
                                             "true（はい）か false（いいえ）と書いてください。")),
    "list_type": ("E-SCHEMA-LIST", lambda e: (f"一覧で書いてください（今は{_kind(e.value)}です）。", "各要素を次の行から「- 」で始めて書いてください。")),
    "model_type": ("E-SCHEMA-MAPPING", _AS_MAPPING),
    "dict_type": ("E-SCHEMA-MAPPING", _AS_MAPPING),
    "model_attributes_type": ("E-SCHEMA-MAPPING", _AS_MAPPING),
    "string_too_short": ("E-SCHEMA-EMPTY-TEXT", lambda e: ("空になっています。", "文字を入れるか、省略できる項目なら行ごと消してください。")),
    "too_short": ("E-SCHEMA-TOO-FEW", lambda e: (f"少なくとも{e.ctx.get('min_length')}個必要です。", "「- 」で始まる要素を追加してください。")),
    "string_pattern_mismatch": ("E-SCHEMA-ID", _pattern),
    "greater_than_equal": ("E-SCHEMA-TOO-SMALL", _at_least),
    "greater_than": ("E-SCHEMA-TOO-SMALL", _at_least),
    "less_than_equal": ("E-SCHEMA-TOO-LARGE", _AT_MOST),
    "less_than": ("E-SCHEMA-TOO-LARGE", _AT_MOST),
    "literal_error": ("E-SCHEMA-CHOICE", _choices),
    "value_error": ("E-SCHEMA-RULE", lambda e: (str(e.ctx.get("error", e.msg)), "")),
}
# Every date_* error (date_from_datetime_parsing, date_parsing, …) gets one message.
_DATE = ("2021-04-01 のように 年-月-日 の形で、実在する日付を書いてください（西暦、半角数字）。")


def _explain(error: dict, model: type[BaseModel]) -> tuple[str, str, str]:
    """(message, hint, code) in Japanese for one pydantic error."""
    e = _Error(error["type"], error["loc"], error.get("input"), error.get("ctx", {}) or {}, error["msg"], model)
    if e.value is None and e.type.endswith("_type"):
        return "値が空です。", "値を書くか、省略できる項目なら行ごと消してください。", "E-SCHEMA-EMPTY-VALUE"
    if e.type.startswith("date_"):
        return f"日付として読めません（「{e.value}」）。", _DATE, "E-SCHEMA-DATE"
    code, explain = MESSAGES.get(e.type, ("E-SCHEMA-OTHER", lambda e: (f"値が正しくありません（{e.msg}）。",
                                                                       "データ項目の説明で、その項目に書ける値を確かめてください。")))
    message, hint, *own_code = explain(e)
    return message, hint, own_code[0] if own_code else code


def _misspelled_nearby(loc: tuple, errors: list[dict]) -> bool:
    """Whether a missing field was (probably) written with a typo beside it."""
    typos = [
        str(e["loc"][-1]) for e in errors
        if e["type"] == "extra_forbidden" and tuple(e["loc"][:-1]) == loc[:-1]
    ]
    return bool(difflib.get_close_matches(str(loc[-1]), typos, n=1, cutoff=0.6))


# How pydantic names the members of a union in an error's location (not fields a planner wrote).
_UNION_MEMBER = re.compile(r"^(constrained-|literal\[|function-|lax-|strict-|json-or-python\[|tagged-union\[|union\[)")


def _field_loc(loc: tuple) -> tuple:
    """The location as the planner's fields, without pydantic's union member tags."""
    return tuple(part for part in loc if not (isinstance(part, str) and _UNION_MEMBER.match(part)))


_M = TypeVar("_M", bound=BaseModel)


def build_model(model: type[_M], document: Document) -> tuple[_M | None, list[Problem]]:
    """Validate a document against a model; every error is located in the file."""
    if document.data is None:
        return None, [Problem(document.name, None, None, "", "ファイルが空です。", "中身を書いてから保存してください。", code="E-FILE-EMPTY")]
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        problems = []
        errors: list[dict[str, Any]] = [dict(error, loc=_field_loc(error["loc"])) for error in exc.errors(include_url=False)]
        reported: set[tuple] = set()
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "missing" and _misspelled_nearby(loc, errors):
                continue  # the typo's own message already names this field
            if loc in reported and loc:
                continue  # one message per field: the first member of a union (year or 記載なし) says enough
            reported.add(loc)
            if error["type"] in ("missing",) or not loc:
                line, column = document.locate(loc[:-1] if loc else ())
            elif error["type"] == "extra_forbidden":
                line, column = document.locate(loc, key=True)
            else:
                line, column = document.locate(loc)
            message, hint, code = _explain(error, model)
            problems.append(Problem(document.name, line, column, format_path(loc), message, hint, code=code))
        return None, problems


# What the reader noticed about how a value was written, and what that says about the model's error at the same field:
# a word YAML 1.1 reads differently (no, 010) is better explained by the model, which knows the field's type and choices;
# a value a comma split (4,550人) is better explained by the reader, which saw the comma.
_TYPE_KNOWS_BETTER = frozenset({"E-YAML-BOOL-WORD", "E-YAML-LEADING-ZERO"})
_READER_KNOWS_BETTER = frozenset({"E-YAML-COMMA-NUMBER", "E-YAML-COMMA-SPLIT"})


def merge_problems(load_problems: list[Problem], model_problems: list[Problem]) -> list[Problem]:
    """One explanation per field: the reader's and the model's problems of a file, without saying a thing twice.

    `better: yes` is reported once, by the model, with the words the field takes (higher、lower) rather than
    with "yes" quoted, which would still be wrong; `{value: 4,550人}` once, by the reader, with the comma named.
    """
    model_fields = {problem.field for problem in model_problems}
    split_fields = {problem.field for problem in load_problems if problem.code in _READER_KNOWS_BETTER}
    kept = [p for p in load_problems if not (p.code in _TYPE_KNOWS_BETTER and p.field in model_fields)]
    return kept + [p for p in model_problems if not any(p.field == f or p.field.startswith(f + ".") for f in split_fields)]


def table_columns(row_model: type[BaseModel]) -> dict[str, bool]:
    """Column names a CSV table of `row_model` may have, and whether each is required."""
    return {name: field.is_required() for name, field in row_model.model_fields.items()}


def table_aliases(row_model: type[BaseModel]) -> dict[str, str]:
    """The Japanese column names (each field's `title`) a header may use instead of the English ones: {title: name}."""
    return {field.title: name for name, field in row_model.model_fields.items() if field.title}


def _old_words(row_model: type[BaseModel], document: Document) -> tuple[Document, list[Problem]]:
    """The table with words of earlier versions (確認済) read as today's (確定), and a located warning for each."""
    old_words: dict[str, dict[str, str]] = getattr(row_model, "old_words", {})
    rows, warnings = [], []
    for index, row in enumerate(document.data["rows"]):
        row = dict(row)
        for column, words in old_words.items():
            new = words.get(row.get(column) or "")
            if new is None:
                continue
            line, position = document.locate(("rows", index, column))
            warnings.append(Problem(
                document.name, line, position, f"列「{column}」",
                f"「{row[column]}」は前の版の書き方です。今は「{new}」と書きます（「{new}」として読みました）。",
                f"「{row[column]}」を「{new}」に書き換えてください。", Severity.WARNING, code="W-CSV-OLD-WORD"))
            row[column] = new
        rows.append(row)
    if not warnings:
        return document, []
    return Document(document.name, {"rows": rows}, document.value_marks, document.key_marks), warnings


def build_table(row_model: type[BaseModel], document: Document) -> tuple[list | None, list[Problem]]:
    """Validate a CSV document {"rows": [...]} row by row; problems name line and column.

    The rows are None when any cell is wrong; warnings (an old status word) come with the rows.
    """

    class Table(Model):
        rows: list[row_model]  # type: ignore[valid-type]  # a model made at run time for each row model

    document, warnings = _old_words(row_model, document)
    instance, problems = build_model(Table, document)
    if instance is None:
        return None, warnings + [_as_column_problem(p) for p in problems]
    return list(instance.rows), warnings


def _as_column_problem(problem: Problem) -> Problem:
    """rows[3].male → 列「male」: a planner thinks in lines and columns."""
    field = problem.field.split(".", 1)[1] if problem.field.startswith("rows[") and "." in problem.field else problem.field
    return Problem(problem.file, problem.line, problem.column, f"列「{field}」" if field else "", problem.message, problem.hint, problem.severity,
                   code=problem.code)
