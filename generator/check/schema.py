"""Turning data into models, with every problem located and explained in Japanese."""

from __future__ import annotations

import difflib
import re
import types
import typing
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.load.document import Document, format_path
from generator.model.base import Model
from generator.problems import Problem
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
    model: type[BaseModel]

    @property
    def name(self) -> str:
        return self.loc[-1] if self.loc else ""


Explanation = tuple[str, str]  # (message, hint) in Japanese
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


def _pattern(e: _Error) -> Explanation:
    if str(e.ctx.get("pattern", "")).startswith("^https?"):
        return f"URLの形になっていません（「{e.value}」）。", "http:// または https:// で始まるURLを書いてください。"
    return f"「{e.value}」は名前（id）として使えません。", "英小文字・数字と、間に挟むハイフン（-）だけで書いてください（例: basic-1）。"


def _at_least(e: _Error) -> Explanation:
    hint = ""
    if e.ctx.get("ge") == 1900 and isinstance(e.value, int) and 0 < e.value < 100:
        hint = f"年・年度は西暦で書きます（令和{e.value}年度なら {e.value + 2018}、平成{e.value}年度なら {e.value + 1988}）。"
    return f"{e.ctx.get('ge', e.ctx.get('gt'))} 以上の値にしてください（今は {e.value}）。", hint


def _choices(e: _Error) -> Explanation:
    expected = re.sub(r"'([^']*)'", r"\1", str(e.ctx.get("expected", ""))).replace(" or ", "、")
    return f"「{e.value}」はここでは使えません。", f"次のどれかを書いてください: {expected}"


_AS_MAPPING: Callable[[_Error], Explanation] = lambda e: (  # noqa: E731 - a table entry
    f"「項目名: 値」の組で書いてください（今は{_kind(e.value)}です）。", "一段深く字下げして、項目を1行ずつ書いてください。")

# Message and hint for each pydantic error type (pydantic's CUSTOM_MESSAGES idea, with a hint).
MESSAGES: dict[str, Callable[[_Error], Explanation]] = {
    "missing": _missing,
    "extra_forbidden": _unknown_field,
    "string_type": lambda e: (f"文字で書いてください（今は{_kind(e.value)}です）。", f"文字として扱うには \"{e.value}\" のように引用符で囲んでください。"),
    "int_type": _integer,
    "int_parsing": _integer,
    "int_from_float": _integer,
    "float_type": _number,
    "float_parsing": _number,
    "bool_type": lambda e: (f"true または false で書いてください（今は「{e.value}」です）。", ""),
    "list_type": lambda e: (f"一覧で書いてください（今は{_kind(e.value)}です）。", "各要素を次の行から「- 」で始めて書いてください。"),
    "model_type": _AS_MAPPING,
    "dict_type": _AS_MAPPING,
    "model_attributes_type": _AS_MAPPING,
    "string_too_short": lambda e: ("空になっています。", "文字を入れるか、省略できる項目なら行ごと消してください。"),
    "too_short": lambda e: (f"少なくとも{e.ctx.get('min_length')}個必要です。", "「- 」で始まる要素を追加してください。"),
    "string_pattern_mismatch": _pattern,
    "greater_than_equal": _at_least,
    "greater_than": _at_least,
    "less_than_equal": lambda e: (f"{e.ctx.get('le', e.ctx.get('lt'))} 以下の値にしてください（今は {e.value}）。", ""),
    "less_than": lambda e: (f"{e.ctx.get('le', e.ctx.get('lt'))} 以下の値にしてください（今は {e.value}）。", ""),
    "literal_error": _choices,
    "value_error": lambda e: (str(e.ctx.get("error", e.msg)), ""),
}
# Every date_* error (date_from_datetime_parsing, date_parsing, …) gets one message.
_DATE = ("2021-04-01 のように 年-月-日 の形で、実在する日付を書いてください（西暦、半角数字）。")


def _explain(error: dict, model: type[BaseModel]) -> Explanation:
    """(message, hint) in Japanese for one pydantic error."""
    e = _Error(error["type"], error["loc"], error.get("input"), error.get("ctx", {}) or {}, error["msg"], model)
    if e.value is None and e.type.endswith("_type"):
        return "値が空です。", "値を書いてください（分からない値は空欄にできない項目です）。"
    if e.type.startswith("date_"):
        return f"日付として読めません（「{e.value}」）。", _DATE
    explain = MESSAGES.get(e.type)
    return explain(e) if explain else (f"値が正しくありません（{e.msg}）。", "")


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


def build_model(model: type[BaseModel], document: Document) -> tuple[BaseModel | None, list[Problem]]:
    """Validate a document against a model; every error is located in the file."""
    if document.data is None:
        return None, [Problem(document.name, None, None, "", "ファイルが空です。", "中身を書いてから保存してください。")]
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        problems = []
        errors = [dict(error, loc=_field_loc(error["loc"])) for error in exc.errors(include_url=False)]
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
            message, hint = _explain(error, model)
            problems.append(Problem(document.name, line, column, format_path(loc), message, hint))
        return None, problems


def table_columns(row_model: type[BaseModel]) -> dict[str, bool]:
    """Column names a CSV table of `row_model` may have, and whether each is required."""
    return {name: field.is_required() for name, field in row_model.model_fields.items()}


def build_table(row_model: type[BaseModel], document: Document) -> tuple[list | None, list[Problem]]:
    """Validate a CSV document {"rows": [...]} row by row; problems name line and column."""

    class Table(Model):
        rows: list[row_model]  # type: ignore[valid-type]

    instance, problems = build_model(Table, document)
    if instance is None:
        return None, [_as_column_problem(p) for p in problems]
    return list(instance.rows), []


def _as_column_problem(problem: Problem) -> Problem:
    """rows[3].male → 列「male」: a planner thinks in lines and columns."""
    field = problem.field.split(".", 1)[1] if problem.field.startswith("rows[") and "." in problem.field else problem.field
    return Problem(problem.file, problem.line, problem.column, f"列「{field}」" if field else "", problem.message, problem.hint, problem.severity)
