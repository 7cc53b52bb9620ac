"""Turning data into models, with every problem located and explained in Japanese."""

from __future__ import annotations

import difflib
import re
import unicodedata
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .eras import parse_era_year
from .problems import Problem
from .yamlio import Document, format_path

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
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, tuple):
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


def _explain(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    """(message, hint) in Japanese for one pydantic error."""
    kind = error["type"]
    ctx = error.get("ctx", {}) or {}
    loc = error["loc"]
    value = error.get("input")
    name = loc[-1] if loc else ""
    if value is None and kind.endswith("_type"):
        return "値が空です。", "値を書いてください（分からない値は空欄にできない項目です）。"
    if kind == "missing":
        owner = _model_at(model, loc[:-1])
        choices = ""
        if owner is not None and name in owner.model_fields:
            annotation = _unwrap_literal(owner.model_fields[name].annotation)
            if annotation:
                choices = f"（{'、'.join(annotation)} のどれか）"
        return f"必須の項目「{name}」がありません。", f"「{name}: …」{choices}を書き足してください。"
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        known = sorted(owner.model_fields) if owner else []
        close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        hint = f"「{close[0]}」の書き間違いではありませんか。" if close else ""
        if known:
            hint += f"ここで使える項目: {', '.join(known)}"
        return f"「{name}」という項目はありません（書き間違いの可能性があります）。", hint
    if kind in ("string_type",):
        return f"文字で書いてください（今は{_kind(value)}です）。", f"文字として扱うには \"{value}\" のように引用符で囲んでください。"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        message = f"整数で書いてください（今は{_kind(value)}「{value}」です）。"
        if isinstance(value, str):
            half_width = unicodedata.normalize("NFKC", value).replace(",", "")
            if half_width.isdigit():
                return message, f"数字は半角で、桁区切りのカンマなしで書いてください（{int(half_width)}）。"
            if _ERA_START.match(half_width):
                try:  # a planner wrote an era year where a Western year is expected
                    return message, f"年・年度は西暦で書きます。「{value}」なら {parse_era_year(value)} と書いてください。"
                except ValueError as reason:
                    return message, f"{reason} 年・年度は西暦で書いてください。"
        return message, "数字だけを書き、引用符・単位・桁区切りのカンマは付けないでください。"
    if kind in ("float_type", "float_parsing"):
        message = f"数値で書いてください（今は{_kind(value)}「{value}」です）。"
        if isinstance(value, str):
            plain = unicodedata.normalize("NFKC", value).replace(",", "")
            try:
                return message, f"数字は半角で、桁区切りのカンマなしで書いてください（{float(plain):g}）。"
            except ValueError:
                pass
        return message, "数字だけを書き、引用符・単位・桁区切りのカンマは付けないでください。"
    if kind == "bool_type":
        return f"true または false で書いてください（今は「{value}」です）。", ""
    if kind == "list_type":
        return f"一覧で書いてください（今は{_kind(value)}です）。", "各要素を次の行から「- 」で始めて書いてください。"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"「項目名: 値」の組で書いてください（今は{_kind(value)}です）。", "一段深く字下げして、項目を1行ずつ書いてください。"
    if kind == "string_too_short":
        return "空になっています。", "文字を入れるか、省略できる項目なら行ごと消してください。"
    if kind == "too_short":
        return f"少なくとも{ctx.get('min_length')}個必要です。", "「- 」で始まる要素を追加してください。"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith("^https?"):
            return f"URLの形になっていません（「{value}」）。", "http:// または https:// で始まるURLを書いてください。"
        return f"「{value}」は名前（id）として使えません。", "英小文字・数字と、間に挟むハイフン（-）だけで書いてください（例: basic-1）。"
    if kind in ("greater_than_equal", "greater_than"):
        hint = ""
        if ctx.get("ge") == 1900 and isinstance(value, int) and 0 < value < 100:
            hint = f"年・年度は西暦で書きます（令和{value}年度なら {value + 2018}、平成{value}年度なら {value + 1988}）。"
        return f"{ctx.get('ge', ctx.get('gt'))} 以上の値にしてください（今は {value}）。", hint
    if kind in ("less_than_equal", "less_than"):
        return f"{ctx.get('le', ctx.get('lt'))} 以下の値にしてください（今は {value}）。", ""
    if kind == "literal_error":
        expected = re.sub(r"'([^']*)'", r"\1", str(ctx.get("expected", ""))).replace(" or ", "、")
        return f"「{value}」はここでは使えません。", f"次のどれかを書いてください: {expected}"
    if kind.startswith("date_"):
        return (f"日付として読めません（「{value}」）。",
                "2021-04-01 のように 年-月-日 の形で、実在する日付を書いてください（西暦、半角数字）。")
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), ""
    return f"値が正しくありません（{error['msg']}）。", ""


def _misspelled_nearby(loc: tuple, errors: list[dict]) -> bool:
    """Whether a missing field was (probably) written with a typo beside it."""
    typos = [
        str(e["loc"][-1]) for e in errors
        if e["type"] == "extra_forbidden" and tuple(e["loc"][:-1]) == loc[:-1]
    ]
    return bool(difflib.get_close_matches(str(loc[-1]), typos, n=1, cutoff=0.6))


def build_model(model: type[BaseModel], document: Document) -> tuple[BaseModel | None, list[Problem]]:
    """Validate a document against a model; every error is located in the file."""
    if document.data is None:
        return None, [Problem(document.name, None, None, "", "ファイルが空です。", "中身を書いてから保存してください。")]
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        problems = []
        errors = exc.errors(include_url=False)
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "missing" and _misspelled_nearby(loc, errors):
                continue  # the typo's own message already names this field
            if error["type"] in ("missing",) or not loc:
                line, column = document.locate(loc[:-1] if loc else ())
            elif error["type"] == "extra_forbidden":
                line, column = document.locate(loc, key=True)
            else:
                line, column = document.locate(loc)
            message, hint = _explain(error, model)
            problems.append(Problem(document.name, line, column, format_path(loc), message, hint))
        return None, problems
